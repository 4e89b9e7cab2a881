from django.db import IntegrityError, transaction
from django.utils.translation import gettext, gettext_noop

from factcheck.audit import audit_lock, audit_record
from factcheck.errors import Conflict, InvalidInput
from factcheck.guards import apply_changes, refuse_fields, require_permission
from sources.capture import snapshot_request
from sources.models import Snapshot, Source
from sources.urls_normalize import normalize_url, url_domain


def _check_kind(kind) -> None:
    if kind not in Source.Kind.values:
        raise InvalidInput(gettext("“%(kind)s” is not a kind of source.") % {"kind": kind})


def source_get_or_create(
    *, url: str, actor=None, title: str = "", publisher: str = "", kind: str = "", recheck_interval=None
) -> tuple[Source, bool]:
    """The Source for `url` (normalized), creating it if this is the first citation."""
    if kind:
        _check_kind(kind)
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
    require_permission(actor, "sources.add_source", gettext_noop("add sources"))
    with transaction.atomic():
        source, created = source_get_or_create(url=url, actor=actor, **details)
        if not created:
            raise Conflict(
                gettext("This document is already in the archive as source #%(number)s.") % {"number": source.pk}
            )
        snapshot_request(source=source, force=True)
    return source


def source_submit(*, url: str, actor) -> tuple[Source, Snapshot, bool]:
    """A URL sent in for the archive: its source (created if new) and its capture
    (queued, or the pending or fresh one that already exists)."""
    require_permission(actor, "sources.add_source", gettext_noop("add sources"))
    with transaction.atomic():
        source, created = source_get_or_create(url=url, actor=actor)
        snapshot = snapshot_request(source=source, force=created)
    return source, snapshot, created


SOURCE_EDITABLE_FIELDS = ("title", "publisher", "kind", "recheck_interval")


def source_update(*, source_id: int, actor, **changes) -> Source:
    require_permission(actor, "sources.change_source", gettext_noop("edit sources"))
    refuse_fields(changes, SOURCE_EDITABLE_FIELDS, gettext_noop("These source fields cannot be edited: %(fields)s."))
    if "kind" in changes:
        _check_kind(changes["kind"])
    with transaction.atomic():
        audit_lock()  # the chain first, then the source, as captures take them (see factcheck.audit)
        source = Source.objects.select_for_update().get(pk=source_id)
        diff = apply_changes(source, changes)
        if not diff:
            return source
        source.save(update_fields=list(diff))
        audit_record(actor=actor, action="source.update", target=source, data={"changes": diff})
    return source


def snapshots_make_public(*, snapshot_ids) -> int:
    """Let anyone view these captures: a published verdict relies on them."""
    return Snapshot.objects.filter(pk__in=list(snapshot_ids), status=Snapshot.Status.SUCCEEDED).update(public=True)
