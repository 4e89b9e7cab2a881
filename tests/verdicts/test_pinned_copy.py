"""Publishing pins a copy of the claim as reviewed and its claimant as named then; the public page,
the public API (every filter), ClaimReview, the feed and search read only those copies.

A claimant renamed or merged, or a claim edited during a correction, changes no published verdict;
a published correction pins its own copy."""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from claims.models import Claim, Claimant
from claims.services import claim_update, claimant_create, claimant_merge, claimant_rename, claimant_update
from factcheck.errors import ActionForbidden
from factcheck.models import AuditEvent
from tests.conftest import PASSWORD, count_queries, step
from verdicts.models import Verdict
from verdicts.selectors import verdict_published_copy
from verdicts.services import verdict_update

pytestmark = pytest.mark.django_db

REVIEWED_TEXT = "About 100,000 soldiers were deployed near the border."


@pytest.fixture
def reznikov(journalist):
    """The claimant of `make_claim`'s claims, with a role and an alias."""
    return claimant_create(
        actor=journalist, name="Oleksiy Reznikov", description="Defence minister of Ukraine", aliases=["Reznikov"]
    )


def public_views(client, verdict_id) -> dict:
    """Everything the public can read of one verdict."""
    page = client.get(reverse("verdict-public", args=[verdict_id]))
    assert page.status_code == 200
    return {
        "page": page.content.decode(),
        "detail": client.get(f"/api/v1/verdicts/{verdict_id}/").json(),
        "list": client.get("/api/v1/verdicts/").json()["results"],
        "claimreview": client.get(f"/api/v1/verdicts/{verdict_id}/claimreview/").json(),
        "feed": client.get("/api/v1/claimreview/").json()["dataFeedElement"],
    }


def listed_ids(client, query):
    response = client.get(f"/api/v1/verdicts/{query}")
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_a_claimant_renamed_after_publication_changes_no_published_verdict(client, reznikov, verdict_in, editor):
    verdict = verdict_in("published")
    before = public_views(client, verdict.pk)
    assert before["detail"]["claim"]["claimant"] == {"name": "Oleksiy Reznikov", "kind": "person"}
    # Renamed in the admin, as it was tried, then re-described.
    client.login(username=editor.username, password=PASSWORD)
    form = {"name": "Oleksii Reznikov", "kind": "organisation", "aliases": "OR", "description": ""}
    response = client.post(reverse("admin:claims_claimant_change", args=[reznikov.pk]), form)
    assert response.status_code == 302 and Claimant.objects.get(pk=reznikov.pk).name == "Oleksii Reznikov"
    client.logout()
    after = public_views(client, verdict.pk)
    assert after == before
    assert "Oleksii" not in json.dumps(after)
    assert after["claimreview"]["itemReviewed"]["author"] == {"@type": "Person", "name": "Oleksiy Reznikov"}
    assert "Oleksiy Reznikov (Defence minister of Ukraine)" in after["page"]  # the role as published
    # The public filter matches the name and aliases as published.
    assert listed_ids(client, "?claimant=oleksiy reznikov") == [verdict.pk]
    assert listed_ids(client, "?claimant=Reznikov") == [verdict.pk]
    assert listed_ids(client, "?claimant=Oleksii Reznikov") == []
    assert listed_ids(client, "?claimant=OR") == []
    rename = AuditEvent.objects.get(action="claimant.rename")
    assert (rename.actor_id, rename.data["changes"]) == (editor.pk, {"name": ["Oleksiy Reznikov", "Oleksii Reznikov"]})


