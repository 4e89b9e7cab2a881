"""The audit chain's head, recorded where the database cannot rewrite it.

A walk of the chain proves it consistent with itself, not that it is the chain that was there:
someone who can write to the database could cut rows from its end, or rewrite a row and compute
every hash after it again. So the head (`{seq, hash, recorded_at}`) is appended to a log kept
outside the database, at every publication and on a schedule, and `verify_audit` checks that
every head ever recorded is still on the chain.

The log is a JSON-lines file (`AUDIT_HEAD_LOG`, `var/audit-heads.jsonl` by default), only ever
appended to; or, with `AUDIT_HEAD_STORAGE` naming a storage of `STORAGES` (an S3 bucket with
object lock, say), one object per head that is never overwritten.
"""

import fcntl
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from factcheck.audit import ExpectedHead, audit_head

STORAGE_FOLDER = "audit-heads"


@dataclass(frozen=True)
class RecordedHead:
    seq: int
    hash: str
    recorded_at: datetime
    by: str = ""  # what recorded it: publish, schedule, backup

    def as_json(self) -> dict:
        return {"seq": self.seq, "hash": self.hash, "recorded_at": _iso(self.recorded_at)}

    def expected(self, log: str) -> ExpectedHead:
        return ExpectedHead(self.seq, self.hash, f"recorded at {_iso(self.recorded_at)} in {log}")


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _parse(record: dict) -> RecordedHead:
    seq, digest = record["seq"], record["hash"]
    if not isinstance(seq, int) or seq < 1 or not isinstance(digest, str) or len(digest) != 64:
        raise ValueError("not a head")
    recorded_at = datetime.fromisoformat(record["recorded_at"].replace("Z", "+00:00"))
    return RecordedHead(seq, digest, recorded_at, str(record.get("by", "")))


class FileHeadLog:
    """One JSON line per head, appended under an exclusive lock; earlier lines are never touched."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def __str__(self):
        return str(self.path)

    def append(self, head: RecordedHead) -> None:
        line = json.dumps({**head.as_json(), "by": head.by}, separators=(",", ":")) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                line = "\n" + line  # a line cut short by a crash stays as it is, on its own
            os.write(fd, line.encode())
            os.fsync(fd)
        finally:
            os.close(fd)

    def read(self) -> tuple[list[RecordedHead], list[str]]:
        """Every head recorded, oldest first, and the lines that could not be read."""
        if not self.path.exists():
            return [], []
        heads, unreadable = [], []
        with self.path.open(encoding="utf-8", errors="replace") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    heads.append(_parse(json.loads(line)))
                except (ValueError, KeyError, TypeError, AttributeError):
                    unreadable.append(f"line {number}")
        return heads, unreadable

    def latest(self) -> RecordedHead | None:
        """The last line that is a head, read from the end of the file (it only grows)."""
        if not self.path.exists():
            return None
        with self.path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(size - 8192, 0))
            tail = handle.read().decode(errors="replace").splitlines()
        for line in reversed(tail):
            try:
                return _parse(json.loads(line))
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
        heads = self.read()[0] if size > 8192 else []
        return heads[-1] if heads else None


class StorageHeadLog:
    """One object per head through Django's storage API, its name carrying the head itself, so a
    listing reads every head. Meant for a bucket that refuses overwrites and deletions."""

    def __init__(self, alias: str):
        self.alias = alias
        self.storage = storages[alias]

    def __str__(self):
        return f"the “{self.alias}” storage"

    def append(self, head: RecordedHead) -> None:
        stamp = head.recorded_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        name = f"{STORAGE_FOLDER}/{head.seq:012d}-{head.hash}-{stamp}.json"
        body = json.dumps({**head.as_json(), "by": head.by}, separators=(",", ":")) + "\n"
        self.storage.save(name, ContentFile(body.encode()))

    def read(self) -> tuple[list[RecordedHead], list[str]]:
        try:
            names = self.storage.listdir(STORAGE_FOLDER)[1]
        except FileNotFoundError:
            return [], []
        heads, unreadable = [], []
        for name in sorted(names):
            seq, _, rest = name.partition("-")
            digest, _, stamp = rest.partition("-")
            try:
                recorded_at = datetime.strptime(stamp[:22], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
                heads.append(_parse({"seq": int(seq), "hash": digest, "recorded_at": recorded_at.isoformat()}))
            except ValueError:
                unreadable.append(name)
        heads.sort(key=lambda head: (head.recorded_at, head.seq))
        return heads, unreadable

    def latest(self) -> RecordedHead | None:
        heads = self.read()[0]
        return heads[-1] if heads else None


def head_log() -> FileHeadLog | StorageHeadLog:
    """Where heads are recorded, as configured."""
    if settings.AUDIT_HEAD_STORAGE:
        return StorageHeadLog(settings.AUDIT_HEAD_STORAGE)
    return FileHeadLog(settings.AUDIT_HEAD_LOG)


def audit_head_record(*, by: str) -> RecordedHead | None:
    """Append the chain's current head to the head log (nothing while the chain is empty)."""
    current = audit_head()
    if current is None:
        return None
    head = RecordedHead(current[0], current[1], datetime.now(UTC), by)
    head_log().append(head)
    return head


def audit_heads_recorded() -> tuple[list[ExpectedHead], list[str], str]:
    """Every head recorded so far (as heads the chain must still have), the entries of the log
    that could not be read, and where the log is."""
    log = head_log()
    heads, unreadable = log.read()
    return [head.expected(str(log)) for head in heads], unreadable, str(log)


def audit_head_latest() -> RecordedHead | None:
    """The head recorded last (what the public API and feed show)."""
    return head_log().latest()
