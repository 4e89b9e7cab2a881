"""The banner of a verdict whose cited source changed, in real Chromium: readable at desktop and
phone width with nothing running off the screen, no script needed, and the editor's
"Checked: the verdict stands" works from the keyboard."""

import re

import pytest
from django.contrib.sessions.backends.db import SessionStore

from claims.services import citation_create, claim_transition
from tests.browser import chromium_page, require_chromium
from tests.conftest import capture, step
from verdicts.models import Verdict
from verdicts.services import verdict_create

LONG = " ".join(f"Background sentence {n} about the region's long history of border disputes." for n in range(40))


def signed_in(user) -> str:
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return session.session_key


@pytest.mark.django_db(transaction=True)
def test_the_banner_reads_at_any_width_and_the_verdict_stands_by_keyboard(
    live_server, tmp_path, make_claim, journalist, editor
):
    require_chromium()
    url = "https://example.org/ministry-briefing"
    claim = make_claim()
    claim_transition(claim_id=claim.pk, action="accept", actor=editor, expected_version=0, assignee_id=journalist.pk)
    capture(url, f"{LONG} About 100,000 soldiers were deployed near the border, the minister said. {LONG}")
    citation_create(actor=journalist, claim_id=claim.pk, url=url, stance="supports", quote="100,000 soldiers")
    verdict = verdict_create(actor=journalist, claim_id=claim.pk, rating="true", summary="It checks out.")
    for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
        verdict = step(verdict, action, actor)
    capture(url, f"{LONG} About 175,000 soldiers were deployed near the border, the minister said. {LONG}")
    assert Verdict.objects.get(pk=verdict.pk).evidence_changes[0]["fate"] == "changed"

    with chromium_page(live_server.url, signed_in(editor)) as page:
        console = []
        page.on("console", lambda message: console.append(message.text))
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{live_server.url}/verdicts/{verdict.pk}/edit/")
            banner = page.locator("#evidence-change")
            assert "A cited source changed: the quoted passage changed" in banner.inner_text()
            assert banner.locator("mark").count() >= 2 and banner.locator("del").count() >= 1
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), width
            page.screenshot(path=str(tmp_path / f"banner-{width}.png"), full_page=True)

        comment = page.get_by_label("What you checked (required)")
        comment.focus()
        page.keyboard.type("The figure is context only; the rating rests on the satellite images.")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Checked: the verdict stands"
        page.keyboard.press("Enter")
        page.wait_for_load_state("networkidle")
        assert re.search("the verdict stands", page.locator(".messages").inner_text())
        assert page.locator("#evidence-change").count() == 0
        assert [line for line in console if "Content Security Policy" in line] == []
    assert Verdict.objects.get(pk=verdict.pk).evidence_changed_at is None
