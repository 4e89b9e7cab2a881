"""What the evidence archive tells the rest of the system, after commit."""

from django.dispatch import Signal

# kwargs: source, snapshot, kind ("changed": its text changed; "gone": 404/410 or host gone)
source_changed = Signal()

# kwargs: snapshot (a capture that succeeded, changed or not)
snapshot_captured = Signal()

# kwargs: snapshot (failed for good: permanent error, or out of attempts)
snapshot_failed = Signal()
