"""Probe a media file without decoding it: ``ffmpeg -i`` plus our own MP4/MOV box walk.

imageio-ffmpeg ships no ffprobe, so the stream facts come from parsing the
header summary ``ffmpeg -i FILE`` prints on stderr (it reads only the header
and a few packets, never the whole file). What that summary does not say
reliably -- whether the ``moov`` box sits before ``mdat`` (``+faststart``), the
track's display matrix, and whether the file was cut short -- is read from the
ISO-BMFF box structure directly, touching only box headers and ``moov``.
"""

from __future__ import annotations

import math
import re
import struct
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from asri_desktop.core.errors import InputError
from asri_desktop.core.media import ffmpeg

# Containers ffmpeg recognises for still images: such a "video" is a picture, not a clip.
_IMAGE_FORMATS = {"image2", "png_pipe", "jpeg_pipe", "webp_pipe", "gif", "bmp_pipe", "tiff_pipe", "svg_pipe"}
_IMAGE_CODECS = {"png", "mjpeg", "webp", "bmp", "tiff", "gif", "svg"}
# moov larger than this is not read into memory for the display matrix (real moovs are a few MB).
_MAX_MOOV = 256 * 1024 * 1024
_ISO_TOP_BOXES = {b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"uuid", b"moof", b"mfra", b"meta", b"pdin",
                  b"styp", b"sidx", b"prft", b"emsg", b"pnot", b"PICT"}


@dataclass
class VideoStream:
    """One video stream as ffmpeg describes it, plus the rotation it is displayed with."""

    index: int
    codec: str
    profile: str | None
    pix_fmt: str | None
    width: int
    height: int
    rotation: float = 0.0
    fps: float | None = None
    bitrate: int | None = None

    @property
    def display_size(self) -> tuple[int, int]:
        """(width, height) as a viewer sees it: a 90/270-degree rotation swaps them."""
        if round(abs(self.rotation)) % 180 == 90:
            return self.height, self.width
        return self.width, self.height


@dataclass
class AudioStream:
    """One audio stream."""

    index: int
    codec: str
    profile: str | None = None
    sample_rate: int | None = None
    channels: int | None = None
    bitrate: int | None = None


@dataclass
class SubtitleStream:
    """One embedded subtitle stream (e.g. ``mov_text`` in MP4, ``subrip`` in MKV)."""

    index: int
    codec: str
    language: str | None = None


