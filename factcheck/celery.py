import os

from celery import Celery
from celery.signals import task_postrun, task_prerun, worker_init

from factcheck.malloc import M_ARENA_MAX, mallopt

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
# A worker does not run Django's system checks when it starts: they load the whole URLconf, every
# view and the schema generator with it (25 MB a worker process, which serves no page). `migrate`
# runs them at each release, and `manage.py check --deploy` for production. Set it empty to run them.
os.environ.setdefault("CELERY_SKIP_CHECKS", "true")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def few_malloc_arenas(**_) -> None:
    """Before the pool's threads start: glibc gives each thread a memory arena of its own, and a
    worker of 16 threads handling pages of several megabytes keeps a third more memory than it
    uses. Two arenas keep the largest capture process well under 300 MB (benchmarks/capture)."""
    mallopt(M_ARENA_MAX, os.environ.get("MALLOC_ARENA_MAX", "2"))


@task_prerun.connect
@task_postrun.connect
def connections_kept_as_for_requests(task=None, **_) -> None:
    """A worker thread keeps its database connection from task to task, as a web process keeps
    its own from request to request: closed once older than CONN_MAX_AGE or broken, checked
    before reuse (CONN_HEALTH_CHECKS). Opening one costs PostgreSQL a process and its caches each
    time, which at a capture's scale was a third of the processor time (benchmarks/capture)."""
    from django.db import close_old_connections

    if task is not None and getattr(task.request, "is_eager", False):
        return  # run in the caller's process, maybe inside its transaction: its connection is the caller's
    close_old_connections()
