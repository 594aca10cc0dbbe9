"""The ffmpeg binary that imageio-ffmpeg ships, run as a cancellable job with progress.

There is no ffprobe in that package, so everything here goes through the one
``ffmpeg`` executable. A job reports progress by reading ffmpeg's
``-progress pipe:1`` key=value stream (``out_time_us``) against a known total
duration, and polls a ``cancel()`` check while it runs; a cancelled job kills
the process and raises :class:`JobCancelled`.
"""

from __future__ import annotations

import os
import queue
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

from asri_desktop.core.errors import AsriError, InputError

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]

# How often (seconds) a running job looks at the cancel check when ffmpeg is quiet.
_POLL = 0.05


class FFmpegMissing(AsriError):
    """The bundled ffmpeg binary cannot be found or started."""

    exit_code = 2


class FFmpegFailed(AsriError):
    """ffmpeg ran and failed; ``stderr_tail`` holds its last lines for the report."""

    exit_code = 1

    def __init__(self, message: str, *, stderr_tail: str = "") -> None:
        super().__init__(message)
        self.stderr_tail = stderr_tail


class JobCancelled(AsriError):
    """The person cancelled a long job; nothing it was writing is left behind."""

    exit_code = 1


@lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    """Path of the ffmpeg binary: ``ASRI_FFMPEG`` if set, else the one imageio-ffmpeg ships."""
    override = os.environ.get("ASRI_FFMPEG")
    if override:
        if not Path(override).exists():
            raise FFmpegMissing(f"ffmpeg di ASRI_FFMPEG='{override}' tidak ditemukan.")
        return override
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except Exception as exc:  # the package raises RuntimeError when the binary is missing
        raise FFmpegMissing(
            f"Program ffmpeg tidak ditemukan ({exc}). Pasang ulang paket imageio-ffmpeg."
        ) from exc


def run_quick(args: Sequence[str], *, timeout: float = 60.0) -> subprocess.CompletedProcess:
    """Run ffmpeg for a short task (probing, listing) and return the completed process.

    Output is captured as bytes: stderr of ``ffmpeg -i`` may carry metadata in
    any encoding, so callers decode it leniently.
    """
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", *args]
    try:
        return subprocess.run(cmd, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise FFmpegFailed(f"ffmpeg tidak selesai dalam {timeout:.0f} detik.") from exc
    except OSError as exc:
        raise FFmpegMissing(f"ffmpeg tidak dapat dijalankan: {exc}") from exc


@dataclass
class JobResult:
    """What a finished job leaves: its exit code and the tail of its log."""

    returncode: int
    stderr: str
    elapsed: float


def run_job(
    args: Sequence[str],
    *,
    duration: float | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    message: str = "Memproses video",
    stdout_sink: Callable[[bytes], None] | None = None,
    cwd: str | Path | None = None,
) -> JobResult:
    """Run one ffmpeg job with progress and cancellation.

    Args:
        args: ffmpeg arguments after the binary (inputs, filters, outputs).
        duration: total seconds of output expected, to turn ``out_time`` into a fraction.
        progress: called as ``progress(fraction, message)`` with 0..1.
        cancel: polled while running; returning True kills ffmpeg.
        message: the Indonesian label passed to ``progress``.
        stdout_sink: when given, ffmpeg's stdout carries data (e.g. raw PCM) and
            each chunk is passed here; progress then is not parsed.
        cwd: working directory of the process (relative names in filter graphs).

    Returns:
        The :class:`JobResult`; a non-zero return code raises :class:`FFmpegFailed`.

    Raises:
        JobCancelled: when ``cancel()`` returned True.
    """
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-y"]
    if stdout_sink is None:
        cmd += ["-progress", "pipe:1", "-nostats"]
    cmd += list(args)
    # stderr goes to a temp file, never a pipe nobody reads: a chatty ffmpeg
    # would otherwise fill the pipe buffer and stall.
    err_file = tempfile.TemporaryFile()
    start = time.monotonic()
    try:
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=err_file, stdin=subprocess.DEVNULL, cwd=cwd
        )
    except OSError as exc:
        err_file.close()
        raise FFmpegMissing(f"ffmpeg tidak dapat dijalankan: {exc}") from exc

    chunks: queue.Queue[bytes | None] = queue.Queue()

    def reader() -> None:
        assert proc.stdout is not None
        read = proc.stdout.read1 if stdout_sink is not None else proc.stdout.readline  # type: ignore[union-attr]
        while True:
            data = read(1 << 16) if stdout_sink is not None else read()
            if not data:
                break
            chunks.put(data)
        chunks.put(None)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    if progress:
        progress(0.0, message)
    last = -1.0
    try:
        while True:
            if cancel is not None and cancel():
                proc.kill()
                proc.wait()
                raise JobCancelled("Proses dibatalkan oleh pengguna.")
            try:
                data = chunks.get(timeout=_POLL)
            except queue.Empty:
                continue
            if data is None:
                break
            if stdout_sink is not None:
                stdout_sink(data)
                continue
            line = data.decode("ascii", "replace").strip()
            if progress and duration and line.startswith("out_time_us="):
                try:
                    us = int(line.split("=", 1)[1])
                except ValueError:
                    continue  # ffmpeg writes N/A before the first frame
                frac = max(0.0, min(1.0, us / 1e6 / duration))
                if frac - last >= 0.01:
                    last = frac
                    progress(frac, message)
        proc.wait()
    except BaseException:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        raise
    finally:
        thread.join(timeout=1)
        err_file.seek(0)
        stderr = err_file.read().decode("utf-8", "replace")
        err_file.close()
    elapsed = time.monotonic() - start
    if proc.returncode != 0:
        tail = "\n".join(stderr.strip().splitlines()[-8:])
        raise FFmpegFailed(f"ffmpeg gagal (kode {proc.returncode}): {_last_line(stderr)}", stderr_tail=tail)
    if progress:
        progress(1.0, message)
    return JobResult(proc.returncode, stderr, elapsed)


def _last_line(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1] if lines else "tanpa keterangan"


def file_arg(path: str | Path) -> str:
    """A path as an ffmpeg input/output argument that is never mistaken for a protocol.

    ffmpeg reads ``banjir: rob.mp4`` as the protocol ``banjir``; the ``file:`` prefix on the
    absolute path avoids that (and keeps Windows drive letters working).
    """
    return "file:" + str(Path(path).absolute())


def check_path(path: str | Path) -> Path:
    """A path that exists and is a readable file, else a clear :class:`InputError`."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"Berkas '{p}' tidak ditemukan.")
    if not p.is_file():
        raise InputError(f"'{p}' bukan berkas.")
    if not os.access(p, os.R_OK):
        raise InputError(f"Berkas '{p}' tidak dapat dibaca (izin akses).")
    return p
