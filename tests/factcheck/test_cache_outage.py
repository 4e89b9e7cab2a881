"""Redis, the shared cache, goes away while the web is serving: requests are still answered
(built afresh, throttles letting them through), and the cache is used again once it is back."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from factcheck.settings import redis_cache
from tests.workers import Broker

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_the_api_and_the_pages_answer_while_the_cache_is_down(client, tmp_path, journalist, verdict_in, settings):
    verdict_in("published")
    redis = Broker(tmp_path)
    redis.start()
    try:
        with override_settings(CACHES={"default": redis_cache(redis.url)}):  # as configured with REDIS_URL
            caches["default"].clear()
            assert client.get("/api/v1/verdicts/").status_code == 200
            assert caches["default"].keys("*")  # pages and throttle counters went to Redis
            redis.stop()
            client.force_login(journalist)
            for url in ["/api/v1/verdicts/", "/api/v1/claimreview/", "/api/v1/claims/", "/", "/dashboard/"]:
                assert client.get(url).status_code == 200, url
            redis.start()
            assert client.get("/api/v1/verdicts/").status_code == 200
            assert caches["default"].keys("*")  # in use again
    finally:
        redis.stop()
