"""The case file: everything an audit of a published verdict asks for, in one export.

For one verdict, a selection, or every verdict published in a date range: the claim as reviewed,
every version and correction with its note, who drafted, approved and published and when, each
piece of evidence with its hashes, the audit rows concerning them (in full), as JSON or CSV; or as
a ZIP that adds the stored files of the evidence, their WARCs, the run of the audit chain that
covers the rows and a manifest of every file's SHA-256, checkable with no database
(`scripts/verify_record.py`). Written to a file as it goes, never held whole in memory. Every export
is permission-checked and audited.
"""

import csv
import io
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import BinaryIO

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from claims.models import Citation
from factcheck.audit import audit_event_entry, audit_record
from factcheck.errors import InvalidInput
from factcheck.guards import require_permission
from factcheck.models import AuditEvent
from sources.models import Snapshot
from verdicts.casefile.writing import CSV_COLUMNS, FORMAT, Hashing, csv_row, write_json, write_zip
from verdicts.models import Verdict
from verdicts.selectors import PUBLIC_STATUSES, verdict_published_copy
from verdicts.verification import pinned_snapshots

FORMATS = ("zip", "json", "csv")
PERMISSION = "verdicts.export_casefile"
CONTENT_TYPES = {"zip": "application/zip", "json": "application/json", "csv": "text/csv; charset=utf-8"}


class CasefileNotFound(Verdict.DoesNotExist):
    """The verdict asked for does not exist or was never published (404)."""


@dataclass(frozen=True)
class Scope:
    """What a case file covers: verdicts by number, or those published from one day to another."""

    verdict_ids: tuple[int, ...] = ()
    published_from: date | None = None
    published_to: date | None = None

    def describe(self) -> str:
        if self.published_from:
            return f"verdicts published from {self.published_from} to {self.published_to}"
        if len(self.verdict_ids) == 1:
            return f"verdict {self.verdict_ids[0]}"
        return "verdicts " + ", ".join(str(i) for i in self.verdict_ids)

    def as_json(self) -> dict:
        if self.published_from:
            return {"published_from": self.published_from.isoformat(), "published_to": self.published_to.isoformat()}
        return {"verdicts": list(self.verdict_ids)}


