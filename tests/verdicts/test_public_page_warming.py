"""After a change the public can see, a worker builds the first pages again into the shared cache, so
the first reader after a publication is answered from it; and a change made while it builds them
never leaves an older page where readers look."""

import re
import shutil

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from factcheck.settings import redis_cache
from tests.conftest import publish_correction
from tests.workers import Broker, Worker, unique_queue, wait_until
from verdicts.public_site.caching import API_FIRST_PAGES, first_pages, public_pages_warm
from verdicts.selectors import public_page_key

SITE = "http://127.0.0.1:8000"  # SITE_URL: where the worker asks for the pages, as readers do
READERS_HOST = "127.0.0.1:8000"


def kept(path: str) -> bool:
    """Whether the page at `path` is in the cache under the key a reader would look up now."""
    key = public_page_key(SITE + path if path.startswith("/api/") else "page:" + SITE + path)
    return cache.get(key) is not None


def test_the_first_pages_are_the_apis_list_and_the_index_in_each_language():
    assert first_pages() == [
        "/api/v1/verdicts/", "/api/v1/verdicts/?page_size=100", "/verdicts/", "/uk/verdicts/", "/es/verdicts/",
    ]  # fmt: skip


@pytest.fixture
def shared_cache(tmp_path):
    """A Redis of this test's own as the shared cache, for this process and the worker."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    redis = Broker(tmp_path)
    redis.start()
    try:
        with override_settings(CACHES={"default": redis_cache(redis.url)}):
            cache.clear()
            yield redis.url
    finally:
        redis.stop()


def reader_gets(client, path: str) -> tuple[bytes, int]:
    """What a reader at SITE_URL gets for `path`, and how many queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST=READERS_HOST)
    assert response.status_code == 200, path
    return response.content, len(queries)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_after_a_change_the_first_reader_is_answered_from_the_cache(
    tmp_path, settings, shared_cache, client, verdict_in, translation_in, editor
):
    settings.SITE_URL = SITE
    settings.PUBLIC_PAGES_QUEUE = queue = unique_queue()
    worker = Worker(queue, tmp_path / "worker.log", {"TEST_CACHE_URL": shared_cache, "SITE_URL": SITE})
    try:
        changes = {
            "a publication": lambda: verdict_in("published"),
            "a correction": lambda: publish_correction(verdict_in("published"), editor),
            "a translation": lambda: translation_in("published", language="es"),
        }
        for change, make in changes.items():
            make()  # committed: the pages are retired, and the worker asked to build them again
            wait_until(lambda: all(kept(path) for path in first_pages()), what=f"the pages kept after {change}")
            served = {}
            for path in first_pages():
                served[path], queries = reader_gets(client, path)
                assert queries == 0, (change, path)
            settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # what the pages read now, built afresh
            for path in API_FIRST_PAGES:
                assert served[path] == reader_gets(client, path)[0], (change, path)
            for path in first_pages()[len(API_FIRST_PAGES) :]:
                assert sorted(ids(served[path])) == sorted(ids(reader_gets(client, path)[0])), (change, path)
            settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    finally:
        worker.stop()
    assert "verdicts.warm_public_pages" in worker.log.read_text()


def ids(page: bytes) -> list[str]:
    """The verdicts an index page links to."""
    return re.findall(r'href="[^"]*/verdicts/(\d+)/"', page.decode())


@pytest.mark.django_db
def test_a_change_while_the_pages_are_built_leaves_no_older_page_for_readers(settings, client, verdict_in):
    """The worker reads the version of the published set, then the rows; a publication between the
    two (or after both) moves readers to a newer version: what it kept is never served."""
    settings.SITE_URL = SITE
    verdict_in("published")
    late = []

    def publish_meanwhile(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if '"json"' in sql and not late:  # the list's query has run: its rows are read
            late.append(verdict_in("published"))
        return result

    with connection.execute_wrapper(publish_meanwhile):
        assert public_pages_warm() == first_pages()
    assert late
    for path in API_FIRST_PAGES:
        listed = client.get(path, HTTP_HOST=READERS_HOST).json()["results"]
        assert listed[0]["id"] == late[0].pk, path
