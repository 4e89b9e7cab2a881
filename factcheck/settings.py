"""Settings, read from the environment only.

Nothing here starts a service: the launcher (`scripts/launch.py`) or the
deployment hands every process its DATABASE_URL and broker URL. The settings
fail closed: SECRET_KEY is required and DEBUG is off unless the environment
says otherwise.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ
import orjson
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if env.bool("READ_DOT_ENV", default=True):
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("SECRET_KEY")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "factcheck.apps.WorkbenchAdminConfig",  # django.contrib.admin with our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "factcheck.apps.SignInAttemptsConfig",  # django-axes, named in each language
    "factcheck.apps.FactcheckConfig",
    "sources.apps.SourcesConfig",
    "claims.apps.ClaimsConfig",
    "verdicts.apps.VerdictsConfig",
    "newsroom.apps.NewsroomConfig",
    "playback.apps.PlaybackConfig",
]

MIDDLEWARE = [
    # First: the probe is answered whatever its Host, and over plain HTTP.
    "factcheck.middleware.HealthCheckMiddleware",
    "factcheck.middleware.ClientAddressMiddleware",
    "factcheck.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Requests to the playback origin get its URLs only (and never the newsroom).
    "playback.middleware.PlaybackOriginMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The readers' pages take their language from the address; the API is in LANGUAGE_CODE; the
    # newsroom's pages follow each person's choice (PersonLanguageMiddleware, after authentication).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "newsroom.middleware.PersonLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so that it sees the outcome of every sign-in attempt.
    "axes.middleware.AxesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "queue"
LOGOUT_REDIRECT_URL = "login"
WSGI_APPLICATION = "factcheck.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context.unread_notifications",
                "verdicts.public_site.context.publisher",
            ],
        },
    },
]

# PostgreSQL everywhere, never SQLite: the constraints and locks rely on it.
DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# DATABASE_URL may point at a connection pooler instead of PostgreSQL. In transaction mode
# (PgBouncer's `pool_mode = transaction`) each transaction may run on another server connection, so
# nothing may outlive a transaction: no prepared statements, no cursor held open across
# transactions (QuerySet.iterator() outside a transaction uses one WITH HOLD), and no session-level
# lock (the captures' per-host slots and the audit chain's lock are transaction-level locks).
DATABASE_POOLER = env.str("DATABASE_POOLER", default="")
if DATABASE_POOLER not in ("", "session", "transaction"):
    raise ImproperlyConfigured(
        f"DATABASE_POOLER is {DATABASE_POOLER!r}: leave it unset (PostgreSQL itself, or a pooler in session "
        "mode) or set it to transaction (PgBouncer in transaction mode)."
    )
_transaction_pooler = DATABASE_POOLER == "transaction"
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = _transaction_pooler
if env.bool("DB_PREPARED_STATEMENTS", default=not _transaction_pooler):
    # Server-side binding lets psycopg prepare a query the fifth time a connection runs it, so the
    # API's hot queries skip planning. Off by default behind a pooler in transaction mode.
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
else:
    # Client-side binding, and psycopg never prepares a statement.
    DATABASES["default"].setdefault("OPTIONS", {}).update(prepare_threshold=None)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The languages the readers' site is published in: English at /verdicts/, the others under their
# prefix (/uk/verdicts/, /es/verdicts/). Translations live in locale/.
LANGUAGES = [("en", "English"), ("uk", "Українська"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The languages the newsroom's claims are mostly in: a search is tried in each (stemmed as each
# stems), besides English, the language the search is typed in, and word for word.
SEARCH_LANGUAGES = env.list("SEARCH_LANGUAGES", default=["en", "uk", "es"])
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "factcheck.storage.AtomicFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}


def s3_storage(bucket: str, **options) -> dict:
    """A storage in an S3-compatible bucket, with the endpoint and credentials of S3_*."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
            "default_acl": None,
            "file_overwrite": False,
            **options,
        },
    }


# Captures (payloads and WARC files) go to S3-compatible object storage when a
# bucket is named, else to MEDIA_ROOT on the filesystem.
if env.str("S3_BUCKET", default=""):
    STORAGES["default"] = s3_storage(env.str("S3_BUCKET"), querystring_auth=True)

# The audit chain's head is recorded outside the database (factcheck.audit_heads): appended to this
# file, or, with AUDIT_HEAD_BUCKET, written once per head to a bucket that should refuse overwrites
# and deletions (S3 object lock), with the same S3 endpoint and credentials as the captures.
AUDIT_HEAD_LOG = env.path("AUDIT_HEAD_LOG", default=BASE_DIR / "var" / "audit-heads.jsonl")
AUDIT_HEAD_STORAGE = ""
if env.str("AUDIT_HEAD_BUCKET", default=""):
    AUDIT_HEAD_STORAGE = "audit_heads"
    STORAGES[AUDIT_HEAD_STORAGE] = s3_storage(env.str("AUDIT_HEAD_BUCKET"))
