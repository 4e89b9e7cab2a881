"""One batch of a newsroom's history, as rows: claims with their citations, the sources and
captures they cite, and their verdicts and translations, in the shapes the services would have
left them (a published verdict carries the reviewed unit, its digests and the pinned public copy
made by the same functions publishing uses)."""

import hashlib
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from benchmarks.dataset.text import CORRECTION_NOTES, OUTLETS, TOPICS, Draw, Words, place_names, zipf
from verdicts.languages import verdict_language_default
from verdicts.review_unit import FORMAT, published_copy, review_unit_digest

LANGUAGES = (("en", 72), ("uk", 17), ("es", 11))
SITE_LANGUAGES = ("en", "uk", "es")
RATINGS = (("false", 30), ("mostly_false", 15), ("misleading", 15), ("half_true", 12), ("mostly_true", 10),
           ("true", 10), ("unsupported", 8))  # fmt: skip
STANCES = (("refutes", 45), ("supports", 35), ("context", 20))
FAILURES = (("timeout", 30), ("connection_failed", 20), ("http_error", 20), ("dns_failure", 10),
            ("tls_error", 8), ("too_many_redirects", 5), ("deadline", 5), ("host_busy", 2))  # fmt: skip
DISMISSALS = ("Not a factual claim.", "Opinion, not checkable.", "Out of our remit.", "Too old to matter now.")
OPEN_VERDICTS = (("draft", 55), ("submitted", 20), ("changes_requested", 10), ("approved", 15))
DOMAINS = [f"news{n}.example.org" for n in range(300)]

# Columns written, per table (the rest take their defaults).
CLAIM_FIELDS = ("id", "text", "claimant_id", "said_on", "said_on_precision", "medium", "cited_source", "sentence",
                "language", "tags", "status", "assignee_id", "priority", "due_on", "checkworthiness",
                "duplicate_of_id", "status_reason", "lock_version", "created_by_id", "created_at",
                "updated_at")  # fmt: skip
SOURCE_FIELDS = ("id", "url", "normalized_url", "domain", "publisher", "kind", "title", "first_seen_at",
                 "last_checked_at", "recheck_interval", "monitored_since")  # fmt: skip
SNAPSHOT_FIELDS = ("id", "source_id", "method", "follows_id", "complete", "rendered_text_length", "screenshot",
                   "screenshot_sha256", "wacz", "wacz_sha256", "provenance_origin", "provenance_method", "status",
                   "attempt", "requested_at", "started_at", "finished_at", "requested_url", "final_url",
                   "redirect_chain", "http_status", "headers", "content_type", "size", "truncated",
                   "payload_sha256", "payload", "warc", "text", "text_sha256", "text_fingerprint", "charset",
                   "extractor", "extractor_version", "page_title", "error_code", "error_message", "text_changed",
                   "diff", "public")  # fmt: skip
CITATION_FIELDS = ("id", "claim_id", "source_id", "stance", "quote", "note", "snapshot_id", "created_by_id",
                   "created_at", "quote_status", "quote_snapshot_id", "quote_start", "quote_end")  # fmt: skip
VERDICT_FIELDS = ("id", "claim_id", "number", "rating", "headline", "summary", "explanation", "language",
                  "author_id", "status", "approver_id", "approved_at", "published_by_id", "published_at",
                  "supersedes_id", "correction_note", "review_unit", "review_digest", "approved_digest",
                  "pinned_claim", "pinned_claimant_keys", "pinned_evidence", "pinned_appearance",
                  "evidence_changes", "evidence_change", "lock_version", "created_at", "updated_at",
                  "claim_text")  # fmt: skip
TRANSLATION_FIELDS = ("id", "verdict_id", "language", "headline", "summary", "explanation", "correction_note",
                      "translator_id", "status", "approver_id", "approved_at", "published_by_id", "published_at",
                      "review_digest", "approved_digest", "lock_version", "created_at", "updated_at")  # fmt: skip


def _sha(*parts) -> str:
    return hashlib.sha256("-".join(map(str, parts)).encode()).hexdigest()


@dataclass
class Ids:
    """The next id of each table: rows are copied with their ids, so that they can name each other."""

    claim: int
    source: int
    snapshot: int
    citation: int
    verdict: int
    translation: int

    def take(self, table: str) -> int:
        value = getattr(self, table)
        setattr(self, table, value + 1)
        return value


@dataclass
class Cast:
    """Who works in the newsroom, who is quoted, and what every batch shares."""

    journalists: list[int]
    editors: list[int]
    claimants: list[tuple]  # (id, name, kind, aliases, description), the most quoted first
    popular: list[tuple]  # (source id, url, snapshot id, sha256, finished_at, text): pages cited again and again
    words: dict[str, Words]
    start: datetime
    end: datetime


