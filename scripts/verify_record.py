#!/usr/bin/env python3
"""Verify a published verdict's evidence, or a case file, with nothing but Python's standard library.

    python3 verify_record.py https://factcheck.example.org/api/v1/verdicts/12/verification/
    python3 verify_record.py record.json                  # downloads each capture's stored file
    python3 verify_record.py record.json --files DIR      # offline: the files already downloaded
    python3 verify_record.py casefile.zip                 # a case file, offline

A verification record: each capture's stored file is hashed and must have the SHA-256 the verdict
pinned, its receipt and the publish event give; the audit events from the submission to the
publication must be numbered without gaps and linked hash to hash up to the recorded head; the
verdict's own events must match their hashes, approve and publish the same digest, the approver
not the author. A case file: every file must match the manifest's SHA-256, each evidence file the
pinned one, each reviewed unit its approved digest, and the audit rows their hashes and the chain.

Exit 0 when everything holds, 1 naming each problem. No database and no Django are needed.
"""

import argparse
import hashlib
import json
import sys
import urllib.request
import zipfile
from pathlib import Path

GENESIS = "0" * 64


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def event_hash(event: dict) -> str:
    """The hash of an audit event given in full: its fields but `hash`, as JSON with sorted keys
    and no spaces, in UTF-8 (as the server computes it)."""
    fields = {key: value for key, value in event.items() if key != "hash"}
    return sha256(json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode())


def canonical_digest(unit: dict) -> str:
    return sha256(json.dumps(unit, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode())


class Findings:
    def __init__(self):
        self.problems: list[str] = []
        self.passed: list[str] = []

    def check(self, ok: bool, what: str, problem: str) -> bool:
        (self.passed if ok else self.problems).append(what if ok else problem)
        return ok


def check_chain(events: list[dict], found: Findings, where: str) -> dict[int, dict]:
    """Numbered without gaps, each linked to the one before, each event given in full matching
    its own hash. Returns the events by number."""
    by_seq, previous = {}, None
    for event in events:
        seq = event.get("seq")
        if previous is not None:
            if seq != previous["seq"] + 1:
                found.check(False, "", f"{where}: event #{previous['seq'] + 1} is missing (the next is #{seq})")
            elif event.get("prev_hash") != previous.get("hash"):
                found.check(False, "", f"{where}: the chain breaks between event #{previous['seq']} and event #{seq}")
        if not event.get("withheld") and event_hash(event) != event.get("hash"):
            found.check(False, "", f"{where}: event #{seq} was altered: its content no longer matches its hash")
        by_seq[seq] = event
        previous = event
    if events and not any(p.startswith(where) for p in found.problems):
        found.passed.append(f"{where}: events #{events[0]['seq']} to #{events[-1]['seq']} linked and hashed")
    return by_seq


def check_review(events: list[dict], verdict_id: int, approved_digest: str, found: Findings, where: str) -> dict:
    """The verdict's own submit, approve and publish events: one digest, four eyes."""
    mine = [e for e in events if not e.get("withheld") and e.get("object_id") == str(verdict_id)]
    mine = [e for e in mine if e.get("object_type") == "verdicts.verdict"]
    actions = {e["action"]: e for e in mine}
    submit, approve, publish = (actions.get(f"verdict.{name}") for name in ("submit", "approve", "publish"))
    for name, event in (("submit", submit), ("approve", approve), ("publish", publish)):
        found.check(event is not None, f"{where}: the {name} event is there", f"{where}: no {name} event")
    if approve and publish:
        digests = (approve["data"].get("review_digest"), publish["data"].get("review_digest"), approved_digest)
        found.check(
            len(set(digests)) == 1 and bool(digests[0]),
            f"{where}: approved and published with the digest {approved_digest}",
            f"{where}: the digests differ (approve {digests[0]}, publish {digests[1]}, pinned {digests[2]})",
        )
        author = submit["actor_id"] if submit else None
        found.check(
            approve["actor_id"] is not None and approve["actor_id"] != author,
            f"{where}: approved by {approve['actor_username']}, not the author",
            f"{where}: the approver is the author ({approve['actor_username']})",
        )
    return publish or {}


# --- a verification record --------------------------------------------------------------------


def read_url(url: str) -> bytes:
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"not a web address: {url}")
    with urllib.request.urlopen(url, timeout=60) as answer:  # noqa: S310 (http(s) only, checked above)
        return answer.read()


def _local_file(folder: Path, item: dict) -> bytes | None:
    for name in (item["sha256"], f"capture-{item['snapshot']}-{item['sha256']}.bin"):
        if (folder / name).is_file():
            return (folder / name).read_bytes()
    return None


