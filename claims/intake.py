"""Article intake: proposals of claims from an article, matched to the claimants we know, and
the ones a journalist keeps stored as new claims linked to the article's Source."""

import datetime
import logging
import re
from collections.abc import Callable

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from claims.models import Claim, Claimant, ExtractionJob
from claims.selectors import claimants_resolve
from claims.services import claim_create, claimant_create
from factcheck.errors import DomainError, InvalidInput
from factcheck.guards import require_permission
from sources.models import Source
from sources.selectors import snapshot_best

MAX_KEPT = 200
logger = logging.getLogger(__name__)


def _grouped(number: int) -> str:
    return number_format(number, force_grouping=True)


def article_length_check(text: str) -> None:
    """Refuse an article longer than INTAKE_MAX_CHARACTERS, naming the limit."""
    limit = settings.INTAKE_MAX_CHARACTERS
    if len(text) > limit:
        said = ngettext(
            "The article has %(count)s character; at most %(most)s are taken at a time. Split it and propose each "
            "part.",
            "The article has %(count)s characters; at most %(most)s are taken at a time. Split it and propose each "
            "part.",
            len(text),
        )
        raise InvalidInput(said % {"count": _grouped(len(text)), "most": _grouped(limit)})


def article_upload_text(upload) -> str:
    """The text of an uploaded article (`article_bytes_text`), at most INTAKE_MAX_UPLOAD_BYTES and
    INTAKE_MAX_CHARACTERS."""
    limit = settings.INTAKE_MAX_UPLOAD_BYTES
    if upload.size > limit:
        said = ngettext(
            "The file has %(count)s byte; at most %(most)s are taken.",
            "The file has %(count)s bytes; at most %(most)s are taken.",
            upload.size,
        )
        raise InvalidInput(said % {"count": _grouped(upload.size), "most": _grouped(limit)})
    text = article_bytes_text(upload.read(limit + 1))
    article_length_check(text)
    return text


def article_bytes_text(raw: bytes) -> str:
    """An article's bytes as text: UTF-8, or Windows-1252 (what a text file saved on Windows often
    is) when they are not UTF-8. NUL bytes mean it is not text at all."""
    if b"\x00" in raw:
        raise InvalidInput(gettext("That is not a text file: save the article as plain text."))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def article_from_source(*, source_id: int) -> tuple[Source, str, datetime.date | None, str]:
    """The article's text as last captured, with its date and its outlet (publisher or site)."""
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        raise InvalidInput(gettext("There is no source #%(number)s.") % {"number": source_id})
    snapshot = snapshot_best(source_id=source.pk)
    if snapshot is None or not snapshot.text.strip():
        raise InvalidInput(gettext("That source has no captured text yet: wait for its capture to succeed."))
    return source, snapshot.text, snapshot.page_date, source.publisher or source.domain


def article_text_check(text: str) -> None:
    """Refuse an empty article, or one over the limit."""
    if not (text or "").strip():
        raise InvalidInput(gettext("Paste the article's text, upload it, or give a captured source."))
    article_length_check(text)


def claimants_matching(names: set[str]) -> dict[str, Claimant]:
    """The known claimant each name stands for, in one query each: by name or alias (any case or
    spacing, `claims.selectors.claimants_resolve`), or for a person's surname alone ("Biden")
    the one person of that surname. "The Kremlin" is not Putin unless someone made it his alias."""
    names = {name for name in names if name and name.strip()}
    if not names:
        return {}
    found = claimants_resolve(names)
    rest = names - set(found)
    if not rest:
        return found
    surnames = {name.split()[-1] for name in rest}
    condition = Q()
    for surname in surnames:
        condition |= Q(name__iendswith=" " + surname)
    known = list(Claimant.objects.filter(condition, kind=Claimant.Kind.PERSON)[:500])
    for name in rest:
        lower = name.casefold()
        same_surname = [
            c
            for c in known
            if c.name.casefold().split()[-1] == lower.split()[-1]
            and (" " not in name or c.name.casefold().endswith(lower))
        ]  # fmt: skip
        if len(same_surname) == 1:
            found[name] = same_surname[0]
    return found


def article_proposals(
    *, text: str, published: datetime.date | None = None, outlet: str = "", time_limit: float | None = None
) -> tuple[datetime.date | None, list[dict]]:
    """The article's date (as given, else its dateline's) and the claims proposed from it, each
    a dict (the extraction's keys) with the known claimant it names (`claimant_id`, or None).
    Past `time_limit` seconds the extraction stops with ExtractionTimeout."""
    # The extraction's patterns and lexicons (14 MB) are loaded by the processes that extract,
    # not by every worker that imports the intake (a browser capture worker, say).
    from claims.extraction import article_date, extract_claims

    article_text_check(text)
    published = published or article_date(text)
    found = extract_claims(text, published=published, outlet=outlet or None, time_limit=time_limit)
    proposals = [p.as_dict() for p in found]
    known = claimants_matching({p["claimant"] for p in proposals if p["claimant"]})
    for proposal in proposals:
        claimant = known.get(proposal["claimant"])
        proposal["claimant_id"] = claimant.pk if claimant else None
        if claimant:
            proposal["claimant"] = claimant.name
    return published, proposals


