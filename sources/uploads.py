"""Evidence a person uploads for a citation: the file's kind decided by its content (never its name
or the type the browser claims), size caps per kind, images re-encoded into a PNG for display, the
file kept content-addressed under its SHA-256 like a capture's payload.

Uploaded files are hostile: nothing here trusts a name, a declared type or a header field, and an
image is measured before it is decoded (against decompression bombs)."""

import contextlib
import gzip
import hashlib
import io
import json
import logging
import warnings
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from warcio.archiveiterator import ArchiveIterator

from factcheck.errors import InvalidInput
from sources.extract import Extracted, extract, media_type

IMAGE, PDF, VIDEO, ARCHIVE = "image", "pdf", "video", "archive"
# What each accepted kind is stored and served as (never a type a browser would render as a page).
IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp"}
VIDEO_TYPES = {"video/mp4": ".mp4", "video/webm": ".webm"}
WARC_TYPE, WACZ_TYPE, PDF_TYPE = "application/warc", "application/wacz", "application/pdf"
EXTENSIONS = {**IMAGE_TYPES, **VIDEO_TYPES, PDF_TYPE: ".pdf", WARC_TYPE: ".warc", WACZ_TYPE: ".wacz"}
GZIP_MAGIC = b"\x1f\x8b"  # how a gzip-compressed file (a .warc.gz) starts
ACCEPTED = _("a screenshot (PNG, JPEG or WebP), a PDF, a video (MP4 or WebM) or a web archive (WARC or WACZ)")
NO_TEXT = Extracted("", "", None, "none", "")
HTML_TYPES = {"text/html", "application/xhtml+xml"}
# Reading a web archive for its main page's text: at most this many bytes decompressed, this many
# records looked at, and this much of the page itself.
ARCHIVE_READ_BUDGET = 256 * 1024 * 1024
ARCHIVE_MAX_RECORDS = 5000
MAX_PAGE_BYTES = 10 * 1024 * 1024
logger = logging.getLogger(__name__)


def max_bytes(kind: str) -> int:
    return {
        IMAGE: settings.EVIDENCE_UPLOAD_MAX_IMAGE_BYTES,
        PDF: settings.EVIDENCE_UPLOAD_MAX_PDF_BYTES,
        VIDEO: settings.EVIDENCE_UPLOAD_MAX_VIDEO_BYTES,
        ARCHIVE: settings.EVIDENCE_UPLOAD_MAX_ARCHIVE_BYTES,
    }[kind]


def largest_upload() -> int:
    return max(max_bytes(kind) for kind in (IMAGE, PDF, VIDEO, ARCHIVE))


@dataclass(frozen=True)
class Inspected:
    kind: str
    content_type: str
    data: bytes
    sha256: str
    png: bytes | None  # an image re-encoded for display
    content: Extracted

    @property
    def extension(self) -> str:
        return download_extension(self.content_type, self.data[: len(GZIP_MAGIC)])


def download_extension(content_type: str, head: bytes) -> str:
    """The extension a stored upload of this type is downloaded with, given its first bytes: a WARC
    of gzip-compressed records is a `.warc.gz`; a type not accepted, `.bin`."""
    if content_type == WARC_TYPE and head.startswith(GZIP_MAGIC):
        return ".warc.gz"
    return EXTENSIONS.get(content_type, ".bin")


# A file too large for its kind, said of each kind.
_TOO_LARGE = {
    IMAGE: gettext_noop("This image is %(size)s, larger than the %(most)s accepted."),
    PDF: gettext_noop("This PDF is %(size)s, larger than the %(most)s accepted."),
    VIDEO: gettext_noop("This video is %(size)s, larger than the %(most)s accepted."),
    ARCHIVE: gettext_noop("This web archive is %(size)s, larger than the %(most)s accepted."),
}


