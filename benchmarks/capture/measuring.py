"""What the capture benchmarks measure with: peak memory of a worker's process tree, the peers
(wget, a bare fetch, a sequential headless Chromium), and the token-level F1 of captured text."""

import os
import re
import subprocess
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil


class PeakMemory:
    """Samples the memory of every process in a worker's tree (the Celery worker, its pool
    processes and whatever they start, Chromium included).

    `peak` is the largest RSS of a single process, by the kernel's own high-water mark where it
    keeps one (Linux), so that a peak between two samples is not missed; `peak_tree_rss` and
    `peak_tree_pss` are the largest sums over the tree at one sample (PSS shares pages among
    processes fairly, so the sum is not inflated by the libraries and the Chromium binary every
    process maps). Sampling costs the processor the run is measuring: twice a second is enough.
    """

    def __init__(self, proc: subprocess.Popen, *, interval: float = 0.5, pss: bool = False):
        self.root, self._stop = psutil.Process(proc.pid), threading.Event()
        self.interval, self.pss = interval, pss
        self.peak = self.peak_tree_rss = self.peak_tree_pss = 0
        self.peak_processes = 0
        self.peak_kinds: dict[str, int] = {}  # at the largest PSS sum: PSS by kind of process
        self._processor: dict[int, tuple[str, float]] = {}  # by process: its kind, its processor time
        self._sampler = threading.Thread(target=self._run, daemon=True)
        self._sampler.start()

    def _sample(self, process: psutil.Process) -> tuple[int, int]:
        if self.pss:
            info = process.memory_full_info()
            return info.rss, info.pss
        return process.memory_info().rss, 0

    @staticmethod
    def _high_water(process: psutil.Process, rss: int) -> int:
        try:
            with open(f"/proc/{process.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return max(int(line.split()[1]) * 1024, rss)
        except (OSError, ValueError):
            pass
        return rss

    def _run(self):
        while True:  # at least one sample, however soon it is stopped
            rss_sum = pss_sum = count = 0
            kinds: dict[str, int] = {}
            try:
                tree = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                tree = []
            for process in tree:
                try:
                    rss, pss = self._sample(process)
                    kind = "worker" if process.pid == self.root.pid else _kind(process.cmdline())
                    times = process.cpu_times()
                except psutil.Error:
                    continue
                self.peak = max(self.peak, self._high_water(process, rss))
                rss_sum, pss_sum, count = rss_sum + rss, pss_sum + pss, count + 1
                kinds[kind] = kinds.get(kind, 0) + pss
                self._processor[process.pid] = kind, times.user + times.system
            if rss_sum > self.peak_tree_rss:
                self.peak_tree_rss, self.peak_processes = rss_sum, count
            if pss_sum > self.peak_tree_pss:
                self.peak_tree_pss, self.peak_kinds = pss_sum, kinds
            if self._stop.wait(self.interval):
                return

    def stop(self) -> int:
        self._stop.set()
        self._sampler.join(timeout=30)
        return self.peak

    def processor_by_kind(self) -> dict[str, float]:
        """Processor seconds by kind of process, each process as of its last sample (a process
        that lived less than a sampling interval may be missed, and its last moments are)."""
        spent: dict[str, float] = {}
        for kind, seconds in self._processor.values():
            spent[kind] = spent.get(kind, 0.0) + seconds
        return spent


class ProcessorTime:
    """Processor time spent between `start` and `stop` by the workers' process trees, by this
    process (its requests, its test servers) and by the whole machine (PostgreSQL and the broker
    included): where the time of a run bound by the processor went. A worker's processes are
    counted each from its own start (one started during the run from zero, with the children it
    has waited for); one that ended during the run is not counted."""

    def __init__(self, workers: list[subprocess.Popen]):
        self.roots = [psutil.Process(worker.pid) for worker in workers]

    def _workers(self) -> dict[int, float]:
        spent = {}
        for root in self.roots:
            for process in [root, *root.children(recursive=True)]:
                try:
                    times = process.cpu_times()
                except psutil.Error:
                    continue
                spent[process.pid] = times.user + times.system + times.children_user + times.children_system
        return spent

    @staticmethod
    def _busy() -> float:
        """The machine's processor seconds at work: not idle, not waiting on the disk, not taken by
        the host (steal); guest time is counted inside user time already."""
        machine = psutil.cpu_times()
        return sum(getattr(machine, field, 0.0) for field in ("user", "nice", "system", "irq", "softirq"))

    def start(self) -> None:
        self._start = (self._workers(), psutil.Process().cpu_times(), self._busy(), time.monotonic())

    def stop(self) -> None:
        workers, own, busy, now = self._workers(), psutil.Process().cpu_times(), self._busy(), time.monotonic()
        started_workers, started_own, started_busy, started = self._start
        self.workers = sum(spent - started_workers.get(pid, 0.0) for pid, spent in workers.items())
        self.own = own.user + own.system - started_own.user - started_own.system
        self.busy, self.seconds = busy - started_busy, now - started
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else psutil.cpu_count()
        self.capacity = self.seconds * cores


def _kind(command: list[str]) -> str:
    """A process of a browser worker's tree by kind: the Playwright driver, Chromium's browser
    process, or its renderer, gpu-process, zygote or utility processes."""
    if not command:
        return "other"
    if command[0].endswith("node"):
        return "driver"
    for argument in command[1:]:
        if argument.startswith("--type="):
            return argument.removeprefix("--type=")
    return "browser" if "chromium" in command[0] else "other"


def bare_fetch(urls: list[str], concurrency: int) -> float:
    import urllib3

    http = urllib3.PoolManager(maxsize=concurrency, retries=False, timeout=30)

    def get(url):
        http.request("GET", url, preload_content=True)

    started = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(get, urls))
    return time.monotonic() - started


def wget(urls: list[str], workdir: Path) -> float:
    listing = workdir / "urls.txt"
    listing.write_text("\n".join(urls))
    started = time.monotonic()
    subprocess.run(
        ["wget", "--quiet", "--tries=1", "--timeout=30", f"--warc-file={workdir / 'wget'}", "-P", str(workdir / "wget"),
         "-i", str(listing)],
        check=False,
    )  # fmt: skip
    return time.monotonic() - started


def chromium_command(chromium: str, url: str, png: Path) -> list[str]:
    """What a simple archiver runs per URL: one headless Chromium, one full screenshot."""
    return [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--window-size=1280,2000", f"--screenshot={png}", url]  # fmt: skip


def sequential_chromium(chromium: str, urls: list[str], workdir: Path) -> tuple[float, int]:
    """Seconds for one `chromium --headless --screenshot` per URL, one after another, and how
    many wrote their screenshot."""
    shots = workdir / "chromium"
    shots.mkdir(parents=True, exist_ok=True)
    written = 0
    started = time.monotonic()
    for n, url in enumerate(urls):
        png = shots / f"{n}.png"
        subprocess.run(chromium_command(chromium, url, png), capture_output=True, timeout=120, check=False)
        written += png.exists() and png.stat().st_size > 0
    return time.monotonic() - started, written


TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> Counter:
    return Counter(TOKEN.findall(text.casefold()))


def f1(captured: str, reference: str) -> float:
    """Token-level F1 of a captured text against the reference (bag of words, as in SQuAD)."""
    got, want = tokens(captured), tokens(reference)
    common = sum((got & want).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)
