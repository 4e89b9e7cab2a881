"""Browser captures: Debian's Chromium driven by Playwright, every request through one gate."""