@dataclass
class MediaInfo:
    """What a probe learned about one file. Sizes in bytes, bitrates in bit/s, times in seconds."""

    path: str
    container: str
    format_name: str
    duration: float | None
    size_bytes: int
    bitrate: int | None = None
    video: list[VideoStream] = field(default_factory=list)
    audio: list[AudioStream] = field(default_factory=list)
    subtitle_streams: list[SubtitleStream] = field(default_factory=list)
    faststart: bool | None = None
    truncated: bool = False
    major_brand: str | None = None

    @property
    def primary_video(self) -> VideoStream | None:
        return self.video[0] if self.video else None

    @property
    def primary_audio(self) -> AudioStream | None:
        return self.audio[0] if self.audio else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; each video stream also carries its displayed width/height."""
        d = asdict(self)
        for vd, vs in zip(d["video"], self.video):
            vd["display_width"], vd["display_height"] = vs.display_size
        return d


# --------------------------------------------------------------------------- ffmpeg -i parsing
_INPUT_RE = re.compile(r"^Input #0, (?P<fmt>.+?), from '")
_DURATION_RE = re.compile(
    r"Duration: (?:(?P<h>\d+):(?P<m>\d+):(?P<s>\d+(?:\.\d+)?)|N/A)(?:, start: [-\d.]+)?(?:, bitrate: (?P<br>\d+) kb/s)?"
)
_STREAM_RE = re.compile(r"^Stream #0:(?P<idx>\d+)(?:\[[^\]]*\])?(?:\((?P<lang>[^)]*)\))?: (?P<kind>Video|Audio|Subtitle|Data|Attachment): (?P<rest>.*)$")
_SIZE_RE = re.compile(r"(?<![\w])(\d{1,5})x(\d{1,5})(?![\w])")
_KBPS_RE = re.compile(r"^(\d+(?:\.\d+)?) kb/s")
_FPS_RE = re.compile(r"^(\d+(?:\.\d+)?)(k?) (fps|tbr)$")
_ROT_RE = re.compile(r"[Dd]isplay [Mm]atrix: rotation of (-?\d+(?:\.\d+)?) degrees")
_ROTATE_META_RE = re.compile(r"^rotate\s*:\s*(-?\d+(?:\.\d+)?)")
_BRAND_RE = re.compile(r"^major_brand\s*:\s*(\S+)")
_CHANNELS = {"mono": 1, "stereo": 2, "2.1": 3, "quad": 4, "4.0": 4, "5.0": 5, "5.1": 6, "5.1(side)": 6, "6.1": 7, "7.1": 8}


def _split_top(text: str) -> list[str]:
    """Split on commas that are not inside parentheses or brackets."""
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        if ch == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    if cur:
        parts.append("".join(cur).strip())
    return parts


def _codec_and_profile(head: str) -> tuple[str, str | None]:
    """``h264 (Constrained Baseline) (avc1 / 0x31637661)`` -> (``h264``, ``Constrained Baseline``)."""
    codec = head.split()[0] if head.split() else "?"
    profile = None
    for group in re.findall(r"\(([^()]*)\)", head):
        if " / 0x" not in group:
            profile = group
            break
    return codec, profile


def _kbps(parts: list[str]) -> int | None:
    for p in parts:
        m = _KBPS_RE.match(p)
        if m:
            return int(float(m.group(1)) * 1000)
    return None


def _fps(parts: list[str]) -> float | None:
    found: dict[str, float] = {}
    for p in parts:
        m = _FPS_RE.match(p.split(" (")[0].strip())
        if m:
            found[m.group(3)] = float(m.group(1)) * (1000 if m.group(2) else 1)
    return found.get("fps") or found.get("tbr")


def parse_ffmpeg_info(stderr: str, path: str | Path = "", size_bytes: int = 0) -> MediaInfo:
    """Turn the header summary of ``ffmpeg -i`` into a :class:`MediaInfo`.

    Raises:
        InputError: when ffmpeg recognised no input (the message carries ffmpeg's reason).
    """
    lines = stderr.splitlines()
    fmt = None
    for ln in lines:
        m = _INPUT_RE.match(ln.strip())
        if m:
            fmt = m.group("fmt")
            break
    if fmt is None:
        reason = _reason(stderr)
        raise InputError(f"Berkas '{path}' bukan media yang dapat dibaca ({reason}).")
    info = MediaInfo(path=str(path), container=fmt.split(",")[0], format_name=fmt, duration=None, size_bytes=size_bytes)
    current: VideoStream | AudioStream | SubtitleStream | None = None
    for raw in lines:
        ln = raw.strip()
        m = _BRAND_RE.match(ln)
        if m and info.major_brand is None:
            info.major_brand = m.group(1)
            continue
        m = _DURATION_RE.search(ln) if ln.startswith("Duration:") else None
        if m:
            if m.group("h") is not None:
                info.duration = int(m.group("h")) * 3600 + int(m.group("m")) * 60 + float(m.group("s"))
            if m.group("br"):
                info.bitrate = int(m.group("br")) * 1000
            continue
        m = _STREAM_RE.match(ln)
        if m:
            current = None
            idx, kind, rest = int(m.group("idx")), m.group("kind"), m.group("rest")
            parts = _split_top(rest)
            codec, profile = _codec_and_profile(parts[0])
            if kind == "Video":
                if "(attached pic)" in rest:
                    continue  # cover art of an audio file is not a video stream
                w = h = 0
                pix = None
                for p in parts[1:]:
                    sm = _SIZE_RE.search(p)
                    if sm and not w:
                        w, h = int(sm.group(1)), int(sm.group(2))
                    elif pix is None and not sm and re.match(r"^[a-z0-9_]+(\(|$)", p):
                        pix = p.split("(")[0]
                current = VideoStream(idx, codec, profile, pix, w, h, fps=_fps(parts), bitrate=_kbps(parts))
                info.video.append(current)
            elif kind == "Audio":
                rate = ch = None
                for p in parts[1:]:
                    if p.endswith(" Hz"):
                        rate = int(p[:-3])
                    elif p in _CHANNELS:
                        ch = _CHANNELS[p]
                    elif re.match(r"^\d+ channels", p):
                        ch = int(p.split()[0])
                current = AudioStream(idx, codec, profile, rate, ch, _kbps(parts))
                info.audio.append(current)
            elif kind == "Subtitle":
                current = SubtitleStream(idx, codec, m.group("lang") or None)
                info.subtitle_streams.append(current)
            continue
        if isinstance(current, VideoStream):
            m = _ROT_RE.search(ln) or _ROTATE_META_RE.match(ln)
            if m:
                current.rotation = float(m.group(1))
    if info.container == "mov" and info.format_name.startswith("mov,mp4"):
        # ffmpeg names the whole ISO family "mov,mp4,..."; the brand tells a QuickTime file from MP4.
        info.container = "mov" if (info.major_brand or "").startswith("qt") else "mp4"
    return info


def _reason(stderr: str) -> str:
    text = stderr.strip()
    for needle, label in (
        ("moov atom not found", "struktur MP4 tidak lengkap: kotak 'moov' tidak ada, berkas mungkin terpotong"),
        ("Invalid data found", "data tidak dikenali sebagai audio/video"),
        ("No such file", "berkas tidak ditemukan"),
        ("Permission denied", "izin akses ditolak"),
    ):
        if needle in text:
            return label
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return lines[-1].strip() if lines else "ffmpeg tidak memberi keterangan"


# --------------------------------------------------------------------------- ISO-BMFF box walk
@dataclass
class BoxFacts:
    """What the box walk of an MP4/MOV learned."""

    top_level: list[str]
    faststart: bool | None
    truncated: bool
    rotation: float | None  # of the first video track, in ffmpeg's sign convention


def _read_header(fh: BinaryIO, end: int) -> tuple[bytes, int, int] | None:
    """(type, payload_start, box_end) of the box at the current position, or None at the end."""
    start = fh.tell()
    head = fh.read(8)
    if len(head) < 8:
        return None
    size, kind = struct.unpack(">I4s", head)
    header = 8
    if size == 1:
        ext = fh.read(8)
        if len(ext) < 8:
            return None
        size = struct.unpack(">Q", ext)[0]
        header = 16
    elif size == 0:
        size = end - start
    if size < header:
        # A box cannot be smaller than its own header: this is not a box stream.
        return kind, start + header, -1
    return kind, start + header, start + size


def read_boxes(path: str | Path) -> BoxFacts | None:
    """Walk the top-level boxes of an ISO-BMFF file; None when the file is not one."""
    p = Path(path)
    size = p.stat().st_size
    order: list[str] = []
    truncated = False
    moov: bytes | None = None
    with p.open("rb") as fh:
        first = fh.read(12)
        if len(first) < 12 or first[4:8] not in (b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip", b"styp"):
            return None
        fh.seek(0)
        pos = 0
        while pos < size:
            fh.seek(pos)
            hdr = _read_header(fh, size)
            if hdr is None:
                truncated = True
                break
            kind, payload, box_end = hdr
            if box_end < 0:
                truncated = True
                break
            name = kind.decode("latin-1")
            order.append(name)
            if box_end > size:
                truncated = True
            if kind == b"moov" and moov is None and box_end - payload <= _MAX_MOOV:
                fh.seek(payload)
                moov = fh.read(min(box_end, size) - payload)
            if box_end > size:
                break
            pos = box_end
    faststart = None
    if "moov" in order:
        media = [i for i, n in enumerate(order) if n in ("mdat", "moof")]
        faststart = not media or order.index("moov") < media[0]
    rotation = _video_rotation(moov) if moov else None
    return BoxFacts(order, faststart, truncated, rotation)


def _children(buf: bytes, start: int, end: int):
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", buf[pos : pos + 8])
        header = 8
        if size == 1 and pos + 16 <= end:
            size = struct.unpack(">Q", buf[pos + 8 : pos + 16])[0]
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            return
        yield kind, pos + header, pos + size
        pos += size


def _video_rotation(moov: bytes) -> float | None:
    """Rotation of the first video track from its ``tkhd`` matrix (ffmpeg's sign convention)."""
    for kind, s, e in _children(moov, 0, len(moov)):
        if kind != b"trak":
            continue
        tkhd = None
        handler = None
        for k2, s2, e2 in _children(moov, s, e):
            if k2 == b"tkhd":
                tkhd = (s2, e2)
            elif k2 == b"mdia":
                for k3, s3, e3 in _children(moov, s2, e2):
                    if k3 == b"hdlr" and e3 - s3 >= 12:
                        handler = moov[s3 + 8 : s3 + 12]
        if handler != b"vide" or tkhd is None:
            continue
        s2, e2 = tkhd
        version = moov[s2]
        # version 1 uses 64-bit times: the matrix sits 12 bytes further in.
        off = s2 + (52 if version == 1 else 40)
        if off + 36 > e2:
            return None
        a, b, _u, c, d, _v, _x, _y, _w = struct.unpack(">9i", moov[off : off + 36])
        if a == 0 and b == 0:
            return None
        # Same formula as libavutil's av_display_rotation_get(), so both sources agree.
        deg = -math.degrees(math.atan2(b / 65536, a / 65536))
        deg = round(deg, 2) + 0.0
        return 180.0 if deg == -180.0 else deg
    return None


# --------------------------------------------------------------------------- the probe
def probe(path: str | Path) -> MediaInfo:
    """Read container, duration, streams and layout facts of a media file without decoding it.

    Args:
        path: a video or audio file.

    Returns:
        The :class:`MediaInfo`.

    Raises:
        InputError: missing, empty, or unreadable file (the message says which).
    """
    p = ffmpeg.check_path(path)
    size = p.stat().st_size
    if size == 0:
        raise InputError(f"Berkas '{p}' kosong (0 bita).")
    proc = ffmpeg.run_quick(["-i", ffmpeg.file_arg(p)])
    stderr = proc.stderr.decode("utf-8", "replace")
    info = parse_ffmpeg_info(stderr, p, size)
    # Absolute, so whoever runs ffmpeg on it next (speech detection) never meets a
    # relative name with a colon that ffmpeg would take for a protocol.
    info.path = str(p.absolute())
    if info.format_name.split(",")[0] in _IMAGE_FORMATS or (
        info.video and all(v.codec in _IMAGE_CODECS for v in info.video) and not info.audio and not info.duration
    ):
        raise InputError(f"Berkas '{p}' adalah gambar ({info.format_name}), bukan video.")
    try:
        facts = read_boxes(p)
    except OSError as exc:
        raise InputError(f"Berkas '{p}' tidak dapat dibaca: {exc}") from exc
    if facts is not None:
        info.faststart = facts.faststart
        info.truncated = facts.truncated
        if facts.rotation is not None and info.video:
            # The box walk reads the exact matrix; ffmpeg's summary is the fallback.
            info.video[0].rotation = facts.rotation
    for v in info.video:
        v.rotation = _normalize_rotation(v.rotation)
    return info


def _normalize_rotation(deg: float) -> float:
    """Rotation in (-180, 180], so 180 and -180 (the same picture) read the same."""
    r = ((deg + 180.0) % 360.0) - 180.0
    return 180.0 if r == -180.0 else r + 0.0
