"""Reads of verdicts: what the public may see, filtered."""

import hashlib
from dataclasses import MISSING, dataclass, field, fields
from datetime import date, datetime
from operator import itemgetter
from uuid import uuid4

import django_filters
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from claims.selectors import claims_similar
from claims.textsearch import search_query
from factcheck.filtering import UtcDateTimeFilter, filtered
from factcheck.queueing import send_task
from verdicts.models import Verdict, VerdictTranslation
from verdicts.ratings import Rating
from verdicts.translations.selectors import with_translated_notes, with_translations

PUBLIC_STATUSES = (Verdict.Status.PUBLISHED, Verdict.Status.SUPERSEDED)


@dataclass(slots=True)
class PublicClaimant:
    id: int
    name: str
    kind: str
    role: str = ""
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PublicClaim:
    """A claim as a published verdict pinned it (`Verdict.pinned_claim`): never the live row."""

    id: int
    text: str
    claimant_id: int | None
    said_on: date | None
    said_on_precision: str
    medium: str
    language: str
    tags: list[str]
    claimant: PublicClaimant | None = None
    public_versions: list = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.id


def public_claim(copy: dict) -> PublicClaim:
    """The PublicClaim of a pinned copy (`Verdict.pinned_claim`, or `published_copy()`'s)."""
    person = copy.get("claimant")
    said_on = copy.get("said_on")
    return PublicClaim(
        id=copy["id"],
        text=copy["text"],
        claimant_id=person["id"] if person else None,
        said_on=date.fromisoformat(said_on) if said_on else None,
        said_on_precision=copy.get("said_on_precision") or "day",
        medium=copy.get("medium") or "",
        language=copy.get("language") or "",
        tags=list(copy.get("tags") or []),
        claimant=PublicClaimant(
            id=person["id"],
            name=person["name"],
            kind=person["kind"],
            role=person.get("role") or "",
            aliases=list(person.get("aliases") or []),
        )
        if person
        else None,
    )


@dataclass(slots=True)
class PublicVerdict:
    """What the public JSON, ClaimReview and the public page read of a verdict, and nothing more:
    its own fields and the copies pinned when it was published. A list page holds a hundred, and
    these cost a fraction of model instances; they answer to the same attribute names, so
    `verdict_json` and `claim_review` take either."""

    id: int
    claim_id: int
    number: int
    status: str
    rating: str
    language: str
    headline: str
    summary: str
    explanation: str
    published_at: datetime
    supersedes_id: int | None
    correction_note: str
    pinned_evidence: list
    pinned_appearance: dict
    claim: PublicClaim | None = None
    superseded_by_id: int | None = None
    # Set by verdicts.translations.selectors.with_translations (through with_public_versions).
    translations: list = field(default_factory=list)
    shown: object = None
    text_language: str = ""

    @property
    def pk(self) -> int:
        return self.id


_VERDICT_FIELDS = tuple(f.name for f in fields(PublicVerdict) if f.default is f.default_factory is MISSING)
PUBLIC_FIELDS = (*_VERDICT_FIELDS, "pinned_claim")
_verdict_values = itemgetter(*_VERDICT_FIELDS)


def public_verdict(row: dict) -> PublicVerdict:
    """A PublicVerdict from one row of `verdicts_published()`."""
    return PublicVerdict(*_verdict_values(row), claim=public_claim(row["pinned_claim"]))


class PublishedVerdictFilter(django_filters.FilterSet):
    # No DISTINCT: rating is a column of the verdict itself, and DISTINCT would stop the index-ordered scan.
    rating = django_filters.MultipleChoiceFilter(
        choices=Rating.choices, distinct=False, help_text="One or more rating slugs."
    )
    claimant = django_filters.CharFilter(method="filter_claimant", help_text="Claimant name or alias.")
    tag = django_filters.CharFilter(method="filter_tag")
    language = django_filters.CharFilter(field_name="pinned_claim__language", lookup_expr="iexact")
    published_after = UtcDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = UtcDateTimeFilter(field_name="published_at", lookup_expr="lt")
    modified_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    q = django_filters.CharFilter(
        method="filter_text", help_text="Words in the claim, headline, summary or explanation (web search syntax)."
    )

    class Meta:
        model = Verdict
        fields = []

    # Both read the copy pinned at publication, through GIN indexes (verdict_claimant_keys_gin,
    # verdict_pinned_tags_gin): a claimant renamed or a claim retagged later changes nothing here.
    def filter_claimant(self, queryset, name, value):
        return queryset.filter(pinned_claimant_keys__contains=[value.strip().casefold()])

    def filter_tag(self, queryset, name, value):
        return queryset.filter(pinned_claim__tags__contains=[value])

    def filter_text(self, queryset, name, value):
        # One GIN index (verdict_search_gin) over the claim's words and the verdict's own, each
        # verdict in its claim's language; and one over the published translations, each in its own
        # (verdict_translation_search_gin).
        query = search_query(value)
        translated = VerdictTranslation.objects.filter(status=VerdictTranslation.Status.PUBLISHED, search=query)
        return queryset.filter(Q(search=query) | Q(pk__in=translated.values("verdict_id")))


