"""ASRI Desktop: the offline production desk of BPBD Kabupaten Bangka's social-media team."""

__version__ = "0.1.0"
