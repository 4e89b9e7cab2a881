"""The load mix: public API readers, journalists in the newsroom's pages, and citation writes.

Read by `benchmarks/load/run.py`, which passes the ids to ask for in LOAD_IDS (a JSON file)."""

import json
import os
import random
import uuid

from locust import HttpUser, constant, task

IDS = json.loads(open(os.environ["LOAD_IDS"]).read())  # noqa: SIM115 - read once at start


class Reader(HttpUser):
    """A client of the public API and a reader of the public pages."""

    weight = 6
    wait_time = constant(0)

    @task(5)
    def verdict_list(self):
        self.client.get("/api/v1/verdicts/?page_size=50", name="api: verdict list")

    @task(3)
    def verdict_detail(self):
        self.client.get(f"/api/v1/verdicts/{random.choice(IDS['published'])}/", name="api: verdict")

    @task(1)
    def feed(self):
        self.client.get("/api/v1/claimreview/", name="api: ClaimReview feed")

    @task(2)
    def public_page(self):
        self.client.get(f"/verdicts/{random.choice(IDS['published'])}/", name="page: public verdict")


class Journalist(HttpUser):
    """Someone working through the queue in the newsroom's pages."""

    weight = 3
    wait_time = constant(0)

    def on_start(self):
        self.client.get("/login/", name="page: sign in")
        token = self.client.cookies.get("csrftoken", "")
        self.client.post(
            "/login/", {"username": IDS["username"], "password": IDS["password"], "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/login/"}, name="page: sign in",
        )  # fmt: skip

    @task(3)
    def queue(self):
        self.client.get("/?view=all", name="page: queue")

    @task(3)
    def claim(self):
        self.client.get(f"/claims/{random.choice(IDS['claims'])}/", name="page: claim")

    @task(1)
    def search(self):
        self.client.get(f"/?view=all&q={random.choice(['figure', 'reported', 'claim 12'])}", name="page: search")


class Writer(HttpUser):
    """A client citing sources through the API: each citation queues a capture."""

    weight = 1
    wait_time = constant(0)

    @task
    def cite(self):
        self.client.post(
            f"/api/v1/claims/{random.choice(IDS['checking'])}/citations/",
            json={"url": f"https://news.example.org/load/{uuid.uuid4().hex}", "stance": "supports"},
            headers={"Authorization": f"Api-Key {IDS['key']}"}, name="api: cite a source",
        )  # fmt: skip
