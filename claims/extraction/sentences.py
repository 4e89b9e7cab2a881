"""An article's sentences. pysbd splits them, a bounded piece at a time: some of its rules read
a whole paragraph for every abbreviation or unclosed quote in it, so a paragraph of a million
characters would take hours. A long paragraph is cut first where a sentence surely ends, into
pieces of at most PIECE characters and MAX_ENDS possible sentence ends; a run of more than PIECE
characters with no sentence end in it is one sentence, far too long to be a claim (the extractor
leaves such sentences out).
"""

import bisect
import re
from functools import cache

import pysbd
from pysbd.lang.english import English

from claims.extraction.linear import without_surrogates
from claims.extraction.rules import rule

PIECE = 2_000  # characters of a paragraph that pysbd reads at once
MAX_ENDS = 20  # and possible sentence ends (each abbreviation costs pysbd a pass over the piece)
# Where a sentence may end: its mark, closing quotes or brackets, then a space. Each run of marks
# is read once from its start (the lookbehind), so a run of a million dots costs a million steps.
_END = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’»)\]]*+\s++")
_SPACES = re.compile(r"\s*")
_ABBREVIATIONS = frozenset(English.Abbreviation.ABBREVIATIONS)
_WORD_BEFORE = re.compile(r"([A-Za-z.]{1,20})[.!?…]++[\"'”’»)\]]*+\s++$")


rule(
    "sentences",
    "abbreviations-do-not-end-sentences",
    "U.S. health official Dr. Ana Ribeiro said 14 countries had reported cases since Jan. 5.",
    claimant="Ana Ribeiro",
    text="14 countries had reported cases since Jan. 5.",
)


@cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str) -> list[str]:
    """The article's sentences, in order, each exactly as written (trimmed). Each line is a
    paragraph of its own: headlines, datelines and captions never run into the next sentence.
    Time grows linearly with the text."""
    sentences = []
    for line in without_surrogates(text).splitlines():
        line = " ".join(line.split())
        for piece, whole in _pieces(line):
            if whole:
                sentences.append(piece.strip())
            else:
                sentences.extend(s.strip() for s in _segment(piece) if s.strip())
    return [sentence for sentence in sentences if sentence]


def _segment(piece: str) -> list[str]:
    """pysbd's sentences of a piece. pysbd keeps a sentence only where it finds it in the text,
    after the one before; it looks for each from the start of the text, which is done here from
    where the last one ended."""
    if not piece:
        return []
    found, end = [], 0
    for sentence in _segmenter().processor(piece).process():
        at = piece.find(sentence, max(0, end - len(sentence)))
        while at >= 0:
            stop = _SPACES.match(piece, at + len(sentence)).end()  # with the spaces after it
            if stop > end:
                break
            at = piece.find(sentence, at + 1)
        if at >= 0:
            found.append(sentence)
            end = stop
    return found


def _pieces(line: str):
    """(piece, whole): pieces of at most PIECE characters and MAX_ENDS possible sentence ends,
    cut after a sentence end, for pysbd to split; whole is true for a run with no sentence end in
    PIECE characters, kept as it is."""
    ends = [match.end() for match in _END.finditer(line)]
    if len(line) <= PIECE and len(ends) <= MAX_ENDS:
        yield line, False
        return
    sure = [end for end in ends if _surely_ends(line, end)]
    start, first = 0, 0  # ends[first] is the first end after start
    while start < len(line):
        while first < len(ends) and ends[first] <= start:
            first += 1
        limit = start + PIECE
        if first + MAX_ENDS < len(ends):
            limit = min(limit, ends[first + MAX_ENDS - 1])
        if limit >= len(line):
            yield line[start:], False
            return
        cut = _last_before(sure, start, limit) or _last_before(ends, start, limit)
        if cut is None:
            cut = ends[first] if first < len(ends) else len(line)
            yield line[start:cut], True
        else:
            yield line[start:cut], False
        start = cut


def _last_before(positions: list[int], start: int, limit: int) -> int | None:
    index = bisect.bisect_right(positions, limit) - 1
    return positions[index] if index >= 0 and positions[index] > start else None


def _surely_ends(line: str, end: int) -> bool:
    """A sentence end that no abbreviation or initial explains: "… the talks. The …"."""
    following = line[end : end + 1]
    word = _WORD_BEFORE.search(line, max(0, end - 24), end)
    if not following or not (following.isupper() or following in "\"“‘'«("):
        return False
    if word is None:
        return True
    word = word.group(1)
    return len(word) > 1 and "." not in word and word.lower() not in _ABBREVIATIONS
