"""Anyone can verify a published verdict: its verification record, and the checks of
`manage.py verify_verdict`.

The record is public. It holds the copy pinned at publication, each pinned capture with its
SHA-256 and where to download the exact bytes stored, and the run of the audit chain from the
verdict's submission to its publication (and on to the first head recorded outside the database
at or after it), with the receipts of the pinned captures. Only the verdict's own events are given
in full: every other event in that run concerns other work, possibly unpublished, so it is given
by its number, its link to the event before and its hash alone. A reader can check every link and
recompute the verdict's own events' hashes, not the others' content.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from factcheck.audit import audit_event_entry, audit_head, audit_segment, audit_walk, by_seq
from factcheck.audit_heads import audit_head_latest, audit_heads_recorded
from factcheck.models import AuditEvent
from sources.models import Snapshot
from sources.selectors import snapshots_as_kept
from verdicts import claimreview
from verdicts.models import Verdict
from verdicts.review_unit import published_copy, review_unit_digest
from verdicts.selectors import verdict_published_copy

FORMAT = "verification-record/1"
VERDICT_TYPE = "verdicts.verdict"
SNAPSHOT_TYPE = "sources.snapshot"


def _site(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def pinned_snapshots(copy: dict) -> list[dict]:
    """Each capture a published copy pins (evidence first, then where the claim appeared), once."""
    seen, found = set(), []
    for role, item in [*(("evidence", e) for e in copy["evidence"]), ("appearance", copy["appearance"] or {})]:
        if item.get("snapshot") and item["snapshot"] not in seen:
            seen.add(item["snapshot"])
            found.append({"role": role, "snapshot": item["snapshot"], "url": item.get("url", ""), **_hashes(item)})
    return found


def _hashes(item: dict) -> dict:
    return {"sha256": item.get("sha256"), "captured_at": item.get("captured_at")}


@dataclass
class ReviewEvents:
    """The audit events of one verdict's last review: the submission it was approved on, the
    approval and the publication, and the capture receipts of what it pins."""

    submit: AuditEvent | None
    approve: AuditEvent | None
    publish: AuditEvent | None
    receipts: dict[int, AuditEvent] = field(default_factory=dict)


def review_events(*, verdict_id: int, snapshot_ids: list[int]) -> ReviewEvents:
    mine = AuditEvent.objects.filter(object_type=VERDICT_TYPE, object_id=str(verdict_id))
    publish = mine.filter(action="verdict.publish").order_by("seq").first()
    submit = approve = None
    if publish is not None:
        submit = mine.filter(action="verdict.submit", seq__lt=publish.seq).order_by("-seq").first()
        after = submit.seq if submit else 0
        approve = mine.filter(action="verdict.approve", seq__gt=after, seq__lt=publish.seq).order_by("-seq").first()
    receipts = {}
    found = AuditEvent.objects.filter(
        object_type=SNAPSHOT_TYPE, object_id__in=[str(i) for i in snapshot_ids], action="snapshot.captured"
    ).order_by("seq")
    for event in found:
        receipts[int(event.object_id)] = event  # the last receipt of each capture
    return ReviewEvents(submit, approve, publish, receipts)


def _segment_head(last_seq: int):
    """The first head recorded outside the database at or after event `last_seq` (None if none)."""
    heads, _, _ = audit_heads_recorded()
    later = [head for head in heads if head.seq >= last_seq]
    return min(later, key=lambda head: head.seq) if later else None


def verdict_verification_record(*, verdict_id: int) -> dict | None:
    """The public verification record of a published (or superseded) verdict; None if it was
    never published."""
    copy = verdict_published_copy(verdict_id=verdict_id)
    if copy is None:
        return None
    snapshots = pinned_snapshots(copy)
    snapshot_ids = [s["snapshot"] for s in snapshots]
    kept = snapshots_as_kept(snapshot_ids=snapshot_ids)  # a WARC is offered only where one is kept
    events = review_events(verdict_id=verdict_id, snapshot_ids=snapshot_ids)
    segment, reaches = [], None
    if events.publish is not None:
        first = events.submit.seq if events.submit else events.publish.seq
        reaches = _segment_head(events.publish.seq)
        last = reaches.seq if reaches else events.publish.seq
        own = str(verdict_id)
        segment = list(
            audit_segment(
                first_seq=first,
                last_seq=last,
                disclose=lambda e: e.object_type == VERDICT_TYPE and e.object_id == own,
            )
        )
    latest = audit_head_latest()
    return {
        "format": FORMAT,
        "verdict": verdict_id,
        "url": _site("verdict-public", verdict_id),
        "published_copy": copy,
        "snapshots": [
            {
                **item,
                "archived_copy": claimreview.capture_url(item["snapshot"]),
                "payload_url": _site("capture-payload", item["snapshot"]),
                "warc_url": _site("capture-warc", item["snapshot"])
                if kept.get(item["snapshot"], {}).get("has_warc")
                else None,
            }
            for item in snapshots
        ],
        "audit": {
            "hash": "SHA-256 of each event's fields other than hash: JSON, keys sorted, no spaces, UTF-8",
            "segment": segment,
            "segment_head": {"seq": reaches.seq, "hash": reaches.hash} if reaches else None,
            "receipts": [audit_event_entry(e, disclose=True) for e in events.receipts.values()],
            "latest_head": latest.as_json() if latest else None,
        },
    }


# --- verify_verdict ---------------------------------------------------------------------------


@dataclass
class Check:
    what: str
    ok: bool
    detail: str = ""


@dataclass
class VerdictReport:
    verdict_id: int
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [check for check in self.checks if not check.ok]

    def add(self, what: str, ok: bool, detail: str = "") -> None:
        self.checks.append(Check(what, bool(ok), detail))

    def as_json(self) -> dict:
        return {
            "verdict": self.verdict_id,
            "ok": self.ok,
            "checks": [{"check": c.what, "ok": c.ok, "detail": c.detail} for c in self.checks],
        }


def _file_sha256(field_file) -> str:
    digest = hashlib.sha256()
    with field_file.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verdict_verify(*, verdict_id: int) -> VerdictReport | None:
    """Check a published verdict against its stored files and the audit chain; None if it was
    never published. Every check is reported, passed or failed."""
    copy = verdict_published_copy(verdict_id=verdict_id)
    if copy is None:
        return None
    verdict = Verdict.objects.only("id", "author_id", "review_unit").get(pk=verdict_id)
    report = VerdictReport(verdict_id)
    pinned = pinned_snapshots(copy)
    events = review_events(verdict_id=verdict_id, snapshot_ids=[s["snapshot"] for s in pinned])
    _check_snapshots(report, pinned, events)
    _check_review(report, verdict, copy, events)
    _check_chain(report, events)
    return report


def _check_snapshots(report: VerdictReport, pinned: list[dict], events: ReviewEvents) -> None:
    published = {}
    if events.publish is not None:
        published = {s["snapshot"]: s["sha256"] for s in events.publish.data.get("snapshots", [])}
    stored = Snapshot.objects.in_bulk([item["snapshot"] for item in pinned])
    for item in pinned:
        number, expected = item["snapshot"], item["sha256"]
        name = f"capture #{number} ({item['role']}, {item['url']})"
        snapshot = stored.get(number)
        if snapshot is None or not snapshot.payload:
            report.add(f"{name}: stored file", False, "the capture or its stored file is missing")
            continue
        try:
            actual = _file_sha256(snapshot.payload)
        except OSError as exc:
            report.add(f"{name}: stored file", False, f"cannot be read ({exc.__class__.__name__})")
            continue
        report.add(
            f"{name}: stored file's SHA-256 is the pinned one",
            actual == expected,
            f"file {actual}, pinned {expected}" if actual != expected else actual,
        )
        report.add(
            f"{name}: the publish event lists it with that SHA-256",
            published.get(number) == expected,
            "" if published.get(number) == expected else f"publish event says {published.get(number)}",
        )
        receipt = events.receipts.get(number)
        receipt_hash = receipt.data.get("sha256") if receipt else None
        report.add(
            f"{name}: its capture receipt has that SHA-256",
            receipt_hash == expected,
            ""
            if receipt_hash == expected
            else (f"receipt #{receipt.seq} says {receipt_hash}" if receipt else "no receipt in the audit chain"),
        )


def _check_review(report: VerdictReport, verdict: Verdict, copy: dict, events: ReviewEvents) -> None:
    for name, event in (("submit", events.submit), ("approve", events.approve), ("publish", events.publish)):
        report.add(f"the {name} event is in the audit chain", event is not None, "" if event else "not found")
    if not (events.approve and events.publish):
        return
    approved = events.approve.data.get("review_digest")
    published = events.publish.data.get("review_digest")
    report.add(
        "the approve event's digest is the publish event's and the pinned copy's",
        approved == published == copy["approved_digest"] and bool(approved),
        f"approve {approved}, publish {published}, pinned copy {copy['approved_digest']}",
    )
    unit = verdict.review_unit or {}
    if unit:
        digest = review_unit_digest(unit)
        report.add(
            "the reviewed unit's digest is the one approved", digest == copy["approved_digest"], f"unit {digest}"
        )
        pinned = published_copy(unit)
        same = (
            pinned["pinned_evidence"] == copy["evidence"]
            and pinned["pinned_appearance"] == copy["appearance"]
            and {k: v for k, v in pinned["pinned_claim"].items() if k != "claimant"} == copy["claim"]
            and pinned["pinned_claim"]["claimant"] == copy["claimant"]
        )
        report.add("the published copy is the one taken from the reviewed unit", same, "" if same else "it differs")
    author = events.submit.actor_id if events.submit else verdict.author_id
    report.add(
        "the approver is not the author",
        events.approve.actor_id is not None and events.approve.actor_id not in (author, verdict.author_id),
        f"approved by {events.approve.actor_username or 'nobody'}, written by "
        f"{events.submit.actor_username if events.submit else verdict.author_id}",
    )


def _check_chain(report: VerdictReport, events: ReviewEvents) -> None:
    """The chain from the earliest of these events (a receipt, or the submission) to its head,
    walked: every link and every hash, and each head recorded outside the database in that run."""
    starts = [e.seq for e in (events.submit, events.approve, events.publish, *events.receipts.values()) if e]
    head = audit_head()
    if not starts or head is None:
        report.add("the audit chain from the review to its head is intact", False, "no events to check")
        return
    first = min(starts)
    opening = AuditEvent.objects.get(seq=first)
    heads, _, log = audit_heads_recorded()
    heads = [h for h in heads if h.seq >= first]
    walked = audit_walk(
        by_seq(AuditEvent.objects.filter(seq__gte=first)),
        heads=heads,
        first_seq=first,
        prev_hash=opening.prev_hash,
    )
    report.add(
        f"the audit chain from event #{first} to its head is intact",
        walked.problem is None,
        walked.problem or f"{walked.checked} events, head #{walked.head_seq}:{walked.head_hash}",
    )
    reached = [h for h in heads if h.seq >= (events.publish.seq if events.publish else 0)]
    report.add(
        "the publication is covered by a recorded head, or else by the chain's own head",
        walked.problem is None,
        f"{len(reached)} recorded heads after the publication checked ({log})"
        if reached
        else f"no head recorded at or after the publication in {log}; checked against the chain's own head",
    )
