"""Indonesian risk-communication analysis of a post's text.

:func:`analyze` reads the caption or body of a post the way an editor and a content
coordinator would: sentence length and a Fry readability grade (adapted to Indonesian),
an action message (imperatives such as "Segera", "Siapkan", "Hubungi"), the five elements of
a complete warning (source, hazard, location, what to do, time), at most three key messages,
no shouting, no jargon, and alt text for image posts. Every result is a
:class:`~asri_desktop.core.findings.Finding` with a stable ``language.*`` code, a message and
a suggestion in Bahasa Indonesia.

All word lists and thresholds live in ``resources/language.toml``; the place names, hazards
and sources come from the archive's settings (or the Bangka defaults).

Severities: a missing action message (``language.no_action``) and missing alt text on an
image post (``language.no_alt_text``) are errors, because a warning without "what to do"
fails its purpose and an image without alt text shuts out blind readers. Everything else is a
warning the reviewer weighs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from asri_desktop.core import resources
from asri_desktop.core.findings import Finding, has_errors
from asri_desktop.core.review.syllables import count_syllables

__all__ = [
    "ELEMENTS",
    "LanguageReport",
    "Sentence",
    "analyze",
    "count_syllables",
    "fry_grade",
    "fry_grade_for",
    "split_sentences",
]

#: The five elements of a complete warning, in the order they are reported.
ELEMENTS = ("source", "hazard", "location", "action", "time")

_ELEMENT_LABELS = {
    "source": "sumber informasi (mis. BMKG, BPBD)",
    "hazard": "jenis bahaya (mis. banjir, angin kencang)",
    "location": "lokasi (kecamatan atau desa)",
    "action": "tindakan yang harus dilakukan warga",
    "time": "waktu (hari, tanggal, pukul)",
}
_ELEMENT_HINTS = {
    "source": "Sebutkan sumbernya, mis. \"Menurut BMKG Stasiun Meteorologi Depati Amir ...\".",
    "hazard": "Sebutkan bahayanya dengan jelas, mis. \"banjir rob\" atau \"hujan lebat disertai petir\".",
    "location": "Sebutkan lokasinya, mis. \"di Kecamatan Sungailiat dan Pemali\".",
    "action": "Tulis apa yang harus dilakukan warga, mis. \"Segera menjauh dari bantaran sungai\".",
    "time": "Sebutkan waktunya, mis. \"Jumat, 27 November 2026, pukul 14.00-20.00 WIB\".",
}

# Links, mentions and hashtags are not prose: they count neither as words nor as sentences.
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MENTION = re.compile(r"(?<!\w)@\w+")
_HASHTAG = re.compile(r"(?<!\w)#(\w+)")
# A word: letters/digits, joined by hyphens or apostrophes (anak-anak), and numerals with
# separators between digits (1.200, 14.30, 2,5).
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+|(?<=[0-9])[.,:][0-9]+)*")
_LETTER_WORD = re.compile(r"[^\W\d_]+")
_BULLET = re.compile(r"^\s*(?:[-*•·▪►➤→✓✔☑✅👉◆■□○●]+|\d{1,2}[.)])\s+")
# A candidate sentence end: terminal punctuation, optional closing quotes/brackets, then space or end.
# Emojis end a sentence too when a capitalised word follows ("Segera mengungsi 🏃 Bawa obat").
_EMOJI = "\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D"
_TERMINATOR = re.compile(r"([.!?…]+|[" + _EMOJI + r"]+)([\"')\]»”’]*)(?=\s|$)")
_CLAUSE_SPLIT = re.compile(r"[,;:()\u2013\u2014]| - ")
_CLOCK = re.compile(r"(?<![0-9.,:])(?:[01]?[0-9]|2[0-3])[.:][0-5][0-9](?![0-9])")
_DATE = re.compile(r"(?<![0-9])[0-3]?[0-9][/-][01]?[0-9](?:[/-][0-9]{2,4})?(?![0-9])")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NEXT_CHAR = re.compile(r"\s*(\S?)")
# Longest abbreviation worth recognising before a full stop; longer words are never abbreviations.
_LOOKBEHIND = 24


@dataclass(frozen=True)
class Sentence:
    """One sentence of the analysed text: where it starts, its text and its words."""

    line: int
    text: str
    words: tuple[str, ...]


@dataclass
class LanguageReport:
    """The result of :func:`analyze`: findings and the figures behind them."""

    findings: list[Finding]
    stats: dict[str, Any]
    sentences: list[Sentence] = field(default_factory=list, repr=False)

    @property
    def has_errors(self) -> bool:
        """True when any finding is an error (a post that should not pass as it is)."""
        return has_errors(self.findings)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``findings`` (list of dicts), ``stats`` and ``has_errors``."""
        return {
            "findings": [f.to_dict() for f in self.findings],
            "stats": dict(self.stats),
            "has_errors": self.has_errors,
        }


