"""Property-based tests (hypothesis) on the parsers that read hostile input: whatever they are
given, they answer or refuse with a message, and never crash."""

import datetime
import time

import pysbd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claims.extraction import attribute, extract_claims, resolve_date, split_sentences
from factcheck.errors import InvalidInput
from sources.urls_normalize import normalize_url

EDGES = st.sampled_from(
    ["\u202e", "\u200b", "\ufeff", "\ud800", "\x00", "’", "“", "”", "\n", "..", "Dec.", "U.S.", "%", "#"]
)
TEXT = st.lists(st.one_of(st.text(max_size=40), EDGES), max_size=30).map("".join)
URLISH = st.builds(
    lambda scheme, host, port, path, query, fragment: f"{scheme}://{host}{port}/{path}?{query}#{fragment}",
    st.sampled_from(["http", "https", "HTTP", "ftp", "javascript", ""]),
    st.one_of(st.from_regex(r"[a-z0-9.-]{0,30}", fullmatch=True), st.text(max_size=20)),
    st.sampled_from(["", ":80", ":443", ":0", ":99999", ":x", ":8080"]),
    TEXT,
    TEXT,
    TEXT,
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(URLISH, TEXT))
@example("https://example.org/?q=\ud800")  # a lone surrogate: UTF-8 (and PostgreSQL) cannot take it
@example("https://example.org/\ud800")
def test_url_normalization_answers_or_refuses(raw):
    try:
        url = normalize_url(raw)
    except InvalidInput as refusal:
        assert str(refusal)
        return
    assert url.startswith(("http://", "https://")) and len(url) <= 2048 * 3
    assert normalize_url(url) == url  # normal forms are fixed points


@settings(max_examples=300, deadline=None)
@given(TEXT, st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_date_resolution_answers_or_says_it_does_not_know(expression, base):
    resolved = resolve_date(expression, base)
    assert resolved is None or (len(resolved) in (4, 7, 10) and resolved[:4].isdigit())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(TEXT, st.sampled_from([
    "Prices rose 3 percent, the office said on Tuesday.",
    "“We did it,” said Dr. Ann Lee.",
    "According to a report by the Team, 40 people died.",
    "The minister accused the opposition of lying, and alleged that votes were bought.",
    "Although the firm denies that it cut jobs, it closed 40 stores.",
])), max_size=12).map(" ".join), st.one_of(st.none(), st.dates()))  # fmt: skip
def test_claim_extraction_never_crashes(text, published):
    for sentence in split_sentences(text):
        assert attribute(sentence)
    for proposal in extract_claims(text, published=published, outlet="Outlet"):
        data = proposal.as_dict()
        assert data["text"] and data["sentence"] and 0 <= data["score"] <= 1
        assert data["said_on"] is None or data["said_on"][:4].isdigit()


# Pieces that made the extractor slow, or could: attribution phrases with nothing to attribute,
# quote marks that never close, separators, sentence ends and abbreviations.
HOSTILE = st.sampled_from([
    "according to x ", "according to a report by ", "said ", '"x," said ', "told the X ", "told reporters ",
    "accused X of ", "quoted x as saying ", "has also said that ", ", and alleged that ", "Bob ", "U.S. ", "Jr. ",
    "“", "”", "’", "‘", '"', "«", "(", ",", ", ", ";", " ", ". ", "? ", "in 2019 ", "Dec. 30 ", "the ", "x",
])  # fmt: skip


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        began = time.perf_counter()
        extract_claims(text, published=datetime.date(2021, 12, 31), outlet="Outlet")
        best = min(best, time.perf_counter() - began)
    return best


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HOSTILE, min_size=1, max_size=8).map("".join), st.sampled_from(["", '" y.', " the office said.", "."]))
def test_extraction_time_grows_linearly_on_repeated_attribution_phrases(unit, ending):
    """The same hostile pattern at 12,500 and at 50,000 characters: four times the text may take
    at most about four times as long (with slack for a busy machine), never sixteen."""

    def text(size):
        return (unit * (size // len(unit) + 1))[: size - len(ending)] + ending

    small, large = _seconds(text(12_500)), _seconds(text(50_000))
    assert large <= 4 * small * 3 + 0.5, (unit, ending, small, large)


SENTENCE_BITS = st.sampled_from(
    ["Dr.", "U.S.", "Mr. Smith", "Jan. 5", "a.m.", "3.1", "e.g.", "etc.", "(a)", "1.", "“", "”", "’", '"', "?", "!",
     "...", "…", ". ", "? ", "said.", "The", "He", "it", "x"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=20), SENTENCE_BITS),
                max_size=12).map(" ".join))  # fmt: skip
def test_a_paragraph_of_ordinary_length_is_split_as_pysbd_splits_it(paragraph):
    line = " ".join(paragraph.split())
    expected = [s.strip() for s in pysbd.Segmenter(language="en", clean=False).segment(line) if s.strip()]
    assert split_sentences(line) == expected
