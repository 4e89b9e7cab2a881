"""The life of a snapshot: requested, claimed by one worker, fetched, stored.

    queued ──claim──▶ fetching ──▶ succeeded
       ▲                 │    └──▶ failed (permanent error, or attempts used up)
       └──── retry ──────┘         (transient error: back to queued, due later)

A worker claims a snapshot with one conditional UPDATE, so no two workers
take the same job; the attempt number it claimed is its fencing token, so a
worker that was presumed dead cannot overwrite a later attempt's result.
A reaper (beat) re-queues captures stuck in `fetching` past the hard time
limit and queued captures whose message was lost, using database time.
"""

import contextlib
import difflib
import hashlib
import logging
import random
import tempfile
import zlib
from dataclasses import dataclass
from datetime import timedelta
from email.utils import parsedate_to_datetime

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Now
from django.utils import timezone

from factcheck.audit import audit_lock, audit_record
from factcheck.queueing import send_task
from sources.archive import write_warc
from sources.extract import Extracted, extract, text_fingerprint
from sources.fetching.client import FetchPolicy, FetchResult, fetch
from sources.fetching.errors import FetchError
from sources.fetching.policy import Exemptions
from sources.models import Snapshot, Source
from sources.signals import snapshot_captured, snapshot_failed, source_changed

logger = logging.getLogger(__name__)

CAPTURE_TASK = "sources.capture_snapshot"
MAX_DIFF_LINES = 2000
GONE_CODES = {"http_404", "http_410", "dns_failure"}
S = Snapshot.Status


def capture_policy() -> FetchPolicy:
    return FetchPolicy(
        user_agent=settings.CAPTURE_USER_AGENT,
        exemptions=Exemptions.parse(settings.CAPTURE_ALLOWED_PRIVATE),
        deadline=settings.CAPTURE_DEADLINE,
        max_bytes=settings.CAPTURE_MAX_BYTES,
    )


# --- requesting -------------------------------------------------------------


def _enqueue(snapshot_id: int) -> None:
    # The queued row is the outbox: if the broker is down, the reaper sends it again.
    send_task(CAPTURE_TASK, args=[snapshot_id], queue=settings.CAPTURE_QUEUE)


def snapshot_request(*, source: Source, force: bool = False, enqueue: bool = True) -> Snapshot:
    """Queue a capture of `source`, unless one is pending or (unless `force`) fresh.
    With `enqueue=False` the caller runs the capture itself (no broker)."""
    with transaction.atomic():
        audit_lock()  # the chain first, then the source (see factcheck.audit): callers append after this
        source = Source.objects.select_for_update().get(pk=source.pk)
        pending = source.snapshots.filter(status__in=[S.QUEUED, S.FETCHING]).order_by("-id").first()
        if pending:
            return pending
        if not force:
            fresh_after = timezone.now() - timedelta(seconds=settings.CAPTURE_FRESH_FOR)
            fresh = source.snapshots.filter(status=S.SUCCEEDED, finished_at__gte=fresh_after).order_by("-id").first()
            if fresh:
                return fresh
        snapshot = Snapshot.objects.create(source=source, requested_url=source.url, next_attempt_at=timezone.now())
        if enqueue:
            transaction.on_commit(lambda: _enqueue(snapshot.pk))
    return snapshot


# --- claiming and capturing -------------------------------------------------


def snapshot_claim(*, snapshot_id: int) -> Snapshot | None:
    """Take the job if it is queued (or stuck past the hard limit); None if someone else has it."""
    stale = Now() - timedelta(seconds=settings.CAPTURE_HARD_TIME_LIMIT)
    claimed = Snapshot.objects.filter(
        Q(status=S.QUEUED) | Q(status=S.FETCHING, started_at__lt=stale), pk=snapshot_id
    ).update(status=S.FETCHING, started_at=Now(), attempt=F("attempt") + 1, next_attempt_at=None)
    if not claimed:
        return None
    return Snapshot.objects.select_related("source").get(pk=snapshot_id)


@dataclass(frozen=True)
class CaptureOutcome:
    snapshot: Snapshot | None
    retry_in: float | None = None  # seconds, when the task should try again