def test_a_claim_edited_during_an_open_correction_changes_nothing_public_until_the_correction_is_published(
    client, reznikov, verdict_in, editor, journalist
):
    original = verdict_in("published")
    before = public_views(client, original.pk)
    correction = step(original, "open_correction", editor, "The figure was revised.")
    claim = Claim.objects.get(pk=original.claim_id)
    other = claimant_create(actor=journalist, name="Denys Shmyhal")
    claim = claim_update(
        claim_id=claim.pk,
        actor=journalist,
        expected_version=claim.lock_version,
        text="About 175,000 soldiers were massed near the border.",
        claimant=other,
        medium="A briefing",
        tags=["border"],
        language="uk",
    )
    assert public_views(client, original.pk) == before
    assert listed_ids(client, "?q=massed") == []  # search reads the claim as published
    assert listed_ids(client, "?q=deployed") == [original.pk]
    assert listed_ids(client, "?tag=border") == [] and listed_ids(client, "?language=uk") == []
    assert listed_ids(client, "?language=en") == [original.pk]
    assert listed_ids(client, "?claimant=Denys Shmyhal") == []

    correction = verdict_update(
        verdict_id=correction.pk, actor=journalist, expected_version=correction.lock_version,
        correction_note="The count was revised.",
    )  # fmt: skip
    for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
        correction = step(correction, action, actor)
    now = public_views(client, correction.pk)
    assert now["detail"]["claim"]["text"] == "About 175,000 soldiers were massed near the border."
    assert now["detail"]["claim"]["claimant"]["name"] == "Denys Shmyhal"
    assert listed_ids(client, "?q=massed") == [correction.pk]
    assert listed_ids(client, "?tag=border&language=uk&claimant=denys shmyhal") == [correction.pk]
    # The superseded version still reads as it was published.
    old = client.get(reverse("verdict-public", args=[original.pk])).content.decode()
    assert REVIEWED_TEXT in old and "Oleksiy Reznikov" in old and "Shmyhal" not in old


def test_merging_claimants_moves_their_claims_keeps_the_names_and_changes_no_published_verdict(
    client, reznikov, verdict_in, editor, journalist
):
    published = verdict_in("published")
    draft = verdict_in("draft")  # a claim being researched, by the same speaker
    keep = claimant_create(actor=journalist, name="Oleksii Reznikov", aliases=["O. Reznikov"])
    before = public_views(client, published.pk)
    kept = claimant_merge(source_id=reznikov.pk, target_id=keep.pk, actor=editor)
    assert kept.aliases == ["O. Reznikov", "Oleksiy Reznikov", "Reznikov"]
    assert not Claimant.objects.filter(pk=reznikov.pk).exists()
    assert set(Claim.objects.filter(claimant=keep).values_list("pk", flat=True)) == {
        published.claim_id,
        draft.claim_id,
    }
    assert public_views(client, published.pk) == before
    merge = AuditEvent.objects.get(action="claimant.merge")
    assert merge.object_id == str(keep.pk) and merge.data["merged"]["name"] == "Oleksiy Reznikov"
    assert sorted(merge.data["claims"]) == sorted([published.claim_id, draft.claim_id])
    moved = AuditEvent.objects.filter(action="claim.update", object_id=str(draft.claim_id)).get()
    assert moved.data["changes"] == {"claimant": [reznikov.pk, keep.pk]}


