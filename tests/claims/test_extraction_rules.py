"""Every named extraction rule on its own example sentence; every sentence the extractor got
wrong on unseen articles, as it should read now; the benchmark's annotations hold together."""

import datetime
import json
from pathlib import Path

import pytest

from benchmarks.extraction.run import SETS, articles
from benchmarks.extraction.scoring import evaluate
from claims.extraction import RULES, extract_claims
from claims.extraction.dates import read_dateline
from claims.extraction.rules import CONCERNS, EXAMPLE_DATE, EXAMPLE_OUTLET

ROOT = Path(__file__).resolve().parents[2]
DAY = datetime.date(2026, 11, 30)  # a Monday


def claims(text: str, published=DAY, outlet="Tribune") -> list[dict]:
    return [p.as_dict() for p in extract_claims(text, published=published, outlet=outlet)]


def one(text: str, **kwargs) -> dict:
    found = claims(text, **kwargs)
    assert len(found) == 1, found
    return found[0]


# --- each named rule on its example ---


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_rule_does_what_its_example_says(name):
    rule = RULES[name]
    found = claims(rule.example, published=EXAMPLE_DATE, outlet=EXAMPLE_OUTLET)
    if rule.nothing:
        assert found == [], found
        return
    if rule.only:
        assert len(found) == 1, found
    assert any(all(p[key] == value for key, value in rule.expect.items()) for p in found), (rule.expect, found)


def test_rules_cover_every_concern():
    assert {rule.concern for rule in RULES.values()} == set(CONCERNS)


# --- the sentences that went wrong on unseen articles ---


def test_reported_speech_in_a_participle_is_the_claim_and_its_speaker_the_claimant():
    found = one("The minister defended the council's decision, saying the contract had been awarded lawfully.")
    assert (found["text"], found["claimant"]) == ("The contract had been awarded lawfully.", "minister")


def test_the_minister_is_named_when_the_article_names_them():
    found = claims(
        "Local Government Minister Peter Hale visited the depot on Friday.\n"
        "The minister defended the council's decision, saying the contract had been awarded lawfully."
    )
    assert found[-1]["claimant"] == "Peter Hale"


def test_said_on_monday_that_is_not_part_of_the_claim_nor_the_outlets():
    found = one("The city's water utility said on Monday that tap water was safe to drink again.")
    assert found["text"] == "Tap water was safe to drink again."
    assert (found["claimant"], found["said_on"]) == ("city's water utility", "2026-11-30")


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("A spokesperson for the force said officers had been called to the bar 11 times.", "force"),
        ("In a statement, the ministry said the council had followed procurement rules.", "ministry"),
        ("Data from the Office for National Statistics showed that water bills rose by 9.4% last year.",
         "Office for National Statistics"),
        ("According to the World Health Organization, 412 deaths had been confirmed since January.",
         "World Health Organization"),
        ("U.S. employers added 142,000 jobs in October, the Labor Department said.", "Labor Department"),
    ],
)  # fmt: skip
def test_organisations_and_their_parts_are_the_claimant_not_the_outlet(sentence, claimant):
    assert one(sentence)["claimant"] == claimant


def test_a_statement_lead_in_is_the_medium():
    assert one("In a statement, the ministry said the council had followed procurement rules.")["medium"] == "statement"


def test_a_thousands_separator_does_not_split_a_claim_or_make_a_source():
    found = one(
        "More than 700,000 infections reported across the region this year have made it the worst dengue season on "
        "record, according to the World Health Organization."
    )
    assert found["text"].startswith("More than 700,000 infections reported across the region in 2026")
    assert (found["claimant"], found["cited_source"]) == ("World Health Organization", "the World Health Organization")


@pytest.mark.parametrize("number", ["700,000", "£85,000", "$4.8 million", "3.1%", "€1,250.50"])
def test_numbers_with_separators_decimals_and_currencies_stay_whole(number):
    found = one(f"The region recorded {number} in losses last year, the regulator said.")
    assert found["text"] == f"The region recorded {number} in losses in 2025."
    assert found["claimant"] == "regulator"