# ----------------------------------------------------------------------------- configuration
@lru_cache(maxsize=1)
def _config() -> dict[str, Any]:
    return resources.data("language.toml")


@dataclass(frozen=True)
class _Phrases:
    """A set of phrases matched as whole words, case-insensitive, by word n-grams.

    Set lookups over the text's words stay linear in the text (a regex with hundreds of
    alternatives crawls over 100,000 characters) and treat "Kec." like "kec".
    """

    grams: frozenset[tuple[str, ...]]
    firsts: frozenset[str]
    longest: int

    @classmethod
    def of(cls, phrases: Iterable[str]) -> "_Phrases":
        grams = {tuple(w.lower() for w in _words(p)) for p in phrases if p}
        grams.discard(())
        return cls(
            frozenset(grams),
            frozenset(g[0] for g in grams),
            max((len(g) for g in grams), default=0),
        )

    def matches(self, tokens: list[str]) -> Iterable[tuple[int, int]]:
        """(start, end) token spans of the phrases in ``tokens`` (lower case), longest first."""
        for i, tok in enumerate(tokens):
            if tok not in self.firsts:
                continue
            for n in range(min(self.longest, len(tokens) - i), 0, -1):
                if tuple(tokens[i: i + n]) in self.grams:
                    yield i, i + n
                    break

    def found(self, tokens: list[str]) -> bool:
        return next(iter(self.matches(tokens)), None) is not None


def _names(items: Any, keys: tuple[str, ...] = ("name",)) -> list[str]:
    """Names from a settings list that holds strings or dicts ({"name": ...})."""
    out: list[str] = []
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        return out
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for key in keys:
                value = item.get(key)
                if isinstance(value, str) and value.strip():
                    out.append(value)
    return out


def _split_aliases(names: Iterable[str]) -> list[str]:
    """"Kebakaran Hutan dan Lahan (Karhutla)" -> both the long name and "Karhutla"."""
    out: list[str] = []
    for name in names:
        alias = re.findall(r"\(([^)]+)\)", name)
        base = re.sub(r"\([^)]*\)", " ", name).strip()
        out += [base, *alias]
    return [n for n in out if n]


@dataclass(frozen=True)
class _Cues:
    source: _Phrases
    hazard: _Phrases
    location: _Phrases
    location_di: re.Pattern[str]
    time: _Phrases


def _settings_key(settings: dict[str, Any] | None) -> tuple:
    """The names the cues need from the settings, as a hashable key (for the regex cache).

    A settings dict without one of the keys (``sources``, ``hazards``, ``kecamatan``) falls back
    to the Bangka defaults for that key, so a partial dict never blinds a check.
    """
    defaults = resources.data("defaults/bangka.toml")
    merged = dict(defaults)
    if settings:
        merged.update({k: v for k, v in settings.items() if v is not None})

    def names(key: str, keys: tuple[str, ...] = ("name",)) -> tuple[str, ...]:
        return tuple(_names(merged.get(key), keys))

    agency = merged.get("agency") if isinstance(merged.get("agency"), dict) else {}
    capital = agency.get("capital") if isinstance(agency.get("capital"), str) else ""
    return (
        names("sources", ("name", "short", "id")),
        names("hazards", ("name",)) + tuple(i.replace("-", " ") for i in names("hazards", ("id",))),
        names("kecamatan") + names("desa") + names("kelurahan") + ((capital,) if capital else ()),
    )