def _megabytes(size: int) -> str:
    if size >= 1024 * 1024:
        return gettext("%(megabytes)s MB") % {"megabytes": number_format(round(size / (1024 * 1024)))}
    return ngettext("%(count)s byte", "%(count)s bytes", size) % {"count": number_format(size, force_grouping=True)}


def _pixels(count: int) -> str:
    return number_format(count, force_grouping=True)


def read_capped(file) -> bytes:
    """The uploaded file's bytes, reading no more than one byte past the largest cap."""
    limit = largest_upload()
    chunks, size = [], 0
    for chunk in file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(1024 * 1024), b""):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise InvalidInput(
                gettext("This file is larger than the largest evidence file accepted (%(most)s).")
                % {"most": _megabytes(limit)}
            )
    return b"".join(chunks)


def _is_warc(data: bytes) -> bool:
    if data.startswith(b"WARC/1."):
        return True
    if data.startswith(GZIP_MAGIC):  # gzip-compressed records: look at the first one's start only
        with contextlib.suppress(Exception):
            return gzip.GzipFile(fileobj=io.BytesIO(data)).read(7) == b"WARC/1."
    return False


def _is_wacz(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "datapackage.json" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _kind_of(data: bytes) -> tuple[str, str]:
    if data.startswith(b"%PDF-"):
        return PDF, PDF_TYPE
    if _is_warc(data):
        return ARCHIVE, WARC_TYPE
    if _is_wacz(data):
        return ARCHIVE, WACZ_TYPE
    guessed = filetype.guess_mime(data[:8192])
    if guessed in IMAGE_TYPES:
        return IMAGE, guessed
    if guessed in VIDEO_TYPES:
        return VIDEO, guessed
    if guessed:
        said = gettext(
            "This file is not one of the kinds of evidence accepted (its content is %(found)s): upload "
            "%(accepted)s. The kind is read from the file's content, whatever its name says."
        )
    else:
        said = gettext(
            "This file is not one of the kinds of evidence accepted: upload %(accepted)s. The kind is read from the "
            "file's content, whatever its name says."
        )
    raise InvalidInput(said % {"found": guessed, "accepted": ACCEPTED})


def _png(data: bytes) -> bytes:
    """The image decoded and written again as a PNG: what is shown is only pixels, and an image that
    would decode to more than EVIDENCE_UPLOAD_MAX_PIXELS is refused before it is decoded."""
    limit = settings.EVIDENCE_UPLOAD_MAX_PIXELS
    try:
        with warnings.catch_warnings():  # measured below, before anything is decoded
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data))
        with opened as image:
            width, height = image.size
            if width * height > limit:
                said = ngettext(
                    "This image is %(width)s×%(height)s pixels, more than the %(most)s pixel accepted: crop it or "
                    "scale it down.",
                    "This image is %(width)s×%(height)s pixels, more than the %(most)s pixels accepted: crop it or "
                    "scale it down.",
                    limit,
                )
                raise InvalidInput(said % {"width": width, "height": height, "most": _pixels(limit)})
            image.seek(0)  # an animated image is shown by its first frame
            image.load()
            mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info else "RGB"
            out = io.BytesIO()
            image.convert(mode).save(out, format="PNG", optimize=False)
    except InvalidInput:
        raise
    except Image.DecompressionBombError as error:
        said = ngettext(
            "This image has more than the %(most)s pixel accepted.",
            "This image has more than the %(most)s pixels accepted.",
            limit,
        )
        raise InvalidInput(said % {"most": _pixels(limit)}) from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise InvalidInput(gettext("This image could not be read: it is damaged or not really an image.")) from error
    return out.getvalue()


def _budgeted(stream, limit: int) -> io.BufferedReader:
    return io.BufferedReader(_Budget(stream, limit))


