"""What both modes share: a scratch database and settings for the served hosts, and Celery
workers started the way the Procfile starts them."""

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


def finish(bench_url: str) -> None:
    from django.db import connections

    connections.close_all()
    launch.drop_database(bench_url)
