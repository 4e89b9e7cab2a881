"""Claim extraction: the parts (sentences, attribution, dates, names), the demo article against
its annotations, and intake through the commands and the API."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from benchmarks.extraction.scoring import evaluate
from claims.extraction import attribute, extract_claims, person_name, resolve_date, split_sentences, tidy
from claims.intake import claimants_matching
from claims.models import Claim, Claimant
from claims.services import claimant_create
from tests.conftest import capture

ROOT = Path(__file__).resolve().parents[2]
DEMO = json.loads((ROOT / "seeds" / "putin-biden-claims.json").read_text())
DEMO_TEXT = (ROOT / "seeds" / DEMO["article"]).read_text()
BASE = datetime.date(2021, 12, 31)  # a Friday


# --- sentences ---


def test_sentences_split_at_their_ends_not_at_abbreviations():
    text = (
        "The talks took place on Dec. 30 and lasted about an hour. U.S. President Joe Biden spoke first.\n"
        "Prices rose 3.1 percent, the ONS said. “Is that so?” he asked.\n"
        "Follow us on Twitter"
    )
    assert split_sentences(text) == [
        "The talks took place on Dec. 30 and lasted about an hour.",
        "U.S. President Joe Biden spoke first.",
        "Prices rose 3.1 percent, the ONS said.",
        "“Is that so?” he asked.",
        "Follow us on Twitter",
    ]


def test_each_line_is_its_own_paragraph():
    assert split_sentences("Headline without a stop\n31 December 2021\n\nBody text here.") == [
        "Headline without a stop",
        "31 December 2021",
        "Body text here.",
    ]


# --- attribution ---


@pytest.mark.parametrize(
    ("sentence", "speaker", "content"),
    [
        ("Unemployment fell to 4 percent in May, the statistics office said on Friday.",
         "statistics office", "Unemployment fell to 4 percent in May."),
        ("Finance Minister Jonas Keller told Radio North that the government had cut energy bills.",
         "Jonas Keller", "The government had cut energy bills."),
        ("Fuel prices fell by 4.2 percent, according to the ONS.", "ONS", "Fuel prices fell by 4.2 percent."),
        ("Turnout stood at 58 percent, the commission reported.", "commission", "Turnout stood at 58 percent."),
        ("Mayor Peter Holm accused the commission of failing to prepare for the storm.",
         "Peter Holm", "The commission is failing to prepare for the storm."),
        ("The commission denied that any votes had been lost.", "commission", "Any votes had been lost."),
        ("“We have never seen a storm like this,” said meteorologist Anna Kraft.",
         "Anna Kraft", "We have never seen a storm like this."),
        ("“Rates have fallen,” Ushakov quoted Putin as saying.", "Putin", "Rates have fallen."),
        ("Russia also demanded that NATO stop expanding to the east.", None,
         "Russia also demanded that NATO stop expanding to the east."),  # a demand asserts nothing
    ],
)  # fmt: skip
def test_attribution_finds_who_asserted_what(sentence, speaker, content):
    found = attribute(sentence)[0]
    assert (found.speaker and person_name(found.speaker), tidy(found.content)) == (speaker, content)


def test_a_report_is_the_medium_and_its_author_the_claimant():
    found = attribute("Admissions doubled in February, a report by the Northland Hospital Association found.")[0]
    assert (person_name(found.speaker), found.medium) == ("Northland Hospital Association", "report")
    assert found.cited_source == "a report by the Northland Hospital Association"


def test_a_news_agency_relaying_a_quote_is_the_cited_source_not_the_claimant():
    sentence = (
        "Putin said this after Biden reaffirmed that the allies would impose sanctions if Moscow attacks, "
        "the news agency TASS reported, quoting Kremlin aide Yuri Ushakov."
    )
    found = attribute(sentence)[0]
    assert found.speaker == "Biden"
    assert found.cited_source == "the news agency TASS, quoting Kremlin aide Yuri Ushakov"


def test_two_assertions_by_one_speaker_are_two_claims():
    found = attribute("Moscow has accused Ukraine of planning attacks, and alleged that Kyiv plans to retake the city.")
    assert [(f.speaker, f.content) for f in found] == [
        ("Moscow", "Ukraine is planning attacks"),
        ("Moscow", "Kyiv plans to retake the city."),
    ]


def test_a_statement_in_the_articles_own_voice_has_no_speaker():
    assert attribute("The talks took place on Dec. 30 and lasted about an hour.")[0].speaker is None


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("U.S. Vice President Kamala Harris", "Kamala Harris"),
        ("White House press secretary Jen Psaki", "Jen Psaki"),
        ("Kremlin-controlled news agency TASS", "TASS"),
        ("the Kremlin", "Kremlin"),
        ("the Conflict Intelligence Team (CIT)", "Conflict Intelligence Team (CIT)"),
    ],
)
def test_titles_are_not_part_of_the_name(phrase, name):
    assert person_name(phrase) == name


# --- dates ---


@pytest.mark.parametrize(
    ("expression", "resolved"),
    [
        ("on Dec. 30", "2021-12-30"),
        ("Jan. 5", "2021-01-05"),  # the latest 5 January not after the article
        ("Tuesday", "2021-12-28"),
        ("on Friday", "2021-12-31"),
        ("yesterday", "2021-12-30"),
        ("last month", "2021-11"),
        ("late October", "2021-10"),
        ("in 2019", "2019"),
        ("March 3, 2020", "2020-03-03"),
        ("12 June 2025", "2025-06-12"),
        ("the other day", None),
    ],
)
def test_relative_dates_resolve_against_the_articles_date(expression, resolved):
    assert resolve_date(expression, BASE) == resolved


def test_without_the_articles_date_relative_dates_stay_unknown():
    assert resolve_date("Tuesday", None) is None
    proposals = extract_claims("Prices rose 3 percent on Tuesday, the statistics office said on Wednesday.")
    assert proposals and proposals[0].said_on is None


def test_the_dateline_gives_the_articles_date():
    text = (
        "Inflation eases\nPublished 12 June 2025\n\nPrices rose 3.1 percent, the statistics office said on Wednesday."
    )
    assert extract_claims(text)[0].said_on == "2025-06-11"


def test_an_anaphoric_report_takes_the_date_of_the_event_it_refers_to():
    text = (
        "The two leaders spoke by phone on Dec. 30, the Kremlin said.\n"
        "Following the call, press secretary Jen Psaki said that the talks had lasted an hour.\n"
        "Separately, the ministry said that 40 soldiers had been wounded."
    )
    _, second, third = extract_claims(text, published=BASE)
    assert (second.claimant, second.said_on) == ("Jen Psaki", "2021-12-30")
    assert third.said_on is None  # no date given and nothing refers back


# --- what is left out ---


@pytest.mark.parametrize(
    "sentence",
    [
        "International media have speculated that Russia may invade Ukraine in early 2022.",
        "Forecasters expect the rain to ease by Friday.",
        "The minister said relations would depend on the Kremlin's actions.",  # a forecast, no condition
        "“This is a terrible result for working families,” Diaz said.",  # opinion
        "Follow us on Twitter, Facebook and Google News.",
        "Sign up for our weekly health newsletter.",
        "Will the talks succeed, analysts asked?",
        "Video of day",
    ],
)
def test_speculation_forecasts_opinion_and_boilerplate_are_left_out(sentence):
    assert extract_claims(sentence, published=BASE, outlet="Daily") == []


def test_a_conditional_threat_is_a_claim():
    found = extract_claims("The allies would impose sanctions if Russia invades, the president said.", published=BASE)
    assert [p.text for p in found] == ["The allies would impose sanctions if Russia invades."]


def test_hostile_and_odd_text_never_breaks_extraction():
    for text in ["", "\x00\x01", "said said said, said.", "“" * 5000, "A, " * 20000 + "the office said.", "ⓐ" * 1000]:
        assert isinstance(extract_claims(text, published=BASE), list)


# --- the demo article against its annotations ---


def test_the_demo_article_meets_the_targets():
    proposals = [p.as_dict() for p in extract_claims(DEMO_TEXT, published=BASE, outlet="NV")]
    result = evaluate(proposals, DEMO["claims"])
    assert result["recall"] >= 0.85, result["missed"]
    assert result["precision"] >= 0.75, result["extra"]
    assert result["claimant"] >= 0.85
    assert result["said_on"] >= 0.9
    assert set(proposals[0]) == {"text", "claimant", "said_on", "medium", "cited_source", "sentence", "score"}


def test_the_scoring_rejects_a_proposal_that_says_something_else():
    gold = DEMO["claims"][:1]
    wrong = [{**gold[0], "text": "Washington plans a new embassy in the Kremlin district."}]
    assert evaluate(wrong, gold)["matched"] == 0


# --- claimants ---


@pytest.mark.django_db
def test_claimants_are_matched_by_name_alias_and_surname_but_not_by_association(journalist):
    biden = claimant_create(actor=journalist, name="Joe Biden", aliases=["U.S. President Joe Biden"])
    putin = claimant_create(actor=journalist, name="Vladimir Putin")
    kremlin = claimant_create(
        actor=journalist, name="Kremlin", kind=Claimant.Kind.ORGANISATION, aliases=["the Kremlin"]
    )
    claimant_create(actor=journalist, name="Hunter Biden")
    found = claimants_matching({"Biden", "Joe Biden", "U.S. President Joe Biden", "the Kremlin", "Moscow", "Putin"})
    assert found["Joe Biden"] == found["U.S. President Joe Biden"] == biden
    assert "Biden" not in found  # two Bidens: not a guess
    assert found["the Kremlin"] == kremlin and found["Putin"] == putin
    assert "Moscow" not in found


# --- commands and API ---


def test_extract_claims_prints_json_without_touching_the_database(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(DEMO_TEXT)
    out = io.StringIO()
    if True:  # no django_db mark: any query would fail the test
        call_command("extract_claims", str(article), "--date", "2021-12-31", "--outlet", "NV", "--json", stdout=out)
    proposals = json.loads(out.getvalue())
    assert evaluate(proposals, DEMO["claims"])["recall"] >= 0.85
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("extract_claims", str(article), "--date", "31/12/2021")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("extract_claims", str(tmp_path / "missing.txt"))


def test_extract_claims_reads_a_windows_text_file_and_refuses_a_binary_one(tmp_path):
    windows = tmp_path / "windows.txt"
    windows.write_bytes("Bills rose to £300 in 2025, the regulator’s report found.".encode("cp1252"))
    out = io.StringIO()
    call_command("extract_claims", str(windows), "--date", "2026-11-30", "--json", stdout=out)
    assert "£300" in json.loads(out.getvalue())[0]["text"]
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.7\n\x00\x01\x02 stream")
    with pytest.raises(CommandError, match="not a text file"):
        call_command("extract_claims", str(binary))


@pytest.mark.django_db
def test_ingest_article_stores_every_proposal_from_a_captured_url(server, admin_user, settings):
    server.page(
        "/article",
        "<html><body><article>"
        + "".join(f"<p>{line}</p>" for line in DEMO_TEXT.splitlines())
        + "</article></body></html>",
    )
    out = io.StringIO()
    call_command("ingest_article", server.url("/article"), "--date", "2021-12-31", "--outlet", "NV", stdout=out)
    claims = Claim.objects.filter(origin__isnull=False)
    assert claims.count() >= 14 and set(claims.values_list("status", flat=True)) == {"new"}
    reznikov = claims.get(text__contains="100,000 Russian soldiers")
    assert (reznikov.claimant.name, reznikov.said_on, reznikov.medium) == (
        "Oleksiy Reznikov", datetime.date(2021, 12, 3), "Ukraine’s parliament"
    )  # fmt: skip
    assert reznikov.claimant.kind == "person" and reznikov.checkworthiness > 0
    assert "new claims stored" in out.getvalue()


@pytest.mark.django_db
def test_the_api_proposes_then_keeps_what_the_journalist_ticked(client, journalist, make_claim):
    make_claim(text="About 100,000 Russian soldiers were deployed near the Russian-Ukrainian border.")
    client.force_login(journalist)
    response = client.post(
        "/api/v1/intake/proposals/", {"text": DEMO_TEXT, "outlet": "NV"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["published"] == "2021-12-31"  # from the dateline
    proposals = body["proposals"]
    reznikov = next(p for p in proposals if p["text"].startswith("As of early December"))
    assert reznikov["claimant_id"] is not None  # the claimant we already know
    assert reznikov["similar"] and reznikov["similar"][0]["text"].startswith("About 100,000")
    assert Claim.objects.count() == 1  # proposing stores nothing
    kept = [{k: v for k, v in p.items() if k not in ("similar", "claimant_id")} for p in proposals[:3]]
    response = client.post("/api/v1/intake/claims/", {"proposals": kept}, content_type="application/json")
    assert response.status_code == 201, response.content
    assert [c["text"] for c in response.json()] == [p["text"] for p in kept]
    assert Claim.objects.count() == 4


@pytest.mark.django_db
def test_the_api_reads_an_uploaded_file_or_a_captured_source(client, journalist):
    client.force_login(journalist)
    upload = io.BytesIO(
        "Prices rose 3.1 percent to €4 in May, the statistics office said on Wednesday.".encode("cp1252")
    )
    upload.name = "article.txt"  # saved on Windows: not UTF-8
    response = client.post("/api/v1/intake/proposals/", {"file": upload, "published": "2025-06-12"})
    assert response.status_code == 200, response.content
    assert "€4" in response.json()["proposals"][0]["text"]
    assert response.json()["proposals"][0]["said_on"] == "2025-06-11"
    snapshot = capture("https://news.example/inflation", "Unemployment fell to 4.3 percent in April, the office said.")
    response = client.post("/api/v1/intake/proposals/", {"source": snapshot.source_id}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["outlet"] == "news.example"
    assert response.json()["proposals"][0]["claimant"] == "office"


@pytest.mark.django_db
def test_the_api_refuses_bad_intake_with_a_message(client, journalist):
    assert client.post("/api/v1/intake/proposals/", {"text": "x"}).status_code in (401, 403)
    client.force_login(journalist)
    for body in [{}, {"text": "a", "source": 1}, {"source": 999999}, {"text": "   "}]:
        response = client.post("/api/v1/intake/proposals/", body, content_type="application/json")
        assert response.status_code == 400, (body, response.content)
    binary = io.BytesIO(b"\x00\x01binary")
    binary.name = "x.bin"
    assert client.post("/api/v1/intake/proposals/", {"file": binary}).status_code == 400
    for body in [
        {"proposals": []},
        {"proposals": [{"text": "Fine text here.", "said_on": "31/12/2021"}]},
        {"proposals": [{"text": "Fine text here.", "said_on": "2021-13"}]},  # looks right, is not
        {"proposals": [{"text": "x" * 2001}]},
        {"proposals": [{"text": "Fine text here."}], "source": 999999},
    ]:
        response = client.post("/api/v1/intake/claims/", body, content_type="application/json")
        assert response.status_code == 400, (body, response.content)
    assert Claim.objects.count() == 0 and Claimant.objects.count() == 0


def test_lead_ins_are_read_a_bounded_number_of_times(monkeypatch):
    """ "In an interview with the BBC, " thirty times over: each lead-in once read before a speaker
    used to double the work (a second kind of lead-in matched the same words), so a sentence of a
    thousand characters never finished."""
    from claims.extraction import attribution

    calls = []
    read = attribution.attribute
    monkeypatch.setattr(attribution, "attribute", lambda *args, **kwargs: calls.append(1) or read(*args, **kwargs))
    attribution.attribute("In an interview with the BBC, " * 30 + "the minister said 40 schools had closed.")
    assert len(calls) <= attribution.MAX_LEADS + 1
