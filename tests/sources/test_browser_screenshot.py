"""The full-page screenshot drawn a slice at a time: the same pixels as Chromium's own full-page
screenshot, slices of any row filter joined without decoding them, bad slices refused."""

import asyncio
import contextlib
import io
import random
import struct
import time
import tracemalloc
import zlib

import pytest
from django.conf import settings as django_settings
from PIL import Image, ImageChops

from sources.browser import screenshot
from sources.browser.gate import LAUNCH_ARGS
from sources.browser.screenshot import Joined, PngError

# A screen-high block (it follows the viewport: a slice drawn beyond the viewport must not change
# it), a gradient across slices, and rows of colours and text.
LONG_PAGE = (
    "<body style='margin:0'><div style='height:100vh;background:linear-gradient(red,blue)'>hero</div>"
    "<div style='height:30vh;background:linear-gradient(90deg,green,yellow)'>30vh</div>"
    + "".join(
        f"<p style='height:97px;margin:0;background:hsl({i * 7},60%,60%)'>row {i} of the page</p>" for i in range(50)
    )
)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _picture(width: int, height: int, mode: str) -> Image.Image:
    rng = random.Random(7)
    image = Image.linear_gradient("L").resize((width, height)).convert(mode)
    noise = Image.frombytes(mode, (width, height), bytes(rng.randrange(256) for _ in range(width * height * len(mode))))
    return Image.blend(image, noise, 0.3)


def _paeth(left: int, up: int, corner: int) -> int:
    guess = left + up - corner
    near = min((abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner))
    return near[2]


def _filtered_png(image: Image.Image, first: int) -> bytes:
    """A PNG of `image` whose rows use the five row filters in turn, starting with `first`."""
    channels, width = len(image.mode), image.width
    stride, raw = width * channels, image.tobytes()
    rows, above = bytearray(), bytes(stride)
    for y in range(image.height):
        row, kind = raw[y * stride : (y + 1) * stride], (first + y) % 5
        out = bytearray([kind])
        for i, value in enumerate(row):
            left = row[i - channels] if i >= channels else 0
            corner = above[i - channels] if i >= channels else 0
            predicted = [0, left, above[i], (left + above[i]) // 2, _paeth(left, above[i], corner)][kind]
            out.append((value - predicted) & 0xFF)
        rows += out
        above = row
    header = struct.pack(">IIBBBBB", width, image.height, 8, {"RGB": 2, "RGBA": 6}[image.mode], 0, 0, 0)
    return screenshot.SIGNATURE + b"".join(
        screenshot._chunk(kind, body)
        for kind, body in [(b"IHDR", header), (b"IDAT", zlib.compress(rows)), (b"IEND", b"")]
    )


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
@pytest.mark.parametrize("first", range(5))
def test_slices_of_every_row_filter_join_into_the_same_pixels(mode, first):
    # Each slice's first row, filtered against nothing, uses `first`: None, Sub, Up, Average, Paeth.
    whole = _picture(23, 40, mode)
    joined = Joined(23, 40)
    for top in range(0, 40, 16):
        joined.add(_filtered_png(whole.crop((0, top, 23, min(top + 16, 40))), first))
    image = Image.open(io.BytesIO(joined.finish()))
    assert image.size == (23, 40) and image.mode == mode
    assert ImageChops.difference(image, whole).getbbox() is None


def test_slices_that_do_not_make_the_image_are_refused():
    part = _png(_picture(40, 20, "RGB"))
    with pytest.raises(PngError):
        Joined(41, 20).add(part)  # another width
    joined = Joined(40, 30)
    joined.add(part)
    with pytest.raises(PngError):
        joined.add(part)  # taller than the image
    with pytest.raises(PngError):
        joined.finish()  # ten rows short
    with pytest.raises(PngError):
        Joined(40, 20).add(b"GIF89a")
    joined = Joined(40, 40)
    joined.add(part)
    with pytest.raises(PngError):
        joined.add(_png(_picture(40, 20, "RGBA")))  # another colour type
    with pytest.raises(PngError):
        Joined(40, 20).add(part[:-40])  # cut short


@contextlib.asynccontextmanager
async def _page():
    """A page of the project's Chromium, launched as captures launch it, 1,280 by 900."""
    from playwright.async_api import async_playwright

    async with async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=django_settings.CHROMIUM_PATH, args=LAUNCH_ARGS)
        try:
            yield await browser.new_page(viewport={"width": 1280, "height": 900})
        finally:
            await browser.close()


async def _both(height: int) -> tuple[bytes, bytes]:
    async with _page() as page:
        await page.set_content(LONG_PAGE)
        clip = {"x": 0, "y": 0, "width": 1280, "height": height}
        own = await page.screenshot(type="png", full_page=True, clip=clip)
        taken, _ = await screenshot.slices(page, width=1280, height=height, timeout=30)
    return own, screenshot.join(taken, width=1280, height=height)