@contextlib.contextmanager
def _host_slot(host: str):
    """At most CAPTURE_PER_HOST captures of one host at a time, across all workers
    (PostgreSQL advisory locks, released with the connection if a worker dies)."""
    key = zlib.crc32(host.encode()) - 2**31
    with connection.cursor() as cursor:
        for slot in range(settings.CAPTURE_PER_HOST):
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [key, slot])
            if cursor.fetchone()[0]:
                try:
                    yield
                finally:
                    cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [key, slot])
                return
    raise FetchError("host_busy", f"Other captures of {host} are running.", transient=True, retry_after=5)


def _retry_after(value: str) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    with contextlib.suppress(TypeError, ValueError, IndexError):
        return max((parsedate_to_datetime(value) - timezone.now()).total_seconds(), 0)
    return None


def _http_error(result: FetchResult) -> FetchError | None:
    status = result.final.status
    if 200 <= status < 300:
        return None
    transient = status in (408, 425, 429, 500, 502, 503, 504)
    return FetchError(
        f"http_{status}",
        f"The server answered {status} {result.final.reason}".strip() + ".",
        transient=transient,
        retry_after=_retry_after(result.final.header("retry-after")),
    )


def snapshot_capture(*, snapshot_id: int) -> CaptureOutcome:
    """Claim, fetch and store one capture. Never raises for a bad page or URL."""
    snapshot = snapshot_claim(snapshot_id=snapshot_id)
    if snapshot is None:
        return CaptureOutcome(None)
    result = None
    try:
        with _host_slot(snapshot.source.domain):
            result = fetch(snapshot.requested_url, capture_policy())
        error = _http_error(result)
        if error:
            raise error
        content = extract(result.final.body, result.final.header("content-type"))
        return CaptureOutcome(_complete(snapshot, result, content))
    except FetchError as exc:
        return _after_error(snapshot, exc, result)
    except Exception:
        # Our side failed (storage full, a bug): retry later like a transient error,
        # so the job is neither lost nor left looking stuck.
        logger.exception("Capture of snapshot %s failed unexpectedly", snapshot.pk)
        error = FetchError("internal_error", "The capture failed on our side; it will be retried.", transient=True)
        return _after_error(snapshot, error, result)


def _backoff(attempt: int, retry_after: float | None) -> float:
    delay = settings.CAPTURE_RETRY_BASE * 2 ** max(attempt - 1, 0)
    delay = max(delay, retry_after or 0)
    return min(delay, settings.CAPTURE_RETRY_MAX) * random.uniform(1.0, 1.2)  # noqa: S311 - jitter, not security


def _after_error(snapshot: Snapshot, error: FetchError, result: FetchResult | None) -> CaptureOutcome:
    if error.code == "host_busy" or (error.transient and snapshot.attempt < settings.CAPTURE_MAX_ATTEMPTS):
        # Waiting for a free slot on a busy host does not use up an attempt.
        busy = error.code == "host_busy"
        delay = error.retry_after if busy else _backoff(snapshot.attempt, error.retry_after)
        updated = Snapshot.objects.filter(pk=snapshot.pk, status=S.FETCHING, attempt=snapshot.attempt).update(
            status=S.QUEUED,
            attempt=F("attempt") - 1 if busy else F("attempt"),
            error_code=error.code,
            error_message=error.message,
            next_attempt_at=timezone.now() + timedelta(seconds=delay),
        )
        return CaptureOutcome(snapshot, retry_in=delay if updated else None)
    return CaptureOutcome(snapshot_fail(snapshot=snapshot, code=error.code, message=error.message, result=result))


def snapshot_fail(*, snapshot: Snapshot, code: str, message: str, result: FetchResult | None = None) -> Snapshot:
    """Record a capture that will not succeed. A vanished source is flagged."""
    now = timezone.now()
    with transaction.atomic():
        audit_lock()  # the chain first, then the capture and its source (see factcheck.audit)
        current = Snapshot.objects.select_for_update().select_related("source").get(pk=snapshot.pk)
        if current.status not in (S.QUEUED, S.FETCHING) or current.attempt != snapshot.attempt:
            return current  # a later attempt owns it now
        from_state = current.status
        current.status, current.finished_at = S.FAILED, now
        current.error_code, current.error_message = code, message[:2000]
        if result is not None:
            current.http_status = result.final.status
            current.final_url = result.final.url
            current.redirect_chain = result.redirect_chain
            current.headers = dict(result.final.headers)
        current.save()
        _write_receipt(current, from_state=from_state)
        transaction.on_commit(lambda: snapshot_failed.send(sender=Snapshot, snapshot=current))
        source = current.source
        source.last_checked_at = now
        fields = ["last_checked_at"]
        if code in GONE_CODES and source.missing_since is None:
            source.missing_since = now
            fields.append("missing_since")
            transaction.on_commit(
                lambda: source_changed.send(sender=Source, source=source, snapshot=current, kind="gone")
            )
        source.save(update_fields=fields)
    return current