def with_public_versions(verdicts, *, language: str | None = None) -> list:
    """Attach `claim.public_versions` (the published and superseded versions, oldest first)
    to each verdict, in one query, and only for claims that have been corrected; and the published
    translations, in one more, shown in place of the verdict's text on pages in `language`
    (verdicts.translations.selectors.with_translations), with each version's correction note as
    translated (one more query when a claim was corrected)."""
    verdicts = with_translations(verdicts, language=language)
    corrected = {v.claim_id for v in verdicts if v.supersedes_id or v.status == Verdict.Status.SUPERSEDED}
    versions: dict[int, list[Verdict]] = {}
    if corrected:
        for version in (
            Verdict.objects.filter(claim_id__in=corrected, status__in=PUBLIC_STATUSES)
            .only("id", "claim_id", "number", "published_at", "supersedes_id", "correction_note", "status", "language")
            .order_by("number")
        ):
            versions.setdefault(version.claim_id, []).append(version)
        if language:
            with_translated_notes([v for listed in versions.values() for v in listed], language=language)
    for verdict in verdicts:
        verdict.claim.public_versions = versions.get(verdict.claim_id, [verdict])
    return verdicts


def verdicts_published(*, params=None, fields=PUBLIC_FIELDS, **expressions) -> QuerySet:
    """Published verdicts (never drafts, reviews in progress or superseded ones), filtered,
    as rows of PUBLIC_FIELDS (make each a PublicVerdict with `public_verdict`), or of these
    `fields` and `expressions`."""
    queryset = Verdict.objects.filter(status=Verdict.Status.PUBLISHED).values(*fields, **expressions)
    if params is None:
        return queryset
    return filtered(PublishedVerdictFilter, params, queryset)


_PAGES_VERSION = "public-pages:version"
WARM_TASK = "verdicts.warm_public_pages"


def public_page_key(path: str) -> str:
    """Where the shared cache keeps the public API's answer to `path` (with its query string).
    The key names the current version of the published set, so a change retires every page."""
    version = cache.get(_PAGES_VERSION)
    if version is None:
        cache.add(_PAGES_VERSION, uuid4().hex, None)
        version = cache.get(_PAGES_VERSION, "")
    return f"public-pages:{version}:{hashlib.sha256(path.encode()).hexdigest()}"


def public_pages_changed() -> None:
    """What the public pages show may have changed: none kept so far is served again. Retired now
    (this transaction reads its own change) and again at commit, so that no page read before the
    commit stays kept under the version that follows it; then a worker builds the first pages
    again (verdicts.public_site.caching.public_pages_warm), so readers rarely wait for one."""
    _retire_pages()
    transaction.on_commit(_retire_pages)
    transaction.on_commit(_warm_pages)


def _retire_pages() -> None:
    cache.set(_PAGES_VERSION, uuid4().hex, None)


def _warm_pages() -> None:
    if settings.PUBLIC_PAGE_CACHE_SECONDS > 0:
        send_task(WARM_TASK, args=[], queue=settings.PUBLIC_PAGES_QUEUE)


def verdict_public(*, verdict_id: int, language: str | None = None) -> PublicVerdict | None:
    """A verdict the public may read: published, or superseded (kept readable), as pinned; in its
    translation into `language` when one is published."""
    row = (
        Verdict.objects.filter(pk=verdict_id, status__in=PUBLIC_STATUSES)
        .values(*PUBLIC_FIELDS, "superseded_by")
        .first()
    )
    if row is None:
        return None
    verdict = public_verdict(row)
    verdict.superseded_by_id = row["superseded_by"]
    return with_public_versions([verdict], language=language)[0]


