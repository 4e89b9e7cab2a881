"""Evidence uploaded for a citation: a file a person vouches for, when the source could not be
captured or needs a login. It becomes the citation's capture (method "upload")."""

import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, ngettext

from claims.freeze import claim_ensure_unfrozen
from claims.models import Citation
from claims.services.citations import QUOTE_FIELDS, _citation_locked, _quote_record, citation_check_quote
from factcheck.audit import audit_record
from factcheck.errors import InvalidInput
from factcheck.guards import parse_id, refuse_nul
from sources.extract import text_fingerprint
from sources.models import Snapshot
from sources.uploads import StoredFiles, inspect_upload, read_capped

PROVENANCE_MAX = 500


def _provenance(origin: str, method: str, obtained_at):
    origin, method = (origin or "").strip(), (method or "").strip()
    refuse_nul(gettext_noop("The provenance"), origin, method)
    if not origin:
        raise InvalidInput(gettext("Say where the file came from (the page's address, or who gave it to you)."))
    if not method:
        raise InvalidInput(gettext("Say how the file was made (e.g. “screenshot in a logged-in browser”)."))
    if len(origin) > PROVENANCE_MAX or len(method) > PROVENANCE_MAX:
        said = ngettext(
            "Keep where it came from and how it was made under %(most)s character each.",
            "Keep where it came from and how it was made under %(most)s characters each.",
            PROVENANCE_MAX,
        )
        raise InvalidInput(said % {"most": PROVENANCE_MAX})
    if obtained_at is None:
        raise InvalidInput(gettext("Say when the file was obtained."))
    if timezone.is_naive(obtained_at):
        obtained_at = timezone.make_aware(obtained_at)
    if obtained_at > timezone.now() + timezone.timedelta(minutes=5):
        raise InvalidInput(gettext("When the file was obtained cannot be in the future."))
    return origin, method, obtained_at


def citation_evidence_upload(*, citation_id: int, actor, file, origin: str, method: str, obtained_at) -> Snapshot:
    """Attach an uploaded file to a citation as its evidence: checked (kind by content, size cap,
    images re-encoded), stored under its SHA-256, recorded as a succeeded capture the uploader
    vouches for, audited, and made the capture the citation relies on. A refused or failed upload
    leaves no row and no file."""
    citation_id = parse_id(citation_id, gettext_noop("The citation"))
    origin, method, obtained_at = _provenance(origin, method, obtained_at)
    with transaction.atomic():  # asked before the file is read: a refusal costs nothing
        claim, citation = _citation_locked(citation_id, actor, "upload_evidence")
    inspected = inspect_upload(read_capped(file))
    files = StoredFiles()
    try:
        sha = inspected.sha256
        payload_name = files.save(f"payloads/{sha[:2]}/{sha}", inspected.data, content_addressed=True)
        screenshot_name, screenshot_sha = "", ""
        if inspected.png is not None:
            screenshot_sha = hashlib.sha256(inspected.png).hexdigest()
            screenshot_name = files.save(f"screenshots/uploads/{screenshot_sha}.png", inspected.png)
        with transaction.atomic():
            claim, citation = _citation_locked(citation_id, actor, "upload_evidence")
            claim_ensure_unfrozen(claim_id=claim.pk)
            snapshot = _record(citation, actor, inspected, payload_name, screenshot_name, screenshot_sha,
                               origin=origin, method=method, obtained_at=obtained_at)  # fmt: skip
            citation.snapshot = snapshot
            fields = ["snapshot"]
            if citation_check_quote(citation=citation, snapshot=snapshot):
                fields += QUOTE_FIELDS
            citation.save(update_fields=fields)
            audit_record(
                actor=actor,
                action="citation.evidence_upload",
                target=citation,
                data={"claim": claim.pk, "source": citation.source_id, "snapshot": snapshot.pk,
                      "sha256": snapshot.payload_sha256, "content_type": snapshot.content_type,
                      **_quote_record(citation)},
            )  # fmt: skip
    except BaseException:
        files.discard()
        raise
    return snapshot


def _record(citation: Citation, actor, inspected, payload_name, screenshot_name, screenshot_sha, **provenance):
    now = timezone.now()
    text = inspected.content.text
    snapshot = Snapshot.objects.create(
        source_id=citation.source_id,
        method=Snapshot.Method.UPLOAD,
        status=Snapshot.Status.SUCCEEDED,
        complete=True,  # a person vouches for it
        attempt=1,
        started_at=now,
        finished_at=now,
        requested_url=citation.source.url,
        final_url=citation.source.normalized_url,
        content_type=inspected.content_type,
        size=len(inspected.data),
        payload=payload_name,
        payload_sha256=inspected.sha256,
        screenshot=screenshot_name,
        screenshot_sha256=screenshot_sha,
        text=text,
        text_sha256=hashlib.sha256(text.encode()).hexdigest(),
        text_fingerprint=text_fingerprint(text),
        extractor=inspected.content.extractor,
        extractor_version=inspected.content.extractor_version,
        page_title=inspected.content.title[:500],
        page_date=inspected.content.published,
        uploaded_by=actor,
        provenance_origin=provenance["origin"],
        provenance_method=provenance["method"],
        provenance_obtained_at=provenance["obtained_at"],
    )
    audit_record(
        actor=actor,
        action="snapshot.uploaded",
        target=snapshot,
        to_state=snapshot.status,
        data={
            "snapshot": snapshot.pk,
            "source": snapshot.source_id,
            "citation": citation.pk,
            "content_type": snapshot.content_type,
            "size": snapshot.size,
            "sha256": snapshot.payload_sha256,
            "screenshot_sha256": screenshot_sha,
            "text_sha256": snapshot.text_sha256,
            "origin": snapshot.provenance_origin,
            "method": snapshot.provenance_method,
            "obtained_at": snapshot.provenance_obtained_at.isoformat(),
        },
    )
    return snapshot