def test_renaming_and_merging_are_editors_actions(client, reznikov, journalist, editor, admin_user):
    other = claimant_create(actor=journalist, name="O. Reznikov")
    with pytest.raises(ActionForbidden, match="rename or merge claimants"):
        claimant_rename(claimant_id=reznikov.pk, actor=journalist, name="Oleksii Reznikov")
    with pytest.raises(ActionForbidden, match="rename or merge claimants"):
        claimant_update(claimant_id=reznikov.pk, actor=journalist, name="Oleksii Reznikov")
    with pytest.raises(ActionForbidden, match="rename or merge claimants"):
        claimant_merge(source_id=other.pk, target_id=reznikov.pk, actor=journalist)
    # Journalists still describe claimants; only the name is the editors'.
    claimant_update(
        claimant_id=reznikov.pk, actor=journalist, name="Oleksiy Reznikov ", description="Minister", aliases=["R."]
    )
    assert AuditEvent.objects.get(action="claimant.update").data["changes"]["description"][1] == "Minister"

    # The API.
    client.force_login(journalist)
    url = f"/api/v1/claimants/{reznikov.pk}/"
    response = client.patch(url, {"name": "Oleksii Reznikov"}, content_type="application/json")
    assert response.status_code == 403 and "rename or merge claimants" in response.json()["error"]["message"]
    response = client.post(f"/api/v1/claimants/{other.pk}/merge/", {"into": reznikov.pk}, "application/json")
    assert response.status_code == 403
    assert client.get(url).json()["name"] == "Oleksiy Reznikov"
    client.force_login(editor)
    response = client.patch(url, {"name": "Oleksii Reznikov", "kind": "person"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["name"] == "Oleksii Reznikov"
    response = client.post(f"/api/v1/claimants/{other.pk}/merge/", {"into": other.pk}, "application/json")
    assert response.status_code == 400 and "into itself" in response.json()["error"]["message"]
    response = client.post(f"/api/v1/claimants/{other.pk}/merge/", {"into": reznikov.pk}, "application/json")
    assert response.status_code == 200 and "O. Reznikov" in response.json()["aliases"]
    other = claimant_create(actor=journalist, name="Taken")
    response = client.patch(f"/api/v1/claimants/{other.pk}/", {"name": "Oleksii Reznikov"}, "application/json")
    assert response.status_code == 409 and "already a claimant called" in response.json()["error"]["message"]
    client.logout()

    # The admin: the name is read-only for a journalist, whatever is posted.
    change = reverse("admin:claims_claimant_change", args=[reznikov.pk])
    client.login(username=journalist.username, password=PASSWORD)
    page = client.get(change).content.decode()
    assert 'name="name"' not in page and "Merge into another claimant" not in page
    form = {"name": "Renamed By A Journalist", "kind": "person", "aliases": "Reznikov", "description": "Minister"}
    assert client.post(change, form).status_code == 302
    assert Claimant.objects.get(pk=reznikov.pk).name == "Oleksii Reznikov"
    merge = reverse("admin:claims_claimant_merge", args=[other.pk])
    client.post(merge, {"into": reznikov.pk})
    assert Claimant.objects.filter(pk=other.pk).exists()
    client.logout()
    client.login(username=editor.username, password=PASSWORD)
    page = client.get(change).content.decode()
    assert 'name="name"' in page and "Merge into another claimant" in page
    assert client.post(change, {**form, "name": "Oleksiy Reznikov"}).status_code == 302
    assert Claimant.objects.get(pk=reznikov.pk).name == "Oleksiy Reznikov"
    response = client.post(merge, {"into": "not a number"}, follow=True)
    assert "must be a number" in " ".join(str(m) for m in response.context["messages"])
    response = client.post(merge, {"into": reznikov.pk}, follow=True)
    assert response.status_code == 200 and not Claimant.objects.filter(pk=other.pk).exists()
    assert "Taken" in Claimant.objects.get(pk=reznikov.pk).aliases
    assert AuditEvent.objects.filter(action="claimant.rename").count() == 2


def test_the_published_copy_is_plain_data_for_verification_and_case_files(reznikov, verdict_in):
    verdict = verdict_in("published")
    copy = verdict_published_copy(verdict_id=verdict.pk)
    assert json.loads(json.dumps(copy)) == copy  # plain data
    assert copy["claim"]["text"] == REVIEWED_TEXT and copy["claimant"]["name"] == "Oleksiy Reznikov"
    assert copy["claimant"]["role"] == "Defence minister of Ukraine" and copy["claimant"]["aliases"] == ["Reznikov"]
    [item] = copy["evidence"]
    assert item["snapshot"] == verdict.claim.citations.get().snapshot_id and len(item["sha256"]) == 64
    assert copy["approved_digest"] == verdict.approved_digest
    assert verdict_published_copy(verdict_id=verdict_in("approved").pk) is None


def test_the_claimant_filter_finds_aliases_in_any_case_and_its_queries_stay_flat(client, reznikov, verdict_in):
    query = "/api/v1/verdicts/?page_size=100&claimant=reznikov&tag=&language=en"
    for _ in range(3):
        verdict_in("published")
    with_3 = count_queries(client, query)
    for _ in range(27):
        verdict_in("published")
    assert count_queries(client, query) == with_3
    assert len(client.get(query).json()["results"]) == 30


@pytest.mark.parametrize(
    ("lookup", "index"),
    [({"pinned_claimant_keys__contains": ["reznikov"]}, "verdict_claimant_keys_gin"),
     ({"pinned_claim__tags__contains": ["border"]}, "verdict_pinned_tags_gin")],
)  # fmt: skip
def test_the_claimant_and_tag_filters_can_use_their_indexes(reznikov, verdict_in, lookup, index):
    verdict_in("published")
    with connection.cursor() as cursor:
        # A table this small would be read whole: ask whether the index can answer at all.
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
    plan = Verdict.objects.filter(**lookup).explain()
    assert index in plan, plan


def test_the_migration_pins_a_copy_of_verdicts_published_before_it(reznikov, verdict_in):
    verdict = verdict_in("published")
    copy = Verdict.objects.get(pk=verdict.pk).pinned_claim
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks before the tables are altered
    executor = MigrationExecutor(connection)
    executor.migrate([("verdicts", "0003_webhook_include_unpublished")])
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # 0004_review_and_pinned_copy, and all after it
    migrated = Verdict.objects.get(pk=verdict.pk)
    assert migrated.pinned_claim == copy
    assert migrated.pinned_claimant_keys == ["oleksiy reznikov", "reznikov"]
