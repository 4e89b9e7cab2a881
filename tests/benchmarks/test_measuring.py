"""What the capture benchmark measures with: a worker's peak memory, and where the processor time
of a run went."""

import subprocess
import sys
import time

from benchmarks.capture.measuring import PeakMemory, ProcessorTime

# Takes 150 MB, gives it back, then idles: a peak that no sample taken afterwards sees in the RSS.
_BRIEF_PEAK = "block = bytearray(150 * 2**20); del block; import time; print('freed', flush=True); time.sleep(30)"
# Spends half a second of processor time, says so, then idles.
_BUSY = (
    "import time\nend = time.process_time() + 0.5\nwhile time.process_time() < end: pass\n"
    "print('done', flush=True)\ntime.sleep(30)"
)


def _started(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)


def test_a_workers_peak_memory_is_its_high_water_mark_even_between_two_samples():
    process = _started(_BRIEF_PEAK)
    try:
        assert process.stdout.readline().strip() == "freed"  # the peak is over before the first sample
        memory = PeakMemory(process, interval=0.5)
        time.sleep(0.3)
        peak = memory.stop()
        assert peak >= 150 * 2**20, peak
    finally:
        process.kill()
        process.wait()


def test_processor_time_counts_the_workers_apart_from_the_benchmarks_own_process():
    process = _started(_BUSY)
    try:
        processor = ProcessorTime([process])
        processor.start()
        assert process.stdout.readline().strip() == "done"
        processor.stop()
        assert 0.45 <= processor.workers <= 1.0, processor.workers
        assert processor.own < 0.2, processor.own
        assert processor.busy >= processor.workers * 0.9
        assert processor.capacity >= processor.seconds >= 0.5
    finally:
        process.kill()
        process.wait()
