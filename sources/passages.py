"""Finding a quoted passage in a capture's text, and what became of it in a later capture.

A passage is looked for in a normalised form of both texts: Unicode NFKC, case folded, every
kind of quotation mark and apostrophe made one, every dash made one (with the spaces around it
dropped), soft hyphens and zero-width characters removed, whitespace runs made one space. Where
it is found is given as character offsets in the original text, so it can be shown in place.

An ellipsis in a quote ("…", "...", "[…]") stands for words left out: the parts around it are
found in order. Quotation marks around the whole quote are ignored.
"""

import re
import unicodedata
from array import array
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d"
_QUOTES = "'\"`\u00b4\u02bc\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u2035\u2036"
_QUOTES += "\u00ab\u00bb\u2039\u203a"  # guillemets
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_FOLD = str.maketrans({**dict.fromkeys(_DASHES, "-"), **dict.fromkeys(_QUOTES, "'"), **dict.fromkeys(_INVISIBLE)})
# Runs that need nothing but lower-casing: plain ASCII words without quotes or dashes, one space apart.
_PLAIN_CHARS = r"[!#-&(-,./0-9:-@A-Z\[-_a-z{-~]+"
_PLAIN = re.compile(rf"{_PLAIN_CHARS}(?: {_PLAIN_CHARS})*")
_BLANK = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\s*[\[(]?\s*\.\.\.+\s*[\])]?\s*")
_WORD = re.compile(r"\w+")
# How alike (0-100, word by word) the best-matching stretch of the new text must be to the
# passage for the passage to count as changed rather than vanished.
CHANGED_AT_LEAST = 60


@dataclass(frozen=True)
class Normalised:
    """A text as compared, with where each of its characters came from in the original."""

    text: str
    starts: array  # starts[i]: offset in the original of the character text[i] came from
    ends: array  # ends[i]: offset just past it

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end - 1]


def normalise(text: str) -> Normalised:
    out: list[str] = []
    starts, ends = array("I"), array("I")
    space_at = None  # (start, end) in the original of a whitespace run not yet written
    after_dash = False
    i, n = 0, len(text)
    while i < n:
        blank = _BLANK.match(text, i)
        if blank:
            space_at = (space_at[0], blank.end()) if space_at else blank.span()
            i = blank.end()
            continue
        plain = _PLAIN.match(text, i)
        j = plain.end() if plain else i
        if j < n and unicodedata.combining(text[j]):
            j -= 1  # the last letter takes the accent that follows it: the slow way
        if j > i:
            if space_at and out and not after_dash:
                out.append(" ")
                starts.append(space_at[0])
                ends.append(space_at[1])
            space_at, after_dash = None, False
            out.append(text[i:j].lower())
            starts.extend(range(i, j))
            ends.extend(range(i + 1, j + 1))
            i = j
            continue
        j = i + 1  # a character with the combining marks that follow it
        while j < n and unicodedata.combining(text[j]):
            j += 1
        for char in unicodedata.normalize("NFKC", text[i:j]).casefold().translate(_FOLD):
            if char.isspace():
                space_at = (space_at[0], j) if space_at else (i, j)
                continue
            if char == "-":
                space_at, after_dash = None, True  # "a - b", "a—b" and "a-b" read the same
            else:
                if space_at and out and not after_dash:
                    out.append(" ")
                    starts.append(space_at[0])
                    ends.append(space_at[1])
                space_at, after_dash = None, False
            out.append(char)
            starts.append(i)
            ends.append(j)
        i = j
    return Normalised("".join(out), starts, ends)


def _parts(quote: str) -> list[str]:
    """The quote's normalised parts, split at ellipses, without quotation marks around it."""
    text = normalise(quote).text.strip(" '")
    return [part.strip(" '") for part in _ELLIPSIS.split(text) if part.strip(" '")]


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _find(haystack: str, part: str, start: int) -> int:
    """The first place `part` occurs from `start`, not cut out of the middle of a word."""
    while True:
        found = haystack.find(part, start)
        if found < 0:
            return -1
        end = found + len(part)
        cuts_before = found > 0 and _is_word(part[0]) and _is_word(haystack[found - 1])
        cuts_after = end < len(haystack) and _is_word(part[-1]) and _is_word(haystack[end])
        if not (cuts_before or cuts_after):
            return found
        start = found + 1


