# Production image: the web (gunicorn), the Celery worker and beat all run from it.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    AUDIT_HEAD_LOG=/app/var/heads/audit-heads.jsonl

WORKDIR /app
RUN useradd --create-home --uid 1000 factcheck
# Browser captures drive Debian's Chromium (never a downloaded browser build).
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
ENV CHROMIUM_PATH=/usr/bin/chromium

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# Static files are collected at build time; the throwaway values below exist only for this step.
RUN SECRET_KEY=collectstatic-only DATABASE_URL=postgres://localhost/unused \
        python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media /app/var/beat /app/var/heads \
    && chown -R factcheck:factcheck /app/var

USER factcheck
EXPOSE 8000
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "factcheck.wsgi:application"]
