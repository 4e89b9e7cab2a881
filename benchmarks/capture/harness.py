"""What both modes share: a scratch database and settings for the served hosts, and Celery
workers started the way the Procfile starts them."""

import contextlib
import os
import subprocess
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import launch


def prepare(
    *, hosts: list[str], port: int, workdir: Path, database: str = "factcheck_bench", **settings: str
) -> tuple[dict, str]:
    """Environment and migrated scratch database (`database`, created empty and dropped afterwards)
    for a run; Django is set up in this process."""
    env = launch.service_environment(debug=False)
    bench_url = launch.scratch_database(env, database)
    env.update(
        DATABASE_URL=bench_url,
        DJANGO_SETTINGS_MODULE="factcheck.settings",
        SECRET_KEY=env.get("SECRET_KEY") or "benchmark-only-key",
        CAPTURE_QUEUE=f"bench-{uuid.uuid4().hex[:6]}",
        CAPTURE_ALLOWED_PRIVATE=",".join(f"{h}:{port}" for h in hosts),
        MEDIA_ROOT=str(workdir / "media"),
        CAPTURE_RETRY_BASE="1",
        **settings,
    )
    os.environ.update(env)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)

    import django

    django.setup()
    return env, bench_url


def worker(env: dict, *, queue: str, name: str, concurrency: int, pool: str = "prefork") -> subprocess.Popen:
    """A Celery worker as the Procfile starts it (browser captures: the threads pool)."""
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "factcheck", "worker", "-Q", queue, "-n", f"{name}@%h",
         "--pool", pool, "--concurrency", str(concurrency), "--loglevel", "WARNING", "--without-gossip",
         "--without-mingle"],
        cwd=ROOT, env=env,
    )  # fmt: skip


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def finish(bench_url: str, queues: tuple[str, ...] = ()) -> None:
    """Drop the run's database, and its queues from the broker, with the retries still waiting in
    them (the workers are stopped by now): the broker may be the deployment's own."""
    from django.db import connections
    from kombu import Exchange, Queue

    from factcheck.celery import app

    connections.close_all()
    launch.drop_database(bench_url)
    with app.connection_for_write() as connection:
        for name in queues:  # declared as the workers declared it (`-Q`), so that it can be deleted
            with contextlib.suppress(Exception):  # a broker that cannot delete a queue keeps it
                queue = Queue(name, Exchange(name), name)(connection.default_channel)
                queue.declare()
                queue.delete()
