"""The file system storage of captures, written whole or not at all."""

import contextlib
import os
import uuid

from django.core.files.storage import FileSystemStorage


class AtomicFileSystemStorage(FileSystemStorage):
    """Django's file system storage, except that a file appears under its name only once it is whole.

    It is written under a name of its own beside it, then linked to its name: a link is made at once,
    and never over a file already there (another name is then chosen, as Django does). Capture
    workers store content-addressed payloads under the same name at once; none of them, and no reader,
    ever sees another's file half-written, and a write that fails (a full disk) leaves nothing behind.
    """

    def _save(self, name, content):
        directory, base = os.path.split(name)
        partial = os.path.join(directory, f".{base}.{uuid.uuid4().hex}.part")
        try:
            written = super()._save(partial, content)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(self.path(partial))
            raise
        try:
            while True:
                try:
                    os.link(self.path(written), self.path(name))
                    return name
                except FileExistsError:
                    name = self.get_available_name(name)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(self.path(written))
