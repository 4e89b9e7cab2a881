"""Captures stored in S3-compatible object storage (a local S3 server, moto)."""

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings

from sources.capture import snapshot_capture, snapshot_request
from sources.services import source_get_or_create
from tests.s3 import CREDENTIALS, S3Server
from tests.sources.webserver import ARTICLE, WebServer


@pytest.fixture
def s3(monkeypatch):
    server = S3Server("captures")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", CREDENTIALS["aws_access_key_id"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", CREDENTIALS["aws_secret_access_key"])
    yield server.endpoint, server.client
    server.stop()


def test_a_capture_goes_to_the_bucket(db, s3, settings):
    endpoint, client = s3
    web = WebServer()
    web.page("/a", ARTICLE)
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "captures", "endpoint_url": endpoint, "region_name": "us-east-1"},
        },
    }
    try:
        with override_settings(STORAGES=storages, CAPTURE_ALLOWED_PRIVATE=[f"127.0.0.1:{web.port}"]):
            source, _ = source_get_or_create(url=web.url("/a"))
            snapshot = snapshot_capture(snapshot_id=snapshot_request(source=source, force=True).pk).snapshot
            assert snapshot.status == "succeeded"
            keys = {item["Key"] for item in client.list_objects_v2(Bucket="captures")["Contents"]}
            assert keys == {snapshot.payload.name, snapshot.warc.name}
            assert default_storage.open(snapshot.payload.name).read() == ARTICLE.encode()
    finally:
        web.stop()