@lru_cache(maxsize=16)
def _cues(key: tuple) -> _Cues:
    cfg = _config()
    sources, hazards, places = key
    locale = resources.data("locale_id.toml")
    cues = cfg["cues"]
    time_words = list(cues["time"]) + list(locale["days"]) + list(locale["months"])
    return _Cues(
        source=_Phrases.of(list(cues["source"]) + _split_aliases(sources)),
        hazard=_Phrases.of(list(cues["hazard"]) + _split_aliases(hazards)),
        location=_Phrases.of(list(cues["location"]) + list(places)),
        # "di" + a capitalised name ("di Sungailiat", "di Desa Rebo"); not "di Instagram".
        location_di=re.compile(
            r"(?<![\w])[Dd]i\s+(?!(?:" + "|".join(re.escape(w) for w in cues["not_places"]) + r")\b)"
            r"[A-Z][\w'-]+"
        ),
        time=_Phrases.of(time_words),
    )


# ----------------------------------------------------------------------------- sentences
def _clean(text: str) -> str:
    """Normalise Unicode and drop links, mentions and hashtags (not prose)."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _URL.sub(" ", text)
    text = _MENTION.sub(" ", text)
    return _HASHTAG.sub(" ", text)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    cfg = _config()["sentences"]
    return frozenset(cfg["abbreviations"]), frozenset(cfg["abbreviations_may_end"])


def _is_boundary(segment: str, match: re.Match[str]) -> bool:
    """Whether a terminator really ends a sentence (abbreviations and initials do not)."""
    punct = match.group(1)
    # Look only at a small window on either side: slicing the whole rest of a 100,000-character
    # segment at every full stop would make splitting quadratic.
    next_char = _NEXT_CHAR.match(segment, match.end()).group(1)
    if not next_char:
        return True
    if punct[0] not in ".!?…":
        # An emoji: a break only before a capital or a number ("🏃 Bawa obat", not "🙏 ya").
        return next_char.isupper() or next_char.isdigit()
    if "!" in punct or "?" in punct:
        return True
    if next_char.islower():
        # Indonesian sentences start with a capital; a lower-case word means we are mid-sentence.
        return False
    if punct != ".":
        return True  # an ellipsis before a capital word
    # The word before the full stop (dots kept: "a.n", "s.d"), scanned backwards in a small window.
    end = match.start()
    lo = max(0, end - _LOOKBEHIND)
    i = end
    while i > lo and (segment[i - 1].isalnum() or segment[i - 1] in "._"):
        i -= 1
    prev = segment[i:end].lower().rstrip(".")
    never_end, may_end = _abbreviations()
    if prev in never_end:
        return False
    if prev in may_end:
        return next_char.isupper() or next_char.isdigit()
    if len(prev) == 1 and prev.isalpha():
        return False  # an initial: "H. Mulyadi"
    return True


def _segments(text: str) -> list[tuple[int, str]]:
    """Group lines into segments: a line break ends a sentence unless the next line goes on in lower case.

    Social posts put one thought per line and bullets without full stops; a pasted paragraph
    with hard line breaks continues in lower case.
    """
    segments: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        bullet = _BULLET.match(raw)
        if bullet:
            line = raw[bullet.end():].strip()
        if not line:
            if current:
                segments.append((start, " ".join(current)))
                current = []
            continue
        continues = (
            current
            and not bullet
            and line[:1].islower()
            and not re.search(r"[.!?…]$", current[-1])
        )
        if continues:
            current.append(line)
            continue
        if current:
            segments.append((start, " ".join(current)))
        current = [line]
        start = number
    if current:
        segments.append((start, " ".join(current)))
    return segments


def split_sentences(text: str) -> list[Sentence]:
    """Split a post's text into sentences, the Indonesian way.

    Copes with abbreviations (Kab., Kec., Ds., Jl., No., dll., a.n., Prov.), numerals
    (1.200, 14.30 WIB), bullet lists, one-thought-per-line posts, emojis, links and hashtags.
    Pieces without any word (an emoji line, a row of hashtags) are not sentences.
    """
    sentences: list[Sentence] = []
    for line, segment in _segments(_clean(text)):
        begin = 0
        for match in _TERMINATOR.finditer(segment):
            if not _is_boundary(segment, match):
                continue
            piece = segment[begin: match.end()].strip()
            begin = match.end()
            words = _words(piece)
            if words:
                sentences.append(Sentence(line, piece, tuple(words)))
        piece = segment[begin:].strip()
        words = _words(piece)
        if words:
            sentences.append(Sentence(line, piece, tuple(words)))
    return sentences


# ----------------------------------------------------------------------------- Fry graph
def _to_plot(x: float, y: float) -> tuple[float, float]:
    """Fry's y axis is evenly spaced in words per sentence: plot (x, 100 / y)."""
    return x, 100.0 / y


