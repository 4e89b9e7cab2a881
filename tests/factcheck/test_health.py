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


def test_a_broker_that_never_answers_does_not_hold_the_probe(client, db):
    """A listener that accepts the connection and then says nothing (a hung Redis)."""
    import socket
    import threading
    import time

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        started = time.monotonic()
        with override_settings(CELERY_BROKER_URL=f"redis://127.0.0.1:{listener.getsockname()[1]}/0"):
            response = client.get("/healthz")
        elapsed = time.monotonic() - started
    finally:
        stop.set()
        thread.join(timeout=2)
        for conn in held:
            conn.close()
        listener.close()
    assert response.status_code == 503 and response.json()["broker"]["ok"] is False
    assert elapsed < 10, elapsed
