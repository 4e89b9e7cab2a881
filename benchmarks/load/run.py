"""Load: gunicorn at 100,000 claims under a mix of API reads, newsroom pages and citation writes.

    .venv/bin/python benchmarks/load/run.py [--claims 100000] [--users 24] [--seconds 300] [--workers 4]

Builds the API benchmark's data set in a database of its own, collects the static files, serves
the app with gunicorn (DEBUG off, throttles raised out of the way), and runs locust headless with
the users of benchmarks/load/locustfile.py, none of them waiting between requests, so the rate is
the highest the machine holds. Prints requests per second, p50/p95/p99 per kind of request, the
failures, and the memory of gunicorn's processes a minute in and at the end.
"""

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import launch  # the same service bootstrap as make run / make test

from benchmarks import say_command

PORT = 8791


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (gunicorn's master and workers), in MB."""
    pids = [pid, *subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()]
    total = 0
    for each in pids:
        status = Path(f"/proc/{each}/status")
        if status.exists():
            line = next((x for x in status.read_text().splitlines() if x.startswith("VmRSS:")), "VmRSS: 0 kB")
            total += int(line.split()[1])
    return total / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=24)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    say_command()

    env, url = launch.benchmark_environment(
        "factcheck_loadbench", DEBUG="false", ALLOWED_HOSTS="127.0.0.1", SECURE_COOKIES="false",
        STATIC_ROOT=tempfile.mkdtemp(prefix="factcheck-load-static-"), API_THROTTLE_ANON="100000000/min",
        API_THROTTLE_USER="100000000/min", API_THROTTLE_KEY="100000000/min",
    )  # fmt: skip
    for command in (["create_roles"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from benchmarks.api.run import generate
    from claims.models import Claim
    from factcheck.apikeys import api_key_create
    from factcheck.roles import JOURNALIST
    from verdicts.models import Verdict

    server = None
    try:
        began = time.monotonic()
        generate(args.claims)
        print(f"{Claim.objects.count():,} claims ready in {time.monotonic() - began:.0f} s")
        people = get_user_model().objects
        admin = people.create_superuser("load-admin", "admin@example.org", "load-admin-password-1")
        journalist = people.get(username="bench-journalist")
        journalist.set_password("load-journalist-password-1")
        journalist.is_staff = True
        journalist.save()
        journalist.groups.add(Group.objects.get(name=JOURNALIST))
        ids = {
            "published": list(Verdict.objects.filter(status="published").values_list("id", flat=True)[:5000]),
            "claims": list(Claim.objects.order_by("-id").values_list("id", flat=True)[:5000]),
            "checking": list(Claim.objects.filter(status="checking").values_list("id", flat=True)[:5000]),
            "username": "bench-journalist",
            "password": "load-journalist-password-1",
            "key": api_key_create(actor=admin, name="load", owner=journalist, scope="write")[1],
        }
        ids_file = Path(tempfile.mkdtemp()) / "ids.json"
        ids_file.write_text(json.dumps(ids))
        from django.db import connections

        connections.close_all()

        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "factcheck.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", str(args.workers),
             "--access-logfile", "/dev/null"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(60):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        out = Path(tempfile.mkdtemp()) / "load"
        locust = subprocess.Popen(
            [sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless", "-u", str(args.users),
             "-r", str(args.users), "-t", f"{args.seconds}s", "--host", f"http://127.0.0.1:{PORT}", "--csv", str(out),
             "--only-summary"],
            cwd=ROOT, env={**env, "LOAD_IDS": str(ids_file)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(min(60, args.seconds / 3))
        memory_early = rss_mb(server.pid)
        locust.wait()
        memory_late = rss_mb(server.pid)
        rows = list(csv.DictReader(open(f"{out}_stats.csv")))  # noqa: SIM115
        print(
            f"\n{args.users} users for {args.seconds} s, gunicorn with {args.workers} workers, {args.claims:,} claims\n"
        )
        print(f"{'request':28s} {'count':>8s} {'failed':>7s} {'req/s':>7s} {'p50':>6s} {'p95':>6s} {'p99':>6s}")
        for row in rows:
            print(f"{row['Name']:28s} {row['Request Count']:>8s} {row['Failure Count']:>7s} "
                  f"{float(row['Requests/s']):7.1f} {row['50%']:>6s} {row['95%']:>6s} {row['99%']:>6s}")  # fmt: skip
        failures = list(csv.DictReader(open(f"{out}_failures.csv")))  # noqa: SIM115
        for failure in failures[:10]:
            print("failure:", failure)
        print(f"\nmemory of gunicorn (master and workers): {memory_early:.0f} MB a minute in, "
              f"{memory_late:.0f} MB at the end")  # fmt: skip
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        launch.drop_database(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