def _write_receipt(snapshot: Snapshot, *, from_state: str) -> None:
    """The capture's receipt in the audit chain: what was fetched, and the hashes of what was kept."""
    audit_record(
        actor=None,
        action="snapshot.captured",
        target=snapshot,
        from_state=from_state,
        to_state=snapshot.status,
        data={
            "snapshot": snapshot.pk,
            "source": snapshot.source_id,
            "url": snapshot.requested_url,
            "final_url": snapshot.final_url,
            "status": snapshot.status,
            "error_code": snapshot.error_code,
            "attempt": snapshot.attempt,
            "sha256": snapshot.payload_sha256,
            "text_sha256": snapshot.text_sha256,
            "warc": snapshot.warc.name or "",
            "finished_at": snapshot.finished_at.isoformat(),
        },
    )


# --- storing ----------------------------------------------------------------


def _save_whole(name: str, content) -> str:
    """Save a file, or leave nothing behind: a write cut short (a full disk) is removed."""
    try:
        return default_storage.save(name, content)
    except Exception:
        with contextlib.suppress(Exception):
            if default_storage.exists(name):
                default_storage.delete(name)
        raise


def _store_payload(payload: bytes, sha256: str) -> str:
    """Content-addressed: identical payloads are stored once. A file already under the name is
    reused only if it is whole (a partial one, left by a crash, is written again)."""
    name = f"payloads/{sha256[:2]}/{sha256}"
    if default_storage.exists(name):
        if default_storage.size(name) == len(payload):
            return name
        default_storage.delete(name)
    return _save_whole(name, ContentFile(payload))


def _text_diff(old: str, new: str) -> str:
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), "before", "after", lineterm="", n=1)
    return "\n".join(line for _, line in zip(range(MAX_DIFF_LINES), lines, strict=False))


def _complete(snapshot: Snapshot, result: FetchResult, content: Extracted) -> Snapshot:
    final = result.final
    # Spooled to disk past a few megabytes, so a large capture is not held twice in memory.
    with tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024) as warc:
        write_warc(result, warc, software=settings.CAPTURE_USER_AGENT)
        warc.seek(0)
        warc_name = _save_whole(
            f"warc/{timezone.now():%Y/%m}/snapshot-{snapshot.pk}-{snapshot.attempt}.warc.gz", File(warc)
        )
    try:
        return _finish(
            snapshot,
            payload=final.body,
            content=content,
            content_type=final.header("content-type"),
            http_status=final.status,
            final_url=final.url,
            redirect_chain=result.redirect_chain,
            headers=dict(final.headers),
            truncated=final.truncated,
            warc_name=warc_name,
        )
    except Exception:  # the capture is not recorded, so its WARC would belong to nothing
        with contextlib.suppress(Exception):
            default_storage.delete(warc_name)
        raise


