"""HTTP mode: the workbench's plain captures end to end, against wget and a bare fetch."""

import shutil
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.capture import harness
from benchmarks.capture.corpus import Corpus, HostLoad, serve
from benchmarks.capture.measuring import PeakMemory, ProcessorTime, bare_fetch, wget


def run(args) -> int:
    corpus = Corpus(args.pages, typical_latency=args.latency, kind=args.page_kind)
    hosts = [f"127.0.0.{10 + i}" for i in range(args.hosts)]
    load = HostLoad()
    servers, port = serve(corpus, hosts, load)
    urls = [f"http://{hosts[i % len(hosts)]}:{port}{path}" for i, path in enumerate(corpus.pages)]
    failing = sum(1 for status, _, _ in corpus.pages.values() if status != 200)
    workdir = Path(tempfile.mkdtemp(prefix="capture-bench-"))

    # Today's figures: no browser capture follows. With --with-browser-worker every page is
    # also queued for a browser capture, taken by a browser worker running beside the capture worker.
    browser_queue = f"bench-browser-{uuid.uuid4().hex[:6]}"
    env, bench_url = harness.prepare(
        hosts=hosts, port=port, workdir=workdir, database=args.database,
        CAPTURE_BROWSER="true" if args.with_browser_worker else "false", BROWSER_CAPTURE_QUEUE=browser_queue,
    )  # fmt: skip
    from django.conf import settings
    from django.db.models import Q

    from sources.capture import browser_snapshot_request, snapshot_request
    from sources.models import Snapshot
    from sources.services import source_get_or_create

    # As make run and the Procfile start them: processes of threads (waiting on the network is cheap
    # in a thread; a process a core gives the processing after each fetch both cores).
    workers = [
        harness.worker(env, queue=env["CAPTURE_QUEUE"], name=f"captures{n}", concurrency=args.concurrency,
                       pool=args.pool)
        for n in range(args.processes)
    ]  # fmt: skip
    browser = None
    if args.with_browser_worker:
        concurrency = settings.BROWSER_CAPTURE_CONCURRENCY
        browser = harness.worker(env, queue=browser_queue, name="browser", concurrency=concurrency, pool="threads")
    memories = [PeakMemory(worker) for worker in workers]
    try:
        time.sleep(4)  # the worker boots
        print(f"corpus: {len(urls)} {args.page_kind} pages ({failing} failing) on {len(hosts)} hosts, "
              f"median latency {corpus.median_latency() * 1000:.0f} ms, {args.processes} capture processes "
              f"({args.pool}) of {args.concurrency}, "
              f"at most {settings.CAPTURE_PER_HOST} captures of a host at once"
              + (", a browser worker beside it" if browser else ""))  # fmt: skip

        # The sources exist before the clock starts, as when they were cited: it runs from the
        # captures' requests to the last one stored, as when a newsroom's sources are checked again.
        sources = [source_get_or_create(url=url)[0] for url in urls]
        processor = ProcessorTime(workers)
        load.reset()
        started = time.monotonic()
        processor.start()
        ids = []
        for source in sources:
            ids.append(snapshot_request(source=source, force=True).pk)
            if browser:  # the browser capture that follows it, busy beside the HTTP captures
                browser_snapshot_request(source=source)
        # A page counts once it has been fetched and processed: stored, failed,
        # or (a 500 answer) waiting for its retry. wget and the bare fetch try once too.
        processed = Q(status__in=["succeeded", "failed"]) | Q(status="queued", attempt__gte=1)
        done = 0
        while done < len(ids):
            time.sleep(0.25)
            done = Snapshot.objects.filter(processed, pk__in=ids).count()
        workbench = time.monotonic() - started
        processor.stop()
        succeeded = Snapshot.objects.filter(pk__in=ids, status="succeeded").count()
        retrying = Snapshot.objects.filter(pk__in=ids, status="queued").count()
        peak_corpus = max(memory.peak for memory in memories)
        most_per_host = load.most()

        source, _ = source_get_or_create(url=f"http://{hosts[0]}:{port}/huge")
        huge = snapshot_request(source=source, force=True)
        while Snapshot.objects.get(pk=huge.pk).status not in ("succeeded", "failed"):
            time.sleep(0.5)
        huge = Snapshot.objects.get(pk=huge.pk)
        peak_all = max(memory.stop() for memory in memories)
    finally:
        for worker in workers:
            harness.stop(worker)
        if browser:
            harness.stop(browser)

    bare = bare_fetch(urls, args.bare_threads)
    wget_time = wget(urls, workdir) if shutil.which("wget") and not args.without_wget else None

    def per_minute(seconds):
        return len(urls) / seconds * 60

    a, c = per_minute(workbench), per_minute(bare)
    b = per_minute(wget_time) if wget_time else None
    print(f"(a) workbench, queue -> workers -> snapshots: {a:8.0f} pages/min  ({workbench:.1f} s, "
          f"{succeeded} succeeded, {retrying} waiting to retry)")  # fmt: skip
    if b is None:
        print("(b) wget --warc-file: not run" + (" (--without-wget)" if args.without_wget else " (no wget here)"))
    else:
        print(f"(b) wget --warc-file, same URLs:              {b:8.0f} pages/min  "
              f"({wget_time:.1f} s)")  # fmt: skip
    print(f"(c) bare fetch, {args.bare_threads} threads, no processing: {c:8.0f} pages/min  ({bare:.1f} s)")
    print((f"a/b = {a / b:.2f}   " if b else "") + f"a/c = {a / c:.2f}")
    print(f"processor time during (a): capture workers {processor.workers:.1f} s "
          f"({processor.workers / len(ids) * 1000:.0f} ms a page), this process (requests, test servers) "
          f"{processor.own:.1f} s; the machine busy {processor.busy:.1f} of {processor.capacity:.1f} "
          f"processor-seconds")  # fmt: skip
    print(f"capture worker peak memory (largest process): {peak_corpus / 2**20:.0f} MB during the corpus, "
          f"{peak_all / 2**20:.0f} MB with the 200 MB body")  # fmt: skip
    print(f"most captures one host answered at once: {most_per_host} (CAPTURE_PER_HOST = {settings.CAPTURE_PER_HOST})")
    print(f"200 MB body: {huge.status}, kept {huge.size or 0:,} bytes, truncated={huge.truncated}")

    harness.finish(bench_url, queues=(env["CAPTURE_QUEUE"], browser_queue))
    for httpd in servers:
        httpd.shutdown()
    shutil.rmtree(workdir, ignore_errors=True)
    return 0