def verdict_published_copy(*, verdict_id: int) -> dict | None:
    """What a published (or superseded) version was published as, as plain data: the claim as
    reviewed with its claimant as named then, the appearance and the evidence (snapshot ids with
    their SHA-256), and the digest of the reviewed unit its approver approved. None for a verdict
    never published. For verification records and case files."""
    wanted = ("id", "claim_id", "number", "status", "published_at", "supersedes_id", "approved_digest")
    pinned = ("pinned_claim", "pinned_appearance", "pinned_evidence")
    row = Verdict.objects.filter(pk=verdict_id, status__in=PUBLIC_STATUSES).values(*wanted, *pinned).first()
    if row is None:
        return None
    return {
        "verdict": row["id"],
        "claim_id": row["claim_id"],
        "version": row["number"],
        "status": row["status"],
        "published_at": row["published_at"].isoformat(),
        "supersedes": row["supersedes_id"],
        "approved_digest": row["approved_digest"],
        "claim": {key: value for key, value in row["pinned_claim"].items() if key != "claimant"},
        "claimant": row["pinned_claim"].get("claimant"),
        "appearance": row["pinned_appearance"],
        "evidence": row["pinned_evidence"],
    }


FROZEN_STATUSES = (Verdict.Status.SUBMITTED, Verdict.Status.APPROVED)


def freeze_reason(number: int, status: str) -> str:
    """Why a claim cannot change while verdict v`number` is `status`, and how to unfreeze it."""
    if status == Verdict.Status.SUBMITTED:
        return gettext(
            "Verdict v%(number)s is submitted for review: the claim and its evidence are frozen until it is "
            "sent back with changes requested."
        ) % {"number": number}
    return gettext(
        "Verdict v%(number)s is approved: the claim and its evidence are frozen until it is published, or "
        "sent back with changes requested."
    ) % {"number": number}


def verdict_holding_claim(*, claim_id: int) -> str | None:
    """The reason the claim is frozen (a verdict on it is under review), or None."""
    held = Verdict.objects.filter(claim_id=claim_id, status__in=FROZEN_STATUSES).values_list("number", "status")
    row = held.first()
    return freeze_reason(*row) if row else None


def verdicts_relying_on(*, source_id: int) -> QuerySet:
    """The published verdicts whose pinned evidence includes this source (what the public API lists)."""
    return Verdict.objects.filter(
        status=Verdict.Status.PUBLISHED, pinned_evidence__contains=[{"source": source_id}]
    ).order_by("pk")


def first_published(verdict: Verdict):
    versions = getattr(verdict.claim, "public_versions", None) or [verdict]
    return versions[0].published_at


def correction_log(verdict: Verdict) -> list[dict]:
    """The corrections published up to this version, oldest first."""
    versions = getattr(verdict.claim, "public_versions", [])
    return [
        {"version": v.number, "date": v.published_at, "note": v.correction_note}
        for v in versions
        if v.supersedes_id and v.number <= verdict.number
    ]


class StaffVerdictFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Verdict.Status.choices, distinct=False)
    claim = django_filters.NumberFilter(field_name="claim_id")
    author = django_filters.NumberFilter(field_name="author_id")
    evidence_changed = django_filters.BooleanFilter(
        field_name="evidence_changed_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Verdict
        fields = []


def verdicts_for_staff(*, params=None) -> QuerySet:
    """Verdicts in every state, for the newsroom."""
    queryset = Verdict.objects.select_related("author", "approver").order_by("-id")
    return queryset if params is None else filtered(StaffVerdictFilter, params, queryset)


def already_checked(*, text: str, exclude_claim_id: int | None = None, limit: int = 5) -> list[dict]:
    """Claims that say the same as `text`, best first, each with the published verdict that
    answers it: its own, or for a duplicate its original's (one query for all of them)."""
    similar = claims_similar(text=text, exclude_id=exclude_claim_id, limit=limit)
    answered_by = {claim.pk: claim.duplicate_of_id or claim.pk for claim in similar}
    verdicts = {
        verdict.claim_id: verdict
        for verdict in Verdict.objects.filter(claim_id__in=set(answered_by.values()), status=Verdict.Status.PUBLISHED)
    }
    return [
        {"claim": claim, "score": claim.similarity, "verdict": verdicts.get(answered_by[claim.pk])} for claim in similar
    ]
