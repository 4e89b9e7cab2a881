"""Test settings: the real settings, with a throwaway key and fast hashing.

DATABASE_URL (and REDIS_URL when set) still come from the environment, so the
suite runs against real PostgreSQL, as `make test` arranges.
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "insecure-test-key-only-for-the-test-suite")
os.environ.setdefault("READ_DOT_ENV", "false")  # the suite does not depend on a local .env

from factcheck.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="factcheck-test-media-")
STORAGES = {
    "default": {"BACKEND": "factcheck.storage.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = tempfile.mkdtemp(prefix="factcheck-test-static-")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# A test that runs a worker process beside it shares a Redis of its own with it.
if env.str("TEST_CACHE_URL", default=""):  # noqa: F405
    CACHES = {"default": redis_cache(env.str("TEST_CACHE_URL"))}  # noqa: F405
# One process: the list pages are kept (and retired) in it, as in production with Redis.
PUBLIC_PAGE_CACHE_SECONDS = 60
# The test client's login() authenticates without a request, which django-axes refuses; the
# sign-in limit has its own tests, which turn it on.
AXES_ENABLED = False
# The live test server speaks plain HTTP, where a browser will not set a __Host- cookie.
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
# Transactional tests are emptied with TRUNCATE, which the audit table refuses: the suite's backend
# lifts that for its own flush only (tests/postgresql/base.py).
DATABASES["default"]["ENGINE"] = "tests.postgresql"  # noqa: F405
# Heads of the audit chain go to a file of this run's (each test gets its own: tests/conftest.py).
AUDIT_HEAD_LOG = Path(tempfile.mkdtemp(prefix="factcheck-test-heads-")) / "audit-heads.jsonl"
# Plain captures are judged on their own text unless a test turns browser captures on (their tests
# take the browser capture themselves, or run a browser worker).
CAPTURE_BROWSER = env.bool("CAPTURE_BROWSER", default=False)  # noqa: F405
