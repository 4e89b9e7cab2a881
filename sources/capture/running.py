"""Running a claimed capture: the per-host slot, the fetch, retries and failure."""

import contextlib
import logging
import random
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from email.utils import parsedate_to_datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from factcheck.audit import audit_lock
from sources.capture.requesting import capture_policy, snapshot_claim
from sources.capture.storing import complete_http, write_receipt
from sources.evidence import snapshot_judge
from sources.extract import extract
from sources.fetching.client import FetchResult, fetch
from sources.fetching.errors import FetchError
from sources.models import Snapshot, Source
from sources.signals import snapshot_failed, source_changed

logger = logging.getLogger(__name__)

GONE_CODES = {"http_404", "http_410", "dns_failure"}
S = Snapshot.Status


@dataclass(frozen=True)
class CaptureOutcome:
    snapshot: Snapshot | None
    retry_in: float | None = None  # seconds, when the task should try again


@contextlib.contextmanager
def _host_slot(host: str, method: str = Snapshot.Method.HTTP):
    """At most CAPTURE_PER_HOST captures of one host at a time, across all workers, for each
    method apart (a browser capture holds its slot for seconds: it must not keep plain captures of
    the host waiting). PostgreSQL advisory locks of a transaction that lasts as long as the slot is
    held: released when it ends, or with the connection if a worker dies. Not a session's locks:
    behind a pooler in transaction mode, a session's lock could be taken on one server connection
    and its release sent on another; the slot would stay taken, and count as free for whichever
    capture next ran on the first. So a capture holds a database connection while it fetches.

    A capture waits up to CAPTURE_SLOT_WAIT seconds for a slot (on a worker's thread, waiting costs
    next to nothing; requeueing costs seconds), then goes back to the queue without using an attempt."""
    name = host if method == Snapshot.Method.HTTP else f"{method}:{host}"
    key = zlib.crc32(name.encode()) - 2**31
    give_up = time.monotonic() + settings.CAPTURE_SLOT_WAIT
    while True:
        with transaction.atomic():
            with connection.cursor() as cursor:
                taken = any(_slot_lock(cursor, key, slot) for slot in range(settings.CAPTURE_PER_HOST))
            if taken:
                yield
                return
        if time.monotonic() >= give_up:
            break
        time.sleep(random.uniform(0.02, 0.1))  # noqa: S311 - jitter, not security
    raise FetchError("host_busy", f"Other captures of {host} are running.", transient=True, retry_after=5)


def _slot_lock(cursor, key: int, slot: int) -> bool:
    cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [key, slot])
    return cursor.fetchone()[0]


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


def run_claimed(snapshot_id: int, take: Callable[[Snapshot, dict], Snapshot]) -> CaptureOutcome:
    """Claim a capture and `take` it; a bad page or URL is recorded (retried or failed), never raised.
    `take` may leave the fetch's result in its dict, to be recorded with a failure."""
    snapshot = snapshot_claim(snapshot_id=snapshot_id)
    if snapshot is None:
        return CaptureOutcome(None)
    seen = {}
    try:
        return CaptureOutcome(take(snapshot, seen))
    except FetchError as exc:
        return _after_error(snapshot, exc, seen.get("result"))
    except Exception:
        # Our side failed (storage full, a bug): retry later like a transient error,
        # so the job is neither lost nor left looking stuck.
        logger.exception("Capture of snapshot %s failed unexpectedly", snapshot.pk)
        error = FetchError("internal_error", "The capture failed on our side; it will be retried.", transient=True)
        return _after_error(snapshot, error, seen.get("result"))


def _take_http(snapshot: Snapshot, seen: dict) -> Snapshot:
    with _host_slot(snapshot.source.domain):
        seen["result"] = result = fetch(snapshot.requested_url, capture_policy())
    error = _http_error(result)
    if error:
        raise error
    content = extract(result.final.body, result.final.header("content-type"))
    return complete_http(snapshot, result, content)


def snapshot_capture(*, snapshot_id: int) -> CaptureOutcome:
    """Claim, fetch and store one plain capture. Never raises for a bad page or URL."""
    return run_claimed(snapshot_id, _take_http)


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
        # The capture's row, then the chain, then its source: the order in which a capture that is
        # storing its result takes them (storing._finish), or the two could wait for each other
        # (the reaper fails a capture whose thread is still at work). See factcheck.audit.
        current = Snapshot.objects.select_for_update(of=("self",)).get(pk=snapshot.pk)
        if current.status not in (S.QUEUED, S.FETCHING) or current.attempt != snapshot.attempt:
            return current  # a later attempt owns it now
        audit_lock()
        current.source = Source.objects.select_for_update().get(pk=current.source_id)
        from_state = current.status
        current.status, current.finished_at = S.FAILED, now
        current.error_code, current.error_message = code, message[:2000]
        if result is not None:
            current.http_status = result.final.status
            current.final_url = result.final.url
            current.redirect_chain = result.redirect_chain
            current.headers = dict(result.final.headers)
        current.save()
        write_receipt(current, from_state=from_state)
        if current.method == Snapshot.Method.BROWSER:
            snapshot_judge(browser=current)  # the HTTP capture it follows is judged on its own text
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
