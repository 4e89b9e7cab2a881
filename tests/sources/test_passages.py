"""Finding a quoted passage in captured text, what became of it later, and the side-by-side diff."""

from sources.passages import CHANGED, INTACT, NO_QUOTE, UNLOCATED, VANISHED, find_passage, normalise, passage_fate
from sources.textdiff import MAX_ROWS, side_by_side

PAGE = (
    "Troops massed near the border\n"
    "As of early December,  about 100,000 soldiers were\ndeployed near the border — the defence minister’s figure.\n"
    "Independent ana\u00adlysts said \ufb01eld camps and equipment were arriving by rail.\n"
    "Cafe\u0301 owners in the town said nothing."
)


def found(text, quote):
    span = find_passage(text, quote)
    return text[span[0] : span[1]] if span else None


def test_a_passage_is_found_whatever_its_whitespace_quotes_dashes_case_and_unicode():
    quote = "“About 100,000 SOLDIERS were deployed near the border - the defence minister's figure”"
    assert found(PAGE, quote) == "about 100,000 soldiers were\ndeployed near the border — the defence minister’s figure"
    assert found(PAGE, "analysts said field camps") == "ana\u00adlysts said \ufb01eld camps"  # soft hyphen, ligature
    assert found(PAGE, "CAFÉ OWNERS") == "Cafe\u0301 owners"  # a decomposed accent
    assert found(PAGE, "near the border—the defence") == "near the border — the defence"


def test_an_ellipsis_stands_for_words_left_out_and_words_are_not_cut():
    assert found(PAGE, "As of early December … the defence minister’s figure").startswith("As of early December")
    assert found(PAGE, "As of early December [...] minister’s figure").endswith("minister’s figure")
    assert found(PAGE, "the defence minister’s figure … As of early December") is None  # parts in order
    assert find_passage(PAGE, "soldier") is None  # not cut out of "soldiers"
    assert find_passage(PAGE, "the border was quiet") is None
    assert find_passage(PAGE, "") is None and find_passage(PAGE, " “ … ” ") is None
    assert find_passage("", "anything") is None


def test_offsets_point_into_the_original_text():
    normalised = normalise("A\u00a0 “Quote”\u2014here")
    assert normalised.text == "a 'quote'-here"
    assert normalised.original_span(2, 9) == (3, 10)


ARTICLE = (
    "Troops massed near the border\n"
    "As of early December, about 100,000 soldiers were deployed near the border, the defence minister told "
    "parliament.\nIndependent analysts said satellite images showed new field camps.\n"
    "Page printed in 2021."
)
QUOTE = "about 100,000 soldiers were deployed near the border"


def test_what_became_of_a_passage():
    footer = passage_fate(quote=QUOTE, old_text=ARTICLE, new_text=ARTICLE.replace("2021", "2024"))
    assert footer.fate == INTACT and footer.old_span == footer.new_span
    edited = ARTICLE.replace("100,000", "175,000")
    changed = passage_fate(quote=QUOTE, old_text=ARTICLE, new_text=edited)
    assert changed.fate == CHANGED
    assert edited[changed.new_span[0] : changed.new_span[1]] == "about 175,000 soldiers were deployed near the border"
    removed = ARTICLE.replace(ARTICLE.splitlines()[1] + "\n", "")
    assert passage_fate(quote=QUOTE, old_text=ARTICLE, new_text=removed).fate == VANISHED
    rewritten = ARTICLE.replace(ARTICLE.splitlines()[1], "The ministry declined to give any figure for the border.")
    assert passage_fate(quote=QUOTE, old_text=ARTICLE, new_text=rewritten).fate == VANISHED
    assert passage_fate(quote="", old_text=ARTICLE, new_text=removed).fate == NO_QUOTE
    assert passage_fate(quote="never said", old_text=ARTICLE, new_text=removed).fate == UNLOCATED


def test_the_side_by_side_diff_shows_the_changes_in_context_with_the_passage_marked():
    filler = "".join(f"Paragraph {n} says nothing new.\n" for n in range(60))
    old = filler + ARTICLE + "\n" + filler
    new = old.replace("100,000", "175,000")
    start = old.index(QUOTE)
    span = (start, start + len(QUOTE))
    diff = side_by_side(old, new, old_mark=span, new_mark=span)
    rows = [row for hunk in diff.hunks for row in hunk.rows]
    assert diff.changed == 1 and len(rows) == 5  # the changed line and two lines either side, not the whole text
    assert diff.hunks[0].skipped == 59 and diff.skipped_after == 60  # 124 lines in all
    row = next(row for row in rows if row.kind == "changed")
    assert [(p.text, p.mark, p.change) for p in row.left.pieces][1:4] == [
        ("about ", True, False),
        ("100,000", True, True),
        (" soldiers were deployed near the border", True, False),
    ]
    assert any(p.text == "175,000" and p.change for p in row.right.pieces)


def test_a_long_single_line_is_compared_sentence_by_sentence():
    sentences = [f"Sentence number {n} of a page extracted as one long line." for n in range(80)]
    old = " ".join(sentences)
    new = old.replace("number 40 of", "number forty of")
    diff = side_by_side(old, new)
    shown = [row for hunk in diff.hunks for row in hunk.rows]
    assert diff.changed == 1 and len(shown) == 5
    assert sum(len(p.text) for row in shown for p in row.left.pieces) < 400


def test_a_huge_change_is_cut_and_counted():
    old = "\n".join(f"Old line {n}." for n in range(MAX_ROWS + 50))
    new = "\n".join(f"New line {n}!" for n in range(MAX_ROWS + 50))
    diff = side_by_side(old, new)
    assert sum(len(h.rows) for h in diff.hunks) == MAX_ROWS and diff.not_shown == 50
