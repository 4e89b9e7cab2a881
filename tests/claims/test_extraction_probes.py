"""Sentences written in the style of real news, one per phenomenon, that no benchmark article
contains: other reporting verbs, the report before, after or inside its content, unnamed and
institutional sources, titles, numbers, dates, denials, and what is not a claim."""

import datetime

import pytest

from claims.extraction import extract_claims

DAY = datetime.date(2026, 11, 30)  # a Monday


def claims(text: str, published=DAY, outlet="Tribune") -> list[dict]:
    return [p.as_dict() for p in extract_claims(text, published=published, outlet=outlet)]


@pytest.mark.parametrize(
    ("sentence", "text", "claimant"),
    [
        (
            "The council added that 1,240 homes had been without water since Sunday.",
            "1,240 homes had been without water since Sunday, Nov. 29, 2026.",
            "council",
        ),
        (
            "Unemployment rose to 3.5% in October, the statistics agency confirmed on Tuesday.",
            "Unemployment rose to 3.5% in October 2026.",
            "statistics agency",
        ),
        (
            "The company argued that its emissions had fallen by 12 per cent since 2020.",
            "Its emissions had fallen by 12 per cent since 2020.",
            "company",
        ),
        ("Sales fell by €4.5m last year, Acme Corp. told reporters.", "Sales fell by €4.5m in 2025.", "Acme Corp."),
        (
            "A senior official told reporters that the talks had collapsed.",
            "The talks had collapsed.",
            "senior official",
        ),
        (
            "The deal is worth $1.2 billion, according to people familiar with the matter.",
            "The deal is worth $1.2 billion.",
            "people familiar with the matter",
        ),
        (
            "Dr. Jane Okafor, a virologist at the university, estimated that 40 people had been infected.",
            "40 people had been infected.",
            "Jane Okafor",
        ),
        (
            "Sen. Maria Lopez insisted the bill had passed the committee.",
            "The bill had passed the committee.",
            "Maria Lopez",
        ),
        (
            "Gov. Tom Reed wrote in a letter on Friday that the state had run out of vaccine.",
            "The state had run out of vaccine.",
            "Tom Reed",
        ),
        (
            "The Ministry of Health said earlier this month that 12 clinics had closed.",
            "12 clinics had closed.",
            "Ministry of Health",
        ),
        (
            "The NHS confirmed that waiting lists had reached 7.6 million.",
            "Waiting lists had reached 7.6 million.",
            "NHS",
        ),
        (
            "The factory, the minister said on Monday, had employed 800 people.",
            "The factory had employed 800 people.",
            "minister",
        ),
    ],
)
def test_reports_in_many_shapes_give_their_content_and_claimant(sentence, text, claimant):
    found = claims(sentence)
    assert [(p["text"], p["claimant"]) for p in found] == [(text, claimant)]


def test_a_denial_keeps_its_meaning():
    found = claims("The mayor denied that any money had been spent on the event.")
    assert [(p["text"], p["claimant"]) for p in found] == [("No money had been spent on the event.", "mayor")]


@pytest.mark.parametrize(
    ("sentence", "said_on"),
    [
        ("Gov. Tom Reed wrote in a letter on Friday that the state had run out of vaccine.", "2026-11-27"),
        ("Unemployment rose to 3.5% in October, the statistics agency confirmed on Tuesday.", "2026-11-24"),
        ("The factory, the minister said on Monday, had employed 800 people.", "2026-11-30"),
    ],
)
def test_the_day_of_the_report_resolves_against_the_articles_date(sentence, said_on):
    assert [str(p["said_on"]) for p in claims(sentence)] == [said_on]


@pytest.mark.parametrize(
    "sentence",
    [
        "Such cases are rare, but they do happen.",  # a general remark
        "Water boils at 100 degrees Celsius at sea level.",  # general knowledge
        "Prices will rise next year, the bank said.",  # a forecast
        "The company is expected to announce job cuts.",  # speculation
        "We believe the government should act now, the union said.",  # opinion
    ],
)
def test_background_forecasts_and_opinion_are_not_claims(sentence):
    assert claims(sentence) == []


@pytest.mark.parametrize(
    "dateline",
    ["LAGOS (AP) — Police said 14 people had been arrested.", "LAGOS — Police said 14 people had been arrested."],
)
def test_a_dateline_is_not_part_of_the_claim(dateline):
    found = claims(dateline + "\nThe inquiry continues.", published=None, outlet="Wire")
    assert [(p["text"], p["claimant"]) for p in found] == [("14 people had been arrested.", "Police")]


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "BERLIN, Nov 27 (Reuters) - The ministry said on Tuesday that exports had fallen 3% in October.",
            ("Exports had fallen 3% in October 2026.", "ministry", "2026-11-24"),
        ),
        (
            "RIVERSIDE, Nov. 30, 2026 — The utility said yesterday that 1,240 homes had lost water.",
            ("1,240 homes had lost water.", "utility", "2026-11-29"),
        ),
    ],
)
def test_relative_dates_resolve_against_a_wire_dateline_when_no_date_is_given(article, expected):
    found = claims(article + "\nThe inquiry continues.", published=None, outlet="Wire")
    assert [(p["text"], p["claimant"], str(p["said_on"])) for p in found] == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "The company did not respond to a request for comment.",
        "The ministry did not immediately reply to requests for comment.",
        "A spokesperson for the firm declined to comment.",
    ],
)
def test_no_comment_is_not_a_claim(sentence):
    assert claims(sentence) == []


def test_an_aside_about_the_speaker_does_not_date_what_they_said():
    found = claims("Jones, who has led the union since 2019, said members had voted 78% in favour of strikes.")
    assert [(p["text"], p["claimant"], p["said_on"]) for p in found if p["claimant"] == "Jones"] == [
        ("Members had voted 78% in favour of strikes.", "Jones", None)
    ]
    # the aside is a fact of its own, which the article states
    assert [p["text"] for p in found if p["claimant"] != "Jones"] == ["Jones has led the union since 2019."]


@pytest.mark.parametrize(
    ("sentence", "text", "claimant"),
    [
        (
            "The minister rejected claims that the hospital had run out of beds.",
            "The hospital had not run out of beds.",
            "minister",
        ),
        ("The police denied reports that officers had used tear gas.", "Officers had not used tear gas.", "police"),
    ],
)
def test_rejecting_claims_is_a_denial_by_whoever_rejects_them(sentence, text, claimant):
    assert [(p["text"], p["claimant"]) for p in claims(sentence)] == [(text, claimant)]
