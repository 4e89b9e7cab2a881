"""Browser mode: the workbench's browser captures of pages that render their text with script,
against one sequential `chromium --headless --screenshot` per URL; the text F1 of what each
capture kept; the peak memory of a browser worker."""

import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.capture import harness
from benchmarks.capture.measuring import PeakMemory, f1, sequential_chromium
from benchmarks.capture.scripted import ScriptedCorpus, serve


def wait(ids: list[int], *, started: float, stall: float) -> tuple[float, int]:
    """Seconds until every capture is processed (stored, failed, or waiting for its retry);
    gives up when none has been processed for `stall` seconds."""
    from django.db.models import Q

    from sources.models import Snapshot

    processed = Q(status__in=["succeeded", "failed"]) | Q(status="queued", attempt__gte=1)
    last_change = time.monotonic()
    done = 0
    while done < len(ids) and time.monotonic() - last_change < stall:
        time.sleep(0.25)
        now = Snapshot.objects.filter(processed, pk__in=ids).count()
        if now != done:
            done, last_change = now, time.monotonic()
    return (last_change if done < len(ids) else time.monotonic()) - started, done


def scores(ids: list[int], articles: dict[int, str]) -> tuple[list[float], int, int]:
    """F1 per page (0 for a page not captured), pages succeeded, pages judged complete."""
    from sources.models import Snapshot

    rows = Snapshot.objects.filter(pk__in=ids).values_list("pk", "status", "text", "complete")
    by_id = {pk: (status, text, complete) for pk, status, text, complete in rows}
    values, succeeded, complete = [], 0, 0
    for pk in ids:
        status, text, judged = by_id.get(pk, ("missing", "", None))
        succeeded += status == "succeeded"
        complete += judged is True
        values.append(f1(text, articles[pk]) if status == "succeeded" else 0.0)
    return values, succeeded, complete


