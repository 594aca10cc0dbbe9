"""Subtitles (takarir): a tolerant SRT/WebVTT reader, quality checks and a clean SRT writer.

Most viewers watch the agency's short videos muted, so the captions carry the message.
This module reads whatever a volunteer's subtitle tool produced — SRT or WebVTT, UTF-8 with
or without BOM, UTF-16, cp1252, CRLF or LF, dots in SRT timestamps, missing blank lines,
numbers out of order — and reports every problem with its cue number and file line instead
of refusing or crashing. Limits (42 characters a line, 2 lines, 17 characters a second,
5/6 s to 7 s, 2-frame gap) come from ``resources/subtitles.toml``.

The reader is a small line-based parser rather than pysrt/webvtt-py: both libraries drop
the file line of each cue and silently skip (pysrt) or refuse (webvtt-py) malformed blocks,
and the point of this module is to say *where* a file is wrong. See ``docs/subtitles.md``.

Public API::

    doc = load(path)                  # SubtitleDoc; InputError only when nothing is readable
    findings = check(doc_or_path, video_duration=..., fps=..., limits=...)
    write_srt(cues, path)             # clean UTF-8 SRT, written atomically
    text = to_srt_text(cues)
"""

from __future__ import annotations

import copy
import html
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from asri_desktop.core import resources
from asri_desktop.core.errors import InputError
from asri_desktop.core.findings import Finding

__all__ = [
    "Cue",
    "SubtitleDoc",
    "load",
    "parse_bytes",
    "check",
    "load_limits",
    "visible_text",
    "to_srt_text",
    "write_srt",
    "format_timestamp",
]

# One timestamp, read leniently: optional hours of any width, 1-2 digit minutes and
# seconds, and an optional fraction after ',', '.', ':' or ';' (all seen in the wild).
_TS = r"(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:\s*([,.:;])\s*(\d{1,3}))?"
_TIMING = re.compile(rf"^\s*{_TS}\s*-+>\s*{_TS}(.*)$")
# The exact forms a strict player expects.
_STRICT_SRT = re.compile(r"^\d{2,}:\d{2}:\d{2},\d{3}$")
_STRICT_VTT = re.compile(r"^(?:\d{2,}:)?\d{2}:\d{2}\.\d{3}$")
# Whole timing lines in the strict form, with the same groups as _TIMING: the fast path
# for the (usual) well-formed file, so 100,000 cues read in about a second.
_STRICT_LINE = {
    "srt": re.compile(
        r"^(\d{2,}):([0-5]\d):([0-5]\d)(,)(\d{3}) --> (\d{2,}):([0-5]\d):([0-5]\d)(,)(\d{3})(.*)$"
    ),
    "vtt": re.compile(
        r"^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)(\.)(\d{3})[ \t]+-->[ \t]+"
        r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)(\.)(\d{3})(.*)$"
    ),
}
# One whole well-formed SRT block: number, strict timing line, text lines that are stripped
# and carry no arrow, then blank lines. When these blocks tile a file exactly, the file is
# read by this one regex (the fast path); anything else goes through the tolerant parser,
# which gives the same cues for such files (a property test checks it).
_FAST_SRT = re.compile(
    r"(\d+)\n"
    r"(\d{2,}):([0-5]\d):([0-5]\d),(\d{3}) --> (\d{2,}):([0-5]\d):([0-5]\d),(\d{3})\n"
    r"((?:(?![^\n]*->)\S(?:[^\n]*\S)?\n)*)"
    r"\n*"
)
# Something that looks like a timestamp, to tell a broken timing line from stray text.
_TIMESTAMPISH = re.compile(r"\d+\s*:\s*\d+")
# Formatting a viewer never sees: HTML-like tags (<i>, <v Rina>, <c.yellow>) and ASS
# override blocks ({\an8}).
_TAGS = re.compile(r"<[^<>\n]*>|\{\\[^{}\n]*\}")
_VTT_BLOCKS = ("NOTE", "STYLE", "REGION")
# Characters a text file does not contain: C0 controls except tab, newlines and form feed,
# and the replacement character a failed decode leaves.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")

# Text a cue carries in a file can be long; quote at most this much in a message.
_QUOTE = 60


@dataclass(slots=True)
class Cue:
    """One subtitle cue.

    Attributes:
        index: 1-based position of the cue in the file (what findings call "cue N").
        start: start time in seconds.
        end: end time in seconds.
        text: the caption text, lines joined with ``"\\n"`` (formatting tags kept).
        line: 1-based line of the file where the cue starts (its number/identifier line,
            or its timing line when it has none); 0 for cues built in code.
        timing_line: 1-based line of the ``-->`` line; 0 for cues built in code.
        number: the SRT cue number as written, if it was a number.
        ident: the identifier line as written (SRT number or WebVTT cue id), if any.
        settings: anything after the end timestamp (WebVTT cue settings).
    """

    index: int
    start: float
    end: float
    text: str
    line: int = 0
    timing_line: int = 0
    number: int | None = None
    ident: str | None = None
    settings: str = ""

    @property
    def duration(self) -> float:
        """End minus start, in seconds (negative when the cue ends before it starts)."""
        return self.end - self.start

    @property
    def lines(self) -> list[str]:
        """The visible lines of the caption (tags removed, blank lines dropped)."""
        return visible_text(self.text)


