"""Uploading evidence from the claim's page in real Chromium, at phone width: a plain multipart
form, and the row then links the uploaded file."""

import io

import pytest
from PIL import Image

from sources.models import Snapshot
from tests.browser import chromium_page
from tests.newsroom.phone import PHONE, assert_fits

pytestmark = pytest.mark.django_db(transaction=True)


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), (20, 90, 200)).save(out, format="PNG")
    return out.getvalue()


def test_a_journalist_uploads_a_screenshot_on_a_phone(live_server, client, checking_claim, journalist):
    claim = checking_claim()
    citation = claim.citations.get()
    client.force_login(journalist)
    cookie = client.cookies["sessionid"].value
    with chromium_page(live_server.url, cookie) as page:
        page.set_viewport_size(PHONE)
        page.goto(f"{live_server.url}/claims/{claim.pk}/")
        form = page.locator(f"#citation-{citation.pk}-evidence")
        form.locator("summary").click()
        assert_fits(page, "claim page with the upload form open")
        form.get_by_label("File").set_input_files({"name": "login-wall.png", "mimeType": "image/png", "buffer": png()})
        form.get_by_label("How it was made").fill("Screenshot in a signed-in browser")
        # The time is read in the newsroom's zone, which the label names.
        form.get_by_label("When it was obtained (UTC)", exact=True).fill("2026-11-30T09:15")
        form.get_by_role("button", name="Upload the evidence").click()
        page.wait_for_load_state()
        assert "Evidence uploaded" in page.content()
        snapshot = Snapshot.objects.get(method="upload")
        assert snapshot.provenance_origin == citation.source.url and snapshot.screenshot_sha256
        assert snapshot.provenance_obtained_at.isoformat() == "2026-11-30T09:15:00+00:00"
        assert page.locator(f'a[href="/captures/{snapshot.pk}/evidence"]').count() == 1
        assert_fits(page, "claim page after the upload")