def _side(a: tuple[float, float], b: tuple[float, float], p: tuple[float, float]) -> float:
    return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])


def _inside(polygon: list[tuple[float, float]], p: tuple[float, float]) -> bool:
    """Ray casting point-in-polygon."""
    inside = False
    n = len(polygon)
    for i in range(n):
        (x1, y1), (x2, y2) = polygon[i], polygon[(i + 1) % n]
        if (y1 > p[1]) != (y2 > p[1]):
            cross_x = x1 + (p[1] - y1) * (x2 - x1) / (y2 - y1)
            if p[0] < cross_x:
                inside = not inside
    return inside


def fry_grade_for(syllables_per_100: float, sentences_per_100: float) -> int | None:
    """Read the grade off Fry's graph for one point (already adapted: syllables x 0.6).

    Args:
        syllables_per_100: x, syllables per 100 words (after the Indonesian factor).
        sentences_per_100: y, sentences per 100 words.

    Returns:
        The grade (1-17, where 17 stands for "beyond grade 16"), or None when the point lies in
        one of Fry's shaded regions where no grade is valid.
    """
    fry = _config()["fry"]
    # Clamp to the axes, a hair inside them: a point exactly on the graph's edge would sit on the
    # edge of a shaded polygon, where the inside test is undecided.
    eps = 1e-6
    x = min(max(syllables_per_100, fry["x_min"] + eps), fry["x_max"] - eps)
    y = min(max(sentences_per_100, fry["y_min"] + eps), fry["y_max"] - eps)
    p = _to_plot(x, y)
    for name in ("invalid_long_sentences", "invalid_long_words"):
        polygon = [_to_plot(px, py) for px, py in fry[name]]
        if _inside(polygon, p):
            return None
    hardest = _to_plot(fry["x_max"], fry["y_min"])
    boundaries = sorted(fry["boundaries"], key=lambda b: b[0])
    for grade, x1, y1, x2, y2 in boundaries:
        a, b = _to_plot(x1, y1), _to_plot(x2, y2)
        # Easier side of this grade's upper boundary: the point is in this grade.
        if _side(a, b, p) * _side(a, b, hardest) <= 0:
            return int(grade)
    return int(boundaries[-1][0]) + 1


def _fry_point(sentences: list[Sentence]) -> tuple[int, int, int]:
    words = [w for s in sentences for w in s.words]
    return len(words), sum(count_syllables(w) for w in words), len(sentences)


def _fry_from_counts(n_words: int, n_syllables: int, n_sentences: int) -> tuple[int | None, float, float, str]:
    th = _config()["thresholds"]
    if n_words == 0:
        return None, 0.0, 0.0, "too_short"
    syl100 = n_syllables * 100.0 / n_words
    sent100 = n_sentences * 100.0 / n_words
    if n_words < th["fry_min_words"]:
        return None, syl100, sent100, "too_short"
    grade = fry_grade_for(syl100 * th["fry_syllable_factor"], sent100)
    return grade, syl100, sent100, "ok" if grade is not None else "invalid_region"


def fry_grade(text: str) -> int | None:
    """Readability grade of ``text`` on Fry's graph adapted to Indonesian.

    Harjasujana & Mulyati (1996): count syllables per 100 words by Indonesian rules, multiply
    by 0.6, count sentences per 100 words, and read the grade off Fry's (1977) graph. The grade
    means the text suits readers of grades g-1 to g+1.

    Returns:
        The grade, or None when the text has fewer than ``fry_min_words`` words or its point
        falls in one of the graph's invalid regions.
    """
    return _fry_from_counts(*_fry_point(split_sentences(text)))[0]