class _Budget(io.RawIOBase):
    """A stream that stops (raises) once more than `limit` bytes were read from it: an archive that
    decompresses without end costs no more than that."""

    def __init__(self, stream, limit: int):
        self.stream, self.left = stream, limit

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.stream.read(min(len(buffer), 1024 * 1024))
        self.left -= len(data)
        if self.left < 0:
            raise ValueError("the archive decompresses to more than its reading budget")
        buffer[: len(data)] = data
        return len(data)


def _main_page(stream, wanted: str | None) -> Extracted:
    """The text of the archive's main page: the response for `wanted` (the WACZ's first page), or
    else its first HTML page answered 200."""
    budget = _budgeted(stream, ARCHIVE_READ_BUDGET)
    for number, record in enumerate(ArchiveIterator(budget)):
        if number >= ARCHIVE_MAX_RECORDS:
            break
        if record.rec_type != "response" or record.http_headers is None:
            continue
        content_type = record.http_headers.get_header("Content-Type") or ""
        status = record.http_headers.get_statuscode()
        target = record.rec_headers.get_header("WARC-Target-URI") or ""
        if media_type(content_type) not in HTML_TYPES or status != "200" or (wanted and target != wanted):
            continue
        return extract(record.content_stream().read(MAX_PAGE_BYTES), content_type)
    return NO_TEXT


def _wacz_first_page(archive: zipfile.ZipFile) -> str | None:
    with contextlib.suppress(KeyError, ValueError, json.JSONDecodeError), archive.open("pages/pages.jsonl") as pages:
        for line in io.TextIOWrapper(_budgeted(pages, 1024 * 1024), encoding="utf-8"):
            entry = json.loads(line)
            if isinstance(entry, dict) and isinstance(entry.get("url"), str):
                return entry["url"]
    return None


def archive_text(data: bytes, content_type: str) -> Extracted:
    """The main page's text from a WARC or WACZ, when one is found; otherwise none (the file is
    still accepted: the person vouches for it)."""
    try:
        if content_type == WARC_TYPE:
            return _main_page(io.BytesIO(data), None)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            wanted = _wacz_first_page(archive)
            for name in archive.namelist():
                if name.startswith("archive/") and name.endswith((".warc", ".warc.gz")):
                    with archive.open(name) as warc:
                        found = _main_page(warc, wanted)
                    if found.text:
                        return found
    except Exception:  # a damaged archive still counts as evidence, with no text
        logger.info("no text read from an uploaded web archive", exc_info=True)
    return NO_TEXT


def inspect_upload(data: bytes) -> Inspected:
    """Decide what an uploaded file is, refuse it if it is not accepted or too large for its kind."""
    if not data:
        raise InvalidInput(gettext("This file is empty."))
    kind, content_type = _kind_of(data)
    if len(data) > max_bytes(kind):
        raise InvalidInput(
            gettext(_TOO_LARGE[kind]) % {"size": _megabytes(len(data)), "most": _megabytes(max_bytes(kind))}
        )
    png = _png(data) if kind == IMAGE else None
    if kind == PDF:
        content = extract(data, PDF_TYPE)
    elif kind == ARCHIVE:
        content = archive_text(data, content_type)
    else:
        content = NO_TEXT
    return Inspected(kind, content_type, data, hashlib.sha256(data).hexdigest(), png, content)


class StoredFiles:
    """Files written for one upload; `discard()` removes those this upload created (a file that was
    already there, such as a payload stored before under the same hash, stays)."""

    def __init__(self):
        self.created: list[str] = []

    def save(self, name: str, data: bytes, *, content_addressed: bool = False) -> str:
        if content_addressed and default_storage.exists(name):
            if default_storage.size(name) == len(data):
                return name
            default_storage.delete(name)
        try:
            saved = default_storage.save(name, ContentFile(data))
        except Exception:
            with contextlib.suppress(Exception):
                if default_storage.exists(name):
                    default_storage.delete(name)
            raise
        self.created.append(saved)
        return saved

    def discard(self) -> None:
        for name in self.created:
            with contextlib.suppress(Exception):
                default_storage.delete(name)
        self.created = []
