"""Events other parts of the system react to (webhooks, notifications).

Sent after the transaction that caused them has committed.
"""

from django.dispatch import Signal

# kwargs: verdict (the published Verdict), superseded (the Verdict it replaced, or None)
verdict_published = Signal()
