"""The captures' storage: a file appears under its name whole or not at all, whoever else is writing
the same content-addressed name at that moment."""

import hashlib
import threading

from django.core.files.base import File
from django.core.files.storage import default_storage

from sources.capture.storing import _store_payload


class Halting(File):
    """A payload written in two halves, waiting between them until told to go on."""

    def __init__(self, data: bytes, halfway: threading.Event, go_on: threading.Event):
        super().__init__(None, name="payload")
        self.data, self.halfway, self.go_on = data, halfway, go_on

    def chunks(self, chunk_size=None):
        yield self.data[: len(self.data) // 2]
        self.halfway.set()
        self.go_on.wait(10)
        yield self.data[len(self.data) // 2 :]


def test_a_payload_two_captures_store_at_once_is_never_seen_half_written(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    payload = b"<p>" + b"the same page under two addresses " * 5000 + b"</p>"
    sha = hashlib.sha256(payload).hexdigest()
    name = f"payloads/{sha[:2]}/{sha}"
    halfway, go_on, saved = threading.Event(), threading.Event(), {}
    first = threading.Thread(
        target=lambda: saved.update(name=default_storage.save(name, Halting(payload, halfway, go_on)))
    )
    first.start()
    try:
        assert halfway.wait(10)
        assert not default_storage.exists(name)  # the first capture's half is under no name a reader knows
        second = _store_payload(payload, sha)  # another capture of the same payload, meanwhile
        assert second == name and default_storage.open(name).read() == payload
    finally:
        go_on.set()
        first.join(10)
    assert default_storage.open(saved["name"]).read() == payload  # the first one's file is whole too
    assert default_storage.open(name).read() == payload
    assert not [path for path in tmp_path.rglob("*.part")]  # nothing left of the writing


def test_a_failed_write_leaves_nothing_and_removes_nothing_of_anyone_else(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    payload = b"<p>a page</p>"
    sha = hashlib.sha256(payload).hexdigest()
    name = _store_payload(payload, sha)

    class Failing(File):
        def chunks(self, chunk_size=None):
            yield payload[:4]
            raise OSError(28, "No space left on device")

    try:
        default_storage.save(name, Failing(None, name="payload"))
    except OSError:
        pass
    else:
        raise AssertionError("the write should have failed")
    assert default_storage.open(name).read() == payload  # the capture stored before keeps its file
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [sha]
