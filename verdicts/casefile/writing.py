"""Writing a case file: CSV rows that no spreadsheet reads as a formula, JSON written entry by
entry, and a ZIP whose every member is hashed into its manifest as it is written."""

import hashlib
import io
import json
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from typing import BinaryIO

from factcheck.audit import audit_head, audit_segment
from factcheck.audit_heads import audit_heads_recorded

FORMAT = "casefile/1"
CSV_COLUMNS = [
    "verdict", "claim", "version", "status", "rating", "headline", "claim_as_reviewed", "claimant_as_named",
    "said_on", "drafted_by", "drafted_at", "submitted_at", "approved_by", "approved_at", "published_by",
    "published_at", "supersedes", "correction_note", "approved_digest", "evidence",
]  # fmt: skip
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text  # never a formula in a spreadsheet


def csv_row(entry: dict) -> list[str]:
    claimant = entry["claimant_as_named"] or {}
    people = entry["people"]
    row = {
        **{key: entry[key] for key in ("verdict", "claim", "version", "status", "rating", "headline")},
        "claim_as_reviewed": entry["claim_as_reviewed"]["text"],
        "claimant_as_named": claimant.get("name", ""),
        "said_on": entry["claim_as_reviewed"].get("said_on"),
        **{key: people[key] for key in ("drafted_by", "drafted_at", "submitted_at", "approved_by", "approved_at")},
        "published_by": people["published_by"],
        "published_at": people["published_at"],
        "supersedes": next((v["supersedes"] for v in entry["versions"] if v["verdict"] == entry["verdict"]), None),
        "correction_note": next(
            (v["correction_note"] for v in entry["versions"] if v["verdict"] == entry["verdict"]), ""
        ),
        "approved_digest": entry["approved_digest"],
        "evidence": "; ".join(f"{e['role']} #{e['snapshot']} {e['sha256']} {e['url']}" for e in entry["evidence"]),
    }
    return [_csv_cell(row[column]) for column in CSV_COLUMNS]


class Hashing(io.RawIOBase):
    """A write-only stream that passes bytes on and keeps their SHA-256 and count."""

    def __init__(self, target: BinaryIO):
        self.target, self.digest, self.size = target, hashlib.sha256(), 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.digest.update(data)
        self.size += len(data)
        self.target.write(data)
        return len(data)


def _head_at_or_after(seq: int) -> dict | None:
    heads = audit_heads_recorded()[0]
    later = [h for h in heads if h.seq >= seq]
    if later:
        head = min(later, key=lambda h: h.seq)
        return {"seq": head.seq, "hash": head.hash, "where": head.where}
    current = audit_head()
    return {"seq": current[0], "hash": current[1], "where": "the chain's head when exported"} if current else None


def write_json(stream, header: dict, entries: Iterable[dict], tail: dict) -> None:
    """`{header…, "verdicts": [entries…], tail…}`, written entry by entry."""
    stream.write(json.dumps(header, ensure_ascii=False)[:-1].encode() + b', "verdicts": [\n')
    for number, entry in enumerate(entries):
        stream.write((",\n" if number else "").encode() + json.dumps(entry, ensure_ascii=False).encode())
    stream.write(b"\n]")
    for key, value in tail.items():
        stream.write(f", {json.dumps(key)}: ".encode() + json.dumps(value, ensure_ascii=False).encode())
    stream.write(b"}\n")


def _copy_file(archive: zipfile.ZipFile, name: str, field_file, sums: dict) -> None:
    digest = hashlib.sha256()
    with field_file.open("rb") as source, archive.open(name, "w", force_zip64=True) as target:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
            target.write(block)
    sums[name] = digest.hexdigest()


class _Entry(io.RawIOBase):
    """A ZIP member being written, hashed as it goes."""

    def __init__(self, archive: zipfile.ZipFile, name: str, sums: dict):
        self.name, self.sums = name, sums
        self.member = archive.open(name, "w", force_zip64=True)
        self.digest = hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.digest.update(data)
        self.member.write(data)
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self.member.close()
            self.sums[self.name] = self.digest.hexdigest()
        super().close()


def write_zip(out: BinaryIO, ids: list[int], header: dict, entry_of: Callable) -> None:
    sums: dict[str, str] = {}
    seqs: set[int] = set()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive, tempfile.TemporaryFile() as spool:
        # A ZIP takes one member at a time: each verdict's files go in as its entry is made, and
        # the entries wait in a temporary file until casefile.json is written from it.
        for verdict_id in ids:
            entry, snapshots = entry_of(verdict_id)
            seqs.update(event["seq"] for event in entry["audit"])
            for snapshot in snapshots:
                for name, field_file in (
                    (f"evidence/{snapshot.payload_sha256}", snapshot.payload),
                    (f"warc/capture-{snapshot.pk}.warc.gz", snapshot.warc),
                ):
                    if field_file and name not in sums:
                        _copy_file(archive, name, field_file, sums)
            spool.write(json.dumps(entry, ensure_ascii=False).encode() + b"\n")
        audit = None
        if seqs:
            head = _head_at_or_after(max(seqs))
            last = max(max(seqs), head["seq"]) if head else max(seqs)
            audit = {"segment": "audit/segment.jsonl", "first_seq": min(seqs), "last_seq": last, "head": head}
            with _Entry(archive, "audit/segment.jsonl", sums) as stream:
                for event in audit_segment(first_seq=min(seqs), last_seq=last, disclose=lambda e: e.seq in seqs):
                    stream.write((json.dumps(event, ensure_ascii=False) + "\n").encode())
        spool.seek(0)
        with _Entry(archive, "casefile.json", sums) as stream:
            write_json(stream, header, (json.loads(line) for line in spool), {"audit": audit})
        manifest = {"format": FORMAT, "algorithm": "sha256", "files": dict(sorted(sums.items()))}
        archive.writestr("manifest.json", json.dumps(manifest, indent=1))
