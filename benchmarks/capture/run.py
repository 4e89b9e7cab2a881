"""Capture benchmarks: the workbench end to end, against simple archivers.

    .venv/bin/python benchmarks/capture/run.py [--pages 500] [--hosts 20] [--processes N] [--concurrency 16]
                                               [--bare-threads 16] [--page-kind news|text] [--with-browser-worker]
    .venv/bin/python benchmarks/capture/run.py --browser [--pages 100] [--browser-concurrency N]

Both modes serve a generated corpus from local addresses (several loopback hosts, so per-host
politeness applies as on the real web) with a realistic latency per response.

HTTP mode (news pages, or with --page-kind text pages of nothing but article text; median latency
about 300 ms, a tail to 3 s) measures on the same URLs:

  (a) the workbench: queue -> capture workers as make run starts them (a process a core, 16
      threads each, the per-host limit across them) -> stored snapshots
  (b) wget --warc-file over the same list
  (c) a bare fetch on 16 threads (--bare-threads), no processing

and prints pages per minute, the ratios a/b and a/c, the peak memory of the largest capture
process, also while a 200 MB body is truncated, and the most captures one host answered at once
(counted by the servers). With --with-browser-worker every capture is
followed by a browser capture, taken by a browser worker running beside it.

Browser mode (--browser; pages that write their article into the DOM with script, from inline
JSON or from fetch(), with a stylesheet, images and a lazy image) measures:

  (a) the workbench's browser capture at its default concurrency: queue -> browser worker -> snapshots
  (b) one sequential `chromium --headless --screenshot` per URL

and prints pages per minute and a/b, the token-level text F1 of the browser and of the HTTP
captures against each page's article text, and the peak memory (PSS and RSS) of the browser
worker summed over its processes, Chromium's included.

Uses DATABASE_URL / REDIS_URL like `make test` (else the embedded defaults), in a database of
its own on the same server (`--database`, factcheck_bench unless named) that it drops afterwards.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks import say_command


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--browser", action="store_true", help="measure browser captures of script-rendered pages")
    parser.add_argument("--pages", type=int, help="500 in HTTP mode, 100 in browser mode")
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument(
        "--concurrency",
        type=int,
        default=int(os.environ.get("CAPTURE_CONCURRENCY", "16")),
        help="threads of each capture worker process",
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=int(os.environ.get("CAPTURE_PROCESSES", str(os.cpu_count() or 1))),
        help="capture worker processes, as make run starts them (one per core)",
    )
    parser.add_argument("--pool", default="threads", help="the capture workers' Celery pool (threads, as shipped)")
    parser.add_argument("--latency", type=float, default=0.3, help="median seconds before a page answers")
    parser.add_argument(
        "--page-kind",
        choices=["news", "text"],
        default="news",
        help="HTTP mode: news pages (an article amid markup and scripts) or pages of nothing but text",
    )
    parser.add_argument("--without-wget", action="store_true", help="skip (b), which takes minutes")
    parser.add_argument("--bare-threads", type=int, default=16, help="threads of the bare fetch it is compared with")
    parser.add_argument("--browser-concurrency", type=int, help="default: the BROWSER_CAPTURE_CONCURRENCY setting")
    parser.add_argument("--with-browser-worker", action="store_true", help="HTTP mode: a browser worker beside")
    parser.add_argument("--database", default="factcheck_bench", help="the scratch database's name (dropped first)")
    parser.add_argument("--give-up", type=float, help="browser mode: seconds without progress before giving up")
    args = parser.parse_args()
    say_command()

    if args.browser:
        from benchmarks.capture import browsermode

        args.pages = args.pages or 100
        return browsermode.run(args)
    from benchmarks.capture import httpmode

    args.pages = args.pages or 500
    return httpmode.run(args)


if __name__ == "__main__":
    sys.exit(main())
