"""Running a claimed browser capture: the page rendered in Chromium, every request it made kept.

A browser capture follows a plain HTTP capture of the same source and judges it (sources.evidence):
it keeps the rendered DOM as its payload, the text extracted from it, a WARC of every exchange the
page made, a full-page screenshot and a WACZ package of the WARC. Its files are stored whole or not
at all; its receipt in the audit chain carries the hashes of all of them.
"""

import contextlib
import dataclasses
import hashlib
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from sources.archive import write_warc
from sources.capture.requesting import capture_policy
from sources.capture.running import CaptureOutcome, _host_slot, _http_error, run_claimed
from sources.capture.storing import _finish, _store_payload
from sources.extract import extract
from sources.fetching.client import FetchPolicy, FetchResult
from sources.fetching.errors import FetchError
from sources.models import Snapshot

HTML = "text/html; charset=utf-8"


def browser_policy() -> FetchPolicy:
    """The HTTP capture's policy for each request the page makes, within the browser's deadline."""
    return dataclasses.replace(capture_policy(), deadline=settings.BROWSER_CAPTURE_DEADLINE)


def browser_snapshot_capture(*, snapshot_id: int) -> CaptureOutcome:
    """Claim, render and store one browser capture. Never raises for a bad page or URL."""
    return run_claimed(snapshot_id, _take_browser)


def _take_browser(snapshot: Snapshot, seen: dict) -> Snapshot:
    from sources.browser.engine import engine  # Playwright is loaded by browser workers only

    with _host_slot(snapshot.source.domain, Snapshot.Method.BROWSER):
        rendered = engine().render(snapshot.requested_url, browser_policy())
    if rendered.main is None:
        raise FetchError("browser_error", "The page did not answer the browser.", transient=True)
    seen["result"] = rendered.main
    error = _http_error(rendered.main)
    if error:
        raise error
    return _store(snapshot, rendered, extract(rendered.html.encode("utf-8"), HTML))


def _store(snapshot: Snapshot, rendered, content) -> Snapshot:
    stem = f"{timezone.now():%Y/%m}/snapshot-{snapshot.pk}-{snapshot.attempt}"
    kept = []  # this capture's own files, removed if it is not recorded
    try:
        with tempfile.TemporaryDirectory(prefix="capture-") as folder:
            warc_path, wacz_path = Path(folder) / "capture.warc.gz", Path(folder) / "capture.wacz"
            with warc_path.open("wb") as warc:
                write_warc(FetchResult(rendered.exchanges), warc, software=settings.CAPTURE_USER_AGENT)
            from sources.packaging import wacz_create

            wacz_create(
                warc=warc_path,
                output=wacz_path,
                url=rendered.main.exchanges[0].url,
                captured_at=rendered.main.exchanges[0].started_at,
                title=rendered.title,
                text=content.text,
            )
            with warc_path.open("rb") as warc:
                kept.append(default_storage.save(f"warc/{stem}.warc.gz", File(warc)))
            wacz_sha = _sha256_file(wacz_path)
            with wacz_path.open("rb") as wacz:
                kept.append(default_storage.save(f"wacz/{stem}.wacz", File(wacz)))
        screenshot_sha = hashlib.sha256(rendered.screenshot).hexdigest()
        screenshot_name = _store_payload(rendered.screenshot, screenshot_sha, folder="screenshots", suffix=".png")
        final = rendered.main.final
        stored = _finish(
            snapshot,
            payload=rendered.html.encode("utf-8"),
            content=content,
            content_type=HTML,
            http_status=final.status,
            final_url=(rendered.document or rendered.main).final.url,
            redirect_chain=rendered.main.redirect_chain,
            headers=dict(final.headers),
            truncated=any(exchange.truncated for exchange in rendered.exchanges),
            warc_name=kept[0],
            wacz=kept[1],
            wacz_sha256=wacz_sha,
            screenshot=screenshot_name,
            screenshot_sha256=screenshot_sha,
            rendered_text_length=len(content.text),
        )
    except Exception:
        for name in kept:
            with contextlib.suppress(Exception):
                default_storage.delete(name)
        raise
    if stored.warc.name != kept[0]:  # a later attempt (or a failure) was recorded instead of this one
        for name in kept:
            with contextlib.suppress(Exception):
                default_storage.delete(name)
    return stored


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