# The database-role split (README, Production): the login role the app's processes use, which
# `manage.py create_app_role`, run by the release step as the tables' owner, keeps in step.
DATABASE_APP_ROLE = env.str("DATABASE_APP_ROLE", default="")
DATABASE_APP_PASSWORD = env.str("DATABASE_APP_PASSWORD", default="")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Sessions and messages stay on the server: a message can hold a one-time secret (a new API key, a
# webhook's signing secret), and a signed cookie is readable by anyone who holds it.
# factcheck.checks refuses settings that would put either in a cookie.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True  # pages send the token from the form or the page, never read the cookie
if SESSION_COOKIE_SECURE:
    # Over HTTPS the browser keeps these cookies to this exact host (no Domain, Path=/, Secure).
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
# How many reverse proxies of ours stand in front of the app (1: the Caddy of docker-compose).
# Only then are X-Forwarded-For (the client's address) and X-Forwarded-Proto believed, and only
# as far as those proxies wrote them: see factcheck.middleware.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
# Where the nearest of those proxies connects from (addresses or networks): loopback when Caddy runs
# on the same machine; compose gives the proxy a fixed address on its network with gunicorn.
TRUSTED_PROXY_ADDRESSES = env.list("TRUSTED_PROXY_ADDRESSES", default=["127.0.0.1", "::1"])
if TRUSTED_PROXIES > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The largest request body accepted (the proxy in front enforces the same limit, in MiB).
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_MB", default=20) * 1024 * 1024
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Content-Security-Policy for every page that does not set its own (a captured page does): scripts
# only from this site, nothing framed or framing but our own capture viewer, no plugins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],  # htmx's indicator styles, pygal's SVG styles
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# Sign-in attempts (django-axes): after AXES_FAILURE_LIMIT failures for one user name from one
# address, that pair is refused (429) for AXES_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The client's address as ClientAddressMiddleware found it, the same one the API's throttles use.
AXES_CLIENT_IP_CALLABLE = "factcheck.middleware.client_address"
AXES_VERBOSE = False

# Celery: Redis in production and CI; the launcher points a local run without
# Redis at kombu's filesystem transport (a real broker on disk, real workers).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or env.str("REDIS_URL", default="") or "filesystem://"
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = str(env.path("CELERY_BROKER_DIR", default=BASE_DIR / "var" / "broker"))
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": _broker_dir + "/queue",
        "data_folder_out": _broker_dir + "/queue",
        "control_folder": _broker_dir + "/control",
        "store_processed": False,
    }
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
# Celery closes every database connection before and after each task unless this is set: a new
# PostgreSQL process a task. Django's own rule (CONN_MAX_AGE, health checks) decides instead,
# applied around each task as around each request (factcheck.celery).
CELERY_DB_REUSE_MAX = 2**31
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(env.path("CELERY_BEAT_SCHEDULE", default=BASE_DIR / "var" / "celerybeat-schedule"))
# Captures have a queue of their own, so a burst of them never starves other tasks.
CAPTURE_QUEUE = env.str("CAPTURE_QUEUE", default="captures")
# Browser captures run on workers of their own (one Chromium per worker process).
BROWSER_CAPTURE_QUEUE = env.str("BROWSER_CAPTURE_QUEUE", default="browser-captures")
BROWSER_CAPTURE_TASK = "sources.capture_browser_snapshot"
CELERY_TASK_ROUTES = {
    "sources.capture_snapshot": {"queue": CAPTURE_QUEUE},
    BROWSER_CAPTURE_TASK: {"queue": BROWSER_CAPTURE_QUEUE},
}
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=6)
WEBHOOK_RETRY_BASE = env.float("WEBHOOK_RETRY_BASE", default=30.0)  # then doubling, up to an hour
WEBHOOK_DISABLE_AFTER = env.int("WEBHOOK_DISABLE_AFTER", default=5)  # failed deliveries in a row
WEBHOOK_TIMEOUT = env.float("WEBHOOK_TIMEOUT", default=10.0)
# The dashboard's figures are counted (about a second at a million claims) and drawn every
# DASHBOARD_REFRESH_SECONDS; a page finding them older than DASHBOARD_STALE_SECONDS (the beat is not
# running) counts them itself.
DASHBOARD_REFRESH_SECONDS = env.float("DASHBOARD_REFRESH_SECONDS", default=300.0)
DASHBOARD_STALE_SECONDS = env.float("DASHBOARD_STALE_SECONDS", default=1800.0)
CELERY_BEAT_SCHEDULE = {
    "verify-audit-chain": {
        "task": "factcheck.tasks.verify_audit_chain",
        "schedule": env.float("AUDIT_VERIFY_INTERVAL", default=3600.0),
    },
    "record-audit-head": {
        "task": "factcheck.tasks.record_audit_head",
        "schedule": env.float("AUDIT_HEAD_INTERVAL", default=900.0),
    },
    "reap-captures": {"task": "sources.reap_captures", "schedule": env.float("CAPTURE_REAP_INTERVAL", default=60.0)},
    "sweep-webhooks": {"task": "verdicts.sweep_webhooks", "schedule": 300.0},
    "send-notification-emails": {"task": "verdicts.send_notification_emails", "schedule": 300.0},
    "clean-extraction-jobs": {"task": "claims.clean_extraction_jobs", "schedule": 600.0},
    "schedule-rechecks": {
        "task": "sources.schedule_rechecks",
        "schedule": env.float("CAPTURE_RECHECK_SCAN_INTERVAL", default=300.0),
    },
    # The dashboard's figures are counted here, not for each page (newsroom.dashboard.summary); a
    # count not taken in time is dropped, the next one stands for it.
    "refresh-dashboard": {
        "task": "newsroom.refresh_dashboard",
        "schedule": DASHBOARD_REFRESH_SECONDS,
        "options": {"expires": DASHBOARD_REFRESH_SECONDS},
    },
}

