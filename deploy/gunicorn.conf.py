"""gunicorn's settings for every way the workbench is deployed (compose, systemd, a Procfile).

gunicorn must be reachable only by the reverse proxy: in compose it listens on a network that only
the proxy shares; alone, on loopback or a unix socket (GUNICORN_BIND)."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request that takes longer than this is cut (long work belongs in Celery tasks).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak in a library never grows without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Request line and headers stay small; bodies are limited by the proxy and by Django (MAX_REQUEST_MB).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# gunicorn sets wsgi.url_scheme from X-Forwarded-Proto only for connections from these addresses.
# Django decides on its own (TRUSTED_PROXIES), so this only keeps the two in step.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Only the scheme is taken from the proxy, and only from X-Forwarded-Proto: no header of a client's
# (Script-Name, X-Forwarded-Ssl…) can move the application's root or contradict the scheme.
forwarder_headers = ""
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
accesslog = "-"
errorlog = "-"
# No client addresses or query strings of our own making: the proxy's log has the client.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(L)ss'