def test_a_denial_by_someone_with_an_age_is_theirs_and_stays_a_denial():
    found = one("Smith, 54, denied that he had struck the man in the bar.")
    assert (found["text"], found["claimant"]) == ("Smith had not struck the man in the bar.", "Smith")


def test_a_denial_of_any_keeps_its_meaning():
    assert one("The ministry denies that any funds were cut.")["text"] == "No funds were cut."


def test_a_wire_dateline_gives_the_date_and_is_not_part_of_the_sentence():
    text = "RIVERSIDE, Nov. 30, 2026 — The city's water utility said on Monday that tap water was safe to drink again."
    found = one(text, published=None)
    assert found["said_on"] == "2026-11-30"
    assert found["sentence"] == "The city's water utility said on Monday that tap water was safe to drink again."
    outlet_voice = one("WASHINGTON, Nov. 6, 2026 (Harbor Wire) — The bridge was closed on Thursday.", published=None,
                       outlet=None)  # fmt: skip
    assert (outlet_voice["claimant"], outlet_voice["said_on"]) == ("Harbor Wire", "2026-11-06")


def test_a_dateline_is_read_for_place_date_and_wire_service():
    dateline = read_dateline("LAKEPORT, Aug. 4, 2026 (Meridian Press) — Emergency departments …")
    assert (dateline.place, dateline.date, dateline.source) == ("LAKEPORT", datetime.date(2026, 8, 4), "Meridian Press")
    assert read_dateline("The BBC - a broadcaster") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Dengue is spread by the Aedes mosquito, which breeds in standing water.",
        "Most people who catch it recover within two weeks.",
        "Such cases are rare, but they do happen.",
        "Marathon running is one of the world's most popular endurance sports.",
    ],
)
def test_background_and_general_remarks_are_not_proposed(sentence):
    assert claims(sentence) == []


def test_a_paraphrase_followed_by_its_quote_is_one_claim():
    found = claims(
        "Dr. Ana Ribeiro said the virus had reached 14 countries that had reported no local transmission before 2024. "
        "“We are now seeing dengue in 14 countries that had no local transmission before 2024,” she said."
    )
    assert [p["text"] for p in found] == [
        "The virus had reached 14 countries that had reported no local transmission before 2024."
    ]


def test_an_explainers_questions_are_headings_not_an_interview():
    found = claims(
        "Councillor Ravi Shah proposed the cap in March.\n\nWho is covered?\n\nAbout 146,000 homes are covered, "
        "the council says.\n\nWhen does it start?\n\nThe cap starts in January.\n\nWhat does it cost?\n\n"
        "Landlords who break it face fines of up to £30,000."
    )
    assert {p["claimant"].lower() for p in found} <= {"tribune", "council"}, found


# --- the benchmark's articles ---


@pytest.mark.parametrize("name", list(SETS))
def test_every_annotated_claim_comes_from_a_sentence_of_its_article(name):
    found = articles(name)
    assert len(found) >= 6
    for article in found:
        datetime.date.fromisoformat(article["published"])
        assert article["outlet"]
        for claim in article["claims"]:
            assert claim["sentence"] in article["text"], claim["sentence"]
            assert claim["said_on"] is None or len(claim["said_on"]) in (4, 7, 10)


def test_the_held_out_and_tuning_articles_are_apart():
    sets = [{a["file"] for a in articles(name)} for name in SETS]
    assert all(not a & b for i, a in enumerate(sets) for b in sets[i + 1 :])


def test_the_demo_keeps_every_claim():
    demo = articles("demo")[0]
    proposals = claims(demo["text"], published=datetime.date.fromisoformat(demo["published"]), outlet="NV")
    assert evaluate(proposals, demo["claims"])["recall"] == 1.0


def test_the_seed_annotations_are_the_demo():
    seed = json.loads((ROOT / "seeds" / "putin-biden-claims.json").read_text())
    assert seed["claims"] == articles("demo")[0]["claims"]