# Capturing cited sources. Every URL is hostile: only public addresses are
# fetched, except the host:port pairs named here (an intranet, a test server).
CAPTURE_ALLOWED_PRIVATE = env.list("CAPTURE_ALLOWED_PRIVATE", default=[])
CAPTURE_USER_AGENT = env.str(
    "CAPTURE_USER_AGENT", default="FactcheckWorkbench/0.1 (evidence capture for fact-checking)"
)
CAPTURE_MAX_BYTES = env.int("CAPTURE_MAX_BYTES", default=20 * 1024 * 1024)
CAPTURE_DEADLINE = env.float("CAPTURE_DEADLINE", default=60.0)  # seconds per capture, all redirects included
CAPTURE_PER_HOST = env.int("CAPTURE_PER_HOST", default=2)  # concurrent captures of one host, across workers
CAPTURE_SLOT_WAIT = env.float("CAPTURE_SLOT_WAIT", default=5.0)  # seconds a capture waits for its host's slot
CAPTURE_MAX_ATTEMPTS = env.int("CAPTURE_MAX_ATTEMPTS", default=4)
CAPTURE_RETRY_BASE = env.float("CAPTURE_RETRY_BASE", default=30.0)  # first retry after this, then doubling
CAPTURE_RETRY_MAX = env.float("CAPTURE_RETRY_MAX", default=900.0)
CAPTURE_HARD_TIME_LIMIT = env.float("CAPTURE_HARD_TIME_LIMIT", default=CAPTURE_DEADLINE + 60)
# A queued capture still waiting this long after it was due is sent to the broker again.
CAPTURE_REQUEUE_AFTER = env.float("CAPTURE_REQUEUE_AFTER", default=600.0)
CAPTURE_FRESH_FOR = env.float("CAPTURE_FRESH_FOR", default=3600.0)  # a newer capture is reused, not repeated
CAPTURE_RECHECK_DOUBLING_DAYS = env.float("CAPTURE_RECHECK_DOUBLING_DAYS", default=7.0)
CAPTURE_RECHECK_MAX_DAYS = env.float("CAPTURE_RECHECK_MAX_DAYS", default=30.0)
# Browser captures: every plain capture is followed by one (CAPTURE_BROWSER), in Debian's Chromium.
# Its deadline and byte budget cover every request the page makes; the screenshot is cut at a height.
CAPTURE_BROWSER = env.bool("CAPTURE_BROWSER", default=True)
# Debian's headless shell of Chromium (package chromium-headless-shell, the same engine without the
# browser's user interface) where it is installed, else Debian's chromium: on the benchmark's pages
# the shell took about a fifth more pages a minute, and its browser process a third of the memory.
_HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell"
_CHROMIUM = _HEADLESS_SHELL if Path(_HEADLESS_SHELL).exists() else "/usr/bin/chromium"
CHROMIUM_PATH = env.str("CHROMIUM_PATH", default=_CHROMIUM)
BROWSER_CAPTURE_DEADLINE = env.float("BROWSER_CAPTURE_DEADLINE", default=60.0)
BROWSER_CAPTURE_MAX_BYTES = env.int("BROWSER_CAPTURE_MAX_BYTES", default=50 * 1024 * 1024)
BROWSER_SCREENSHOT_MAX_HEIGHT = env.int("BROWSER_SCREENSHOT_MAX_HEIGHT", default=16_000)
# Captures a browser worker takes at once (its threads, sharing one Chromium): make run's worker.
BROWSER_CAPTURE_CONCURRENCY = env.int("BROWSER_CAPTURE_CONCURRENCY", default=4)
BROWSER_CAPTURE_HARD_TIME_LIMIT = env.float("BROWSER_CAPTURE_HARD_TIME_LIMIT", default=BROWSER_CAPTURE_DEADLINE + 60)
# A capture's text is complete when it has at least this many characters and, once the browser has
# rendered the page, at least this share of the rendered text (sources.evidence).
CAPTURE_COMPLETE_MIN_CHARS = env.int("CAPTURE_COMPLETE_MIN_CHARS", default=20)
CAPTURE_COMPLETE_RATIO = env.float("CAPTURE_COMPLETE_RATIO", default=0.5)