def _day(value, what: str) -> date:
    """`value` as a date, or refused: `what` names it as the subject of a sentence, marked for translation."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise InvalidInput(
            gettext("%(what)s must be a date as YYYY-MM-DD (got “%(value)s”).")
            % {"what": gettext(what), "value": str(value)[:40]}
        ) from None


def casefile_scope(*, verdict_ids=None, published_from=None, published_to=None) -> Scope:
    """A checked scope: verdicts by number, or a range of publication dates (both ends included)."""
    if verdict_ids and (published_from or published_to):
        raise InvalidInput(gettext("Give either verdicts or a range of publication dates, not both."))
    if verdict_ids:
        return Scope(verdict_ids=tuple(dict.fromkeys(int(i) for i in verdict_ids)))
    if not (published_from and published_to):
        raise InvalidInput(gettext("Give a verdict, or both ends of a range of publication dates (from and to)."))
    start, end = _day(published_from, gettext_noop("The first day")), _day(published_to, gettext_noop("The last day"))
    if start > end:
        raise InvalidInput(
            gettext("The range starts (%(start)s) after it ends (%(end)s).") % {"start": start, "end": end}
        )
    return Scope(published_from=start, published_to=end)


def casefile_verdicts(*, scope: Scope) -> list[int]:
    """The published (or superseded) verdicts a scope covers, oldest publication first."""
    published = Verdict.objects.filter(status__in=PUBLIC_STATUSES)
    if scope.published_from:
        start = datetime.combine(scope.published_from, time.min, tzinfo=UTC)
        end = datetime.combine(scope.published_to + timedelta(days=1), time.min, tzinfo=UTC)
        published = published.filter(published_at__gte=start, published_at__lt=end)
        return list(published.order_by("published_at", "id").values_list("id", flat=True))
    found = set(published.filter(pk__in=scope.verdict_ids).values_list("id", flat=True))
    missing = [i for i in scope.verdict_ids if i not in found]
    if missing:
        raise CasefileNotFound(
            f"No published verdict {', '.join(map(str, missing))}: a case file covers published verdicts only."
        )
    return list(scope.verdict_ids)


# --- what each verdict's case holds -----------------------------------------------------------


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _who(user) -> str | None:
    return user.get_username() if user else None


def _concerning(verdict: Verdict, versions: list[Verdict], snapshot_ids: list[int]) -> Q:
    citations = Citation.objects.filter(claim_id=verdict.claim_id).values_list("id", flat=True)
    keys = Q(object_type="verdicts.verdict", object_id__in=[str(v.pk) for v in versions])
    keys |= Q(object_type="claims.claim", object_id=str(verdict.claim_id))
    keys |= Q(object_type="claims.citation", object_id__in=[str(i) for i in citations])
    keys |= Q(object_type="sources.snapshot", object_id__in=[str(i) for i in snapshot_ids], action="snapshot.captured")
    return keys


def casefile_entry(*, verdict_id: int) -> tuple[dict, list[Snapshot]]:
    """One verdict's case (plain data) and the captures it pins."""
    verdict = Verdict.objects.select_related("author", "approver", "published_by").get(pk=verdict_id)
    copy = verdict_published_copy(verdict_id=verdict_id)
    versions = list(
        Verdict.objects.filter(claim_id=verdict.claim_id)
        .select_related("author", "approver", "published_by")
        .order_by("number")
    )
    pinned = pinned_snapshots(copy)
    stored = Snapshot.objects.in_bulk([item["snapshot"] for item in pinned])
    events = list(AuditEvent.objects.filter(_concerning(verdict, versions, list(stored))).order_by("seq"))
    mine = [e for e in events if e.object_type == "verdicts.verdict" and e.object_id == str(verdict.pk)]
    submitted = next((e for e in reversed(mine) if e.action == "verdict.submit"), None)
    opened = {
        e.data.get("correction"): e
        for e in events
        if e.action == "verdict.open_correction" and e.data.get("correction")
    }
    by_snapshot = {item["snapshot"]: item for item in copy["evidence"]}
    evidence = []
    for item in pinned:
        snapshot = stored.get(item["snapshot"])
        cited = by_snapshot.get(item["snapshot"], {})
        evidence.append(
            {
                **item,
                "citation": cited.get("citation"),
                "stance": cited.get("stance"),
                "quote": cited.get("quote"),
                "text_sha256": snapshot.text_sha256 if snapshot else None,
                "file": f"evidence/{item['sha256']}" if snapshot and snapshot.payload else None,
                "warc": f"warc/capture-{item['snapshot']}.warc.gz" if snapshot and snapshot.warc else None,
            }
        )
    entry = {
        "verdict": verdict.pk,
        "claim": verdict.claim_id,
        "version": verdict.number,
        "status": verdict.status,
        "rating": verdict.rating,
        "headline": verdict.headline,
        "summary": verdict.summary,
        "explanation": verdict.explanation,
        "claim_as_reviewed": copy["claim"],
        "claimant_as_named": copy["claimant"],
        "appearance": copy["appearance"],
        "review_unit": verdict.review_unit,
        "review_digest": verdict.review_digest,
        "approved_digest": verdict.approved_digest,
        "people": {
            "drafted_by": _who(verdict.author),
            "drafted_at": _iso(verdict.created_at),
            "submitted_by": submitted.actor_username if submitted else None,
            "submitted_at": _iso(submitted.created_at) if submitted else None,
            "approved_by": _who(verdict.approver),
            "approved_at": _iso(verdict.approved_at),
            "published_by": _who(verdict.published_by),
            "published_at": _iso(verdict.published_at),
        },
        "versions": [
            {
                "verdict": v.pk,
                "version": v.number,
                "status": v.status,
                "rating": v.rating,
                "headline": v.headline,
                "summary": v.summary,
                "correction_note": v.correction_note,
                "supersedes": v.supersedes_id,
                "drafted_by": _who(v.author),
                "drafted_at": _iso(v.created_at),
                "approved_by": _who(v.approver),
                "approved_at": _iso(v.approved_at),
                "published_by": _who(v.published_by),
                "published_at": _iso(v.published_at),
            }
            for v in versions
        ],
        "corrections": [
            {
                "version": v.number,
                "verdict": v.pk,
                "note": v.correction_note,
                "opened_by": opened[v.pk].actor_username if v.pk in opened else None,
                "opened_at": _iso(opened[v.pk].created_at) if v.pk in opened else None,
                "reason": opened[v.pk].comment if v.pk in opened else None,
                "published_at": _iso(v.published_at),
            }
            for v in versions
            if v.supersedes_id
        ],
        "evidence": evidence,
        "audit": [audit_event_entry(e, disclose=True) for e in events],
    }
    return entry, [stored[i["snapshot"]] for i in pinned if i["snapshot"] in stored]


