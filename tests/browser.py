"""Real Chromium (Debian's package), driven by Playwright, for tests a browser must judge."""

import os
import shutil
from contextlib import contextmanager

import pytest

from sources.browser.gate import HEADLESS_ARGS

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = HEADLESS_ARGS


def require_chromium():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI and was not found at {CHROMIUM}")
        pytest.skip("Chromium is not installed (apt-get install chromium); CI installs it")


@contextmanager
def chromium_page(base_url: str, session_cookie: str | None = None):
    require_chromium()
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make around it are ordinary synchronous code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context()
            if session_cookie:
                context.add_cookies([{"name": "sessionid", "value": session_cookie, "url": base_url}])
            yield context.new_page()
        finally:
            browser.close()
