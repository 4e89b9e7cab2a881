"""The rarer refusals, as a journalist or an editor who chose Ukrainian or Spanish meets them on the
newsroom's pages and in the admin: each said whole in their language, while the API keeps saying
them in English."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import Citation
from newsroom.languages import language_choose
from sources.models import Snapshot
from tests.conftest import capture
from tests.verdicts.test_public_languages import english_fragments, visible_text

pytestmark = pytest.mark.django_db


def signed_in(client, person, language: str):
    language_choose(user=person, language=language)
    client.force_login(person)
    return client


def shown(response) -> str:
    """What the person reads on the page they land on."""
    assert response.status_code in (200, 400), response.status_code
    return visible_text(response.content)


def no_english(text: str, language: str) -> None:
    left = sorted(fragment for fragment in english_fragments(language) if fragment in text)
    assert not left, left


def test_approving_a_verdict_whose_evidence_changed_since_submission(client, verdict_in, editor):
    verdict = verdict_in("submitted")
    citation = verdict.claim.citations.get()
    Citation.objects.filter(pk=citation.pk).update(stance="refutes")  # behind the services' back
    signed_in(client, editor, "uk")
    url = reverse("verdict-action", args=[verdict.pk, "approve"])
    text = shown(client.post(url, {"expected_version": verdict.lock_version}, follow=True))
    assert (
        f"Вердикт v1 не можна схвалити: після надсилання змінилося те, з чим його надіслали (позиція посилання "
        f"№ {citation.pk}). Поверніть його на доопрацювання, щоб його рецензували знову."
    ) in text
    no_english(text, "uk")
    verdict.refresh_from_db()
    assert verdict.status == "submitted"


def test_approving_on_a_capture_judged_incomplete_since_submission(client, verdict_in, editor):
    verdict = verdict_in("submitted")
    pinned = verdict.review_unit["evidence"][0]["snapshot"]
    capture("https://example.org/evidence")  # a newer capture of the source, taken during the review
    Snapshot.objects.filter(pk=pinned).update(complete=False)  # as the browser capture that follows judges it
    signed_in(client, editor, "es")
    url = reverse("verdict-action", args=[verdict.pk, "approve"])
    text = shown(client.post(url, {"expected_version": verdict.lock_version}, follow=True))
    assert f"las pruebas se consideraron incompletas: la captura #{pinned} contiene mucho menos texto" in text
    no_english(text, "es")


def test_submitting_a_verdict_whose_claimreview_would_be_invalid(client, verdict_in, journalist):
    verdict = verdict_in("draft", claimant=None)
    signed_in(client, journalist, "es")
    url = reverse("verdict-action", args=[verdict.pk, "submit"])
    text = shown(client.post(url, {"expected_version": verdict.lock_version}, follow=True))
    assert (
        "El marcado ClaimReview no sería válido: necesita quién hizo la afirmación (itemReviewed.author): indique "
        "el autor de la afirmación." in text
    )
    no_english(text, "es")


@pytest.mark.parametrize(
    ("language", "url", "said"),
    [
        ("es", "ftp://example.org/report.pdf", "Solo se pueden citar URL http:// y https://."),
        ("uk", "https://user:secret@example.org/", "URL-адреси з ім’ям користувача чи паролем не приймаються."),
        ("uk", "https://example.org/" + "é" * 1000, "Після кодування символів URL-адреса має понад 2048 символів."),
        ("es", "https://exa mple.org/", "La URL contiene espacios o caracteres de control."),
        (
            "uk",
            "https://example.org/evidence",  # cited already, and captured
            "Це джерело вже наведено для цього твердження: щоб змінити позицію чи уривок, відредагуйте його рядок.",
        ),
    ],
)
def test_citing_a_bad_address(client, checking_claim, journalist, language, url, said):
    claim = checking_claim()
    signed_in(client, journalist, language)
    form = {"url": url, "stance": "refutes", "quote": ""}
    text = shown(client.post(reverse("citation-add", args=[claim.pk]), form, follow=True))
    assert said in text
    no_english(text, language)
    assert claim.citations.count() == 1


@pytest.mark.parametrize(
    ("language", "file", "said"),
    [
        (
            "uk",
            SimpleUploadedFile("report.png", b"MZ\x90\x00" * 40),
            "Цей файл не належить до прийнятних видів доказів (його вміст — application/x-msdownload): завантажте "
            "знімок екрана (PNG, JPEG чи WebP), PDF, відео (MP4 чи WebM) або вебархів (WARC чи WACZ).",
        ),
        (
            "es",
            SimpleUploadedFile("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 60),
            "No se pudo leer esta imagen: está dañada o no es realmente una imagen.",
        ),
    ],
)
def test_uploading_a_bad_file_as_evidence(client, checking_claim, journalist, language, file, said):
    claim = checking_claim()
    citation = claim.citations.get()
    signed_in(client, journalist, language)
    fields = {"origin": "https://example.org/evidence", "method": "Screenshot", "obtained_at": "2026-11-30T09:15"}
    url = reverse("citation-evidence", args=[claim.pk, citation.pk])
    text = shown(client.post(url, {**fields, "file": file}, follow=True))
    assert said in text
    no_english(text, language)
    assert not Snapshot.objects.filter(method="upload").exists()


def test_a_case_file_range_that_ends_before_it_starts(client, editor):
    signed_in(client, editor, "es")
    response = client.get(
        reverse("casefiles"), {"published_from": "2026-02-02", "published_to": "2026-01-01", "format": "zip"}
    )
    assert response.status_code == 400
    text = visible_text(response.content)
    assert "El intervalo empieza (2026-02-02) después de terminar (2026-01-01)." in text
    no_english(text, "es")


def test_the_admin_refuses_an_assignee_that_is_not_a_number(client, make_claim, editor):
    claim = make_claim()
    signed_in(client, editor, "uk")
    url = reverse("admin:claims_claim_transition", args=[claim.pk, "accept"])
    text = shown(client.post(url, {"expected_version": 0, "assignee": "x' OR 1=1"}, follow=True))
    assert "Виконавець має бути числом." in text
    no_english(text, "uk")


def test_the_api_still_refuses_in_english(client, checking_claim, journalist):
    claim = checking_claim()
    signed_in(client, journalist, "uk")
    url = f"/api/v1/claims/{claim.pk}/citations/"
    refused = client.post(
        url, {"url": "ftp://example.org/report.pdf", "stance": "refutes"}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert refused.json()["error"]["message"] == "Only http:// and https:// URLs can be cited."
