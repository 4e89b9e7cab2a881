"""Two captures' texts side by side, shown around what changed (not whole), with a passage marked.

The texts are compared line by line; a line longer than a few sentences is compared sentence by
sentence, so a change in a page extracted as one long line still shows as one changed row.
Whitespace alone is no change. Within a changed pair of lines the words that differ are marked.
The result is plain data (text pieces with flags): the template escapes it.
"""

import difflib
import itertools
import re
from dataclasses import dataclass, field

CONTEXT = 2  # unchanged lines shown on each side of a change
MAX_ROWS = 200  # rows shown at most; the rest is counted
LONG_LINE = 300  # a line longer than this is split into sentences
LONG_SENTENCE = 1000  # a sentence longer than this is split at spaces
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_WORD = re.compile(r"\S+")
REWRITTEN_BELOW = 0.4  # two lines sharing fewer of their words than this are shown as rewritten whole


@dataclass(frozen=True)
class Piece:
    text: str
    mark: bool = False  # part of the quoted passage
    change: bool = False  # not on the other side


@dataclass(frozen=True)
class Cell:
    number: int | None = None  # the line's number in its text; None for no line
    pieces: tuple[Piece, ...] = ()


@dataclass(frozen=True)
class Row:
    kind: str  # "same", "changed", "removed" or "added"
    left: Cell
    right: Cell

    @property
    def marked(self) -> bool:
        return any(p.mark for p in self.left.pieces + self.right.pieces)


@dataclass
class Hunk:
    skipped: int  # unchanged lines left out before it
    rows: list[Row] = field(default_factory=list)


@dataclass
class SideBySide:
    hunks: list[Hunk]
    skipped_after: int  # unchanged lines left out after the last hunk
    changed: int  # rows that differ
    not_shown: int  # rows that differ but are past MAX_ROWS


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, position = [], start
    for gap in _SENTENCE_END.finditer(text, start, end):
        spans.append((position, gap.start()))
        position = gap.end()
    spans.append((position, end))
    pieces = []
    for s, e in spans:
        while e - s > LONG_SENTENCE:
            cut = text.rfind(" ", s + LONG_SENTENCE // 2, s + LONG_SENTENCE)
            cut = cut if cut > s else s + LONG_SENTENCE
            pieces.append((s, cut))
            s = cut
        pieces.append((s, e))
    return [(s, e) for s, e in pieces if text[s:e].strip()]


def units(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line compared: non-blank lines, long ones cut into sentences."""
    spans, position = [], 0
    for line in text.split("\n"):
        end = position + len(line)
        if line.strip():
            spans.extend(_split_long(text, position, end) if len(line) > LONG_LINE else [(position, end)])
        position = end + 1
    return spans


def _key(text: str, span: tuple[int, int]) -> str:
    return " ".join(text[span[0] : span[1]].split())


def _ranges_within(span: tuple[int, int], ranges) -> list[tuple[int, int]]:
    start, end = span
    return [(max(s, start) - start, min(e, end) - start) for s, e in ranges if s < end and e > start]


def _pieces(text: str, marks: list[tuple[int, int]], changes: list[tuple[int, int]], *, all_changed=False):
    cuts = sorted({0, len(text), *(x for r in marks + changes for x in r)})
    pieces: list[Piece] = []
    for start, end in itertools.pairwise(cuts):
        if start >= end:
            continue
        mark = any(s <= start and end <= e for s, e in marks)
        change = all_changed or any(s <= start and end <= e for s, e in changes)
        if pieces and (pieces[-1].mark, pieces[-1].change) == (mark, change):
            pieces[-1] = Piece(pieces[-1].text + text[start:end], mark, change)
        else:
            pieces.append(Piece(text[start:end], mark, change))
    return tuple(pieces)


def _merged(ranges: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Ranges joined where only whitespace separates them, so a rewritten phrase reads as one."""
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _word_changes(old: str, new: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Which words of two versions of a line differ: (ranges in old, ranges in new). Lines with
    little in common are changed whole."""
    a = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(old)]
    b = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(new)]
    matcher = difflib.SequenceMatcher(None, [t for t, _, _ in a], [t for t, _, _ in b], autojunk=False)
    if matcher.ratio() < REWRITTEN_BELOW:
        return [(0, len(old))], [(0, len(new))]
    left, right = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            left.append((a[i1][1], a[i2 - 1][2]))
        if j2 > j1:
            right.append((b[j1][1], b[j2 - 1][2]))
    return _merged(left, old), _merged(right, new)


class _Side:
    def __init__(self, text: str, marks):
        self.text, self.marks = text, [m for m in marks if m]
        self.spans = units(text)
        self.keys = [_key(text, span) for span in self.spans]

    def cell(self, index: int, changes=(), *, all_changed=False) -> Cell:
        span = self.spans[index]
        line = self.text[span[0] : span[1]]
        pieces = _pieces(line, _ranges_within(span, self.marks), list(changes), all_changed=all_changed)
        return Cell(index + 1, pieces)


def _rows(old: _Side, new: _Side) -> list[Row]:
    rows = []
    matcher = difflib.SequenceMatcher(None, old.keys, new.keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [Row("same", old.cell(i), new.cell(j)) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
            continue
        paired = min(i2 - i1, j2 - j1)
        for i, j in zip(range(i1, i1 + paired), range(j1, j1 + paired), strict=True):
            left, right = _word_changes(old.text[slice(*old.spans[i])], new.text[slice(*new.spans[j])])
            rows.append(Row("changed", old.cell(i, left), new.cell(j, right)))
        rows += [Row("removed", old.cell(i, all_changed=True), Cell()) for i in range(i1 + paired, i2)]
        rows += [Row("added", Cell(), new.cell(j, all_changed=True)) for j in range(j1 + paired, j2)]
    return rows


def side_by_side(
    old: str, new: str, *, old_mark: tuple[int, int] | None = None, new_mark: tuple[int, int] | None = None
) -> SideBySide:
    """The changes between two texts with CONTEXT lines around each, and the lines holding the
    marked passage (on either side) shown too, whether or not they changed."""
    rows = _rows(_Side(old, [old_mark]), _Side(new, [new_mark]))
    wanted = [i for i, row in enumerate(rows) if row.kind != "same" or row.marked]
    shown: set[int] = set()
    for i in wanted:
        shown.update(range(max(i - CONTEXT, 0), min(i + CONTEXT + 1, len(rows))))
    hunks: list[Hunk] = []
    previous, count = -1, 0
    for i in sorted(shown):
        if count >= MAX_ROWS:
            break
        if i != previous + 1 or not hunks:
            hunks.append(Hunk(skipped=i - previous - 1))
        hunks[-1].rows.append(rows[i])
        previous, count = i, count + 1
    changed = sum(1 for row in rows if row.kind != "same")
    changed_shown = sum(1 for hunk in hunks for row in hunk.rows if row.kind != "same")
    return SideBySide(hunks, len(rows) - previous - 1, changed, changed - changed_shown)
