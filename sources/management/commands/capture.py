import contextlib
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from tqdm import tqdm

from factcheck.errors import DomainError
from sources.capture import browser_snapshot_request, captures_taken_here, snapshot_capture, snapshot_request
from sources.models import Snapshot
from sources.services import source_get_or_create

FINISHED = (Snapshot.Status.SUCCEEDED, Snapshot.Status.FAILED)


class Command(BaseCommand):
    help = "Capture URLs into the archive (through the workers, or --inline in this process)."

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="+", metavar="URL")
        parser.add_argument("--inline", action="store_true", help="capture here, without a broker")
        parser.add_argument("--wait", action="store_true", help="wait for the workers to finish")
        parser.add_argument("--json", action="store_true", help="one JSON object per URL on stdout")
        parser.add_argument("--browser", action="store_true", help="also take the browser capture (in Chromium)")
        parser.add_argument("--concurrency", type=int, default=4, help="parallel captures with --inline")
        parser.add_argument("--timeout", type=float, default=900, help="seconds to wait with --wait")

    def handle(self, *args, urls, inline, wait, json: bool, browser: bool, concurrency, timeout, **options):
        if inline and wait:
            raise CommandError("--inline already waits; use one or the other.")
        self.browser = browser
        progress = tqdm(total=len(urls), unit="url", file=sys.stderr, disable=len(urls) < 2 or not sys.stderr.isatty())
        requested = [self._request(url, enqueue=not inline) for url in urls]
        if inline:
            with ThreadPoolExecutor(max_workers=max(concurrency, 1)) as pool:
                for _ in pool.map(self._capture_inline, requested):
                    progress.update()
        elif wait:
            self._wait(requested, progress, timeout)
        progress.close()
        failed = 0
        for url, item in zip(urls, requested, strict=True):
            row = self._row(url, item)
            failed += row["status"] == "failed" or (browser and row["browser_status"] == "failed")
            if json:
                self.stdout.write(_json(row))
            else:
                detail = row["error"] or row["title"] or row["final_url"]
                self.stdout.write(f"{row['status']:<9} {url}  {detail}")
        if failed and (inline or wait):
            sys.exit(1)

    def _request(self, url: str, *, enqueue: bool):
        try:
            source, _ = source_get_or_create(url=url)
            return snapshot_request(source=source, force=True, enqueue=enqueue).pk
        except DomainError as exc:
            return exc

    def _capture_inline(self, item):
        if isinstance(item, Exception):
            return
        # With --browser, the browser capture the plain one queues is taken here; else the workers take it.
        kept_here = captures_taken_here() if self.browser else contextlib.nullcontext()
        try:
            with kept_here:
                _until_done(snapshot_capture, item)
                browser = _browser_capture(item, enqueue=False) if self.browser else None
                if browser is not None:
                    from sources.capture.browser import browser_snapshot_capture

                    _until_done(browser_snapshot_capture, browser.pk)
        finally:
            connections.close_all()

    def _wait(self, requested, progress, timeout: float):
        pending = {item for item in requested if not isinstance(item, Exception)}
        if self.browser:  # the browser captures that follow the plain ones are waited for too
            pending |= self._followers(pending, timeout)
        progress.update(len(requested) - len(pending))
        deadline = time.monotonic() + timeout
        while pending and time.monotonic() < deadline:
            done = set(Snapshot.objects.filter(pk__in=pending, status__in=FINISHED).values_list("pk", flat=True))
            progress.update(len(done))
            pending -= done
            if pending:
                time.sleep(0.5)
        if pending:
            raise CommandError(f"{len(pending)} capture(s) still unfinished after {timeout:g}s; are workers running?")

    def _followers(self, plain: set[int], timeout: float) -> set[int]:
        """The browser captures the plain ones queue as they succeed (those that fail queue none)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if Snapshot.objects.filter(pk__in=plain, status__in=FINISHED).count() == len(plain):
                break
            time.sleep(0.5)
        followers = (_browser_capture(pk, enqueue=True) for pk in plain)
        return {browser.pk for browser in followers if browser is not None}

    def _row(self, url: str, item) -> dict:
        if isinstance(item, Exception):
            return _result(url, status="failed", error_code="invalid_url", error=item.message)
        s = Snapshot.objects.get(pk=item)
        browser = Snapshot.objects.filter(follows=s, method=Snapshot.Method.BROWSER).order_by("-id").first()
        best = browser if browser is not None and browser.status == Snapshot.Status.SUCCEEDED else s
        return _result(
            url,
            status=s.status,
            error_code=s.error_code,
            error=s.error_message,
            http_status=s.http_status,
            final_url=s.final_url,
            sha256=s.payload_sha256,
            text_sha256=best.text_sha256,  # that of `text`
            title=best.page_title,
            text=best.text,
            warc=s.warc.name or "",
            truncated=s.truncated,
            snapshot=s.pk,
            complete=s.complete,
            browser_snapshot=browser.pk if browser else None,
            browser_status=browser.status if browser else "",
            screenshot=browser.screenshot.name if browser else "",
            wacz=browser.wacz.name if browser else "",
            rendered_text_length=browser.rendered_text_length if browser else None,
        )


KEYS = ["url", "status", "error_code", "error", "http_status", "final_url", "sha256", "text_sha256", "title"]
KEYS += ["text_length", "truncated", "warc", "snapshot", "complete", "browser_snapshot", "browser_status"]
KEYS += ["screenshot", "wacz", "rendered_text_length", "text"]


def _until_done(capture, snapshot_id: int):
    while True:
        outcome = capture(snapshot_id=snapshot_id)
        if outcome.retry_in is None:
            return outcome
        time.sleep(outcome.retry_in)


def _browser_capture(plain_id: int, *, enqueue: bool) -> Snapshot | None:
    """The browser capture that follows a succeeded plain one: the one it queued (browser captures
    on), else one requested now."""
    plain = Snapshot.objects.select_related("source").get(pk=plain_id)
    if plain.status != Snapshot.Status.SUCCEEDED:
        return None
    followed = plain.followed_by.order_by("-id").first()
    return followed or browser_snapshot_request(source=plain.source, follows=plain, enqueue=enqueue)


def _result(url: str, **fields) -> dict:
    row = {"url": url, "http_status": None, "truncated": False, "snapshot": None, "complete": None, **fields}
    row.setdefault("rendered_text_length", None)
    row.setdefault("browser_snapshot", None)
    row["text_length"] = len(row.get("text", ""))
    return {key: row.get(key, "") for key in KEYS}


def _json(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False)