# ----------------------------------------------------------------------------- imperatives
@lru_cache(maxsize=1)
def _imp() -> dict[str, frozenset[str]]:
    """The ``[imperatives]`` word lists as sets (looked up once per token)."""
    return {k: frozenset(v) for k, v in _config()["imperatives"].items()}


def _is_imperative(token: str, at_clause_start: bool) -> bool:
    sets = _imp()
    if token in sets["anywhere"]:
        return True
    if token.endswith("lah") and token not in sets["lah_not_imperative"] and len(token) > 5:
        stem = token[:-3]
        if (
            stem in sets["anywhere"]
            or stem in sets["clause_start"]
            or stem in sets["lah_stems"]
            or any(stem.startswith(p) and len(stem) >= len(p) + 3 for p in sets["lah_prefixes"])
        ):
            return True
    if not at_clause_start:
        return False
    if token in sets["clause_start"]:
        return True
    if (
        token.endswith("kan")
        and len(token) > 5
        and token not in sets["kan_not_imperative"]
        and not any(token.startswith(p) for p in sets["kan_prefixes_not_imperative"])
    ):
        return True
    return False


def _appealed_action(tokens: list[str], i: int) -> str | None:
    """The action an agency's appeal asks for ("Warga diimbau tidak membakar lahan"), if any.

    After an appeal word ("diimbau", "diminta", "agar" ..., optionally followed by "untuk"),
    a prefixed verb ("mengungsi", "berlindung") or "tidak" + a verb is an action message too;
    vague words ("waspada", "hati-hati") are not.
    """
    sets = _imp()
    j = i - 1
    if j >= 0 and tokens[j] == "untuk":
        j -= 1
    if j < 0 or tokens[j] not in sets["appeals"]:
        return None
    tok = tokens[i]
    if tok in sets["vague"]:
        return None
    if tok == "tidak":
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if following and following not in sets["vague"]:
            return f"tidak {following}"
        return None
    if len(tok) > 5 and any(tok.startswith(p) for p in sets["appeal_verb_prefixes"]):
        return tok
    return None


def _actions(sentences: list[Sentence]) -> tuple[list[str], list[str]]:
    """Imperatives found (in order) and the distinct instructions (key messages) they make.

    A modifier ("segera", "jangan", "tetap") joins the verb after it into one instruction;
    the same verb twice is the same instruction.
    """
    sets = _imp()
    joiners = sets["clause_joiners"]
    # Cheap pre-check before _appealed_action: an appeal word or "untuk" right before the token.
    appeal_ends = sets["appeals"] | {"untuk"}
    found: list[str] = []
    messages: list[str] = []
    for sentence in sentences:
        for clause in _CLAUSE_SPLIT.split(sentence.text):
            tokens = [t.lower() for t in _words(clause)]
            prev_modifier = False
            for i, tok in enumerate(tokens):
                at_start = i == 0 or tokens[i - 1] in joiners or prev_modifier
                following = tokens[i + 1] if i + 1 < len(tokens) else ""
                if not _is_imperative(tok, at_start):
                    appeal = _appealed_action(tokens, i) if i and tokens[i - 1] in appeal_ends else None
                    if appeal:
                        found.append(appeal)
                        messages.append(appeal)
                    prev_modifier = False
                    continue
                if tok in sets["modifiers"] and (not following or following in sets["vague"]):
                    # "Tetap waspada", "Tetap hati-hati": an appeal, not an instruction.
                    prev_modifier = False
                    continue
                found.append(tok)
                key = tok[:-3] if tok.endswith("lah") and tok not in sets["anywhere"] else tok
                if prev_modifier and messages:
                    # "segera mengungsi": the verb is the message, not the modifier.
                    messages[-1] = key
                else:
                    messages.append(key if tok not in sets["modifiers"] else f"{key} {following}")
                prev_modifier = tok in sets["modifiers"]
    distinct = list(dict.fromkeys(messages))
    return found, distinct


# ----------------------------------------------------------------------------- checks
def _excerpt(text: str) -> str:
    limit = _config()["thresholds"]["excerpt_chars"]
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _cue_text(text: str) -> str:
    """Text for cue search: hashtags kept as words, CamelCase split (#BanjirSungailiat)."""
    text = _URL.sub(" ", unicodedata.normalize("NFC", text))
    return _HASHTAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", text)


