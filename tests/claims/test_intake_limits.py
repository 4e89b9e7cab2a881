"""No input takes the server down: the security review's input through the extractor, the API
and the page; the request limits; and long articles proposed by a real Celery worker, which
stops an extraction past its time limit and lives on."""

import datetime
import io
import json
import time
from pathlib import Path

import pytest
from django.utils import timezone

from claims.extraction import extract_claims
from claims.intake import extraction_job_for, extraction_jobs_clean
from claims.models import Claim, ExtractionJob
from tests.workers import Worker, unique_queue, wait_until

ROOT = Path(__file__).resolve().parents[2]
DEMO_TEXT = (ROOT / "seeds" / "putin-biden-sanctions-2021-12-31.txt").read_text()


def review_input(size: int) -> str:
    """The security review's input, `("according to x " * 4000) + '" y.'`, at about `size` characters."""
    return ("according to x " * (size // 15)) + '" y.'


def long_article(size: int) -> str:
    return "\n".join([DEMO_TEXT] * (size // len(DEMO_TEXT) + 1))[:size]


def test_the_security_reviews_input_is_read_in_linear_time():
    began = time.monotonic()
    assert extract_claims(review_input(256_000), published=datetime.date(2021, 12, 31)) == []
    assert time.monotonic() - began < 5  # before: 21.6 s at 128k characters, minutes at 256k


@pytest.mark.django_db
def test_the_api_refuses_the_review_input_at_256k_at_once_naming_the_limit(client, journalist):
    client.force_login(journalist)
    began = time.monotonic()
    response = client.post(
        "/api/v1/intake/proposals/", {"text": review_input(256_000)}, content_type="application/json"
    )
    assert time.monotonic() - began < 5
    assert response.status_code == 400, response.content
    assert "at most 200,000" in response.json()["error"]["message"]
    assert not ExtractionJob.objects.exists()


@pytest.mark.django_db
def test_the_page_refuses_the_review_input_at_256k_with_a_form_error(client, journalist):
    client.force_login(journalist)
    began = time.monotonic()
    page = client.post("/intake/article/", {"text": review_input(256_000)})
    assert time.monotonic() - began < 5
    assert page.status_code == 200
    assert "at most 200,000" in " ".join(page.context["form"].errors["text"])
    assert b"at most 200,000" in page.content and not ExtractionJob.objects.exists()


@pytest.mark.django_db
def test_uploads_and_bodies_over_their_byte_limits_are_refused_by_name(client, journalist, settings):
    settings.INTAKE_MAX_UPLOAD_BYTES = 1_000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 20_000
    client.force_login(journalist)
    upload = io.BytesIO(b"Prices rose 3 percent, the office said. " * 100)
    upload.name = "article.txt"
    response = client.post("/api/v1/intake/proposals/", {"file": upload})
    assert response.status_code == 400
    assert "at most 1,000 are taken" in json.dumps(response.json())
    upload.seek(0)
    page = client.post("/intake/article/", {"file": upload})
    assert "at most 1,000 are taken" in " ".join(page.context["form"].errors["file"])
    body = json.dumps({"text": "x" * 30_000})
    response = client.post("/api/v1/intake/proposals/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == {"code": "too_large", "message": "The request is larger than 20,000 bytes."}


@pytest.mark.django_db
def test_a_long_article_gets_a_job_url_to_poll(client, journalist, editor, settings):
    settings.INTAKE_QUEUE = unique_queue()
    client.force_login(journalist)
    response = client.post("/api/v1/intake/proposals/", {"text": long_article(20_000)}, content_type="application/json")
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] == "queued" and body["result"] is None and response["Location"] == body["url"]
    assert client.get(body["url"]).json()["status"] == "queued"
    client.force_login(editor)
    assert client.get(body["url"]).status_code == 404  # only for the one who asked


@pytest.mark.django_db
def test_a_job_whose_worker_died_or_never_came_is_failed_with_a_message(journalist, settings):
    settings.INTAKE_TIME_LIMIT = 10
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    running = ExtractionJob.objects.create(owner=journalist, text="x", status="running", started_at=long_ago)
    queued = ExtractionJob.objects.create(owner=journalist, text="x")
    ExtractionJob.objects.filter(pk=queued.pk).update(created_at=long_ago)
    old = ExtractionJob.objects.create(owner=journalist, status="done", proposals=[])
    ExtractionJob.objects.filter(pk=old.pk).update(created_at=long_ago - datetime.timedelta(days=2))
    job = extraction_job_for(actor=journalist, job_id=running.pk)
    assert job.status == "failed" and "longer than 10 seconds" in job.error
    assert extraction_jobs_clean() == {"failed": 1, "deleted": 1}
    assert "No worker took" in ExtractionJob.objects.get(pk=queued.pk).error


# --- through a real worker ---


@pytest.fixture
def intake_worker(tmp_path, settings):
    """A Celery worker on a queue of its own for extractions; the article threshold is low so
    that the demo article goes to it."""

    def start(**env):
        queue = unique_queue()
        settings.INTAKE_QUEUE = queue
        settings.INTAKE_SYNC_CHARACTERS = 1_000
        worker = Worker(queue, tmp_path / f"worker-{queue}.log", {"INTAKE_QUEUE": queue, **env})
        workers.append(worker)
        return worker

    workers = []
    yield start
    for worker in workers:
        worker.stop()


def finished(client, url) -> dict:
    return wait_until(lambda: (b := client.get(url).json())["status"] in ("done", "failed") and b, what="the job")


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_the_api_answers_202_and_the_worker_proposes_the_claims(client, journalist, make_claim, intake_worker):
    make_claim(text="About 100,000 Russian soldiers were deployed near the Russian-Ukrainian border.")
    intake_worker()
    client.force_login(journalist)
    response = client.post(
        "/api/v1/intake/proposals/", {"text": DEMO_TEXT, "outlet": "NV"}, content_type="application/json"
    )
    assert response.status_code == 202, response.content
    body = finished(client, response.json()["url"])
    assert body["status"] == "done", body
    result = body["result"]
    expected = extract_claims(DEMO_TEXT, published=datetime.date(2021, 12, 31), outlet="NV")
    assert [p["text"] for p in result["proposals"]] == [p.text for p in expected]
    assert result["published"] == "2021-12-31"
    reznikov = next(p for p in result["proposals"] if p["text"].startswith("As of early December"))
    assert reznikov["claimant_id"] is not None and reznikov["similar"][0]["text"].startswith("About 100,000")
    assert ExtractionJob.objects.get().text == ""  # the article is not kept once read
    began = time.monotonic()  # the review's input, just under the limit, is read in a moment
    response = client.post(
        "/api/v1/intake/proposals/", {"text": review_input(199_000)}, content_type="application/json"
    )
    body = finished(client, response.json()["url"])
    assert (body["status"], body["result"]["proposals"]) == ("done", []) and time.monotonic() - began < 30


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_the_page_waits_for_the_worker_then_the_journalist_keeps_claims(client, journalist, intake_worker):
    intake_worker()
    client.force_login(journalist)
    response = client.post("/intake/article/", {"text": DEMO_TEXT, "outlet": "NV"})
    assert response.status_code == 302 and "?job=" in response["Location"]
    url = response["Location"]
    waiting = client.get(url)  # the panel that polls, until the worker is done
    assert b'hx-trigger="every 2s"' in waiting.content or b"Proposed claims" in waiting.content
    wait_until(lambda: client.get(url, HTTP_HX_REQUEST="true").get("HX-Refresh") == "true", what="the proposals")
    page = client.get(url)
    assert b"Proposed claims" in page.content and len(page.context["rows"]) == 19  # the demo article's proposals
    kept = client.post("/intake/keep/", {"keep": [row["data"] for row in page.context["rows"][:2]]})
    assert kept.status_code == 302 and Claim.objects.count() == 2


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_an_extraction_past_its_time_limit_fails_with_a_message_and_the_worker_lives_on(
    client, journalist, intake_worker
):
    worker = intake_worker(INTAKE_TIME_LIMIT="0.3")
    client.force_login(journalist)
    response = client.post(
        "/api/v1/intake/proposals/", {"text": long_article(150_000)}, content_type="application/json"
    )
    body = finished(client, response.json()["url"])
    assert body["status"] == "failed" and body["result"] is None
    assert body["error"] == (
        "The extraction took longer than 0.3 seconds and was stopped. Split the article and propose each part."
    )
    page = client.get(f"/intake/article/?job={body['id']}")
    assert b"took longer than 0.3 seconds" in page.content and page.status_code == 200
    response = client.post(
        "/api/v1/intake/proposals/", {"text": "word " * 2_000 + "."}, content_type="application/json"
    )
    assert finished(client, response.json()["url"])["status"] == "done"  # the same worker took the next one
    assert worker.proc.poll() is None