def _finish(snapshot: Snapshot, *, payload: bytes, content: Extracted, **fields) -> Snapshot:
    """Store the payload and text on a claimed snapshot and mark it succeeded."""
    payload_sha = hashlib.sha256(payload).hexdigest()
    payload_name = _store_payload(payload, payload_sha)
    now = timezone.now()
    with transaction.atomic():
        audit_lock()  # the chain first, then the source and the capture (see factcheck.audit)
        source = Source.objects.select_for_update().get(pk=snapshot.source_id)
        current = Snapshot.objects.select_for_update().get(pk=snapshot.pk)
        if current.status != S.FETCHING or current.attempt != snapshot.attempt:
            return current  # presumed dead and re-run: the later attempt decides
        current.source = source
        previous = source.snapshots.filter(status=S.SUCCEEDED).order_by("-finished_at", "-id").first()
        fingerprint = text_fingerprint(content.text)
        changed = previous is not None and previous.text_fingerprint != fingerprint
        warc_name = fields.pop("warc_name", "")
        for name, value in fields.items():
            setattr(current, name, value)
        current.status, current.finished_at = S.SUCCEEDED, now
        current.size = len(payload)
        current.payload_sha256, current.payload = payload_sha, payload_name
        current.warc = warc_name
        current.text, current.text_sha256 = content.text, hashlib.sha256(content.text.encode()).hexdigest()
        current.text_fingerprint, current.charset = fingerprint, content.charset
        current.extractor, current.extractor_version = content.extractor, content.extractor_version
        current.page_title, current.page_date = content.title[:500], content.published
        current.text_changed = changed
        current.diff = _text_diff(previous.text, content.text) if changed else ""
        current.error_code = current.error_message = ""
        current.save()
        _write_receipt(current, from_state=S.FETCHING)
        source.last_checked_at, source.missing_since = now, None
        if not source.title and content.title:
            source.title = content.title[:500]
        if changed:
            source.changed_at = now
            transaction.on_commit(
                lambda: source_changed.send(sender=Source, source=source, snapshot=current, kind="changed")
            )
        source.save(update_fields=["last_checked_at", "missing_since", "title", "changed_at"])
        transaction.on_commit(lambda: snapshot_captured.send(sender=Snapshot, snapshot=current))
    return current


def snapshot_record_file(
    *, source: Source, payload: bytes, content_type: str, content: Extracted | None = None
) -> Snapshot:
    """A capture made from a file at hand (the demo's seed files), not fetched."""
    snapshot = Snapshot.objects.create(
        source=source, requested_url=source.url, status=S.FETCHING, attempt=1, started_at=timezone.now()
    )
    return _finish(
        snapshot,
        payload=payload,
        content=content or extract(payload, content_type),
        content_type=content_type,
        http_status=200,
        final_url=source.normalized_url,
    )


# --- the reaper and the re-check schedule ------------------------------------


def captures_reap() -> dict:
    """Re-queue captures stuck in `fetching` past the hard time limit (their worker
    died) and queued ones whose message was lost; fail those out of attempts."""
    stale = Now() - timedelta(seconds=settings.CAPTURE_HARD_TIME_LIMIT)
    overdue = Now() - timedelta(seconds=settings.CAPTURE_REQUEUE_AFTER)
    stuck = Snapshot.objects.filter(status=S.FETCHING, started_at__lt=stale)
    exhausted = list(stuck.filter(attempt__gte=settings.CAPTURE_MAX_ATTEMPTS))
    for snapshot in exhausted:
        snapshot_fail(
            snapshot=snapshot,
            code="stuck",
            message="The capture did not finish within the time limit, several times.",
        )
    requeued = list(stuck.filter(attempt__lt=settings.CAPTURE_MAX_ATTEMPTS).values_list("pk", flat=True)) + list(
        Snapshot.objects.filter(status=S.QUEUED, next_attempt_at__lt=overdue).values_list("pk", flat=True)
    )
    for snapshot_id in requeued:
        _enqueue(snapshot_id)
    return {"failed": len(exhausted), "requeued": len(requeued)}


def recheck_interval(source: Source, now) -> timedelta:
    """Sooner while the reliance is young, rarer as it ages (doubling, capped)."""
    age_days = max((now - source.monitored_since).total_seconds() / 86400, 0)
    doublings = min(int(age_days // settings.CAPTURE_RECHECK_DOUBLING_DAYS), 16)
    return min(source.recheck_interval * 2**doublings, timedelta(days=settings.CAPTURE_RECHECK_MAX_DAYS))


def sources_monitor(*, source_ids) -> int:
    """Start re-checking these sources (a published verdict relies on them)."""
    return Source.objects.filter(pk__in=list(source_ids), monitored_since__isnull=True).update(
        monitored_since=timezone.now()
    )


def rechecks_schedule(*, limit: int = 500) -> int:
    """Queue a new capture of every monitored source that is due."""
    now = timezone.now()
    candidates = (
        Source.objects.filter(monitored_since__isnull=False)
        .exclude(snapshots__status__in=[S.QUEUED, S.FETCHING])
        .order_by(F("last_checked_at").asc(nulls_first=True))[: limit * 4]
    )
    queued = 0
    for source in candidates:
        if source.last_checked_at and source.last_checked_at + recheck_interval(source, now) > now:
            continue
        snapshot_request(source=source, force=True)
        queued += 1
        if queued >= limit:
            break
    return queued