def run(args) -> int:
    corpus = ScriptedCorpus(args.pages)
    hosts = [f"127.0.0.{10 + i}" for i in range(args.hosts)]
    servers, port = serve(corpus, hosts)
    urls = [f"http://{hosts[i % len(hosts)]}:{port}{path}" for i, path in enumerate(corpus.paths)]
    workdir = Path(tempfile.mkdtemp(prefix="capture-bench-"))
    browser_queue = f"bench-browser-{uuid.uuid4().hex[:6]}"
    env, bench_url = harness.prepare(
        hosts=hosts,
        port=port,
        workdir=workdir,
        database=args.database,
        CAPTURE_BROWSER="false",
        BROWSER_CAPTURE_QUEUE=browser_queue,
    )
    from django.conf import settings

    from sources.capture import browser_snapshot_request, snapshot_request
    from sources.models import Snapshot
    from sources.services import source_get_or_create

    concurrency = args.browser_concurrency or settings.BROWSER_CAPTURE_CONCURRENCY
    stall = args.give_up or settings.BROWSER_CAPTURE_HARD_TIME_LIMIT + 30
    http_worker = harness.worker(env, queue=env["CAPTURE_QUEUE"], name="captures", concurrency=args.concurrency)
    browser_worker = harness.worker(env, queue=browser_queue, name="browser", concurrency=concurrency, pool="threads")
    memory = PeakMemory(browser_worker, interval=0.5, pss=True)
    try:
        time.sleep(6)  # the workers boot
        idle = memory.peak_tree_pss, memory.peak_tree_rss
        print(f"corpus: {len(urls)} script-rendered pages (half inline JSON, half fetch()) on {len(hosts)} hosts, "
              f"{len(corpus.responses)} responses, median latency {corpus.median_latency() * 1000:.0f} ms; "
              f"browser concurrency {concurrency}")  # fmt: skip

        # The HTTP capture first, as in the workbench: the browser capture follows and judges it.
        started, http_ids, sources = time.monotonic(), [], []
        for url in urls:
            source, _ = source_get_or_create(url=url)
            sources.append(source)
            http_ids.append(snapshot_request(source=source, force=True).pk)
        http_seconds, _ = wait(http_ids, started=started, stall=120)
        articles = {pk: corpus.articles[path] for pk, path in zip(http_ids, corpus.paths, strict=True)}
        http_f1, http_ok, _ = scores(http_ids, articles)

        started, browser_ids = time.monotonic(), []
        follows = Snapshot.objects.in_bulk(http_ids)
        for source, pk in zip(sources, http_ids, strict=True):
            follow = follows[pk] if follows[pk].status == "succeeded" else None
            browser_ids.append(browser_snapshot_request(source=source, follows=follow).pk)
        browser_seconds, browser_done = wait(browser_ids, started=started, stall=stall)
        articles = {pk: corpus.articles[path] for pk, path in zip(browser_ids, corpus.paths, strict=True)}
        browser_f1, browser_ok, browser_complete = scores(browser_ids, articles)
        memory.stop()
    finally:
        harness.stop(browser_worker)
        harness.stop(http_worker)

    chromium = shutil.which("chromium") or "/usr/bin/chromium"  # the simple archiver's: Debian's full chromium
    peer_seconds, peer_ok = sequential_chromium(chromium, urls, workdir)

    def per_minute(seconds):
        return len(urls) / seconds * 60 if seconds > 0 else float("nan")

    a, b = per_minute(browser_seconds), per_minute(peer_seconds)
    if browser_done < len(urls):
        a = float("nan")  # not a throughput: some pages were never processed
        print(f"browser captures: only {browser_done}/{len(urls)} processed, none for {stall:.0f} s: gave up")
    print(
        f"(a) workbench browser capture, queue -> browser worker -> snapshots: {a:7.1f} pages/min "
        f"({browser_seconds:.1f} s, {browser_ok}/{len(urls)} succeeded, {browser_complete} judged complete)"
    )
    print(f"(b) sequential `chromium --headless --screenshot` per URL: {b:7.1f} pages/min "
          f"({peer_seconds:.1f} s, {peer_ok}/{len(urls)} screenshots)")  # fmt: skip
    print(f"a/b = {a / b:.2f}   (target >= 3)")
    print(
        f"text F1 against the article text, browser capture: mean {statistics.fmean(browser_f1):.3f}, "
        f"median {statistics.median(browser_f1):.3f}, min {min(browser_f1):.3f}   (target >= 0.9)"
    )
    print(
        f"text F1 against the article text, HTTP capture:    mean {statistics.fmean(http_f1):.3f}, "
        f"median {statistics.median(http_f1):.3f}, max {max(http_f1):.3f}   "
        f"({http_ok}/{len(urls)} succeeded, {per_minute(http_seconds):.0f} pages/min)"
    )
    print(f"browser worker peak memory, summed over the Celery worker and its Chromium processes "
          f"({memory.peak_processes} processes at the peak): PSS {memory.peak_tree_pss / 2**20:.0f} MB, "
          f"RSS {memory.peak_tree_rss / 2**20:.0f} MB (idle before the run: PSS {idle[0] / 2**20:.0f} MB, "
          f"RSS {idle[1] / 2**20:.0f} MB)   (target < 600 MB)")  # fmt: skip
    kinds = sorted(memory.peak_kinds.items(), key=lambda item: -item[1])
    print("  PSS at the peak by process: " + ", ".join(f"{kind} {pss / 2**20:.0f} MB" for kind, pss in kinds))
    spent = sorted(memory.processor_by_kind().items(), key=lambda item: -item[1])
    print(
        "  processor time of the browser worker's tree by process, boot included: "
        + ", ".join(f"{kind} {seconds:.1f} s" for kind, seconds in spent)
    )

    harness.finish(bench_url, queues=(env["CAPTURE_QUEUE"], browser_queue))
    for httpd in servers:
        httpd.shutdown()
    shutil.rmtree(workdir, ignore_errors=True)
    return 0
