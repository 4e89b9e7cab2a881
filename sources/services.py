import difflib
import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from factcheck.audit import audit_record
from factcheck.errors import Conflict, InvalidInput
from factcheck.guards import require_permission
from sources.models import Snapshot, Source
from sources.urls_normalize import normalize_url, url_domain

MAX_DIFF_LINES = 2000


def source_get_or_create(
    *, url: str, actor=None, title: str = "", publisher: str = "", kind: str = "", recheck_interval=None
) -> tuple[Source, bool]:
    """The Source for `url` (normalized), creating it if this is the first citation."""
    if kind and kind not in Source.Kind.values:
        raise InvalidInput(f"“{kind}” is not a kind of source.")
    normalized = normalize_url(url)
    existing = Source.objects.filter(normalized_url=normalized).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            source = Source.objects.create(
                url=url.strip(),
                normalized_url=normalized,
                domain=url_domain(normalized),
                title=title[:500],
                publisher=publisher[:200],
                kind=kind or Source.Kind.ARTICLE,
                recheck_interval=recheck_interval or Source._meta.get_field("recheck_interval").default,
                created_by=actor if getattr(actor, "pk", None) else None,
            )
            audit_record(actor=actor, action="source.create", target=source, data={"url": normalized})
    except IntegrityError:
        # Someone cited the same URL at the same moment: theirs is ours.
        return Source.objects.get(normalized_url=normalized), False
    return source, True


def source_register(*, url: str, actor, **details) -> Source:
    """Add a source by hand: refused if the archive already holds that document."""
    require_permission(actor, "sources.add_source", "add sources")
    source, created = source_get_or_create(url=url, actor=actor, **details)
    if not created:
        raise Conflict(f"This document is already in the archive as source #{source.pk}.")
    return source


SOURCE_EDITABLE_FIELDS = ("title", "publisher", "kind", "recheck_interval")


def source_update(*, source_id: int, actor, **changes) -> Source:
    require_permission(actor, "sources.change_source", "edit sources")
    unknown = set(changes) - set(SOURCE_EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(f"These source fields cannot be edited: {', '.join(sorted(unknown))}.")
    if "kind" in changes and changes["kind"] not in Source.Kind.values:
        raise InvalidInput(f"“{changes['kind']}” is not a kind of source.")
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=source_id)
        diff = {f: [str(getattr(source, f)), str(v)] for f, v in changes.items() if getattr(source, f) != v}
        if not diff:
            return source
        for field in diff:
            setattr(source, field, changes[field])
        source.save(update_fields=list(diff))
        audit_record(actor=actor, action="source.update", target=source, data={"changes": diff})
    return source


def _store_payload(payload: bytes, sha256: str) -> str:
    """Content-addressed: identical payloads are stored once."""
    name = f"payloads/{sha256[:2]}/{sha256}"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(payload))
    return name


def _text_diff(old: str, new: str) -> str:
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), "before", "after", lineterm="", n=1)
    return "\n".join(line for _, line in zip(range(MAX_DIFF_LINES), lines, strict=False))


def snapshot_record_capture(
    *,
    source: Source,
    payload: bytes,
    content_type: str,
    text: str,
    http_status: int = 200,
    final_url: str = "",
    redirect_chain: list | None = None,
    headers: dict | None = None,
    page_title: str = "",
    page_date=None,
    extractor: str,
    extractor_version: str,
    started_at=None,
) -> Snapshot:
    """Record a finished, successful capture of `source` as a new snapshot."""
    payload_sha = hashlib.sha256(payload).hexdigest()
    text_sha = hashlib.sha256(text.encode()).hexdigest()
    now = timezone.now()
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=source.pk)
        previous = source.snapshots.filter(status=Snapshot.Status.SUCCEEDED).order_by("-finished_at", "-id").first()
        changed = previous is not None and previous.text_sha256 != text_sha
        snapshot = Snapshot.objects.create(
            source=source,
            status=Snapshot.Status.SUCCEEDED,
            attempt=1,
            started_at=started_at or now,
            finished_at=now,
            requested_url=source.url,
            final_url=final_url or source.normalized_url,
            redirect_chain=redirect_chain or [],
            http_status=http_status,
            headers=headers or {},
            content_type=content_type,
            size=len(payload),
            payload_sha256=payload_sha,
            payload=_store_payload(payload, payload_sha),
            text=text,
            text_sha256=text_sha,
            extractor=extractor,
            extractor_version=extractor_version,
            page_title=page_title[:500],
            page_date=page_date,
            text_changed=changed,
            diff=_text_diff(previous.text, text) if changed else "",
        )
        source.last_checked_at = now
        if not source.title and page_title:
            source.title = page_title[:500]
        source.save(update_fields=["last_checked_at", "title"])
    return snapshot
