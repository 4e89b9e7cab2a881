"""Evidence a person uploads for a citation: each kind accepted by its content, hostile files
refused with a message and nothing left behind, the download's headers, permissions, audit rows."""

import datetime
import io
import os
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claims.services import citation_create, citation_evidence_upload, claim_transition
from factcheck.errors import ActionForbidden, Conflict, InvalidInput
from factcheck.models import AuditEvent
from newsroom.history import describe
from sources.capture import snapshot_capture
from sources.models import Snapshot
from tests.conftest import PASSWORD, UserFactory, fresh
from tests.sources.test_extract import minimal_pdf
from verdicts.services import verdict_create, verdict_transition

pytestmark = pytest.mark.django_db
OBTAINED = datetime.datetime(2026, 11, 30, 9, 15, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def stored_files(root) -> set[str]:
    return {os.path.join(d, f) for d, _, files in os.walk(root) for f in files}


def image(fmt: str, size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def warc(pages: list[tuple[str, str]], *, gzip: bool = False) -> bytes:
    """A WARC with one HTML response per (url, text)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for url, text in pages:
        body = f"<html><head><title>T</title></head><body><article><p>{text}</p></article></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return out.getvalue()


def wacz_with_pages() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("datapackage.json", '{"profile": "data-package", "resources": []}')
        archive.writestr("pages/pages.jsonl", '{"format": "json-pages-1.0"}\n{"url": "https://example.org/main"}\n')
        archive.writestr("archive/data.warc.gz", warc([("https://example.org/style", "Not this one at all."),
                                                      ("https://example.org/main", "The main page says so.")],
                                                     gzip=True))  # fmt: skip
    return out.getvalue()


def wacz() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("datapackage.json", '{"profile": "data-package", "resources": []}')
        archive.writestr("archive/data.warc", b"WARC/1.1\r\n\r\n")
    return out.getvalue()


WEBM_HEADER = "1a45dfa3a34286810142f7810142f2810442f381084282847765626d"  # EBML, doctype "webm"
KINDS = {
    "screenshot.png": (lambda: image("PNG"), "image/png"),
    "photo.jpg": (lambda: image("JPEG"), "image/jpeg"),
    "shot.webp": (lambda: image("WEBP"), "image/webp"),
    "report.pdf": (lambda: minimal_pdf("Troops were never deployed there."), "application/pdf"),
    "clip.mp4": (lambda: b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64, "video/mp4"),
    "clip.webm": (lambda: bytes.fromhex(WEBM_HEADER) + b"\x00" * 64, "video/webm"),
    "page.warc": (lambda: b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n", "application/warc"),
    "page.wacz": (wacz, "application/wacz"),
    "page.warc.gz": (
        lambda: warc([("https://example.org/evidence", "Seen behind the login.")], gzip=True),
        "application/warc",
    ),
    "pages.wacz": (wacz_with_pages, "application/wacz"),
}
TEXTS = {"report.pdf": "never deployed", "page.warc.gz": "Seen behind the login.", "pages.wacz": "The main page says"}


def upload(citation, actor, name, data, **fields):
    fields = {"origin": "https://example.org/evidence behind a login", "method": "Screenshot in Firefox",
              "obtained_at": OBTAINED, **fields}  # fmt: skip
    return citation_evidence_upload(
        citation_id=citation.pk, actor=actor, file=SimpleUploadedFile(name, data, "image/png"), **fields
    )


@pytest.mark.parametrize("name", KINDS)
def test_each_kind_is_accepted_stored_by_hash_and_audited(checking_claim, journalist, name, media):
    citation = checking_claim().citations.get()
    data, content_type = KINDS[name][0](), KINDS[name][1]
    snapshot = upload(citation, journalist, name, data)
    snapshot.refresh_from_db()
    citation.refresh_from_db()
    assert citation.snapshot_id == snapshot.pk
    assert (snapshot.method, snapshot.status, snapshot.complete) == ("upload", "succeeded", True)
    assert snapshot.content_type == content_type and snapshot.uploaded_by_id == journalist.pk
    assert snapshot.provenance_obtained_at == OBTAINED and snapshot.provenance_method == "Screenshot in Firefox"
    assert snapshot.payload.read() == data and snapshot.payload.name.endswith(snapshot.payload_sha256)
    if content_type.startswith("image/"):
        with Image.open(snapshot.screenshot) as shown:
            assert shown.format == "PNG" and shown.size == (40, 30)
    else:
        assert not snapshot.screenshot
    if name in TEXTS:
        assert TEXTS[name] in snapshot.text and "Not this one" not in snapshot.text
    else:
        assert snapshot.text == ""
    uploaded = AuditEvent.objects.get(action="snapshot.uploaded")
    assert uploaded.data["sha256"] == snapshot.payload_sha256 and uploaded.actor_id == journalist.pk
    attached = AuditEvent.objects.get(action="citation.evidence_upload")
    assert attached.data["snapshot"] == snapshot.pk
    kind = {"image": "a screenshot", "video": "a video", "application": None}[content_type.split("/")[0]]
    kind = kind or {"application/pdf": "a PDF"}.get(content_type, "a web archive")
    assert describe(attached) == f"jo uploaded {kind} as the evidence of example.org"
    assert describe(uploaded) == f"jo uploaded {kind} of example.org"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("page.png", b"<!doctype html><html><script>alert(1)</script></html>", "not one of the kinds"),
        ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200, "not one of the kinds"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "not one of"),
        ("broken.png", image("PNG")[:60], "could not be read"),
        ("fake.wacz", b"PK\x03\x04" + b"\x00" * 100, "not one of the kinds"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_a_hostile_or_renamed_file_is_refused_and_leaves_nothing(
    checking_claim, journalist, name, data, message, media
):
    citation = checking_claim().citations.get()
    before, files, events = citation.snapshot_id, stored_files(media), AuditEvent.objects.count()
    with pytest.raises(InvalidInput, match=message):
        upload(citation, journalist, name, data)
    citation.refresh_from_db()
    assert citation.snapshot_id == before and not Snapshot.objects.filter(method="upload").exists()
    assert stored_files(media) == files and AuditEvent.objects.count() == events


def test_an_image_bomb_is_refused_before_it_is_decoded(checking_claim, journalist, media):
    citation = checking_claim().citations.get()
    out = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(out, format="PNG")  # small on disk, 144 million pixels
    assert len(out.getvalue()) < 1024 * 1024
    files = stored_files(media)
    with pytest.raises(InvalidInput, match="12000×12000 pixels"):
        upload(citation, journalist, "bomb.png", out.getvalue())
    assert stored_files(media) == files and not Snapshot.objects.filter(method="upload").exists()


def test_an_oversize_file_is_refused_with_its_cap(checking_claim, journalist, settings, media):
    citation = checking_claim().citations.get()
    settings.EVIDENCE_UPLOAD_MAX_PDF_BYTES = 100
    files = stored_files(media)
    with pytest.raises(InvalidInput, match="larger than the 100 bytes accepted"):
        upload(citation, journalist, "report.pdf", minimal_pdf("Too long for the cap."))
    for cap in ("IMAGE", "PDF", "VIDEO", "ARCHIVE"):
        setattr(settings, f"EVIDENCE_UPLOAD_MAX_{cap}_BYTES", 50)
    with pytest.raises(InvalidInput, match="larger than the largest"):
        upload(citation, journalist, "shot.png", image("PNG"))
    assert stored_files(media) == files and not Snapshot.objects.filter(method="upload").exists()


def test_provenance_is_required(checking_claim, journalist):
    citation = checking_claim().citations.get()
    with pytest.raises(InvalidInput, match="where the file came from"):
        upload(citation, journalist, "a.png", image("PNG"), origin=" ")
    with pytest.raises(InvalidInput, match="in the future"):
        upload(citation, journalist, "a.png", image("PNG"), obtained_at=timezone.now() + datetime.timedelta(days=2))
    assert not Snapshot.objects.filter(method="upload").exists()


def test_permissions_reader_outsider_closed_and_frozen_claims(
    checking_claim, make_claim, journalist, editor, verdict_in
):
    citation = checking_claim().citations.get()
    reader = UserFactory(username="reader")
    reader.user_permissions.add(Permission.objects.get(codename="view_claim", content_type__app_label="claims"))
    with pytest.raises(ActionForbidden, match="edit citations"):
        upload(citation, fresh(reader), "a.png", image("PNG"))
    claim = make_claim(text="The bridge was built in 1990.")
    citation = citation_create(actor=journalist, claim_id=claim.pk, url="https://example.org/bridge")
    claim_transition(claim_id=claim.pk, action="dismiss", actor=editor, expected_version=claim.lock_version,
                     comment="Opinion.")  # fmt: skip
    with pytest.raises(Conflict, match="dismissed claim cannot be changed"):
        upload(citation, journalist, "a.png", image("PNG"))
    under_review = verdict_in("submitted").claim.citations.get()
    with pytest.raises(Conflict, match="frozen"):
        upload(under_review, journalist, "a.png", image("PNG"))
    assert not Snapshot.objects.filter(method="upload").exists()


def test_an_upload_satisfies_the_evidence_check_when_capture_failed(make_claim, editor, journalist, server):
    claim = make_claim()
    claim = claim_transition(claim_id=claim.pk, action="accept", actor=editor, expected_version=claim.lock_version,
                             assignee_id=journalist.pk)  # fmt: skip
    citation = citation_create(actor=journalist, claim_id=claim.pk, url=server.url("/login-wall"), stance="refutes")
    snapshot_capture(snapshot_id=Snapshot.objects.get(source=citation.source, status="queued").pk)
    verdict = verdict_create(actor=journalist, claim_id=claim.pk, rating="false", headline="No", summary="Wrong.")
    with pytest.raises(InvalidInput, match=r"holds the page's text.*upload the evidence"):
        verdict_transition(verdict_id=verdict.pk, action="submit", actor=journalist,
                           expected_version=verdict.lock_version)  # fmt: skip
    upload(citation, journalist, "wall.png", image("PNG"))
    verdict = verdict_transition(verdict_id=verdict.pk, action="submit", actor=journalist,
                                 expected_version=verdict.lock_version)  # fmt: skip
    assert verdict.status == "submitted"


def test_the_download_is_an_attachment_with_nosniff_for_those_who_may_see_it(client, checking_claim, journalist):
    citation = checking_claim().citations.get()
    snapshot = upload(citation, journalist, "report.pdf", minimal_pdf("Kept as a file."))
    url = f"/captures/{snapshot.pk}/evidence"
    assert client.get(url).status_code in (302, 403)
    outsider = UserFactory(username="nobody")
    assert client.login(username=outsider.username, password=PASSWORD)
    assert client.get(url).status_code == 403
    assert client.login(username=journalist.username, password=PASSWORD)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == snapshot.payload.open("rb").read()
    http_capture = Snapshot.objects.filter(method="http", status="succeeded").first()
    assert client.get(f"/captures/{http_capture.pk}/evidence").status_code == 404


@pytest.mark.parametrize("name", KINDS)
def test_each_kind_downloads_named_by_what_it_holds(client, checking_claim, journalist, name):
    """The download's extension is the one each kind's name in KINDS ends with (a gzip-compressed
    WARC's is .warc.gz), read from the file: the upload's own name is not kept."""
    citation = checking_claim().citations.get()
    data = KINDS[name][0]()
    snapshot = upload(citation, journalist, "upload", data)
    assert client.login(username=journalist.username, password=PASSWORD)
    response = client.get(f"/captures/{snapshot.pk}/evidence")
    assert response.status_code == 200
    expected = f"evidence-{snapshot.pk}-{snapshot.payload_sha256[:12]}{name[name.index('.') :]}"
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
    assert response["Content-Type"] == KINDS[name][1]
    assert b"".join(response.streaming_content) == data  # the whole file, its first bytes included


def test_the_staff_api_takes_a_multipart_upload(client, checking_claim, journalist):
    citation = checking_claim().citations.get()
    url = f"/api/v1/claims/{citation.claim_id}/citations/{citation.pk}/evidence/"
    fields = {"origin": "A source's phone", "method": "Screen recording", "obtained_at": "2026-11-30T09:15:00Z"}
    assert client.login(username=journalist.username, password=PASSWORD)
    made = client.post(url, {**fields, "file": SimpleUploadedFile("x.webp", image("WEBP"))})
    assert made.status_code == 201, made.content
    assert made.json()["content_type"] == "image/webp" and made.json()["uploaded_by"] == journalist.username
    refused = client.post(url, {**fields, "file": SimpleUploadedFile("x.png", b"<html>hi</html>")})
    assert refused.status_code == 400 and "not one of the kinds" in refused.content.decode()
    wrong = client.post(f"/api/v1/claims/{citation.claim_id + 99}/citations/{citation.pk}/evidence/", fields)
    assert wrong.status_code == 404
    assert Snapshot.objects.filter(method="upload").count() == 1


def test_the_claim_page_form_uploads_without_script(client, checking_claim, journalist, editor):
    claim = checking_claim()
    citation = claim.citations.get()
    client.force_login(journalist)
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    action = f"/claims/{claim.pk}/citations/{citation.pk}/evidence/"
    assert f'action="{action}"' in page and 'enctype="multipart/form-data"' in page
    fields = {"origin": "https://example.org/evidence", "method": "Screenshot", "obtained_at": "2026-11-30T09:15"}
    refused = client.post(action, {**fields, "file": SimpleUploadedFile("x.png", b"MZ\x90\x00" * 40)}, follow=True)
    assert "not one of the kinds" in refused.content.decode()
    assert not Snapshot.objects.filter(method="upload").exists()
    missing = client.post(action, {"file": SimpleUploadedFile("x.png", image("PNG"))}, follow=True)
    assert "The evidence was not uploaded" in missing.content.decode()
    done = client.post(action, {**fields, "file": SimpleUploadedFile("x.png", image("PNG"))}, follow=True)
    snapshot = Snapshot.objects.get(method="upload")
    body = done.content.decode()
    assert "Evidence uploaded" in body and f'href="/captures/{snapshot.pk}/evidence"' in body
    assert "Uploaded by jo" in body
    reader = UserFactory(username="reader")
    reader.user_permissions.add(Permission.objects.get(codename="view_claim", content_type__app_label="claims"))
    client.force_login(reader)
    assert action not in client.get(f"/claims/{claim.pk}/").content.decode()
    client.post(action, {**fields, "file": SimpleUploadedFile("x.png", image("PNG"))})
    assert Snapshot.objects.filter(method="upload").count() == 1


def test_only_the_evidence_paths_take_bodies_past_the_request_limit(client, checking_claim, journalist, settings):
    claim = checking_claim()
    citation = claim.citations.get()
    settings.MAX_REQUEST_BYTES = 4096
    client.force_login(journalist)
    big = os.urandom(8192)
    file = SimpleUploadedFile("noise.png", big)
    fields = {"origin": "x", "method": "y", "obtained_at": "2026-11-30T09:15"}
    edit = client.post(f"/claims/{claim.pk}/citations/{citation.pk}/edit/", {"note": "n", "file": file})
    assert edit.status_code == 413
    file.seek(0)
    evidence = client.post(f"/claims/{claim.pk}/citations/{citation.pk}/evidence/", {**fields, "file": file})
    assert evidence.status_code == 302  # reached the view, which refused the noise with a message
    settings.EVIDENCE_UPLOAD_MAX_REQUEST_BYTES = 4096
    file.seek(0)
    api = client.post(f"/api/v1/claims/{claim.pk}/citations/{citation.pk}/evidence/", {**fields, "file": file})
    assert api.status_code == 413 and api.json()["error"]["code"] == "too_large"


def test_the_capture_page_of_an_upload_gives_its_provenance(client, checking_claim, journalist):
    citation = checking_claim().citations.get()
    snapshot = upload(citation, journalist, "wall.png", image("PNG"))
    assert client.login(username=journalist.username, password=PASSWORD)
    page = client.get(f"/captures/{snapshot.pk}/").content.decode()
    for shown in ("Uploaded by", "jo", "https://example.org/evidence behind a login", "Screenshot in Firefox"):
        assert shown in page, shown
    assert "The uploaded image" in page and "as the browser showed it" not in page
