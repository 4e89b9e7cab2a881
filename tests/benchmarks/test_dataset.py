"""The benchmarks' data set is what the newsroom would have made: a published verdict pins the copy
publishing would pin, search vectors are filled, and the app goes on adding rows after it."""

import pytest
from django.db.models import Count

from benchmarks.dataset import generate
from claims.models import Citation, Claim
from claims.textsearch import search_query
from sources.models import Snapshot
from verdicts import claimreview
from verdicts.models import Verdict, VerdictTranslation
from verdicts.review_unit import published_copy, review_unit_build, review_unit_digest
from verdicts.selectors import public_claim

pytestmark = pytest.mark.django_db(transaction=True)  # it writes on connections of its own


def test_the_data_set_is_what_the_services_would_have_written(client):
    generate(600, vacuum=False)

    assert Claim.objects.count() == 600
    statuses = dict(Claim.objects.values_list("status").annotate(n=Count("id")))
    assert 150 <= statuses["resolved"] <= 270, statuses  # about a third of the claims are resolved
    assert {"new", "checking", "dismissed", "duplicate"} <= set(statuses)
    # Each resolved claim has its one published verdict; corrections supersede the version they correct.
    assert Verdict.objects.filter(status="published").count() == statuses["resolved"]
    corrected = Verdict.objects.filter(status="superseded")
    assert corrected.exists() and Verdict.objects.filter(supersedes__in=corrected, status="published").count() == (
        corrected.count()
    )
    assert VerdictTranslation.objects.filter(status="published").exists()

    reviewed = Verdict.objects.exclude(status__in=["draft", "changes_requested"])
    assert reviewed.count() > statuses["resolved"]
    for verdict in reviewed:
        unit = review_unit_build(claim_id=verdict.claim_id)  # what submitting would record now
        assert review_unit_digest(unit) == verdict.review_digest, verdict.pk
        if verdict.status in ("published", "superseded"):
            copy = published_copy(unit)
            assert {name: getattr(verdict, name) for name in copy} == copy, verdict.pk
            # What publishing checks: its ClaimReview would be valid.
            assert not claimreview.problems(claim=public_claim(copy["pinned_claim"]), rating=verdict.rating)
            assert verdict.approved_digest == verdict.review_digest and verdict.claim_text == unit["claim"]["text"]
            pinned = [item["snapshot"] for item in verdict.pinned_evidence]
            assert Snapshot.objects.filter(pk__in=pinned, status="succeeded", public=True).count() == len(set(pinned))

    # Search vectors are generated columns: the claim is found by its own words.
    claim = Claim.objects.filter(status="resolved").order_by("id").first()
    word = max(claim.text.rstrip(".").split(), key=len)
    assert claim in Claim.objects.filter(search=search_query(word))
    assert not Claim.objects.filter(search__isnull=True).exists()
    assert Citation.objects.filter(quote_status="found").exists()

    # The app adds rows after it (the sequences continue after the copied ids), and it grows.
    assert Claim.objects.create(text="A claim typed in afterwards.").pk > claim.pk
    generate(900, vacuum=False)
    assert Claim.objects.count() == 900
    listed = client.get("/api/v1/verdicts/?page_size=5", HTTP_HOST="localhost")
    assert listed.status_code == 200 and len(listed.json()["results"]) == 5
