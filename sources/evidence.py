"""Which capture is the evidence.

A capture's text is complete when it is not near empty and, once the browser has rendered the
page, not far shorter than what the browser rendered. Only complete captures count as captured
evidence for submitting or publishing a verdict.
"""

from django.conf import settings

from sources.models import Snapshot


def text_complete(length: int, rendered: int | None = None) -> bool:
    """Whether `length` characters of text are the page's whole text, given that the browser
    rendered `rendered` characters of it (None: not rendered)."""
    if length < settings.CAPTURE_COMPLETE_MIN_CHARS:
        return False
    return rendered is None or length >= settings.CAPTURE_COMPLETE_RATIO * rendered


def snapshot_judge(*, browser: Snapshot) -> None:
    """Judge a finished browser capture and the HTTP capture it follows. Called inside the
    transaction that records the browser capture's end, with both rows locked by the caller."""
    rendered = browser.rendered_text_length if browser.status == Snapshot.Status.SUCCEEDED else None
    if browser.status == Snapshot.Status.SUCCEEDED:
        browser.complete = text_complete(len(browser.text))
        browser.save(update_fields=["complete"])
    followed = browser.follows
    if followed is not None and followed.status == Snapshot.Status.SUCCEEDED:
        followed.complete = text_complete(len(followed.text), rendered)
        followed.save(update_fields=["complete"])
