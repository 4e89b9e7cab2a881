"""What a phone-width check asks of a page in Chromium: nothing wider than the screen."""

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 375, "height": 667}  # the narrowest phones still in use
DESKTOP = {"width": 1280, "height": 900}

# Elements reaching past the right edge of the viewport, unless a box that scrolls holds them (a
# wide diff scrolls inside its own box; that is not the page scrolling sideways). A box that hides
# its overflow does not excuse it: what it cuts off cannot be read.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const held = (el) => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      const x = getComputedStyle(box).overflowX;
      if (x === "auto" || x === "scroll") return true;
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    if (rect.right > width + 1 && !held(el)) out.push(name(el) + " right=" + Math.round(rect.right));
  }
  return {scrollWidth: document.documentElement.scrollWidth, wide: out.slice(0, 12)};
}"""


def assert_fits(page, where: str, width: int = PHONE["width"]):
    """The page does not scroll sideways and no element runs off its right edge."""
    found = page.evaluate(OVERFLOWING)
    assert found["scrollWidth"] <= width and not found["wide"], f"{where}: {found}"


def top_of(locator) -> float:
    return locator.bounding_box()["y"]
