import contextlib
import ctypes
import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

M_ARENA_MAX = -8  # glibc's mallopt() parameter


@worker_init.connect
def few_malloc_arenas(**_) -> None:
    """Before the pool's threads start: glibc gives each thread a memory arena of its own, and a
    worker of 16 threads handling pages of several megabytes keeps a third more memory than it
    uses. Two arenas keep the largest capture process well under 300 MB (benchmarks/capture)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, int(os.environ.get("MALLOC_ARENA_MAX", "2")))