@pytest.mark.parametrize("height", [900, 2 * screenshot.SLICE_HEIGHT, 2 * screenshot.SLICE_HEIGHT + 1, 5300])
def test_the_sliced_screenshot_has_the_pixels_of_chromiums_own_full_page_screenshot(height):
    own, sliced = asyncio.run(_both(height))
    own_image, sliced_image = Image.open(io.BytesIO(own)).convert("RGB"), Image.open(io.BytesIO(sliced))
    assert sliced_image.size == own_image.size == (1280, height)
    assert ImageChops.difference(own_image, sliced_image.convert("RGB")).getbbox() is None


def test_slices_that_cannot_be_joined_fail_the_capture_with_the_reason(monkeypatch):
    from sources.browser import render
    from sources.fetching.errors import FetchError

    async def slices(page, **size):
        return [_png(_picture(1280, 10, "RGB")), b"\x89PNG\r\n\x1a\n" + b"garbage"], 20

    monkeypatch.setattr(render, "slices", slices)
    with pytest.raises(FetchError) as failed:
        asyncio.run(render._screenshot(None, 20, time.monotonic() + 30, asyncio.Semaphore(1)))
    assert failed.value.code == "screenshot_failed"


# A page that changes every few milliseconds, by its script or by a CSS animation: drawn a slice at
# a time, it must be one moment of the page, not a slice of each.
CHANGING_PAGES = {
    "script": "<script>let n = 0; setInterval(() => { n++; document.body.style.background = `rgb(${n % 250},0,0)`;"
    " document.title = `tick ${n}`; }, 2);</script>",
    "animation": "<style>@keyframes shade { from { background: rgb(0,0,0) } to { background: rgb(250,0,0) } }"
    " body { animation: shade 0.3s linear infinite }</style>",
}


async def _changing(kind: str) -> tuple[list[tuple], list[str]]:
    async with _page() as page:
        await page.set_content(f"<body style='margin:0'><div style='height:7000px'></div>{CHANGING_PAGES[kind]}")
        await asyncio.sleep(0.2)
        taken, _ = await screenshot.slices(page, width=1280, height=7000, timeout=30)
        titles = [await page.title()]
        await asyncio.sleep(0.2)
        titles.append(await page.title())
    return [Image.open(io.BytesIO(png)).convert("RGB").getpixel((5, 5)) for png in taken], titles


@pytest.mark.parametrize("kind", sorted(CHANGING_PAGES))
def test_a_page_that_keeps_changing_is_drawn_as_one_moment_and_goes_on_afterwards(kind):
    colours, titles = asyncio.run(_changing(kind))
    assert len(colours) == 4 and colours[0] != (255, 255, 255)
    assert len(set(colours)) == 1, colours  # every slice shows the page at the same moment
    if kind == "script":
        assert titles[0] != titles[1]  # its script runs again once the screenshot is taken


def test_a_slice_is_joined_without_holding_its_rows_whole():
    # Three slices of 2,000 rows of 1,280 pixels: 10 MB of rows each once inflated.
    gradient = Image.linear_gradient("L").resize((1280, 2000)).convert("RGBA")
    noise = [Image.frombytes("RGBA", (1280, 2000), random.Random(turn).randbytes(10_240_000)) for turn in range(3)]
    slices = [_png(Image.blend(gradient, each, 0.1)) for each in noise]
    del noise
    given = sum(map(len, slices))
    tracemalloc.start()
    try:
        joined = screenshot.join(slices, width=1280, height=6000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert Image.open(io.BytesIO(joined)).size == (1280, 6000)
    # What is held beyond the slices given and the PNG made: pieces, not a slice's 10 MB of rows.
    assert peak - given - len(joined) < 3 * 2**20


async def _stuck() -> tuple[type, float]:
    async with _page() as page:
        await page.set_content("<p>Loading</p><script>setTimeout(() => { for (;;) {} }, 300);</script>")
        await asyncio.sleep(0.6)  # its renderer now answers nothing
        started = time.monotonic()
        try:
            await asyncio.wait_for(screenshot.slices(page, width=1280, height=900, timeout=2), 30)
        except Exception as exc:  # which one is the test's question
            return type(exc), time.monotonic() - started
        return type(None), time.monotonic() - started


def test_a_page_stuck_in_its_script_ends_the_screenshot_within_its_time():
    # Ending the CDP session waits on the renderer too: it is bounded, and the timeout is what is raised.
    raised, took = asyncio.run(_stuck())
    assert raised is TimeoutError
    assert took < 2 + screenshot.DETACH_WAIT + 3, took
