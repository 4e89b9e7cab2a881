"""How the browser is launched and its driver started: Playwright's own switches kept, no browser
UI of Chromium's own started for a capture's page, the driver's environment."""

import asyncio
import json
import os
import re
import subprocess
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
    preload = f'--require="{engine.DRIVER_PRELOAD}"'
    monkeypatch.setenv("NODE_OPTIONS", "--max-old-space-size=512 --max-semi-space-size=4 --require=/srv/apm.js")
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "4194304")
    engine._driver_environment()
    given = "--max-old-space-size=512 --max-semi-space-size=4 --require=/srv/apm.js"
    assert os.environ["NODE_OPTIONS"] == f"{given} --jitless {preload}"
    assert os.environ["MALLOC_MMAP_THRESHOLD_"] == "4194304"
    engine._driver_environment()  # once only, however often it is asked
    assert os.environ["NODE_OPTIONS"] == f"{given} --jitless {preload}"
    monkeypatch.delenv("NODE_OPTIONS")
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_")
    engine._driver_environment()
    assert os.environ["NODE_OPTIONS"] == f"--max-semi-space-size=1 --jitless {preload}"
    assert os.environ["MALLOC_MMAP_THRESHOLD_"] == str(1 << 20)
    monkeypatch.setenv("NODE_OPTIONS", '--require "/srv/my  apm.js"')  # a value quoted, spaces and all
    engine._driver_environment()
    assert os.environ["NODE_OPTIONS"] == f'--require "/srv/my  apm.js" --max-semi-space-size=1 --jitless {preload}'


def _driver_node(script: str):
    """What `script` prints (as JSON) when run by the driver's own Node.js, with the environment the driver gets."""
    from playwright._impl._driver import compute_driver_executable

    run = subprocess.run([compute_driver_executable()[0], "-e", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_the_driver_loads_its_preload_from_wherever_the_project_lies(monkeypatch, tmp_path):
    folder = tmp_path / 'a "quoted" folder\\with  spaces'
    folder.mkdir()
    preload = folder / "driver_memory.js"
    preload.write_text(engine.DRIVER_PRELOAD.read_text())
    monkeypatch.setattr(engine, "DRIVER_PRELOAD", preload)
    monkeypatch.setenv("NODE_OPTIONS", "")  # restored afterwards, whether it was set or not
    engine._driver_environment()
    engine._driver_environment()  # once only, however often it is asked
    assert os.environ["NODE_OPTIONS"].count("--require") == 1
    assert _driver_node("console.log(JSON.stringify(Object.keys(require.cache)))") == [str(preload)]


# Forty megabytes of messages kept, twenty-four passed on (parsed from JSON, as the driver parses
# Chromium's and the worker's), then nothing allocated: the heap right after, and a second later.
HEAP_AFTER_MESSAGES = """
const v8 = require("v8"), crypto = require("crypto");
const message = () => JSON.parse(JSON.stringify({data: crypto.randomBytes(768 * 1024).toString("base64")})).data;
const kept = [];
for (let i = 0; i < 40; i++) kept.push(message());
let passed = [];
for (let round = 0; round < 4; round++) { passed = []; for (let i = 0; i < 6; i++) passed.push(message()); }
passed = null;
const right_after = v8.getHeapStatistics().used_heap_size;
setTimeout(() => console.log(JSON.stringify([right_after, v8.getHeapStatistics().used_heap_size, kept.length])), 1500);
"""


def test_the_driver_frees_the_messages_it_has_passed_on_without_waiting_for_its_heap_limit(monkeypatch):
    monkeypatch.setenv("NODE_OPTIONS", "")  # restored afterwards, whether it was set or not
    engine._driver_environment()
    right_after, later, kept = _driver_node(HEAP_AFTER_MESSAGES)
    assert kept == 40
    # An idle V8 would keep them until its heap reached its limit; here they are gone within the second.
    assert right_after - later > 10 * 2**20, (right_after, later)
