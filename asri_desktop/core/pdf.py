"""What every PDF ASRI Desktop writes (approval sheets, evaluation reports) shares."""

from __future__ import annotations


def use_binary_streams() -> None:
    """Write PDF streams as binary, not wrapped in ASCII85 text (reportlab's default).

    ASCII85 makes every image 25% larger and is encoded in pure Python (about a third of an
    approval sheet's build time with five thumbnails). reportlab only offers a process-wide
    switch, so it is set once, before the first PDF, and left so: two PDFs built at the same
    time in different threads are encoded the same way.
    """
    from reportlab import rl_config

    rl_config.useA85 = 0