def said_on_parse(value: str | None) -> tuple[datetime.date | None, str]:
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
        raise InvalidInput(
            gettext("“%(value)s” is not a date (YYYY-MM-DD, YYYY-MM or YYYY).") % {"value": value}
        ) from None


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
        raise InvalidInput(gettext("Tick at least one proposed claim to keep."))
    if len(proposals) > MAX_KEPT:
        raise InvalidInput(gettext("Keep at most %(most)s claims at a time.") % {"most": MAX_KEPT})
    named = {p.get("claimant") or "" for p in proposals} - {""}
    with transaction.atomic():
        claimants = claimants_matching(named)
        for name in sorted(named - set(claimants)):
            kind = Claimant.Kind.PERSON if _looks_like_person(name) else Claimant.Kind.ORGANISATION
            claimants[name] = claimant_create(actor=actor, name=name[:200], kind=kind)
        kept = []
        for proposal in proposals:
            said_on, precision = said_on_parse(proposal.get("said_on"))
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


# --- long articles: a worker proposes their claims ---


def article_in_background(text: str) -> bool:
    """Whether the article is long enough for a worker to propose its claims."""
    return len(text) > settings.INTAKE_SYNC_CHARACTERS


def extraction_job_create(
    *, actor, text: str, published: datetime.date | None = None, outlet: str = "", source: Source | None = None
) -> ExtractionJob:
    """An extraction waiting for a worker (the caller queues it once this commits)."""
    require_permission(actor, "claims.add_claim", "add claims")
    article_text_check(text)
    return ExtractionJob.objects.create(
        owner=actor, text=text, published=published, outlet=(outlet or "")[:200], source=source
    )


def extraction_job_run(*, job_id, annotate: Callable[[list[dict]], None] | None = None) -> ExtractionJob | None:
    """Propose the claims of a queued extraction and store them (after `annotate`, which may add
    to each proposal), or store why not. Only one worker takes a job; a job already taken, or
    gone, is left alone (None). Nothing here raises: a worker that runs it lives on."""
    from claims.extraction import ExtractionTimeout  # loaded before the job is marked running

    started = ExtractionJob.objects.filter(pk=job_id, status=ExtractionJob.Status.QUEUED).update(
        status=ExtractionJob.Status.RUNNING, started_at=timezone.now()
    )
    if not started:
        return None
    job = ExtractionJob.objects.get(pk=job_id)
    try:
        published, proposals = article_proposals(
            text=job.text, published=job.published, outlet=job.outlet, time_limit=settings.INTAKE_TIME_LIMIT
        )
        if annotate:
            annotate(proposals)
    except (ExtractionTimeout, SoftTimeLimitExceeded):
        return _job_failed(job, _too_long())
    except DomainError as error:
        return _job_failed(job, str(error))
    except Exception:
        logger.exception("Extraction %s failed", job.pk)
        return _job_failed(job, "The extraction failed. Try again; if it fails again, paste the text instead.")
    job.status, job.proposals, job.published, job.text = ExtractionJob.Status.DONE, proposals, published, ""
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "proposals", "published", "text", "finished_at"])
    return job


def _too_long() -> str:
    return (
        f"The extraction took longer than {settings.INTAKE_TIME_LIMIT:g} seconds and was stopped. "
        "Split the article and propose each part."
    )


def _job_failed(job: ExtractionJob, message: str) -> ExtractionJob:
    job.status, job.error, job.text, job.finished_at = ExtractionJob.Status.FAILED, message, "", timezone.now()
    job.save(update_fields=["status", "error", "text", "finished_at"])
    return job


def extraction_job_for(*, actor, job_id) -> ExtractionJob | None:
    """The extraction, for the person who asked for it only (None for anyone else). One whose
    worker died, or that no worker took, is failed with a message."""
    job = ExtractionJob.objects.filter(pk=job_id, owner=actor).first() if actor.is_authenticated else None
    if job is None:
        return None
    if not job.finished and _stale(job):
        ExtractionJob.objects.filter(pk=job.pk, status=job.status).update(
            status=ExtractionJob.Status.FAILED, error=_stale_reason(job), text="", finished_at=timezone.now()
        )
        job.refresh_from_db()
    return job


def _stale(job: ExtractionJob) -> bool:
    now = timezone.now()
    if job.status == ExtractionJob.Status.RUNNING:
        return (now - job.started_at).total_seconds() > settings.INTAKE_TIME_LIMIT + 60
    return (now - job.created_at).total_seconds() > settings.INTAKE_TIME_LIMIT + 600


def _stale_reason(job: ExtractionJob) -> str:
    if job.status == ExtractionJob.Status.RUNNING:
        return _too_long()
    return "No worker took the extraction in time. Propose the article again."


def extraction_jobs_clean() -> dict:
    """Fail the extractions whose worker died or that no worker took, and delete the finished
    ones older than INTAKE_JOBS_KEEP seconds (beat runs it every ten minutes)."""
    failed = 0
    for job in ExtractionJob.objects.filter(
        status__in=[ExtractionJob.Status.QUEUED, ExtractionJob.Status.RUNNING]
    ).only("pk", "status", "created_at", "started_at"):
        if _stale(job):
            failed += ExtractionJob.objects.filter(pk=job.pk, status=job.status).update(
                status=ExtractionJob.Status.FAILED, error=_stale_reason(job), text="", finished_at=timezone.now()
            )
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.INTAKE_JOBS_KEEP)
    deleted, _ = ExtractionJob.objects.filter(created_at__lt=cutoff).delete()
    return {"failed": failed, "deleted": deleted}
