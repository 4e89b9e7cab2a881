"""WACZ packages of captures: the WARC, its index and its pages in one file that standard replay
tools (ReplayWeb.page, pywb) open, made and checked with the `wacz` package."""

import contextlib
import io
import json
import threading
from datetime import datetime
from pathlib import Path

_quiet = threading.Lock()  # the packager prints: its output is set aside, one package at a time


def _wacz(*args: str) -> int:
    from wacz.main import main  # imported here: only browser workers package captures

    # sys.stdout is the process's, so threads taking captures at once must not swap it in turn.
    with _quiet, contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            return main(list(args))
        except SystemExit as exc:  # its argument parser exits on what it cannot parse
            return exc.code if isinstance(exc.code, int) and exc.code else 2


def wacz_create(*, warc: Path, output: Path, url: str, captured_at: datetime, title: str = "", text: str = "") -> None:
    """Package `warc` as the WACZ `output`, whose one page is `url` as captured at `captured_at`
    (with its title and text, which replay tools search). Raises ValueError."""
    pages = output.with_name("pages.jsonl")
    page = {"id": "capture", "url": url, "ts": captured_at.strftime("%Y-%m-%dT%H:%M:%SZ"), "title": title, "text": text}
    lines = [{"format": "json-pages-1.0", "id": "pages", "title": "Pages"}, page]
    pages.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    # Values go as --name=value: a page's title or URL that looks like an option stays a value.
    args = ["create", f"--output={output}", f"--pages={pages}", "--copy-pages", f"--url={url}"]
    if title:
        args.append(f"--title={title[:200]}")
    if _wacz(*args, str(warc)) != 0 or not output.exists():
        raise ValueError("The WACZ package could not be made.")


def wacz_valid(path: Path) -> bool:
    """Whether the WACZ at `path` passes the `wacz validate` checks (contents, paths, hashes)."""
    return _wacz("validate", "-f", str(path)) == 0
