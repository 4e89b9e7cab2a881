"""How the browser is launched and its driver started: Playwright's own switches kept, no browser
UI of Chromium's own started for a capture's page, the driver's environment."""

import asyncio
import os
import re
from pathlib import Path

import playwright
from django.conf import settings as django_settings

from sources.browser import engine
from sources.browser.gate import CONTEXT_OPTIONS, DISABLED_FEATURES, LAUNCH_ARGS, PLAYWRIGHT_DISABLED_FEATURES


def _playwright_disabled_features() -> set[str]:
    """The features Playwright's driver disables in Chromium, read from the driver itself."""
    library = Path(playwright.__file__).parent / "driver" / "package" / "lib"
    for path in sorted(library.rglob("*.js")):
        text = path.read_text(encoding="utf-8", errors="replace")
        found = re.search(r"disabledFeatures = \[(.*?)\]", text, re.DOTALL)
        if found:
            return set(re.findall(r'"([A-Za-z0-9]+)"', re.sub(r"//[^\n]*", "", found.group(1))))
    raise AssertionError("Playwright's list of disabled Chromium features was not found in its driver.")


def test_the_launch_keeps_every_feature_playwright_disables():
    # Chromium keeps only the last --disable-features: ours replaces Playwright's, so it carries it.
    theirs = _playwright_disabled_features()
    assert "MediaRouter" in theirs and "PaintHolding" in theirs  # the list was read
    assert theirs <= set(PLAYWRIGHT_DISABLED_FEATURES)
    switches = [arg for arg in LAUNCH_ARGS if arg.startswith("--disable-features=")]
    assert switches == ["--disable-features=" + ",".join(DISABLED_FEATURES)]


async def _targets() -> list[str]:
    from playwright.async_api import async_playwright

    async with async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=django_settings.CHROMIUM_PATH, args=LAUNCH_ARGS)
        try:
            context = await browser.new_context(**CONTEXT_OPTIONS)
            await context.new_page()
            await asyncio.sleep(0.5)  # what Chromium starts beside the page starts by now
            session = await browser.new_browser_cdp_session()
            targets = (await session.send("Target.getTargets"))["targetInfos"]
        finally:
            await browser.close()
    return [f"{target['type']} {target['url']}" for target in targets]


def test_a_capture_page_starts_no_browser_ui_of_its_own():
    # The omnibox popups a headless window would preload are a renderer process each, per capture.
    assert asyncio.run(_targets()) == ["page about:blank"]


def test_the_driver_environment_keeps_what_the_deployment_set(monkeypatch):
    monkeypatch.setenv("NODE_OPTIONS", "--max-old-space-size=512 --max-semi-space-size=4")
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "4194304")
    engine._driver_environment()
    assert os.environ["NODE_OPTIONS"] == "--max-old-space-size=512 --max-semi-space-size=4 --jitless"
    assert os.environ["MALLOC_MMAP_THRESHOLD_"] == "4194304"
    monkeypatch.delenv("NODE_OPTIONS")
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_")
    engine._driver_environment()
    assert os.environ["NODE_OPTIONS"] == "--max-semi-space-size=1 --jitless"
    assert os.environ["MALLOC_MMAP_THRESHOLD_"] == str(1 << 20)