def verify_record(record: dict, found: Findings, files: Path | None = None) -> None:
    copy = record["published_copy"]
    verdict = record["verdict"]
    audit = record["audit"]
    pinned = {
        e["snapshot"]: e["sha256"] for e in [*copy["evidence"], copy.get("appearance") or {}] if e.get("snapshot")
    }
    segment = audit["segment"]
    publish = check_review(segment, verdict, copy["approved_digest"], found, "audit segment")
    listed = {s["snapshot"]: s["sha256"] for s in (publish.get("data") or {}).get("snapshots", [])}
    receipts = {}
    for receipt in audit["receipts"]:
        found.check(
            event_hash(receipt) == receipt["hash"],
            f"receipt #{receipt['seq']} matches its hash",
            f"receipt #{receipt['seq']} was altered: its content no longer matches its hash",
        )
        receipts[receipt["data"]["snapshot"]] = receipt["data"].get("sha256")
    for item in record["snapshots"]:
        number, expected = item["snapshot"], item["sha256"]
        name = f"capture #{number} ({item['url']})"
        found.check(pinned.get(number) == expected, f"{name} is pinned", f"{name} is not in the pinned copy")
        found.check(listed.get(number) == expected, f"{name}: in the publish event", f"{name}: publish event differs")
        found.check(receipts.get(number) == expected, f"{name}: receipt agrees", f"{name}: no receipt with {expected}")
        try:
            data = _local_file(files, item) if files else read_url(item["payload_url"])
        except (OSError, ValueError) as exc:
            found.check(False, "", f"{name}: its stored file could not be read ({exc})")
            continue
        if data is None:
            found.check(False, "", f"{name}: no file named {expected} in {files}")
            continue
        actual = sha256(data)
        found.check(
            actual == expected,
            f"{name}: stored file has SHA-256 {expected}",
            f"{name}: the stored file's SHA-256 is {actual}, not {expected}",
        )
    check_chain(segment, found, "audit segment")
    head = audit.get("segment_head")
    if head and segment:
        last = segment[-1]
        found.check(
            (last["seq"], last["hash"]) == (head["seq"], head["hash"]),
            f"the segment reaches the recorded head #{head['seq']}",
            f"the segment ends at #{last['seq']}:{last['hash']}, not at the recorded head #{head['seq']}",
        )
    elif segment:
        found.passed.append("no head recorded after the publication yet: compare the last hash with a later one")
    latest = audit.get("latest_head")
    if latest:
        found.passed.append(f"latest recorded head #{latest['seq']}:{latest['hash']} (keep a copy)")


# --- a case file ------------------------------------------------------------------------------


def verify_casefile(path: Path, found: Findings) -> None:
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if "manifest.json" not in names:
            found.check(False, "", "manifest.json is missing")
            return
        manifest = json.loads(archive.read("manifest.json"))
        listed = manifest.get("files", {})
        contents: dict[str, str] = {}
        for name in sorted(names - {"manifest.json"}):
            digest = hashlib.sha256()
            with archive.open(name) as member:
                for block in iter(lambda member=member: member.read(1 << 20), b""):
                    digest.update(block)
            contents[name] = digest.hexdigest()
            if name not in listed:
                found.check(False, "", f"{name} is not in the manifest")
            else:
                found.check(
                    listed[name] == contents[name],
                    f"{name} matches the manifest",
                    f"{name} does not match the manifest (SHA-256 {contents[name]}, listed {listed[name]})",
                )
        for name in sorted(set(listed) - names):
            found.check(False, "", f"{name} is listed in the manifest but missing")
        try:
            case = json.loads(archive.read("casefile.json"))
        except (KeyError, ValueError) as exc:
            found.check(False, "", f"casefile.json cannot be read ({exc})")
            return
        segment = []
        if case.get("audit"):
            for number, line in enumerate(archive.read(case["audit"]["segment"]).splitlines(), 1):
                try:
                    segment.append(json.loads(line))
                except ValueError:
                    found.check(False, "", f"{case['audit']['segment']}: line {number} is not JSON")
    by_seq = check_chain(segment, found, "audit segment")
    head = (case.get("audit") or {}).get("head")
    if head and segment and head["seq"] in by_seq:
        found.check(
            by_seq[head["seq"]]["hash"] == head["hash"],
            f"the segment holds the recorded head #{head['seq']}",
            f"event #{head['seq']} does not have the recorded head's hash {head['hash']}",
        )
    for entry in case.get("verdicts", []):
        where = f"verdict {entry['verdict']}"
        for event in entry["audit"]:
            ok = event_hash(event) == event["hash"] and by_seq.get(event["seq"], {}).get("hash") == event["hash"]
            found.check(
                ok,
                "",
                f"{where}: audit event #{event['seq']} was altered or is not on the chain segment",
            )
        check_review(entry["audit"], entry["verdict"], entry["approved_digest"], found, where)
        if entry.get("review_unit"):
            digest = canonical_digest(entry["review_unit"])
            found.check(
                digest == entry["approved_digest"],
                f"{where}: the reviewed unit has the approved digest",
                f"{where}: the reviewed unit's digest is {digest}, not the approved {entry['approved_digest']}",
            )
        for item in entry["evidence"]:
            if item.get("file"):
                found.check(
                    contents.get(item["file"]) == item["sha256"],
                    f"{where}: {item['file']} is the pinned capture #{item['snapshot']}",
                    f"{where}: {item['file']} does not have the pinned SHA-256 {item['sha256']} of capture "
                    f"#{item['snapshot']}",
                )
            else:
                found.check(False, "", f"{where}: capture #{item['snapshot']} has no file in the case file")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("record", help="a verification record (its URL or a file), or a case file (.zip)")
    parser.add_argument("--files", type=Path, help="a folder holding the captures' stored files (offline)")
    args = parser.parse_args(argv)
    found = Findings()
    try:
        if args.record.startswith(("https://", "http://")):
            verify_record(json.loads(read_url(args.record)), found, args.files)
        elif zipfile.is_zipfile(args.record):
            verify_casefile(Path(args.record), found)
        else:
            verify_record(json.loads(Path(args.record).read_text(encoding="utf-8")), found, args.files)
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
        print(f"REFUSED: {args.record} cannot be read as a verification record or a case file ({exc!r})")
        return 1
    for line in found.passed:
        if line:
            print(f"ok    {line}")
    for line in found.problems:
        print(f"FAIL  {line}")
    if found.problems:
        print(f"REFUSED: {len(found.problems)} problem(s).")
        return 1
    print(f"VERIFIED: {len(found.passed)} checks passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
