"""Indonesian syllable counting, for the Fry readability grade.

The rule (data in ``resources/language.toml`` ``[syllables]``):

* Every vowel letter ``a i u e o`` is one syllable nucleus; Indonesian has no silent vowels,
  so ``bencana`` = ben-ca-na = 3, ``pengungsian`` = pe-ngung-si-an = 4, ``air`` = a-ir = 2.
* The diphthongs ``ai au ei oi`` are one nucleus when they close their syllable: at the end
  of the word (pan-tai, pu-lau, sur-vei), before a vowel (pa-kai-an) or before a single
  consonant that opens the next syllable (sau-da-ra, kai-dah). ``ng ny kh sy`` count as one
  consonant there (pu-lau-nya). Before a consonant that closes the syllable the two vowels are
  two syllables (a-ir, ma-in, ba-ik, la-ut). A short list of roots keeps its two syllables
  when a suffix follows (ma-in-an, la-ut-an).
* Numbers are spelled out in Indonesian and their words counted: ``1.200`` = se-ri-bu du-a
  ra-tus = 7, ``14.30`` = em-pat be-las ti-ga pu-luh = 8, ``2,5`` = du-a ko-ma li-ma = 6.
  Numbers of 16 digits or more are read digit by digit.
* An all-capitals token without a vowel (``BPBD``, ``BMKG``) is read letter by letter: one
  syllable per letter (be-pe-be-de). Acronyms with a vowel (``SAR``, ``WIB``) are read as
  words. Any word with letters has at least one syllable; digits other than ASCII 0-9 count
  as letters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from asri_desktop.core import resources

_NUMBER = re.compile(r"^[0-9][0-9.,:]*$")
_MAX_SPELLED_DIGITS = 15
_ASCII_DIGITS = re.compile(r"[0-9]")


@lru_cache(maxsize=1)
def _rules() -> dict:
    return resources.data("language.toml")["syllables"]


def _fold(word: str) -> str:
    """Lower-case and strip accents (é -> e) so loanwords count like native spellings."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def spell_number(n: int) -> str:
    """Spell a non-negative integer in Indonesian words (``1200`` -> ``seribu dua ratus``).

    Numbers of 10^15 and above are read digit by digit, as people read long codes.
    """
    rules = _rules()
    digits: list[str] = rules["digit_words"]
    scales: list[str] = rules["scale_words"]
    if n < 0:
        raise ValueError("spell_number: negative numbers are not spelled")
    if n >= 1000 ** (len(scales) + 1):
        return " ".join(digits[int(d)] for d in str(n))
    if n == 0:
        return digits[0]

    def below_thousand(x: int) -> list[str]:
        words: list[str] = []
        hundreds, rest = divmod(x, 100)
        if hundreds == 1:
            words.append("seratus")
        elif hundreds:
            words += [digits[hundreds], "ratus"]
        if rest == 10:
            words.append("sepuluh")
        elif rest == 11:
            words.append("sebelas")
        elif 12 <= rest <= 19:
            words += [digits[rest - 10], "belas"]
        elif rest >= 20:
            tens, ones = divmod(rest, 10)
            words += [digits[tens], "puluh"]
            if ones:
                words.append(digits[ones])
        elif rest:
            words.append(digits[rest])
        return words

    groups: list[int] = []
    while n:
        n, g = divmod(n, 1000)
        groups.append(g)
    words: list[str] = []
    for power in range(len(groups) - 1, -1, -1):
        g = groups[power]
        if not g:
            continue
        if power == 1 and g == 1:
            words.append("seribu")
            continue
        words += below_thousand(g)
        if power:
            words.append(scales[power - 1])
    return " ".join(words)


def spell_numeral(token: str) -> str:
    """Spell a numeral as written in Indonesian text.

    ``1.200`` and ``15.000`` use dots as thousands separators; ``14.30`` and ``14:30`` are
    clock times (each part spelled, zero minutes silent: ``15.00`` = lima belas); ``2,5`` is a
    decimal (digits after ``koma`` one by one).
    """
    token = token.strip(".,:")
    if not token:
        return ""
    if "," in token:
        whole, _, frac = token.partition(",")
        spelled = spell_numeral(whole) if whole else ""
        digits = _rules()["digit_words"]
        frac_words = " ".join(digits[int(d)] for d in frac if d in "0123456789")
        return " ".join(w for w in (spelled, "koma", frac_words) if w)
    parts = [p for p in re.split(r"[.:,]", token) if p]
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
        parts = ["".join(parts)]
    elif len(parts) > 1:
        # A clock time: "15.00" is read "lima belas", the zero minutes stay silent.
        parts = [parts[0]] + [p for p in parts[1:] if p.strip("0")]
    return " ".join(_spell_digits(p) for p in parts)


def _spell_digits(digits: str) -> str:
    """Spell a run of ASCII digits; very long runs (codes, not amounts) digit by digit."""
    if len(digits) > _MAX_SPELLED_DIGITS:
        words = _rules()["digit_words"]
        return " ".join(words[int(d)] for d in digits)
    return spell_number(int(digits))


def _count_letters(word: str) -> int:
    rules = _rules()
    vowels = rules["vowels"]
    diphthongs = set(rules["diphthongs"])
    digraphs = rules["digraphs"]
    # Hiatus roots: mark the position of their second vowel so it is never merged away.
    keep: set[int] = set()
    for root in rules["hiatus_roots"]:
        start = word.find(root)
        while start != -1:
            for i in range(start, start + len(root) - 1):
                if word[i] in vowels and word[i + 1] in vowels:
                    keep.add(i + 1)
            start = word.find(root, start + 1)
    count = 0
    i = 0
    n = len(word)
    while i < n:
        ch = word[i]
        if ch not in vowels:
            i += 1
            continue
        count += 1
        if i + 1 < n and word[i : i + 2] in diphthongs and (i + 1) not in keep:
            j = i + 2  # first letter after the diphthong
            if j >= n or word[j] in vowels:
                i += 2
                continue
            # One consonant (or digraph) that opens the next syllable?
            step = 2 if word[j : j + 2] in digraphs else 1
            k = j + step
            if k < n and word[k] in vowels:
                i += 2
                continue
        i += 1
    return count


@lru_cache(maxsize=65536)
def count_syllables(word: str) -> int:
    """Number of syllables of one Indonesian word (see the module docstring for the rule).

    Args:
        word: one token: a word (``pengungsian``), a reduplication (``anak-anak``), a numeral
            (``1.200``, ``14.30``) or an acronym (``BPBD``).

    Returns:
        The syllable count; 0 for a token with neither letters nor digits.
    """
    token = word.strip()
    if not token:
        return 0
    if _NUMBER.match(token):
        return sum(count_syllables(w) for w in spell_numeral(token).split())
    # Reduplications and compounds written with a hyphen: each part counts.
    if "-" in token:
        return sum(count_syllables(part) for part in token.split("-") if part)
    letters = "".join(c for c in _fold(token) if c.isalnum())
    if not letters:
        return 0
    if _ASCII_DIGITS.search(letters):
        # Mixed tokens such as "P3K": letters by the rules, each digit run spelled.
        total = 0
        for run in re.findall(r"[0-9]+|[^0-9]+", letters):
            if run[0] in "0123456789":
                total += sum(count_syllables(w) for w in _spell_digits(run).split())
            else:
                total += max(1, _count_letters(run))
        return total
    vowels = _rules()["vowels"]
    if (
        _rules()["spell_acronyms_without_vowels"]
        and token.isupper()
        and not any(c in vowels for c in letters)
    ):
        return len(letters)
    return max(1, _count_letters(letters))
