"""Notification e-mails: one-line subjects whatever the claim or comment holds, and a sweep that goes
on past a message that cannot be sent (recorded, tried again, given up after a few attempts)."""

import logging

import pytest
from django.contrib.auth import get_user_model

from claims.services import claim_transition
from factcheck.models import Notification
from factcheck.roles import JOURNALIST
from tests.conftest import UserFactory, step
from verdicts.notifications import email_subject, notifications_send_emails
from verdicts.tasks import send_notification_emails

pytestmark = pytest.mark.django_db

UNRULY = "Troops\nwere\r\nmoved\rto the\tborder\x0b\x0c\x1b[31m\x7f\x85 \u2028in\u2029 December\u200b."


def test_a_claim_and_a_comment_with_line_breaks_and_control_characters_are_emailed(
    make_claim, editor, journalist, verdict_in, mailoutbox
):
    claim = make_claim(text=UNRULY)
    claim_transition(claim_id=claim.pk, action="accept", actor=editor, expected_version=0, assignee_id=journalist.pk)
    step(verdict_in("submitted"), "request_changes", editor, "Name the source.\r\nAnd\nthe date.\x07")

    assert notifications_send_emails() == Notification.objects.count()
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    by_subject = {m.subject: m for m in mailoutbox}
    for subject, message in by_subject.items():
        assert subject.startswith("[Fact-check] ") and subject.isprintable(), repr(subject)
        assert "  " not in subject and len(subject) <= len("[Fact-check] ") + 100
        message.message().as_bytes()  # what an SMTP server would be sent
    assigned = next(m for s, m in by_subject.items() if f"assigned you claim #{claim.pk}:" in s)
    assert "Troops were moved to the border" in assigned.subject
    assert UNRULY in assigned.body  # the body keeps the text as written
    changes = next(m for s, m in by_subject.items() if "asked for changes" in s)
    assert "Name the source.\r\nAnd\nthe date." in changes.body


def test_subjects_are_one_bounded_line_cut_at_a_word():
    text = "The minister said " + "very " * 40 + "much."
    subject = email_subject(text)
    assert len(subject) <= 100 and subject.endswith("very…") and "\n" not in subject
    assert email_subject("short\n\nand sweet ") == "short and sweet"
    assert email_subject("x" * 300) == "x" * 99 + "…"  # one endless word is cut where it must be


@pytest.fixture
def three_assignments(make_claim, editor):
    """Three claims assigned to three journalists, in this order; the middle one's address is broken."""
    people = [UserFactory(username=name, role=JOURNALIST) for name in ("ann", "bob", "cid")]
    get_user_model().objects.filter(username="bob").update(email="bob\n@example.org")
    for person in people:
        claim = make_claim()
        claim_transition(claim_id=claim.pk, action="accept", actor=editor, expected_version=0, assignee_id=person.pk)
    assert list(Notification.objects.order_by("id").values_list("recipient__username", flat=True)) == [
        "ann",
        "bob",
        "cid",
    ]
    return people


def test_the_sweep_goes_on_past_a_message_that_cannot_be_sent(three_assignments, mailoutbox, settings, caplog):
    settings.NOTIFICATION_EMAIL_MAX_ATTEMPTS = 3
    with caplog.at_level(logging.WARNING, logger="verdicts.notifications"):
        assert send_notification_emails() == 0  # the sweep leaves the last two minutes to the per-event task
        assert notifications_send_emails() == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["ann@example.org", "cid@example.org"]
    broken = Notification.objects.get(recipient__username="bob")
    assert (broken.emailed_at, broken.email_attempts, broken.email_failed_at) == (None, 1, None)
    assert broken.email_error  # why, for whoever looks
    assert any(str(broken.pk) in r.getMessage() and "attempt 1 of 3" in r.getMessage() for r in caplog.records)

    # Tried again by the next sweeps, then given up; the others are not sent twice.
    assert notifications_send_emails() == 0 and notifications_send_emails() == 0
    broken.refresh_from_db()
    assert broken.email_attempts == 3 and broken.email_failed_at is not None and broken.emailed_at is None
    assert any(r.levelno == logging.ERROR and "Gave up" in r.getMessage() for r in caplog.records)
    assert notifications_send_emails() == 0
    broken.refresh_from_db()
    assert broken.email_attempts == 3 and len(mailoutbox) == 2


def test_the_per_event_task_goes_on_past_a_message_that_cannot_be_sent(
    verdict_in, journalist, editor, other_editor, mailoutbox
):
    # Review requests go to every editor but the author: three of them, the middle one unreachable.
    UserFactory(username="fay", role="editor")
    get_user_model().objects.filter(username="eve").update(email="eve@exa\r\nBcc: x@example.org")
    verdict = verdict_in("approved")  # submitted, then approved: the submit event asked for reviews
    Notification.objects.update(emailed_at=None)  # as if the broker had not run the task yet
    submit = Notification.objects.filter(kind="review_requested").order_by("id")
    assert [n.recipient.username for n in submit] == ["ed", "eve", "fay"]
    mailoutbox.clear()
    assert send_notification_emails(submit[0].event_id) == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["ed@example.org", "fay@example.org"]
    assert Notification.objects.get(kind="review_requested", recipient__username="eve").email_attempts == 1
    assert verdict.status == "approved"
