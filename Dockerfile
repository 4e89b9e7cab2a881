# Production image: the web (gunicorn), the Celery workers and beat all run from it.

# ReplayWeb.page's two built files, fetched at the pinned version and checked against the pinned
# integrity (scripts/replay_assets.py, as `make replay` does); npm stays out of the final image.
FROM node:20-bookworm-slim AS replay
RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY playback/replay-package.json playback/
COPY scripts/replay_assets.py scripts/
RUN python3 scripts/replay_assets.py

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    AUDIT_HEAD_LOG=/app/var/heads/audit-heads.jsonl

WORKDIR /app
RUN useradd --create-home --uid 1000 factcheck
# Browser captures drive Debian's Chromium, its headless shell (never a downloaded browser build).
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium-headless-shell fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
ENV CHROMIUM_PATH=/usr/lib/chromium/chromium-headless-shell

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
COPY --from=replay /app/var/replay /app/var/replay
# Static files are collected at build time; the throwaway values below exist only for this step.
RUN SECRET_KEY=collectstatic-only DATABASE_URL=postgres://localhost/unused \
        python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media /app/var/beat /app/var/heads \
    && chown -R factcheck:factcheck /app/var

USER factcheck
EXPOSE 8000
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "factcheck.wsgi:application"]
