from django.test import override_settings


def test_healthz_reports_database_and_broker(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True}
    assert body["broker"]["ok"] is True


def test_healthz_says_which_part_is_down(client, db):
    # A broker nobody listens on: the page still answers, and says what is wrong.
    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0"):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded" and body["database"]["ok"] is True and body["broker"]["ok"] is False


def test_healthz_is_read_only(client, db):
    assert client.post("/healthz").status_code == 405