@dataclass
class SubtitleDoc:
    """A subtitle file as read.

    Attributes:
        cues: the cues in file order.
        format: ``"srt"`` or ``"vtt"``.
        encoding: the text encoding the file was decoded with (``"utf-8"``, ``"utf-8-sig"``,
            ``"utf-16-le"``, ``"cp1252"`` ...).
        findings: problems found while reading (encoding, timestamp format, structure).
        path: where it was read from, if from a file.
        newline: ``"lf"``, ``"crlf"``, ``"cr"`` or ``"mixed"``.
    """

    cues: list[Cue]
    format: str
    encoding: str
    findings: list[Finding] = field(default_factory=list)
    path: Path | None = None
    newline: str = "lf"


# --------------------------------------------------------------------------- limits


def load_limits(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The subtitle limits from ``resources/subtitles.toml``, with single keys overridden.

    Args:
        overrides: keys of the ``[limits]`` table to replace, e.g. ``{"max_cps": 20}``;
            ``{"error": {"cps": 30}}`` replaces keys of ``[limits.error]``; ``"speech"`` and
            ``"vad"`` sub-tables are merged the same way.

    Returns:
        A fresh dict (safe to change) with the keys of ``[limits]`` plus ``error``,
        ``speech`` and ``vad`` sub-tables.
    """
    table = resources.data("subtitles.toml")
    out = copy.deepcopy(table["limits"])
    out["speech"] = copy.deepcopy(table["speech"])
    out["vad"] = copy.deepcopy(table["vad"])
    for key, value in (overrides or {}).items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key].update(value)
        else:
            out[key] = value
    return out


# --------------------------------------------------------------------------- helpers


def format_timestamp(seconds: float, *, sep: str = ",") -> str:
    """``hh:mm:ss,mmm`` (SRT; ``sep="."`` gives the WebVTT form). Negative clamps to 0."""
    ms = max(0, int(round(seconds * 1000)))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _num(value: float, digits: int = 1) -> str:
    """A number the Indonesian way: decimal comma (``1,5``)."""
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _quote(text: str) -> str:
    text = text.replace("\n", " / ")
    return text if len(text) <= _QUOTE else text[: _QUOTE - 1] + "…"


def visible_text(text: str) -> list[str]:
    """The lines a viewer sees: formatting tags and ASS overrides removed, entities decoded.

    Args:
        text: cue text, lines joined with ``"\\n"``.

    Returns:
        Non-blank visible lines, stripped.
    """
    if "<" in text or "{" in text:
        text = _TAGS.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return [line for line in map(str.strip, text.split("\n")) if line]


# --------------------------------------------------------------------------- decoding


def _control_ratio(text: str) -> float:
    """Share of characters that never appear in a text file (C0 controls but tab/newlines, NUL)."""
    sample = text[:200_000]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)


def _utf16_without_bom(raw: bytes) -> str | None:
    """Detect BOM-less UTF-16 by where the NUL bytes sit (ASCII text has one per character)."""
    sample = raw[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _decode(raw: bytes, name: str) -> tuple[str, str, list[Finding]]:
    """Bytes to text; reports any encoding but UTF-8 and refuses binary data.

    Returns:
        (text, encoding name, findings)
    """
    if not raw.strip(b" \t\r\n\x00"):
        raise InputError(f"Berkas takarir '{name}' kosong: tidak ada cue yang dapat dibaca.")

    findings: list[Finding] = []
    encoding: str | None = None
    text: str | None = None

    if raw.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        encoding = "utf-32"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif b"\x00" in raw[:4096]:
        encoding = _utf16_without_bom(raw)
        if encoding is None:
            raise InputError(
                f"Berkas '{name}' berisi data biner, bukan teks takarir SRT/WebVTT."
            )

    if encoding is not None:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            # A BOM followed by bytes of another encoding: keep what can be read and say so.
            text = raw.decode(encoding, errors="replace")
            findings.append(
                Finding(
                    "subtitles.encoding",
                    "warning",
                    f"Berkas diawali penanda {encoding.upper()} tetapi sebagian isinya tidak sah "
                    "dalam pengodean itu; karakter yang rusak diganti '\ufffd'.",
                    suggestion="Simpan ulang berkas sebagai UTF-8.",
                )
            )
    else:
        try:
            text = raw.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes

            best = from_bytes(raw).best()
            if best is None:
                raise InputError(
                    f"Berkas '{name}' tidak dapat dibaca sebagai teks: pengodean tidak dikenali "
                    "(berkas biner atau rusak)."
                ) from None
            encoding = best.encoding
            text = str(best)

    if text.startswith("\ufeff"):
        text = text[1:]
    if _control_ratio(text) > 0.01:
        raise InputError(f"Berkas '{name}' berisi data biner, bukan teks takarir SRT/WebVTT.")

    if encoding not in ("utf-8", "utf-8-sig") and not findings:
        label = {
            "utf-16": _utf16_label(raw),
            "utf-16-le": "UTF-16 LE",
            "utf-16-be": "UTF-16 BE",
            "utf-32": "UTF-32",
        }.get(encoding, encoding.upper())
        findings.append(
            Finding(
                "subtitles.encoding",
                "warning",
                f"Berkas takarir memakai pengodean {label}, bukan UTF-8. Isinya tetap dibaca, "
                "tetapi platform dan pemutar video bisa menampilkan huruf yang rusak.",
                suggestion="Simpan ulang berkas sebagai UTF-8 (di Subtitle Edit: Berkas > Simpan "
                "sebagai, pengodean UTF-8).",
                extra={"encoding": encoding},
            )
        )
    return text, encoding, findings


def _utf16_label(raw: bytes) -> str:
    return "UTF-16 LE" if raw.startswith(b"\xff\xfe") else "UTF-16 BE"


def _newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [k for k, n in (("crlf", crlf), ("cr", cr), ("lf", lf)) if n]
    if not kinds:
        return "lf"
    return kinds[0] if len(kinds) == 1 else "mixed"


# --------------------------------------------------------------------------- parsing


def _ts_value(h: str | None, m: str, s: str, frac: str | None) -> float:
    ms = int(frac.ljust(3, "0")) if frac else 0
    # Whole milliseconds first, one division last: 1.386 stays 1.386, not 1.3860000000000001.
    return (int(h or 0) * 3_600_000 + int(m) * 60_000 + int(s) * 1000 + ms) / 1000.0


def _ts_raw(line: str) -> tuple[str, str]:
    """The two timestamps of a timing line as written (for strict-form checks)."""
    left, arrow, right = line.partition("-->")
    if not arrow:
        left, arrow, right = line.partition("->")
    right = right.strip()
    return left.strip(), right.split(None, 1)[0] if right else ""


def _strict_example(fmt: str) -> str:
    return "00:00:01,500" if fmt == "srt" else "00:00:01.500"


def _timestamp_findings(
    line: str, g: Sequence[str | None], fmt: str, index: int, t: int, start: float, end: float
) -> list[Finding]:
    """What is wrong with a timing line that missed the strict form (usually nothing serious)."""
    strict = _STRICT_SRT if fmt == "srt" else _STRICT_VTT
    raw_start, raw_end = _ts_raw(line)
    bad = [x for x in (raw_start, raw_end) if not strict.match(x)]
    minutes_ok = all(int(g[i] or 0) < 60 for i in (1, 2, 6, 7))
    if "-->" not in line:
        bad.append("->")
    if not bad and minutes_ok:
        return []
    what = "tidak berbentuk baku"
    if fmt == "srt" and any(x.count(".") == 1 and x.count(",") == 0 for x in bad):
        what = "memakai titik, padahal SRT memakai koma"
    if not minutes_ok:
        what = "berisi menit atau detik 60 atau lebih"
    sep = "," if fmt == "srt" else "."
    form = "jj:mm:dd,mmm" if fmt == "srt" else "jj:mm:dd.mmm"
    return [
        Finding(
            "subtitles.timestamp_format",
            "error",
            f"Waktu cue {index} (baris {t + 1}) {what}: '{_quote(line)}'. "
            f"Bentuk baku: {form}, mis. {_strict_example(fmt)}.",
            cue=index,
            line=t + 1,
            at=start,
            suggestion=f"{format_timestamp(start, sep=sep)} --> {format_timestamp(end, sep=sep)}",
            extra={"raw": line},
        )
    ]


def _parse_srt_fast(text: str) -> list[Cue] | None:
    """Cues of a perfectly regular SRT text, or None when any block is irregular."""
    lead = len(text) - len(text.lstrip("\n"))
    if not text.endswith("\n"):
        text += "\n"
    pos = lead
    line = lead + 1
    cues: list[Cue] = []
    append = cues.append
    for m in _FAST_SRT.finditer(text, lead):
        start_pos = m.start()
        if start_pos != pos:
            return None
        line += text.count("\n", pos, start_pos)
        (num, h1, m1, s1, f1, h2, m2, s2, f2, body) = m.groups()
        append(
            Cue(
                len(cues) + 1,
                (int(h1) * 3_600_000 + int(m1) * 60_000 + int(s1) * 1000 + int(f1)) / 1000.0,
                (int(h2) * 3_600_000 + int(m2) * 60_000 + int(s2) * 1000 + int(f2)) / 1000.0,
                body[:-1],
                line,
                line + 1,
                int(num),
                num,
                "",
            )
        )
        line += text.count("\n", start_pos, m.end())
        pos = m.end()
    if pos != len(text) or not cues:
        return None
    return cues


def parse_bytes(
    raw: bytes, *, name: str = "takarir", fmt: str | None = None, fast: bool = True
) -> SubtitleDoc:
    """Read subtitle bytes (see :func:`load`).

    Args:
        raw: the file content.
        name: a name for messages (usually the file name).
        fmt: ``"srt"`` or ``"vtt"`` when known from the file name; the ``WEBVTT`` header
            always wins.
        fast: try the single-regex reader for perfectly regular SRT first (tests turn it
            off to compare it with the tolerant parser).

    Returns:
        The parsed document with the problems found while reading.

    Raises:
        InputError: when the bytes are empty, binary, or contain no readable cue at all.
    """
    text, encoding, findings = _decode(raw, name)
    newline = _newline_style(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if fast and fmt != "vtt" and not text.lstrip().startswith("WEBVTT"):
        fast = _parse_srt_fast(text)
        if fast is not None:
            findings.extend(_sequence_findings(fast, "srt"))
            findings.sort(key=lambda f: f.line or 0)
            return SubtitleDoc(cues=fast, format="srt", encoding=encoding, findings=findings,
                               newline=newline)

    lines = text.split("\n")
    n = len(lines)
    stripped = [ln.strip() for ln in lines]

    # Format: the WEBVTT header decides; otherwise the file name; otherwise SRT.
    first = next((i for i, s in enumerate(stripped) if s), None)
    header_end = -1  # index of the last header line
    if first is not None and stripped[first].startswith("WEBVTT"):
        fmt = "vtt"
        header_end = first
        while header_end + 1 < n and stripped[header_end + 1]:
            header_end += 1
    else:
        fmt = "vtt" if fmt == "vtt" else "srt"
        if fmt == "vtt":
            findings.append(
                Finding(
                    "subtitles.structure",
                    "warning",
                    "Berkas WebVTT tidak diawali baris 'WEBVTT'; banyak pemutar akan menolaknya.",
                    line=1,
                    suggestion="Tambahkan baris 'WEBVTT' lalu satu baris kosong di awal berkas.",
                )
            )

    # Pass 1: the timing lines. A '-->' that cannot be read is reported, not guessed at.
    timing: list[tuple[int, re.Match[str], bool]] = []
    is_timing = bytearray(n)
    strict_line = _STRICT_LINE[fmt]
    for i in range(header_end + 1, n):
        s = stripped[i]
        if "->" not in s:
            continue
        m = strict_line.match(s)
        ok = m is not None
        if m is None:
            m = _TIMING.match(s)
        if m:
            timing.append((i, m, ok))
            is_timing[i] = 1
        elif "-->" in s:
            findings.append(
                Finding(
                    "subtitles.timestamp_format",
                    "error",
                    f"Baris {i + 1} berisi '-->' tetapi waktunya tidak dapat dibaca: "
                    f"'{_quote(s)}'. Cue ini dilewati.",
                    line=i + 1,
                    suggestion=f"Tulis waktu sebagai {_strict_example(fmt)} --> "
                    f"{_strict_example(fmt).replace('01', '03', 1)}.",
                )
            )

    if not timing:
        raise InputError(
            f"Berkas '{name}' tidak berisi satu cue pun yang dapat dibaca "
            "(tidak ada baris waktu 'mulai --> selesai'); bukan takarir SRT/WebVTT yang sah."
        )

    owned = bytearray(n)  # lines that belong to a cue or the header
    for i in range(0, header_end + 1):
        owned[i] = 1

    # Pass 2: the identifier line of each cue (the line just above its timing line).
    ids: list[int] = []
    prev_t = header_end
    for t, _m, _ok in timing:
        c = t - 1
        ident = -1
        if c > prev_t and stripped[c] and not is_timing[c]:
            after_blank = c - 1 <= header_end or not stripped[c - 1]
            if after_blank or stripped[c].isdecimal():
                ident = c
        ids.append(ident)
        prev_t = t

    cues: list[Cue] = []
    n_timing = len(timing)
    for k, (t, m, well_formed) in enumerate(timing):
        g = m.groups()
        start = _ts_value(g[0], g[1], g[2], g[4])
        end = _ts_value(g[5], g[6], g[7], g[9])
        settings = (g[10] or "").strip()
        index = len(cues) + 1
        ident_i = ids[k]
        ident = stripped[ident_i] if ident_i >= 0 else None
        first_line = (ident_i if ident_i >= 0 else t) + 1
        if ident_i >= 0:
            owned[ident_i] = 1
        owned[t] = 1

        # Text runs to the next blank line, or up to the next cue when the blank is missing.
        next_t = timing[k + 1][0] if k + 1 < n_timing else n
        next_id = ids[k + 1] if k + 1 < n_timing else -1
        stop = next_id if next_id >= 0 else next_t
        j = t + 1
        text_lines: list[str] = []
        while j < stop and stripped[j]:
            text_lines.append(stripped[j])
            owned[j] = 1
            j += 1
        if j == stop and k + 1 < n_timing:
            # Reached the next cue without a blank line between them.
            findings.append(
                Finding(
                    "subtitles.structure",
                    "warning",
                    f"Tidak ada baris kosong antara cue {index} dan cue berikutnya "
                    f"(baris {stop + 1}); sebagian pemutar akan menggabungkan keduanya.",
                    cue=index + 1,
                    line=stop + 1,
                    suggestion="Sisipkan satu baris kosong sebelum nomor cue berikutnya.",
                )
            )

        # Timestamps in the strict form of their format.
        if not well_formed:
            findings.extend(_timestamp_findings(stripped[t], g, fmt, index, t, start, end))

        number = int(ident) if ident is not None and ident.isdecimal() else None
        cues.append(
            Cue(
                index=index,
                start=start,
                end=end,
                text="\n".join(text_lines),
                line=first_line,
                timing_line=t + 1,
                number=number,
                ident=ident,
                settings=settings,
            )
        )

    findings.extend(_stray_lines(stripped, owned, fmt, header_end))
    findings.extend(_sequence_findings(cues, fmt))
    findings.sort(key=lambda f: f.line or 0)
    return SubtitleDoc(cues=cues, format=fmt, encoding=encoding, findings=findings, newline=newline)


def _sequence_findings(cues: Sequence[Cue], fmt: str) -> list[Finding]:
    """Cue numbers (SRT) that are missing, not numbers or out of order; cues out of time order."""
    findings: list[Finding] = []
    prev_number: int | None = None
    prev_start: float | None = None
    for cue in cues:
        index, start, first_line, ident, number = cue.index, cue.start, cue.line, cue.ident, cue.number
        if fmt == "srt":
            if ident is None:
                findings.append(
                    Finding(
                        "subtitles.structure",
                        "warning",
                        f"Cue {index} (baris {cue.timing_line}) tidak punya nomor cue di atas baris "
                        "waktunya.",
                        cue=index,
                        line=cue.timing_line,
                        at=start,
                        suggestion="SRT menuliskan nomor urut (1, 2, 3, ...) di atas setiap baris waktu.",
                    )
                )
            elif number is None:
                findings.append(
                    Finding(
                        "subtitles.structure",
                        "warning",
                        f"Nomor cue {index} (baris {first_line}) bukan angka: '{_quote(ident)}'.",
                        cue=index,
                        line=first_line,
                        at=start,
                    )
                )
            elif prev_number is not None and number != prev_number + 1:
                findings.append(
                    Finding(
                        "subtitles.structure",
                        "warning",
                        f"Nomor cue tidak berurutan: baris {first_line} bernomor {number}, "
                        f"padahal cue sebelumnya bernomor {prev_number}.",
                        cue=index,
                        line=first_line,
                        at=start,
                        suggestion="Nomori ulang cue (Subtitle Edit: Alat > Nomori ulang).",
                        extra={"number": number, "previous": prev_number},
                    )
                )
            if number is not None:
                prev_number = number
        if prev_start is not None and start < prev_start:
            findings.append(
                Finding(
                    "subtitles.structure",
                    "warning",
                    f"Cue {index} (baris {first_line}) mulai pada {format_timestamp(start)}, "
                    f"lebih awal daripada cue sebelumnya ({format_timestamp(prev_start)}); "
                    "urutan cue tidak mengikuti waktu.",
                    cue=index,
                    line=first_line,
                    at=start,
                    suggestion="Urutkan cue menurut waktu mulai.",
                )
            )
        prev_start = start
    return findings


def _stray_lines(stripped: list[str], owned: bytearray, fmt: str, header_end: int) -> list[Finding]:
    """Non-blank lines that belong to no cue: a WebVTT NOTE/STYLE block, or a problem."""
    findings: list[Finding] = []
    n = len(stripped)
    i = header_end + 1
    while i < n:
        if owned[i] or not stripped[i]:
            i += 1
            continue
        j = i
        while j < n and stripped[j] and not owned[j]:
            j += 1
        block = stripped[i:j]
        if fmt == "vtt" and block[0].split(" ", 1)[0] in _VTT_BLOCKS:
            i = j
            continue
        if any("-->" in s for s in block):
            # Already reported as an unreadable timing line.
            pass
        elif any(_TIMESTAMPISH.search(s) for s in block) and any("-" in s or ">" in s for s in block):
            findings.append(
                Finding(
                    "subtitles.timestamp_format",
                    "error",
                    f"Baris {i + 1}: '{_quote(block[0] if len(block) == 1 else ' / '.join(block))}' "
                    "tampak seperti baris waktu tetapi tanpa '-->' yang sah; teks ini tidak "
                    "menjadi cue.",
                    line=i + 1,
                )
            )
        else:
            where = f"Baris {i + 1}" if j - i == 1 else f"Baris {i + 1}-{j}"
            findings.append(
                Finding(
                    "subtitles.structure",
                    "warning",
                    f"{where} ('{_quote(' / '.join(block))}') berada di luar cue mana pun dan tidak "
                    "akan ditampilkan (baris kosong di tengah teks cue?).",
                    line=i + 1,
                    suggestion="Hapus baris kosong di dalam teks cue, atau hapus teks yang tersesat.",
                )
            )
        i = j
    return findings


def load(path: str | os.PathLike[str]) -> SubtitleDoc:
    """Read an SRT or WebVTT file, tolerating everything that can be tolerated.

    Every problem met on the way is in ``doc.findings`` with its cue and line number:
    ``subtitles.encoding`` (not UTF-8), ``subtitles.timestamp_format`` (dot in an SRT
    timestamp, missing digits, unreadable timing line), ``subtitles.structure`` (missing
    blank line, cue numbers out of order, text outside any cue).

    Args:
        path: the subtitle file (``.srt`` or ``.vtt``; the content decides).

    Returns:
        The parsed :class:`SubtitleDoc`.

    Raises:
        InputError: when the file is missing, empty, binary or has no readable cue at all.
    """
    p = Path(path)
    max_mb = float(load_limits()["max_file_mb"])
    try:
        size = p.stat().st_size
        if p.is_file() and size > max_mb * 1_000_000:
            raise InputError(
                f"Berkas '{p.name}' berukuran {size / 1_000_000:.0f} MB, terlalu besar untuk "
                f"berkas takarir (batas {max_mb:.0f} MB); apakah ini berkas video?"
            )
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"Berkas takarir '{p}' tidak ditemukan.") from None
    except IsADirectoryError:
        raise InputError(f"'{p}' adalah folder, bukan berkas takarir.") from None
    except OSError as exc:
        raise InputError(f"Berkas takarir '{p}' tidak dapat dibaca: {exc.strerror or exc}.") from None
    fmt = "vtt" if p.suffix.lower() == ".vtt" else "srt"
    doc = parse_bytes(raw, name=p.name, fmt=fmt)
    doc.path = p
    return doc


# --------------------------------------------------------------------------- checks


def check(
    doc_or_path: SubtitleDoc | str | os.PathLike[str],
    *,
    video_duration: float | None = None,
    fps: float | None = None,
    limits: dict[str, Any] | None = None,
) -> list[Finding]:
    """All subtitle quality findings for a file or a parsed document.

    Structural problems are errors (``subtitles.unreadable``, ``timestamp_format``,
    ``end_before_start``, ``overlap``, ``beyond_video``); readability problems are warnings
    (``line_too_long``, ``too_many_lines``, ``reading_speed``, ``too_short``, ``too_long``,
    ``gap_too_small``, ``empty_cue``, ``encoding``, ``structure``), except that a line,
    line count, reading speed or duration past the ``[limits.error]`` values is an error.

    Args:
        doc_or_path: a :class:`SubtitleDoc` or a path to read. A path that cannot be read at
            all gives a single ``subtitles.unreadable`` error instead of raising (call
            :func:`load` yourself to get the :class:`InputError`).
        video_duration: the video's duration in seconds, for ``subtitles.beyond_video``.
        fps: the video's frame rate, for the 2-frame gap; ``default_fps`` when None.
        limits: overrides of single keys of ``resources/subtitles.toml`` ``[limits]``.

    Returns:
        Findings sorted by file line (file-level findings first).
    """
    if isinstance(doc_or_path, SubtitleDoc):
        doc = doc_or_path
    else:
        try:
            doc = load(doc_or_path)
        except InputError as exc:
            return [
                Finding(
                    "subtitles.unreadable",
                    "error",
                    exc.message,
                    suggestion="Ekspor ulang takarir dari penyunting takarir sebagai SRT UTF-8.",
                )
            ]
    lim = load_limits(limits)
    findings = list(doc.findings)
    findings.extend(_check_cues(doc.cues, lim, video_duration=video_duration, fps=fps))
    findings.sort(key=lambda f: (f.line or 0) if f.line is not None else -1)
    return findings


def _span(cue: Cue) -> str:
    return f"{format_timestamp(cue.start)} --> {format_timestamp(cue.end)}"


def _check_cues(
    cues: Sequence[Cue], lim: dict[str, Any], *, video_duration: float | None, fps: float | None
) -> list[Finding]:
    out: list[Finding] = []
    max_chars = int(lim["max_line_chars"])
    max_lines = int(lim["max_lines"])
    max_cps = float(lim["max_cps"])
    min_dur = float(lim["min_duration"])
    max_dur = float(lim["max_duration"])
    err = lim.get("error", {})
    err_chars = int(err.get("line_chars", 10**9))
    err_lines = int(err.get("lines", 10**9))
    err_cps = float(err.get("cps", float("inf")))
    err_min_dur = float(err.get("min_duration", 0.0))
    rate = float(fps) if fps and fps > 0 else float(lim["default_fps"])
    min_gap = float(lim["min_gap_frames"]) / rate
    tol = float(lim.get("video_end_tolerance", 0.0))
    eps = 1e-6

    for cue in cues:
        n, ln, at = cue.index, cue.line, cue.start
        timing_ln = cue.timing_line or ln
        visible = visible_text(cue.text)

        if not visible:
            out.append(
                Finding(
                    "subtitles.empty_cue",
                    "warning",
                    f"Cue {n} (baris {ln}, {_span(cue)}) tidak berisi teks.",
                    at=at,
                    cue=n,
                    line=ln,
                    suggestion="Isi teks cue atau hapus cue ini.",
                )
            )

        dur = cue.end - cue.start
        if dur <= eps:
            what = "berakhir sebelum mulai" if dur < -eps else "berdurasi nol (selesai = mulai)"
            out.append(
                Finding(
                    "subtitles.end_before_start",
                    "error",
                    f"Cue {n} (baris {timing_ln}) {what}: {_span(cue)}.",
                    at=at,
                    cue=n,
                    line=timing_ln,
                    suggestion="Perbaiki waktu selesai agar sesudah waktu mulai.",
                )
            )

        if video_duration is not None and cue.end > video_duration + tol + eps:
            if cue.start >= video_duration - eps:
                msg = (
                    f"Cue {n} (baris {ln}) mulai pada {format_timestamp(cue.start)}, setelah video "
                    f"berakhir ({format_timestamp(video_duration)}); cue ini tidak akan pernah tampil."
                )
            else:
                msg = (
                    f"Cue {n} (baris {ln}) berakhir pada {format_timestamp(cue.end)}, melewati akhir "
                    f"video ({format_timestamp(video_duration)})."
                )
            out.append(
                Finding(
                    "subtitles.beyond_video",
                    "error",
                    msg,
                    at=at,
                    cue=n,
                    line=ln,
                    extra={"video_duration": video_duration},
                )
            )

        # Readability: line length and count.
        longest = max(visible, key=len) if len(visible) > 1 else (visible[0] if visible else "")
        if len(longest) > max_chars:
            sev = "error" if len(longest) > err_chars else "warning"
            out.append(
                Finding(
                    "subtitles.line_too_long",
                    sev,
                    f"Cue {n} (baris {ln}): satu baris berisi {len(longest)} karakter, lebih dari "
                    f"batas {max_chars}: '{_quote(longest)}'.",
                    at=at,
                    cue=n,
                    line=ln,
                    suggestion=f"Pecah menjadi dua baris masing-masing paling banyak {max_chars} "
                    "karakter, atau persingkat kalimatnya.",
                    extra={"chars": len(longest), "limit": max_chars},
                )
            )
        if len(visible) > max_lines:
            sev = "error" if len(visible) > err_lines else "warning"
            out.append(
                Finding(
                    "subtitles.too_many_lines",
                    sev,
                    f"Cue {n} (baris {ln}) berisi {len(visible)} baris teks, lebih dari batas "
                    f"{max_lines}.",
                    at=at,
                    cue=n,
                    line=ln,
                    suggestion="Bagi menjadi dua cue atau persingkat teksnya.",
                    extra={"lines": len(visible), "limit": max_lines},
                )
            )

        if dur <= eps:
            continue
        chars = sum(len(x) for x in visible)
        cps = chars / dur
        if chars and cps > max_cps + eps:
            sev = "error" if cps > err_cps else "warning"
            need = chars / max_cps
            out.append(
                Finding(
                    "subtitles.reading_speed",
                    sev,
                    f"Cue {n} (baris {ln}) terlalu cepat dibaca: {chars} karakter dalam "
                    f"{_num(dur, 2)} detik = {_num(cps)} karakter/detik (batas {_num(max_cps)}).",
                    at=at,
                    cue=n,
                    line=ln,
                    suggestion=f"Tampilkan paling sedikit {_num(need, 1)} detik atau persingkat "
                    "teksnya.",
                    extra={"cps": round(cps, 2), "limit": max_cps, "chars": chars},
                )
            )
        if dur < min_dur - eps:
            sev = "error" if dur < err_min_dur - eps else "warning"
            out.append(
                Finding(
                    "subtitles.too_short",
                    sev,
                    f"Cue {n} (baris {ln}) hanya tampil {_num(dur, 3)} detik, kurang dari batas "
                    f"{_num(min_dur, 3)} detik.",
                    at=at,
                    cue=n,
                    line=ln,
                    suggestion="Perpanjang cue atau gabungkan dengan cue di sebelahnya.",
                    extra={"duration": round(dur, 3), "limit": min_dur},
                )
            )
        elif dur > max_dur + eps:
            out.append(
                Finding(
                    "subtitles.too_long",
                    "warning",
                    f"Cue {n} (baris {ln}) tampil {_num(dur, 2)} detik, lebih dari batas "
                    f"{_num(max_dur)} detik.",
                    at=at,
                    cue=n,
                    line=ln,
                    suggestion="Bagi menjadi dua cue.",
                    extra={"duration": round(dur, 3), "limit": max_dur},
                )
            )

    # Overlaps and gaps, in time order (file order may differ; that is a structure finding).
    order = sorted((c for c in cues if c.end - c.start > eps), key=lambda c: (c.start, c.index))
    reach: Cue | None = None  # the cue reaching farthest so far
    for cue in order:
        if reach is not None:
            if cue.start < reach.end - eps:
                out.append(
                    Finding(
                        "subtitles.overlap",
                        "error",
                        f"Cue {cue.index} (baris {cue.line}) mulai pada "
                        f"{format_timestamp(cue.start)}, sebelum cue {reach.index} selesai "
                        f"({format_timestamp(reach.end)}): keduanya tumpang tindih "
                        f"{_num(reach.end - cue.start, 3)} detik.",
                        at=cue.start,
                        cue=cue.index,
                        line=cue.line,
                        suggestion=f"Akhiri cue {reach.index} paling lambat "
                        f"{format_timestamp(cue.start - min_gap)}.",
                        extra={"other_cue": reach.index},
                    )
                )
            else:
                gap = cue.start - reach.end
                if gap < min_gap - 0.0005:
                    out.append(
                        Finding(
                            "subtitles.gap_too_small",
                            "warning",
                            f"Jeda antara cue {reach.index} dan cue {cue.index} (baris {cue.line}) "
                            f"hanya {_num(gap, 3)} detik; paling sedikit "
                            f"{int(lim['min_gap_frames'])} bingkai ({_num(min_gap, 3)} detik pada "
                            f"{_num(rate, 2)} fps) agar pergantian cue terlihat.",
                            at=cue.start,
                            cue=cue.index,
                            line=cue.line,
                            suggestion=f"Akhiri cue {reach.index} pada "
                            f"{format_timestamp(cue.start - min_gap)}.",
                            extra={"gap": round(gap, 3), "limit": round(min_gap, 4),
                                   "other_cue": reach.index},
                        )
                    )
        if reach is None or cue.end > reach.end:
            reach = cue
    return out


# --------------------------------------------------------------------------- writing


def to_srt_text(cues: Iterable[Any]) -> str:
    """Cues as clean SRT text: numbered 1..n, ``hh:mm:ss,mmm``, LF line ends.

    Cue text is kept as written, except what would break the file: blank lines inside a
    cue are dropped and ``-->`` inside text becomes ``->``.

    Args:
        cues: objects with ``start``, ``end`` (seconds) and ``text``.

    Returns:
        The SRT text (empty string for no cues).
    """
    parts: list[str] = []
    for i, cue in enumerate(cues, 1):
        body = [ln.strip().replace("-->", "->") for ln in str(cue.text).splitlines()]
        body = [ln for ln in body if ln]
        parts.append(
            f"{i}\n{format_timestamp(cue.start)} --> {format_timestamp(cue.end)}\n"
            + "".join(ln + "\n" for ln in body)
        )
    return "\n".join(parts)


def write_srt(cues: Iterable[Any], path: str | os.PathLike[str]) -> Path:
    """Write cues as clean UTF-8 SRT, atomically (a temp file beside it, then renamed).

    Args:
        cues: objects with ``start``, ``end`` (seconds) and ``text``.
        path: the target file; replaced if it exists.

    Returns:
        The path written.

    Raises:
        InputError: when the folder does not exist or cannot be written.
    """
    target = Path(path)
    data = to_srt_text(cues).encode("utf-8")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"Folder '{folder}' untuk berkas takarir tidak ada.")
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, target)
        tmp_name = None
    except OSError as exc:
        raise InputError(f"Berkas takarir '{target}' tidak dapat ditulis: {exc.strerror or exc}.") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
    return target
