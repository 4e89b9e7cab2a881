"""The public API's incremental reads see a verdict's translations change."""

from urllib.parse import quote

import pytest
from django.utils import timezone

from tests.conftest import translation_step

pytestmark = pytest.mark.django_db


def _modified_since(client, moment) -> list[int]:
    answer = client.get(f"/api/v1/verdicts/?page_size=100&modified_since={quote(moment.isoformat())}")
    assert answer.status_code == 200
    return [row["id"] for row in answer.json()["results"]]


def test_publishing_a_translation_is_a_change_modified_since_reports(client, translation_in, editor):
    """A partner that mirrors the API with `modified_since` must learn of a translation published
    after the verdict: the verdict's `translations` changed."""
    translation = translation_in("approved")
    verdict_id = translation.verdict_id
    before = timezone.now()
    assert verdict_id not in _modified_since(client, before)
    translation_step(translation, "publish", editor)
    assert [t["language"] for t in client.get(f"/api/v1/verdicts/{verdict_id}/").json()["translations"]] == ["uk"]
    assert verdict_id in _modified_since(client, before)
