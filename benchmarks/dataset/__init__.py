"""The benchmarks' data set: a newsroom's years of claims, with citations, captures, verdicts (about
a third of the claims resolved by a published one, one in thirty of those corrected) and
translations, built with PostgreSQL's COPY.

    from benchmarks.dataset import generate
    generate(1_000_000)   # grows the database to a million claims, in minutes

Claims come in over YEARS years up to now, faster lately; recent ones are mostly in intake or being
checked, older ones resolved or dismissed. Claimants, journalists, tags and cited sites are quoted
unevenly (a few very often, most rarely); the claims are in English, Ukrainian and Spanish. Rows
are written as the services would have left them, and search vectors, being generated columns,
are computed by PostgreSQL as the rows arrive. Importing this module needs no Django settings (the
API benchmark's baseline server imports it); the models are imported when the data is built."""

import random
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from datetime import UTC, datetime, timedelta

from benchmarks.dataset.bulk import copy_many, copy_rows, in_own_connection, indexes_set_aside, next_id, sync_sequence
from benchmarks.dataset.text import Words, claimant_names

YEARS = 6
CHUNK = 20_000  # claims written per round of COPY
SET_ASIDE_FROM = 50_000  # claims in a batch from which indexes are set aside while it is written
JOURNALISTS, EDITORS = 40, 8


def _people() -> tuple[list[int], list[int]]:
    """The newsroom's journalists and editors ("bench-journalist" and "bench-editor" first)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    names = {"journalist": JOURNALISTS, "editor": EDITORS}
    found = {}
    for role, count in names.items():
        usernames = [f"bench-{role}"] + [f"bench-{role}-{n}" for n in range(2, count + 1)]
        found[role] = [users.get_or_create(username=name)[0].pk for name in usernames]
    return found["journalist"], found["editor"]


def _claimants(count: int, rng: random.Random) -> list[tuple]:
    """At least `count` claimants, the most quoted first: (id, name, kind, aliases, description)."""
    from claims.models import Claimant

    have = Claimant.objects.count()
    if have < count:
        known = set(Claimant.objects.values_list("name", flat=True))
        Claimant.objects.bulk_create(
            [Claimant(name=name, kind=kind, aliases=aliases, description=role)
             for name, kind, aliases, role in claimant_names(count, rng) if name not in known][: count - have],
            batch_size=2000,
        )  # fmt: skip
    return list(Claimant.objects.order_by("id").values_list("id", "name", "kind", "aliases", "description"))


def _tables(rows) -> dict:
    from benchmarks.dataset.newsroom import (
        CITATION_FIELDS,
        CLAIM_FIELDS,
        SNAPSHOT_FIELDS,
        SOURCE_FIELDS,
        TRANSLATION_FIELDS,
        VERDICT_FIELDS,
    )
    from claims.models import Citation, Claim
    from sources.models import Snapshot, Source
    from verdicts.models import Verdict, VerdictTranslation

    return {
        "sources": (Source, SOURCE_FIELDS, rows.sources),
        "snapshots": (Snapshot, SNAPSHOT_FIELDS, rows.snapshots),
        "claims": (Claim, CLAIM_FIELDS, rows.claims),
        "verdicts": (Verdict, VERDICT_FIELDS, rows.verdicts),
        "translations": (VerdictTranslation, TRANSLATION_FIELDS, rows.translations),
        "citations": (Citation, CITATION_FIELDS, rows.citations),
    }


def _write(pool, rows) -> list:
    """Copy a batch on two connections at once (computing search vectors is most of the work, and
    each connection is one server process): sources first, then their captures beside the claims and
    verdicts (the citations that name them all follow once both are in). Returns their futures."""
    tables = _tables(rows)
    pool.submit(in_own_connection, copy_rows, *tables["sources"]).result()
    done = [pool.submit(in_own_connection, copy_rows, *tables["snapshots"])]
    done += [
        pool.submit(in_own_connection, copy_many, [tables[name] for name in ("claims", "verdicts", "translations")])
    ]
    return done


def generate(
    target_claims: int,
    *,
    seed: int = 1,
    corrections_every: int = 30,
    translations_every: int = 20,
    vacuum: bool = True,
    progress=None,
) -> None:
    """Grow the database to `target_claims` claims, with everything that goes with them. `vacuum`
    vacuums and analyses the tables afterwards, as autovacuum would (outside a transaction only);
    `progress(done, total)` is called after each round."""
    from django.db import connection

    from benchmarks.dataset.newsroom import Cast, History, Ids, popular_sources
    from claims.models import Citation, Claim
    from sources.models import Snapshot, Source
    from verdicts.models import Verdict, VerdictTranslation

    models = (Source, Snapshot, Claim, Citation, Verdict, VerdictTranslation)
    start = Claim.objects.count()
    if start >= target_claims:
        return
    rng = random.Random(seed * 1_000_003 + start)
    journalists, editors = _people()
    end = datetime.now(UTC).replace(second=0, microsecond=0)
    cast = Cast(
        journalists=journalists,
        editors=editors,
        claimants=_claimants(max(200, target_claims // 300), rng),
        popular=[],
        words={language: Words(language, rng) for language in ("en", "uk", "es")},
        start=end - timedelta(days=365 * YEARS),
        end=end,
    )
    ids = Ids(
        *(next_id(connection, model) for model in (Claim, Source, Snapshot, Citation, Verdict, VerdictTranslation))
    )
    history = History(cast, ids, rng, corrections_every=corrections_every, translations_every=translations_every)
    total = target_claims - start
    # A large batch is written without the secondary indexes, which are built again once at the end.
    aside = indexes_set_aside(models) if total >= SET_ASIDE_FROM else nullcontext()
    with aside, ThreadPoolExecutor(2) as pool:
        rows = popular_sources(history, max(20, total // 100))
        writing, citations = _write(pool, rows), []
        for offset in range(0, total, CHUNK):
            following = history.batch((i + 0.5) / total for i in range(offset, min(offset + CHUNK, total)))
            for future in writing:  # the next batch was made while this one was written
                future.result()
            citations.append(pool.submit(in_own_connection, copy_rows, *_tables(rows)["citations"]))
            rows, writing = following, _write(pool, following)
            if progress:
                progress(min(offset + CHUNK, total), total)
        for future in writing:
            future.result()
        citations.append(pool.submit(in_own_connection, copy_rows, *_tables(rows)["citations"]))
        for future in citations:
            future.result()
    for model in models:
        sync_sequence(connection, model)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")  # every table, claimants and people too