def _elements(text: str, cues: _Cues, has_action: bool) -> dict[str, bool]:
    cue_text = _cue_text(text)
    tokens = [t.lower() for t in _words(cue_text)]
    return {
        "source": cues.source.found(tokens),
        "hazard": cues.hazard.found(tokens),
        "location": cues.location.found(tokens) or bool(cues.location_di.search(cue_text)),
        "action": has_action,
        "time": cues.time.found(tokens) or bool(_CLOCK.search(cue_text)) or bool(_DATE.search(cue_text)),
    }


def _shouting(text: str) -> list[Finding]:
    th = _config()["thresholds"]
    acronyms = {a.upper() for a in _config()["shouting"]["acronyms"]}
    vowels = set("AIUEO")
    run = re.compile("!{%d,}" % th["exclamation_run"])
    findings: list[Finding] = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        line = _HASHTAG.sub(" ", _MENTION.sub(" ", _URL.sub(" ", raw)))
        words = [
            w for w in _LETTER_WORD.findall(line)
            if w.upper() not in acronyms and set(w.upper()) & vowels and len(w) > 1
        ]
        letters = sum(len(w) for w in words)
        caps = (
            len(words) >= th["caps_min_words"]
            and letters >= th["caps_min_letters"]
            and all(w.isupper() for w in words)
        )
        bangs = bool(run.search(line))
        if not caps and not bangs:
            continue
        reasons = []
        if caps:
            reasons.append("seluruhnya huruf kapital")
        if bangs:
            reasons.append("tanda seru berulang")
        findings.append(Finding(
            code="language.shouting",
            severity="warning",
            message=f"Baris {number} terkesan berteriak ({' dan '.join(reasons)}): \"{_excerpt(raw)}\".",
            line=number,
            suggestion=(
                "Tulis dengan huruf biasa (kapital hanya di awal kalimat dan nama) dan cukup satu "
                "tanda seru; beri penekanan lewat huruf tebal atau warna pada desain."
            ),
            extra={"caps": caps, "exclamations": bangs},
        ))
    return findings


def _jargon(text: str) -> list[Finding]:
    phrases, table = _jargon_table()
    findings: list[Finding] = []
    seen: set[tuple[str, ...]] = set()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        spans = [(m.start(), m.end()) for m in _WORD.finditer(line)]
        tokens = [line[a:b].lower() for a, b in spans]
        for i, j in phrases.matches(tokens):
            gram = tuple(tokens[i:j])
            if gram in seen:
                continue
            seen.add(gram)
            term, plain = table[gram]
            surface = line[spans[i][0]: spans[j - 1][1]]
            findings.append(Finding(
                code="language.jargon",
                severity="warning",
                message=f"Istilah \"{surface}\" (baris {number}) sulit dipahami warga awam.",
                line=number,
                suggestion=f"Ganti \"{surface}\" dengan \"{plain}\".",
                extra={"term": term, "plain": plain},
            ))
    return findings


@lru_cache(maxsize=1)
def _jargon_table() -> tuple[_Phrases, dict[tuple[str, ...], tuple[str, str]]]:
    table: dict[str, str] = _config()["jargon"]
    by_gram = {tuple(w.lower() for w in _words(term)): (term, plain) for term, plain in table.items()}
    return _Phrases.of(table.keys()), by_gram


