"""Article intake: proposals of claims from an article, matched to the claimants we know, and
the ones a journalist keeps stored as new claims linked to the article's Source."""

import datetime
import re

from django.db import transaction
from django.db.models import Q

from claims.extraction import article_date, extract_claims
from claims.models import Claim, Claimant
from claims.services import claim_create, claimant_create
from factcheck.errors import InvalidInput
from factcheck.guards import require_permission
from sources.models import Source
from sources.selectors import snapshot_latest_succeeded

MAX_ARTICLE_CHARS = 500_000
MAX_UPLOAD_BYTES = 2_000_000
MAX_KEPT = 200


def article_upload_text(upload) -> str:
    """The text of an uploaded article: UTF-8 (bad bytes replaced), at most MAX_UPLOAD_BYTES."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise InvalidInput(f"The file is larger than {MAX_UPLOAD_BYTES // 1_000_000} MB.")
    raw = upload.read()
    if b"\x00" in raw:
        raise InvalidInput("That is not a text file: save the article as plain text.")
    return raw.decode("utf-8", errors="replace")


def article_from_source(*, source_id: int) -> tuple[Source, str, datetime.date | None, str]:
    """The article's text as last captured, with its date and its outlet (publisher or site)."""
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        raise InvalidInput(f"There is no source #{source_id}.")
    snapshot = snapshot_latest_succeeded(source_id=source.pk)
    if snapshot is None or not snapshot.text.strip():
        raise InvalidInput("That source has no captured text yet: wait for its capture to succeed.")
    return source, snapshot.text, snapshot.page_date, source.publisher or source.domain


def claimants_matching(names: set[str]) -> dict[str, Claimant]:
    """The known claimant each name stands for, in one query: by name or alias (any case), or for
    a person's surname alone ("Biden") the one person of that surname. "The Kremlin" is not Putin
    unless someone made it his alias."""
    names = {name for name in names if name}
    if not names:
        return {}
    surnames = {name.split()[-1] for name in names}
    condition = Q(aliases__overlap=list(names))
    for name in names:
        condition |= Q(name__iexact=name)
    for surname in surnames:
        condition |= Q(kind=Claimant.Kind.PERSON, name__iendswith=" " + surname)
    known = list(Claimant.objects.filter(condition)[:500])
    found = {}
    for name in names:
        lower = name.casefold()
        exact = [c for c in known if c.name.casefold() == lower or lower in (a.casefold() for a in c.aliases)]
        same_surname = [
            c
            for c in known
            if c.kind == Claimant.Kind.PERSON and c.name.casefold().split()[-1] == lower.split()[-1]
            and (" " not in name or c.name.casefold().endswith(lower))
        ]  # fmt: skip
        if exact or len(same_surname) == 1:
            found[name] = (exact or same_surname)[0]
    return found


def article_proposals(
    *, text: str, published: datetime.date | None = None, outlet: str = ""
) -> tuple[datetime.date | None, list[dict]]:
    """The article's date (as given, else its dateline's) and the claims proposed from it, each
    a dict (the extraction's keys) with the known claimant it names (`claimant_id`, or None)."""
    if not (text or "").strip():
        raise InvalidInput("Paste the article's text, upload it, or give a captured source.")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InvalidInput(f"The article is longer than {MAX_ARTICLE_CHARS:,} characters.")
    published = published or article_date(text)
    proposals = [p.as_dict() for p in extract_claims(text, published=published, outlet=outlet or None)]
    known = claimants_matching({p["claimant"] for p in proposals if p["claimant"]})
    for proposal in proposals:
        claimant = known.get(proposal["claimant"])
        proposal["claimant_id"] = claimant.pk if claimant else None
        if claimant:
            proposal["claimant"] = claimant.name
    return published, proposals


def _said_on(value: str | None) -> tuple[datetime.date | None, str]:
    """A date, year-month or year as a first day and how much of it is known."""
    if not value:
        return None, Claim.DatePrecision.DAY
    precision = {4: Claim.DatePrecision.YEAR, 7: Claim.DatePrecision.MONTH}.get(len(value), Claim.DatePrecision.DAY)
    try:
        parts = [int(part) for part in value.split("-")] + [1, 1]
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise ValueError(value)
        return datetime.date(*parts[:3]), precision
    except ValueError:
        raise InvalidInput(f"“{value}” is not a date (YYYY-MM-DD, YYYY-MM or YYYY).") from None


def _looks_like_person(name: str) -> bool:
    words = name.split()
    return (
        2 <= len(words) <= 4
        and all(re.fullmatch(r"[A-Z][\w'’.-]+", w) for w in words)
        and not any(w.isupper() for w in words)
    )


def article_keep(*, actor, proposals: list[dict], origin: Source | None = None) -> list[Claim]:
    """Store the proposals a journalist kept as `new` claims, all or none. A claimant we do not
    know yet is added (a person or an organisation, by the look of the name)."""
    require_permission(actor, "claims.add_claim", "add claims")
    if not proposals:
        raise InvalidInput("Tick at least one proposed claim to keep.")
    if len(proposals) > MAX_KEPT:
        raise InvalidInput(f"Keep at most {MAX_KEPT} claims at a time.")
    named = {p.get("claimant") or "" for p in proposals} - {""}
    with transaction.atomic():
        claimants = claimants_matching(named)
        for name in sorted(named - set(claimants)):
            kind = Claimant.Kind.PERSON if _looks_like_person(name) else Claimant.Kind.ORGANISATION
            claimants[name] = claimant_create(actor=actor, name=name[:200], kind=kind)
        kept = []
        for proposal in proposals:
            said_on, precision = _said_on(proposal.get("said_on"))
            kept.append(
                claim_create(
                    actor=actor,
                    text=proposal.get("text") or "",
                    claimant=claimants.get(proposal.get("claimant") or ""),
                    said_on=said_on,
                    said_on_precision=precision,
                    medium=(proposal.get("medium") or "")[:200],
                    cited_source=(proposal.get("cited_source") or "")[:300],
                    sentence=proposal.get("sentence") or "",
                    checkworthiness=proposal.get("score"),
                    origin=origin,
                )
            )
    return kept
