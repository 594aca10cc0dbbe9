"""Small generated media for the video tests, made once per session with the bundled ffmpeg.

Every file is built for one case: tiny frames where the check allows it, a few seconds
long, ``-preset ultrafast``. Speech-like audio with known speech intervals comes from
``speechgen`` (tone bursts shaped like syllables over background noise).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import speechgen  # noqa: E402

# The clean case: speech here, and the cues of CLEAN_SRT cover exactly these stretches.
CLEAN_SPEECH = [(0.6, 1.9), (2.4, 3.6)]
CLEAN_SRT = """1
00:00:00,600 --> 00:00:01,900
Segera evakuasi.

2
00:00:02,400 --> 00:00:03,600
Hubungi 112.
"""


def ffmpeg() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def run_ffmpeg(*args: str) -> None:
    """Run ffmpeg quietly; a failure shows its log in the test report."""
    proc = subprocess.run([ffmpeg(), "-hide_banner", "-loglevel", "error", "-y", *args], capture_output=True)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode("utf-8", "replace"))


def video_args(size: str = "720x1280", dur: float = 4.0, fps: int = 30, src: str = "color=c=0x2a5d84") -> list[str]:
    sep = ":" if "=" in src else "="
    return ["-f", "lavfi", "-i", f"{src}{sep}s={size}:r={fps}:d={dur}"]


H264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
AAC = ["-c:a", "aac", "-b:a", "64k"]


class FF:
    """Argument builders the tests use through the ``ff`` fixture (conftest is not importable)."""

    H264 = H264
    AAC = AAC
    video_args = staticmethod(video_args)
    run = staticmethod(run_ffmpeg)
    CLEAN_SPEECH = CLEAN_SPEECH
    CLEAN_SRT = CLEAN_SRT


@pytest.fixture(scope="session")
def ff() -> type[FF]:
    return FF


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def make_media(media_dir) -> Callable[..., Path]:
    """``make_media(name, *ffmpeg_args)``: build ``name`` once per session and return its path."""

    def make(name: str, *args: str) -> Path:
        out = media_dir / name
        if not out.exists():
            run_ffmpeg(*args, str(out))
        return out

    return make


@pytest.fixture(scope="session")
def speech_wav(media_dir) -> Path:
    """4 s of speech-like audio with speech exactly in CLEAN_SPEECH."""
    out = media_dir / "speech.wav"
    if not out.exists():
        speechgen.write_wav(out, speechgen.track(4.0, CLEAN_SPEECH, snr_db=25, seed=3))
    return out


@pytest.fixture(scope="session")
def clean_video(make_media, speech_wav) -> Path:
    """A video that passes ``asri-60``: 720x1280 H.264 yuv420p 30 fps, AAC, +faststart, 4 s."""
    return make_media("clean.mp4", *video_args(), "-i", str(speech_wav), "-map", "0:v", "-map", "1:a",
                      *H264, *AAC, "-shortest", "-movflags", "+faststart")


@pytest.fixture(scope="session")
def clean_srt(media_dir) -> Path:
    p = media_dir / "clean.srt"
    p.write_text(CLEAN_SRT, encoding="utf-8")
    return p


@pytest.fixture(scope="session")
def small_video(make_media) -> Path:
    """A tiny 180x320 clip with a tone, 4 s like the clean one, for checks that do not depend on size."""
    return make_media("small.mp4", *video_args("180x320", 4.0, src="testsrc2"), "-f", "lavfi", "-i",
                      "sine=f=440:d=4", *H264, *AAC, "-shortest", "-movflags", "+faststart")


@pytest.fixture
def small_profile():
    """``asri-60`` with the resolution floor and target lowered to 180x320, so exports stay fast."""
    from dataclasses import replace

    from asri_desktop.core.media import profiles

    return replace(profiles.get("asri-60"), id="uji-kecil", name="Uji kecil", min_short_side=180,
                   min_long_side=320, target_width=180, target_height=320)