# Article intake (claims proposed from an article). An article longer than INTAKE_MAX_CHARACTERS,
# or an uploaded file larger than INTAKE_MAX_UPLOAD_BYTES, is refused with a message naming the
# limit. Above INTAKE_SYNC_CHARACTERS the claims are proposed by a worker (on INTAKE_QUEUE), which
# stops after INTAKE_TIME_LIMIT seconds (Celery's soft and hard limits follow 10 and 30 s later);
# finished extractions are deleted after INTAKE_JOBS_KEEP seconds.
INTAKE_MAX_CHARACTERS = env.int("INTAKE_MAX_CHARACTERS", default=200_000)
INTAKE_MAX_UPLOAD_BYTES = env.int("INTAKE_MAX_UPLOAD_BYTES", default=1_000_000)
INTAKE_SYNC_CHARACTERS = env.int("INTAKE_SYNC_CHARACTERS", default=10_000)
INTAKE_TIME_LIMIT = env.float("INTAKE_TIME_LIMIT", default=120.0)
INTAKE_QUEUE = env.str("INTAKE_QUEUE", default="celery")
INTAKE_JOBS_KEEP = env.float("INTAKE_JOBS_KEEP", default=86_400.0)
# Django's own request limits, kept in step with intake: a form or JSON body (not counting
# uploaded files) may hold the longest article even if every character is JSON-escaped (6 bytes);
# an uploaded file bigger than FILE_UPLOAD_MAX_MEMORY_SIZE goes to a temporary file, not memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int(
    "DATA_UPLOAD_MAX_MEMORY_SIZE", default=max(2_621_440, INTAKE_MAX_CHARACTERS * 6 + 65_536)
)
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "factcheck.apikeys.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_RENDERER_CLASSES": ["drf_orjson_renderer.renderers.ORJSONRenderer"],
    # A validation error about the third item of a list is keyed by the number 2.
    "ORJSON_RENDERER_OPTIONS": (orjson.OPT_NON_STR_KEYS,),
    "EXCEPTION_HANDLER": "factcheck.api.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "factcheck.throttles.AnonThrottle",
        "factcheck.throttles.UserThrottle",
        "factcheck.throttles.KeyThrottle",
    ],
    # REMOTE_ADDR is already the real client's address (ClientAddressMiddleware).
    "NUM_PROXIES": 0,
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="120/min"),
        "user": env.str("API_THROTTLE_USER", default="600/min"),
        "key": env.str("API_THROTTLE_KEY", default="1000/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Fact-check workbench API",
    "DESCRIPTION": "Published verdicts (JSON and schema.org ClaimReview) and the evidence archive.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs page's assets come from the installed package, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "factcheck.api.document_errors"],
}

# Throttle counters and other shared state: Redis when there is one (a database
# apart from the broker's, CACHE_URL), else this process's memory.
_cache_url = env.str("CACHE_URL", default="")
if not _cache_url and env.str("REDIS_URL", default=""):
    _redis = urlsplit(env.str("REDIS_URL"))
    _cache_url = urlunsplit(_redis._replace(path="/1"))


