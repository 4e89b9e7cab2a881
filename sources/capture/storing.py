"""Storing a capture: its files (whole or not at all), its text, its receipt in the audit chain."""

import contextlib
import difflib
import hashlib
import tempfile

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from factcheck.audit import audit_lock, audit_record
from sources.archive import write_warc
from sources.capture.requesting import browser_snapshot_queue
from sources.evidence import judged_at_capture, snapshot_judge, text_complete
from sources.extract import Extracted, extract, text_fingerprint
from sources.fetching.client import FetchResult
from sources.models import Snapshot, Source
from sources.signals import snapshot_captured, source_changed

MAX_DIFF_LINES = 2000
S = Snapshot.Status


def write_receipt(snapshot: Snapshot, *, from_state: str) -> None:
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
            "method": snapshot.method,
            "complete": snapshot.complete,
            "finished_at": snapshot.finished_at.isoformat(),
            # A browser capture's screenshot and WACZ package are hashed like its payload.
            **({"screenshot_sha256": snapshot.screenshot_sha256} if snapshot.screenshot_sha256 else {}),
            **({"wacz_sha256": snapshot.wacz_sha256} if snapshot.wacz_sha256 else {}),
        },
    )


def _store_payload(payload: bytes, sha256: str, *, folder: str = "payloads", suffix: str = "") -> str:
    """Content-addressed: identical payloads are stored once. A file already under the name is
    reused only if it is whole (a partial one, left by a crash, is written again)."""
    name = f"{folder}/{sha256[:2]}/{sha256}{suffix}"
    if default_storage.exists(name):
        if default_storage.size(name) == len(payload):
            return name
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(payload))  # whole or not at all (factcheck.storage)


def _text_diff(old: str, new: str) -> str:
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), "before", "after", lineterm="", n=1)
    return "\n".join(line for _, line in zip(range(MAX_DIFF_LINES), lines, strict=False))


def complete_http(snapshot: Snapshot, result: FetchResult, content: Extracted) -> Snapshot:
    final = result.final
    # Spooled to disk past a few megabytes, so a large capture is not held twice in memory.
    with tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024) as warc:
        write_warc(result, warc, software=settings.CAPTURE_USER_AGENT)
        warc.seek(0)
        warc_name = default_storage.save(
            f"warc/{timezone.now():%Y/%m}/snapshot-{snapshot.pk}-{snapshot.attempt}.warc.gz", File(warc)
        )
    try:
        stored = _finish(
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
    if stored.warc.name != warc_name:  # a later attempt (or a failure) was recorded instead of this one
        with contextlib.suppress(Exception):
            default_storage.delete(warc_name)
    return stored


def _finish(snapshot: Snapshot, *, payload: bytes, content: Extracted, at_hand: bool = False, **fields) -> Snapshot:
    """Store the payload and text on a claimed snapshot and mark it succeeded. An HTTP capture is
    followed by a browser capture (when they are on), queued in the same transaction; a file at
    hand (`at_hand`) is judged on its own text."""
    payload_sha = hashlib.sha256(payload).hexdigest()
    payload_name = _store_payload(payload, payload_sha)
    # Worked out before the chain's lock is taken: every capture waits while one holds it.
    fingerprint = text_fingerprint(content.text)
    text_sha = hashlib.sha256(content.text.encode()).hexdigest()
    now = timezone.now()
    warc_name = fields.pop("warc_name", "")
    with transaction.atomic():
        # The capture's own row is written before the chain's lock is taken: indexing a long text
        # takes long, and every change in the workbench waits while one holds that lock. No change
        # that holds the lock waits on this row: one that fails the capture (the reaper's) locks the
        # row before the chain too (running.snapshot_fail).
        current = Snapshot.objects.select_for_update(of=("self",)).get(pk=snapshot.pk)
        if current.status != S.FETCHING or current.attempt != snapshot.attempt:
            return current  # presumed dead and re-run: the later attempt decides
        previous = _previous_capture(current)
        for name, value in fields.items():
            setattr(current, name, value)
        current.status, current.finished_at = S.SUCCEEDED, now
        current.size = len(payload)
        current.payload_sha256, current.payload = payload_sha, payload_name
        current.warc = warc_name
        current.text, current.text_sha256 = content.text, text_sha
        current.text_fingerprint, current.charset = fingerprint, content.charset
        current.extractor, current.extractor_version = content.extractor, content.extractor_version
        current.page_title, current.page_date = content.title[:500], content.published
        _compare(current, previous)
        current.error_code = current.error_message = ""
        current.complete = text_complete(len(content.text)) if at_hand else judged_at_capture(current)
        current.save()

        audit_lock()  # then the chain, then the source (see factcheck.audit)
        source = Source.objects.select_for_update().get(pk=snapshot.source_id)
        current.source = source
        latest = _previous_capture(current)
        if latest != previous:  # another capture of the source finished meanwhile: compare with it
            _compare(current, latest)
            current.save(update_fields=["text_changed", "diff"])
        changed = current.text_changed
        write_receipt(current, from_state=S.FETCHING)
        if current.method == Snapshot.Method.BROWSER:
            snapshot_judge(browser=current)
        elif current.complete is None:
            browser_snapshot_queue(source=source, follows=current)
        source.last_checked_at, source.missing_since = now, None
        if content.title and (not source.title or _placeholder_title(source, current)):
            source.title = content.title[:500]
        if changed:
            source.changed_at = now
            transaction.on_commit(
                lambda: source_changed.send(sender=Source, source=source, snapshot=current, kind="changed")
            )
        source.save(update_fields=["last_checked_at", "missing_since", "title", "changed_at"])
        transaction.on_commit(lambda: snapshot_captured.send(sender=Snapshot, snapshot=current))
    return current


def _previous_capture(capture: Snapshot) -> Snapshot | None:
    """The source's latest successful capture by the same method, before this one: its fingerprint
    only (its text is read when it differs, for the diff)."""
    earlier = Snapshot.objects.filter(source_id=capture.source_id, status=S.SUCCEEDED, method=capture.method)
    return earlier.exclude(pk=capture.pk).order_by("-finished_at", "-id").only("text_fingerprint").first()


def _compare(capture: Snapshot, previous: Snapshot | None) -> None:
    capture.text_changed = previous is not None and previous.text_fingerprint != capture.text_fingerprint
    capture.diff = _text_diff(previous.text, capture.text) if capture.text_changed else ""


def _placeholder_title(source: Source, capture: Snapshot) -> bool:
    """Whether the source's title is only what the plain capture this browser capture follows found
    (a script-written page's placeholder, such as "Loading…"): the rendered page's title replaces it.
    A title a person gave is kept."""
    if capture.method != Snapshot.Method.BROWSER or not capture.follows_id:
        return False
    followed = Snapshot.objects.filter(pk=capture.follows_id).values_list("page_title", flat=True).first()
    return bool(followed) and source.title == followed[:500]


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
        at_hand=True,
    )