@dataclass(frozen=True)
class Exported:
    verdicts: list[int]
    format: str
    sha256: str
    size: int
    audit_event: int


def _header(scope: Scope, actor, now) -> dict:
    return {
        "format": FORMAT,
        "exported_at": now.isoformat(),
        "exported_by": actor.get_username(),
        "scope": scope.as_json(),
    }


def casefile_export(*, actor, scope: Scope, fmt: str, out: BinaryIO) -> Exported:
    """Write the case file of `scope` as `fmt` (zip, json or csv) to `out`, and audit who exported
    what (with the export's SHA-256)."""
    require_permission(actor, PERMISSION, "export case files")
    if fmt not in FORMATS:
        raise InvalidInput(
            gettext("The format must be one of %(formats)s (got “%(value)s”).")
            % {"formats": ", ".join(FORMATS), "value": str(fmt)[:20]}
        )
    ids = casefile_verdicts(scope=scope)
    now = timezone.now()
    header = _header(scope, actor, now)
    stream = Hashing(out)
    if fmt == "zip":
        write_zip(stream, ids, header, lambda pk: casefile_entry(verdict_id=pk))
    elif fmt == "json":
        entries = (casefile_entry(verdict_id=i)[0] for i in ids)
        write_json(stream, header, entries, {})
    else:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
        writer = csv.writer(text)
        writer.writerow(CSV_COLUMNS)
        for verdict_id in ids:
            writer.writerow(csv_row(casefile_entry(verdict_id=verdict_id)[0]))
        text.detach()
    with transaction.atomic():
        target = Verdict.objects.get(pk=ids[0]) if len(scope.verdict_ids) == 1 else actor
        event = audit_record(
            actor=actor,
            action="casefile.export",
            target=target,
            comment=f"Case file of {scope.describe()} ({fmt})",
            data={
                **scope.as_json(),
                "format": fmt,
                "exported": ids,
                "sha256": stream.digest.hexdigest(),
                "bytes": stream.size,
            },
        )
    return Exported(ids, fmt, stream.digest.hexdigest(), stream.size, event.seq)


def casefile_filename(scope: Scope, fmt: str) -> str:
    if scope.published_from:
        return f"casefile-{scope.published_from}-to-{scope.published_to}.{fmt}"
    return f"casefile-verdict-{'-'.join(map(str, scope.verdict_ids[:5]))}.{fmt}"


def casefile_to_tempfile(*, actor, scope: Scope, fmt: str) -> tuple[BinaryIO, Exported]:
    """`casefile_export` into a temporary file (gone once closed), rewound, for a download: a year
    of verdicts is never held in memory."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (handed to the response, which closes it)
    try:
        exported = casefile_export(actor=actor, scope=scope, fmt=fmt, out=handle)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return handle, exported
