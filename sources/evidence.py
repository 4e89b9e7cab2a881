"""Which capture is the evidence.

A capture's text is complete when it is not near empty and, once the browser has rendered the
page, not far shorter than what the browser rendered. Only complete captures count as captured
evidence for submitting or publishing a verdict: a page whose article is written by a script is
captured by plain HTTP as an empty shell, which must not pass for the page.

When browser captures are on, an HTTP capture stays unjudged (`complete` empty, which does not
count) until the browser capture that follows it has rendered the page, or has failed for good:
then it is judged on its own text. When they are off, it is judged on its own text at once.
"""

from django.conf import settings

from factcheck.audit import audit_record
from sources.models import Snapshot

S = Snapshot.Status


def text_complete(length: int, rendered: int | None = None) -> bool:
    """Whether `length` characters of text are the page's whole text, given that the browser
    rendered `rendered` characters of it (None: not rendered)."""
    if length < settings.CAPTURE_COMPLETE_MIN_CHARS:
        return False
    return rendered is None or length >= settings.CAPTURE_COMPLETE_RATIO * rendered


def judged_at_capture(snapshot: Snapshot) -> bool | None:
    """The judgement of a capture as it succeeds: None for an HTTP capture a browser capture
    will judge, else whether its own text is complete."""
    if snapshot.method == Snapshot.Method.HTTP and settings.CAPTURE_BROWSER:
        return None
    return text_complete(len(snapshot.text))


def _judge(snapshot: Snapshot, complete: bool, rendered: int | None, by: Snapshot) -> None:
    snapshot.complete = complete
    snapshot.save(update_fields=["complete"])
    audit_record(
        actor=None,
        action="snapshot.judged",
        target=snapshot,
        to_state="complete" if complete else "incomplete",
        data={
            "snapshot": snapshot.pk,
            "source": snapshot.source_id,
            "url": snapshot.requested_url,
            "complete": complete,
            "text_length": len(snapshot.text),
            "rendered_text_length": rendered,
            "by": by.pk,
        },
    )


def snapshot_judge(*, browser: Snapshot) -> None:
    """Judge the HTTP capture a finished browser capture follows, by what the browser rendered
    (or on its own text when the browser capture failed for good). The browser capture itself is
    judged as it succeeds. Called inside the transaction that records the browser capture's end."""
    if browser.follows_id is None:
        return
    followed = Snapshot.objects.select_for_update().get(pk=browser.follows_id)
    if followed.status != S.SUCCEEDED:
        return
    rendered = browser.rendered_text_length if browser.status == S.SUCCEEDED else None
    _judge(followed, text_complete(len(followed.text), rendered), rendered, browser)