@dataclass
class Batch:
    """The rows of one batch of claims, table by table."""

    sources: list = field(default_factory=list)
    snapshots: list = field(default_factory=list)
    claims: list = field(default_factory=list)
    citations: list = field(default_factory=list)
    verdicts: list = field(default_factory=list)
    translations: list = field(default_factory=list)


class History:
    """Makes batches of claims created between `cast.start` and `cast.end`, more of them lately."""

    def __init__(self, cast: Cast, ids: Ids, rng: random.Random, *, corrections_every: int, translations_every: int):
        self.cast, self.ids, self.rng = cast, ids, rng
        self.corrections_every, self.translations_every = corrections_every, translations_every
        self.first_claim = ids.claim
        self.published = 0

        def draw(pairs):
            return Draw(rng, [value for value, _ in pairs], [weight for _, weight in pairs])

        self.language, self.rating, self.stance = draw(LANGUAGES), draw(RATINGS), draw(STANCES)
        self.failure, self.open_verdict = draw(FAILURES), draw(OPEN_VERDICTS)
        self.claimant = Draw(rng, cast.claimants, zipf(len(cast.claimants)), size=200_000)
        self.journalist = Draw(rng, cast.journalists, zipf(len(cast.journalists), 0.6))
        self.topic, self.domain = Draw(rng, TOPICS, zipf(len(TOPICS), 0.9)), Draw(rng, DOMAINS, zipf(len(DOMAINS), 0.8))
        self.precision = draw((("day", 90), ("month", 8), ("year", 2)))
        self.priority = draw(((1, 10), (2, 70), (3, 20)))
        self.tag_count = draw(((0, 5), (1, 50), (2, 30), (3, 15)))
        names = place_names()
        self.place = Draw(rng, names, zipf(len(names), 1.0), size=400_000)
        statuses = ("new", "checking", "resolved", "dismissed", "duplicate")
        # Recent claims are mostly in intake or being checked; older ones resolved or dismissed.
        self.recent_status = Draw(rng, statuses, (35, 30, 15, 15, 5))
        self.older_status = Draw(rng, statuses, (3, 3, 34, 55, 5))
        self.citation_count = {
            "resolved": draw(((1, 40), (2, 35), (3, 15), (4, 10))),
            "checking": draw(((0, 30), (1, 40), (2, 20), (3, 10))),
            "new": draw(((0, 90), (1, 10))),
            "dismissed": draw(((0, 85), (1, 15))),
            "duplicate": draw(((0, 1),)),
        }

    def when(self, position: float) -> datetime:
        """A claim's creation time, `position` (0 to 1) along the batch: claims come in faster lately."""
        return self.cast.start + (self.cast.end - self.cast.start) * position**0.5

    def batch(self, positions) -> Batch:
        rows = Batch()
        for position in positions:
            self.claim(rows, self.when(position))
        return rows

    # --- one claim and everything about it ---

    def claim(self, rows: Batch, created: datetime) -> None:
        rng, cast = self.rng, self.cast
        claim_id = self.ids.take("claim")
        age = (cast.end - created).days
        status = self.status(age, claim_id)
        language = self.language()
        words = cast.words[language]
        tokens = words.words(rng.randint(7, 20))
        tokens.insert(rng.randrange(len(tokens)), f"{rng.randint(2, 99_999):,}")
        if rng.random() < 0.5:  # half the claims name a place, a firm or a person
            tokens.insert(rng.randrange(len(tokens)), self.place())
        text = " ".join(tokens)
        text = text[:1].upper() + text[1:] + "."
        # A claim is published only with its claimant (ClaimReview names them): some in intake lack one.
        unnamed = status in ("new", "dismissed", "duplicate") and rng.random() < 0.05
        claimant = None if unnamed else self.claimant()
        journalist = self.journalist()
        assignee = journalist if status in ("checking", "resolved") or rng.random() < 0.05 else None
        precision = self.precision()
        said = created.date() - timedelta(days=rng.randint(0, 10))
        if precision != "day":  # a partial date is kept as its first day
            said = said.replace(day=1) if precision == "month" else said.replace(month=1, day=1)
        tags = sorted({self.topic() for _ in range(self.tag_count())})
        open_ = status in ("new", "checking")
        due = created.date() + timedelta(days=rng.randint(1, 21)) if rng.random() < (0.35 if open_ else 0.1) else None
        duplicate_of = rng.randrange(self.first_claim, claim_id) if status == "duplicate" else None
        updated = min(created + timedelta(hours=rng.randint(0, 24 * max(age, 1))), cast.end)
        rows.claims.append((
            claim_id, text, claimant[0] if claimant else None, said, precision,
            rng.choice(OUTLETS) if rng.random() < 0.85 else "", "", "", language, tags, status,
            assignee, self.priority(), due,
            round(rng.random(), 3) if rng.random() < 0.5 else None, duplicate_of,
            rng.choice(DISMISSALS) if status == "dismissed" else "", rng.randint(0, 6), journalist, created, updated,
        ))  # fmt: skip
        verdict_status = self.verdict_status(status)
        evidence = self.citations(rows, claim_id, text, status, verdict_status, journalist, created)
        if verdict_status:
            claim = {"id": claim_id, "text": text, "said_on": said.isoformat(), "said_on_precision": precision,
                     "medium": rows.claims[-1][5], "language": language, "tags": tags}  # fmt: skip
            self.verdicts(rows, claim, claimant, evidence, verdict_status, assignee, created)

    def status(self, age: int, claim_id: int) -> str:
        status = self.recent_status() if age < 30 else self.older_status()
        return "dismissed" if status == "duplicate" and claim_id == self.first_claim else status

    def verdict_status(self, claim_status: str) -> str | None:
        if claim_status == "resolved":
            self.published += 1
            return "corrected" if self.published % self.corrections_every == 0 else "published"
        if claim_status == "checking" and self.rng.random() < 0.85:
            return self.open_verdict()
        return None

    def citations(self, rows, claim_id, said, status, verdict_status, journalist, created) -> list[dict]:
        """The claim's citations (their sources and captures made here, or popular pages cited
        before), as the reviewed unit lists its evidence."""
        rng = self.rng
        reviewed = verdict_status not in (None, "draft", "changes_requested")
        n = self.citation_count[status]()
        if reviewed:
            n = max(n, 1)
        evidence, cited = [], set()
        for k in range(n):
            at = created + timedelta(hours=1 + k, minutes=rng.randint(0, 59))
            if self.cast.popular and rng.random() < 0.12:
                source_id, url, snapshot_id, sha, finished, text = rng.choice(self.cast.popular)
                if source_id in cited:
                    continue
            else:
                public = verdict_status in ("published", "corrected")
                source_id, url, snapshot_id, sha, finished, text = self.source(
                    rows, at, must_succeed=reviewed or k == 0, public=public, quoting=said
                )
            cited.add(source_id)
            citation_id = self.ids.take("citation")
            stance = self.stance()
            quote, quote_status, span = "", "none", (None, None)
            if snapshot_id and len(text) > 80 and rng.random() < 0.15:
                start = rng.randrange(0, len(text) - 60)
                quote, quote_status, span = text[start : start + 60], "found", (start, start + 60)
            pinned = snapshot_id if reviewed else None
            rows.citations.append((
                citation_id, claim_id, source_id, stance, quote, "", pinned, journalist, at, quote_status,
                snapshot_id if quote_status == "found" else None, *span,
            ))  # fmt: skip
            evidence.append({"citation": citation_id, "source": source_id, "url": url, "stance": stance,
                             "quote": quote, "snapshot": pinned, "sha256": sha if pinned else None,
                             "captured_at": finished.isoformat() if pinned else None})  # fmt: skip
        return evidence

    def source(self, rows, at: datetime, *, must_succeed: bool, public: bool = False, quoting: str = "") -> tuple:
        """A new source with its plain capture (and, for some, the browser capture that followed):
        (id, URL, the capture to pin or None, its SHA-256, when it finished, its text)."""
        rng = self.rng
        source_id = self.ids.take("source")
        domain = self.domain()
        url = f"https://{domain}/{at:%Y/%m}/article-{source_id}"
        words = self.cast.words["en"]
        title = words.sentence(5, 12).rstrip(".")
        rows.sources.append((
            source_id, url, url, domain, "", "article", title, at, at + timedelta(minutes=2),
            timedelta(days=1), at if public else None,
        ))  # fmt: skip
        failed = not must_succeed and rng.random() < 0.08
        finished = at + timedelta(seconds=rng.randint(2, 90))
        text = "" if failed else f"{title}\n\n{quoting}\n\n{words.pages(1, 3)}".replace("\n\n\n\n", "\n\n")
        http_id = self.snapshot(rows, source_id, url, at, finished, text, title, failed=failed, public=public)
        if not failed and rng.random() < 0.4:
            self.snapshot(rows, source_id, url, finished, finished + timedelta(seconds=20), text, title,
                          follows=http_id)  # fmt: skip
        if failed:
            return source_id, url, None, None, finished, text
        return source_id, url, http_id, _sha("payload", http_id), finished, text

    def snapshot(self, rows, source_id, url, at, finished, text, title, *, failed=False, follows=None, public=False):
        snapshot_id = self.ids.take("snapshot")
        error = self.failure() if failed else ""
        rows.snapshots.append((
            snapshot_id, source_id, "browser" if follows else "http", follows, None if failed else True,
            len(text) if follows else None, "", "", "", "", "", "", "failed" if failed else "succeeded", 1, at, at,
            finished, url, "" if failed else url, [], None if failed else 200,
            {} if failed else {"content-type": "text/html; charset=utf-8"}, "" if failed else "text/html",
            None if failed else len(text) * 3, False, "" if failed else _sha("payload", snapshot_id), "", "", text,
            "" if failed else _sha("text", snapshot_id), "" if failed else _sha("fingerprint", snapshot_id),
            "" if failed else "utf-8", "" if failed else "trafilatura", "" if failed else "2.0",
            "" if failed else title, error, "The capture failed: " + error if failed else "", False, "", public,
        ))  # fmt: skip
        return snapshot_id

    def verdicts(self, rows, claim, claimant, evidence, verdict_status, author, created) -> None:
        rng, cast = self.rng, self.cast
        words = cast.words[claim["language"]]
        language = verdict_language_default(claim["language"])
        unit = {
            "format": FORMAT,
            "claim": claim,
            "claimant": None if claimant is None else {
                "id": claimant[0], "name": claimant[1], "kind": claimant[2], "role": claimant[4],
                "aliases": list(claimant[3]),
            },
            "appearance": None,
            "origin": None,
            "evidence": evidence,
        }  # fmt: skip
        editor = rng.choice([e for e in cast.editors if e != author])
        started = created + timedelta(hours=rng.randint(2, 48))
        reviewed = verdict_status not in ("draft", "changes_requested")
        rating = self.rating() if reviewed or rng.random() < 0.7 else ""
        content = (rating, words.sentence(6, 14).rstrip("."), words.sentences(rng.randint(2, 4)), words.pages(1, 3))
        if verdict_status in ("draft", "changes_requested", "submitted", "approved"):
            digest = review_unit_digest(unit) if reviewed else ""
            approved = verdict_status == "approved"
            updated = min(started + timedelta(hours=rng.randint(1, 200)), cast.end)
            rows.verdicts.append((
                self.ids.take("verdict"), claim["id"], 1, *content, language, author, verdict_status,
                editor if approved else None, updated if approved else None, None, None, None, "",
                unit if reviewed else {}, digest, digest if approved else "", {}, [], [], {}, [], "",
                rng.randint(0, 9), started, updated, claim["text"],
            ))  # fmt: skip
            return
        copy = published_copy(unit)
        digest = review_unit_digest(unit)
        lag = timedelta(days=min(rng.lognormvariate(1.5, 0.9), 120), hours=rng.randint(0, 23))
        published = min(created + lag, cast.end - timedelta(minutes=5))
        published_fields = (editor, published - timedelta(hours=2), editor, published)
        pinned = (unit, digest, digest, copy["pinned_claim"], copy["pinned_claimant_keys"],
                  copy["pinned_evidence"], copy["pinned_appearance"], [], "")  # fmt: skip
        first_id = self.ids.take("verdict")
        status = "superseded" if verdict_status == "corrected" else "published"
        rows.verdicts.append((
            first_id, claim["id"], 1, *content, language, author, status, *published_fields, None, "", *pinned,
            rng.randint(3, 12), started, published, claim["text"],
        ))  # fmt: skip
        latest = first_id
        if verdict_status == "corrected":
            again = min(published + timedelta(days=rng.randint(1, 60)), cast.end - timedelta(minutes=1))
            latest = self.ids.take("verdict")
            rows.verdicts.append((
                latest, claim["id"], 2, self.rating(), *content[1:], language, author, "published", editor,
                again - timedelta(hours=1), editor, again, first_id, rng.choice(CORRECTION_NOTES), *pinned,
                rng.randint(3, 12), published + timedelta(hours=1), again, claim["text"],
            ))  # fmt: skip
            published = again
        if self.published % self.translations_every == 1:
            self.translation(rows, latest, language, author, editor, published)

    def translation(self, rows, verdict_id, language, translator, editor, published) -> None:
        into = next(code for code in SITE_LANGUAGES[::-1] if code != language)
        words = self.cast.words[into]
        at = min(published + timedelta(days=2), self.cast.end - timedelta(seconds=30))
        digest = _sha("translation", verdict_id, into)
        rows.translations.append((
            self.ids.take("translation"), verdict_id, into, words.sentence(6, 14).rstrip("."),
            words.sentences(2), words.pages(1, 2), "", translator, "published", editor, at, editor, at, digest,
            digest, 3, published + timedelta(hours=3), at,
        ))  # fmt: skip


def popular_sources(history: History, count: int) -> Batch:
    """Pages many claims cite (a statistics office's tables, a ministry's page): made once."""
    rows = Batch()
    for _ in range(count):
        at = history.cast.start + (history.cast.end - history.cast.start) * history.rng.random() * 0.2
        history.cast.popular.append(history.source(rows, at, must_succeed=True, public=True))
    return rows