def _locate(text: Normalised, parts: list[str]) -> tuple[int, int] | None:
    position, first = 0, None
    for part in parts:
        found = _find(text.text, part, position)
        if found < 0:
            return None
        first = found if first is None else first
        position = found + len(part)
    return text.original_span(first, position)


def find_passage(text: str, quote: str) -> tuple[int, int] | None:
    """(start, end) of the quoted passage in `text`, or None if it is not there (or nothing is quoted)."""
    parts = _parts(quote)
    if not parts or not text:
        return None
    return _locate(normalise(text), parts)


# What became of a quoted passage in a later capture of the same page.
INTACT = "intact"
CHANGED = "changed"
VANISHED = "vanished"
NO_QUOTE = "no_quote"
UNLOCATED = "unlocated"
GONE = "gone"

FATES = {
    INTACT: _("only the rest of the page changed; the quoted passage is intact"),
    CHANGED: _("the quoted passage changed"),
    VANISHED: _("the quoted passage vanished"),
    NO_QUOTE: _("the page changed (the citation quotes no passage)"),
    UNLOCATED: _("the page changed (the quoted passage was not in the pinned capture either)"),
    GONE: _("the source is gone"),
}
# The most serious first: a verdict's banner names the worst of its changed sources.
SEVERITY = [VANISHED, GONE, CHANGED, UNLOCATED, NO_QUOTE, INTACT]


@dataclass(frozen=True)
class PassageFate:
    fate: str
    old_span: tuple[int, int] | None  # where the passage is in the old text
    new_span: tuple[int, int] | None  # where it is (intact) or what it became (changed) in the new text
    score: float | None = None  # how alike the changed passage is to what it became (0-100)


def _words(text: Normalised) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text.text)]


def _closest(passage: str, new: Normalised) -> tuple[float, tuple[int, int] | None]:
    """The stretch of `new` most like `passage`, compared word by word, and how alike (0-100)."""
    table: dict[str, str] = {}

    def spell(words):  # each distinct word as one character, so the alignment works on words
        return "".join(table.setdefault(word, chr(0xF0000 + len(table) % 0xFFFD)) for word, _, _ in words)

    wanted = _words(normalise(passage))
    found = _words(new)
    if not wanted or not found:
        return 0.0, None
    alignment = fuzz.partial_ratio_alignment(spell(wanted), spell(found))
    if alignment is None:
        return 0.0, None
    first, last = alignment.dest_start, alignment.dest_end - 1
    if last < first:
        return 0.0, None
    words = {word for word, _, _ in wanted}
    # A stretch longer than the passage loses the words at its ends that the passage does not have.
    while last - first >= len(wanted) and found[first][0] not in words:
        first += 1
    while last - first >= len(wanted) and found[last][0] not in words:
        last -= 1
    return alignment.score, new.original_span(found[first][1], found[last][2])


def passage_fate(*, quote: str, old_text: str, new_text: str) -> PassageFate:
    """Whether the quoted passage is intact in the new text, changed there, or vanished from it."""
    parts = _parts(quote)
    if not parts:
        return PassageFate(NO_QUOTE, None, None)
    old_span = _locate(normalise(old_text), parts) if old_text else None
    new = normalise(new_text)
    new_span = _locate(new, parts)
    if new_span is not None:
        return PassageFate(INTACT, old_span, new_span)
    if old_span is None:
        return PassageFate(UNLOCATED, None, None)
    score, closest = _closest(old_text[old_span[0] : old_span[1]], new)
    if closest is not None and score >= CHANGED_AT_LEAST:
        return PassageFate(CHANGED, old_span, closest, round(score, 1))
    return PassageFate(VANISHED, old_span, None, round(score, 1))