# ----------------------------------------------------------------------------- analyze
def analyze(
    text: str,
    *,
    alt_text: str | None = None,
    settings: dict[str, Any] | None = None,
    needs_alt_text: bool = False,
) -> LanguageReport:
    """Analyse a post's text for plain, complete, actionable Indonesian risk communication.

    Args:
        text: the caption or body of the post (any length; emojis, hashtags, bullets welcome).
        alt_text: the image's alternative text, when the post has one.
        settings: ``Archive.settings()`` (kecamatan, hazards, sources ...); None loads the
            Bangka defaults from ``resources/defaults/bangka.toml``.
        needs_alt_text: True for an image post; then a missing or blank ``alt_text`` is an error.

    Returns:
        A :class:`LanguageReport` with the findings (codes ``language.no_action``,
        ``language.long_sentences``, ``language.missing_element``, ``language.too_many_messages``,
        ``language.shouting``, ``language.jargon``, ``language.no_alt_text``) and the stats.
    """
    if not isinstance(text, str):
        raise TypeError("analyze: text must be a str")
    cfg = _config()
    th = cfg["thresholds"]
    cues = _cues(_settings_key(settings))
    sentences = split_sentences(text)
    lengths = [len(s.words) for s in sentences]
    n_words = sum(lengths)
    long = [s for s in sentences if len(s.words) > th["sentence_words"]]
    share = len(long) / len(sentences) if sentences else 0.0
    _, n_syllables, n_sentences = _fry_point(sentences)
    grade, syl100, sent100, fry_status = _fry_from_counts(n_words, n_syllables, n_sentences)
    verbs, messages = _actions(sentences)
    elements = _elements(text, cues, bool(verbs))

    findings: list[Finding] = []
    if not verbs:
        findings.append(Finding(
            code="language.no_action",
            severity="error",
            message="Tidak ada pesan aksi: teks tidak memberi tahu warga apa yang harus dilakukan.",
            suggestion=(
                "Tambahkan ajakan bertindak dengan kata kerja perintah, mis. \"Segera menjauh dari "
                "bantaran sungai\", \"Siapkan tas siaga\", \"Hubungi 112\"."
            ),
        ))
    if long and share > th["long_sentence_share"]:
        first = long[0]
        findings.append(Finding(
            code="language.long_sentences",
            severity="warning",
            message=(
                f"{len(long)} dari {len(sentences)} kalimat ({share:.0%}) lebih dari "
                f"{th['sentence_words']} kata (batas {th['long_sentence_share']:.0%}); "
                f"terpanjang {max(lengths)} kata: \"{_excerpt(first.text)}\"."
            ),
            line=first.line,
            suggestion=(
                f"Pecah kalimat panjang menjadi kalimat pendek, paling banyak {th['sentence_words']} "
                "kata, satu gagasan per kalimat."
            ),
            extra={"sentences": [
                {"line": s.line, "words": len(s.words), "excerpt": _excerpt(s.text)} for s in long
            ]},
        ))
    for element in ELEMENTS:
        if elements[element]:
            continue
        findings.append(Finding(
            code="language.missing_element",
            severity="warning",
            message=f"Unsur peringatan tidak ditemukan: {_ELEMENT_LABELS[element]}.",
            suggestion=_ELEMENT_HINTS[element],
            extra={"element": element},
        ))
    if len(messages) > th["key_messages"]:
        findings.append(Finding(
            code="language.too_many_messages",
            severity="warning",
            message=(
                f"Teks memuat {len(messages)} pesan kunci ({', '.join(messages)}); "
                f"paling banyak {th['key_messages']} agar mudah diingat."
            ),
            suggestion=(
                f"Pilih {th['key_messages']} tindakan terpenting; pindahkan sisanya ke unggahan "
                "lain atau ke infografis terpisah."
            ),
            extra={"messages": messages},
        ))
    findings += _shouting(text)
    findings += _jargon(text)
    if needs_alt_text and not (alt_text or "").strip():
        findings.append(Finding(
            code="language.no_alt_text",
            severity="error",
            message="Teks alternatif (alt text) gambar belum diisi.",
            suggestion=(
                "Tulis teks alternatif yang memuat semua tulisan pada gambar dan gambaran singkat "
                "isinya, agar pembaca tunanetra mendapat informasi yang sama."
            ),
        ))

    stats: dict[str, Any] = {
        "sentences": len(sentences),
        "words": n_words,
        "mean_sentence_words": round(n_words / len(sentences), 2) if sentences else 0.0,
        "share_over_limit": round(share, 4),
        "syllables": n_syllables,
        "syllables_per_100_words": round(syl100, 2),
        "sentences_per_100_words": round(sent100, 2),
        "fry_x": round(syl100 * th["fry_syllable_factor"], 2),
        "fry_grade": grade,
        "fry_status": fry_status,
        "action_verbs": list(dict.fromkeys(verbs)),
        "elements": elements,
        "key_messages": len(messages),
    }
    return LanguageReport(findings=findings, stats=stats, sentences=sentences)