def redis_cache(location: str) -> dict:
    """The shared cache on Redis. When Redis cannot be reached it answers as empty instead of
    failing the request (django-redis IGNORE_EXCEPTIONS): pages are built afresh and throttles
    let requests through until it is back; short timeouts keep an outage from holding each up."""
    options = {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}
    return {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": location, "OPTIONS": options}


CACHES = {
    "default": redis_cache(_cache_url) if _cache_url else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# The public API's list pages (the same for every client) are kept this long in the shared cache,
# and dropped at once when a publication, a correction or an edit could change them. Off without
# a shared cache: a per-process cache would not hear of changes made in another process.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=60 if _cache_url else 0)
# After such a change a worker on this queue builds the first pages again (the API's list, the index).
PUBLIC_PAGES_QUEUE = env.str("PUBLIC_PAGES_QUEUE", default="celery")

# Who publishes the verdicts, and where the public site lives (canonical URLs in ClaimReview).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Notifications by e-mail: printed to the console unless EMAIL_URL names a server
# (smtp+tls://user:password@mail.example.org:587).
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="factcheck@localhost")
# A notification whose e-mail keeps failing (a bad address, a refused message) is tried again by
# each sweep, and given up after this many attempts; the others are sent meanwhile.
NOTIFICATION_EMAIL_MAX_ATTEMPTS = env.int("NOTIFICATION_EMAIL_MAX_ATTEMPTS", default=5)
PUBLISHER_NAME = env.str("PUBLISHER_NAME", default="Fact-check workbench")
PUBLISHER_URL = env.str("PUBLISHER_URL", default=SITE_URL)

# Replay of captured pages (ReplayWeb.page) on the playback origin: another site than the app's
# (another host name, not only another port, since cookies ignore ports), where archived scripts
# run without the app's cookies. Only the playback URLs are served on its host. Links to it carry a
# signed token naming the capture, good for PLAYBACK_URL_MAX_AGE seconds (public captures need
# none). Unset: no replay links, only the sandboxed view.
PLAYBACK_ORIGIN = env.str("PLAYBACK_ORIGIN", default="").rstrip("/")
PLAYBACK_URL_MAX_AGE = env.int("PLAYBACK_URL_MAX_AGE", default=6 * 3600)
# ReplayWeb.page's built files, put there by `make replay` (scripts/replay_assets.py).
PLAYBACK_ASSETS_DIR = env.path("PLAYBACK_ASSETS_DIR", default=BASE_DIR / "var" / "replay")
if PLAYBACK_ORIGIN:
    from urllib.parse import urlsplit as _urlsplit

    _playback_host = (_urlsplit(PLAYBACK_ORIGIN).hostname or "").lower()
    if _playback_host and "*" not in ALLOWED_HOSTS and _playback_host not in ALLOWED_HOSTS:
        ALLOWED_HOSTS = [*ALLOWED_HOSTS, _playback_host]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # The extractor reports every odd page it meets; captured pages are odd by nature.
    "loggers": {"trafilatura": {"level": "CRITICAL"}, "htmldate": {"level": "CRITICAL"}},
}

# Uploaded evidence (a screenshot, PDF, video or web archive a person attaches to a citation when a
# capture fails or the page needs a login): the largest file accepted of each kind, in bytes, and
# the most pixels an image may decode to (against decompression bombs).
EVIDENCE_UPLOAD_MAX_IMAGE_BYTES = env.int("EVIDENCE_UPLOAD_MAX_IMAGE_BYTES", default=20 * 1024 * 1024)
EVIDENCE_UPLOAD_MAX_PDF_BYTES = env.int("EVIDENCE_UPLOAD_MAX_PDF_BYTES", default=50 * 1024 * 1024)
EVIDENCE_UPLOAD_MAX_VIDEO_BYTES = env.int("EVIDENCE_UPLOAD_MAX_VIDEO_BYTES", default=200 * 1024 * 1024)
EVIDENCE_UPLOAD_MAX_ARCHIVE_BYTES = env.int("EVIDENCE_UPLOAD_MAX_ARCHIVE_BYTES", default=200 * 1024 * 1024)
EVIDENCE_UPLOAD_MAX_PIXELS = env.int("EVIDENCE_UPLOAD_MAX_PIXELS", default=50_000_000)
# The largest request body on the evidence upload paths only (the proxy in front has the same limit
# there, in MiB; MAX_REQUEST_MB holds everywhere else): the largest file plus its form fields.
EVIDENCE_UPLOAD_MAX_REQUEST_BYTES = env.int("EVIDENCE_UPLOAD_MAX_REQUEST_MB", default=201) * 1024 * 1024
EVIDENCE_UPLOAD_PATH = r"^/(api/v1/)?claims/[0-9]+/citations/[0-9]+/evidence/$"
