"""The life of a snapshot: requested, claimed by one worker, fetched, stored.

    queued ──claim──▶ fetching ──▶ succeeded
       ▲                 │    └──▶ failed (permanent error, or attempts used up)
       └──── retry ──────┘         (transient error: back to queued, due later)

A worker claims a snapshot with one conditional UPDATE, so no two workers
take the same job; the attempt number it claimed is its fencing token, so a
worker that was presumed dead cannot overwrite a later attempt's result.
A reaper (beat) re-queues captures stuck in `fetching` past the hard time
limit and queued captures whose message was lost, using database time.

The package: `requesting` (queue and claim), `running` (fetch, retry, fail), `storing`
(files, text, the receipt) and `schedule` (the reaper and re-checks).
"""

from sources.capture.requesting import (
    CAPTURE_TASK,
    browser_snapshot_request,
    capture_policy,
    captures_taken_here,
    snapshot_claim,
    snapshot_request,
)
from sources.capture.running import CaptureOutcome, snapshot_capture, snapshot_fail
from sources.capture.schedule import captures_reap, recheck_interval, rechecks_schedule, sources_monitor
from sources.capture.storing import snapshot_record_file

__all__ = [
    "CAPTURE_TASK",
    "CaptureOutcome",
    "browser_snapshot_request",
    "capture_policy",
    "captures_reap",
    "captures_taken_here",
    "recheck_interval",
    "rechecks_schedule",
    "snapshot_capture",
    "snapshot_claim",
    "snapshot_fail",
    "snapshot_record_file",
    "snapshot_request",
    "sources_monitor",
]
