"""What a captured payload says: its charset, main text, title and date.

Captured pages are hostile content: nothing here runs their scripts or
fetches what they link to; parsing failures give empty text, never a crash.
"""

import codecs
import hashlib
import io
import logging
import re
import threading
from dataclasses import dataclass
from datetime import date

import charset_normalizer
import lxml.etree
import lxml.html
import trafilatura
import trafilatura.utils
import webencodings
from htmldate import find_date
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url
from trafilatura.settings import Document, use_config

logger = logging.getLogger(__name__)

MAX_PDF_PAGES = 500
# The main text of an article sits in its first megabytes; past this the page is
# still stored whole (payload and WARC), but not parsed for text.
MAX_EXTRACT_BYTES = 5 * 1024 * 1024
_META_CHARSET = re.compile(rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.I)
# What changes between two captures of an unchanged article: timestamps, clock
# times, "5 minutes ago". Dates on their own stay: a changed date is a change.
# Each starts with a digit that does not follow a letter or digit (the word boundary, written after
# the digit so that the search can skip ahead to digits: twice as fast on a long text).
_VOLATILE = re.compile(
    r"\d(?<!\w\d)(?:"
    r"\d{3}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?"
    r"|\d?:\d{2}(:\d{2})?\s*([ap]\.?m\.?)?(?![\w:])"
    r"|\d*\s+(seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago\b"
    r")",
    re.I,
)

# One page parsed at a time in a process. Parsing and extracting run in lxml, which hands Python's
# lock back and forth around each of the thousands of calls trafilatura's XPath makes into Python
# for a page; with other threads of the process extracting too, each handoff waits on them and
# switches threads. Serialised, a capture worker of 16 threads spends about a sixth less processor
# time a capture (half as much in the kernel); its threads still fetch side by side. A page waits
# at most PARSE_WAIT seconds, then is parsed beside the other: a page that takes long to parse (a
# hostile one of megabytes) holds no other capture back for longer.
_PARSING = threading.Lock()
PARSE_WAIT = 1.0

_trafilatura_config = use_config()
# Never let the extractor wait on anything: it only parses what we give it.
_trafilatura_config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
# lxml.html's parser picks each element's Python class with a lookup written in Python (so that a
# form's elements get classes of their own), called each time an element reaches Python: about two
# thousand times a news page in trafilatura's pruning. The extractor uses none of those classes; a
# lookup in C gives every element lxml.html's plain classes, and the extracted text is the same.
trafilatura.utils.HTML_PARSER.set_element_class_lookup(
    lxml.etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str
    published: date | None
    extractor: str
    extractor_version: str
    charset: str = ""


# Python codec names that detectors return and the WHATWG labels do not list, with the encoding
# browsers know them by (the rest is found through the labels, or through webencodings' own table).
_PYTHON_CODECS = {
    "euc_jp": "euc-jp",
    "euc_jis_2004": "euc-jp",
    "euc_jisx0213": "euc-jp",
    "euc_kr": "euc-kr",
    "shift_jis_2004": "shift_jis",
    "shift_jisx0213": "shift_jis",
    "iso2022_jp": "iso-2022-jp",
    "iso2022_jp_1": "iso-2022-jp",
    "iso2022_jp_2": "iso-2022-jp",
    "iso2022_jp_2004": "iso-2022-jp",
    "iso2022_jp_3": "iso-2022-jp",
    "iso2022_jp_ext": "iso-2022-jp",
    "utf-16-le": "utf-16le",
    "utf-16-be": "utf-16be",
    **{codec: name for name, codec in webencodings.PYTHON_NAMES.items()},  # cp932 is shift_jis, ...
}
# What the detector may guess: the encodings browsers know, so that every guess has a name there.
_DETECTABLE = sorted(
    {
        webencodings.lookup(name).codec_info.name
        for name in set(webencodings.LABELS.values()) - {"replacement", "x-user-defined"}
    }
)


def web_charset(name: str) -> str | None:
    """The charset as browsers know it: the WHATWG Encoding Standard's name, in lower case, for a
    label a page declares (`latin1` is `windows-1252`, `x-sjis` is `shift_jis`) or a Python codec
    name (`utf_8` is `utf-8`, `cp1252` is `windows-1252`, `shift_jis_2004` is `shift_jis`).
    None when browsers know no such encoding."""
    name = (name or "").strip().strip("\"'")
    if not name:
        return None
    encoding = webencodings.lookup(name)
    if encoding is None:
        try:
            codec = codecs.lookup(name).name
        except (LookupError, ValueError):
            return None
        encoding = webencodings.lookup(codec) or webencodings.lookup(_PYTHON_CODECS.get(codec, ""))
    if encoding is None or encoding.name == "replacement":
        return None
    return encoding.name.lower()


def header_charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return web_charset(value)
    return None


def detect_charset(body: bytes, content_type: str) -> str:
    """The charset as browsers find it, and by its name there: a byte order mark, else the
    header's charset, else a <meta> declaration, else a guess among the encodings browsers know."""
    bom = {codecs.BOM_UTF8: "utf-8", codecs.BOM_UTF16_LE: "utf-16le", codecs.BOM_UTF16_BE: "utf-16be"}
    for mark, name in bom.items():
        if body.startswith(mark):
            return name
    declared = header_charset(content_type)
    if declared:
        return declared
    meta = _META_CHARSET.search(body[:4096])
    if meta:
        named = web_charset(meta.group(1).decode("ascii", "ignore"))
        if named:
            # A page read far enough to find its <meta> is not UTF-16, whatever the <meta> says.
            return "utf-8" if named.startswith("utf-16") else named
    best = charset_normalizer.from_bytes(body[:200_000], cp_isolation=_DETECTABLE).best()
    return (web_charset(best.encoding) if best is not None else None) or "utf-8"


def decode(body: bytes, content_type: str) -> tuple[str, str]:
    """The text, and the charset it was read with (by its name in browsers)."""
    text, encoding = webencodings.decode(body, detect_charset(body, content_type), errors="replace")
    return text, encoding.name.lower()


def media_type(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def _parse_date(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _visible_text(html: str) -> str:
    """All readable text of a page too short or odd for the main-text extractor."""
    try:
        root = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in root.xpath("//script|//style|//noscript|//template"):
        element.drop_tree()
    return " ".join(root.text_content().split())


def _title_and_date(tree) -> tuple[str, str | None]:
    """The title and date trafilatura's metadata gives, found its way (the page's meta tags, then
    its JSON-LD, then its headings; the date by htmldate), without the rest of the metadata
    (authors, site name, categories, tags, licence): never kept, it cost as much again."""
    found = examine_meta(tree)
    try:
        found = extract_meta_json(tree, found)
    except Exception:  # trafilatura's own guard: its JSON-LD reading has bugs of its own
        logger.warning("trafilatura failed on a captured page's JSON-LD", exc_info=True)
    title = found.title or extract_title(tree)
    url = found.url or extract_url(tree)
    try:
        published = find_date(tree, extensive_search=False, original_date=True, url=url)
    except Exception:  # a hostile page's dates must not cost it its title
        logger.warning("htmldate failed on a captured page", exc_info=True)
        published = None
    cleaned = Document()
    cleaned.title = title
    cleaned.clean_and_trim()
    return cleaned.title or "", published


def _html(body: bytes, content_type: str) -> Extracted:
    html, charset = decode(body[:MAX_EXTRACT_BYTES], content_type)
    version = trafilatura.__version__
    text = title = ""
    published = None
    try:
        tree = trafilatura.load_html(html)
        if tree is not None:
            document = trafilatura.bare_extraction(
                tree,  # a copy of it is cleaned and pruned: the tree stays whole for the title and date
                fast=True,  # the main algorithm only: its fallbacks cost much time for little text
                with_metadata=False,
                include_comments=False,
                include_tables=True,
                config=_trafilatura_config,
            )
            text = (getattr(document, "text", None) or "").strip()
            title, published = _title_and_date(tree)
    except Exception:  # a hostile page must not take the capture down with it
        logger.warning("trafilatura failed on a captured page", exc_info=True)
    if not text:
        text = _visible_text(html)
    return Extracted(
        text=text,
        title=title.strip()[:500],
        published=_parse_date(published),
        extractor="trafilatura",
        extractor_version=version,
        charset=charset,
    )


def _pdf(body: bytes) -> Extracted:
    import pypdf  # loaded by the process that meets a PDF: with the cryptography it loads, 22 MB

    version = pypdf.__version__
    try:
        reader = pypdf.PdfReader(io.BytesIO(body))
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES]]
        meta = reader.metadata or {}
        title = str(meta.get("/Title") or "")
        created = getattr(reader.metadata, "creation_date", None) if reader.metadata else None
    except Exception:
        logger.warning("pypdf failed on a captured PDF", exc_info=True)
        return Extracted("", "", None, "pypdf", version)
    return Extracted(
        text="\n\n".join(p.strip() for p in pages if p.strip()),
        title=title.strip()[:500],
        published=created.date() if created else None,
        extractor="pypdf",
        extractor_version=version,
    )


def extract(body: bytes, content_type: str) -> Extracted:
    kind = media_type(content_type)
    if not body:
        return Extracted("", "", None, "none", "")
    if kind in ("text/html", "application/xhtml+xml") or (not kind and body.lstrip()[:1] == b"<"):
        parsing_alone = _PARSING.acquire(timeout=PARSE_WAIT)
        try:
            return _html(body, content_type)
        finally:
            if parsing_alone:
                _PARSING.release()
    if kind == "application/pdf" or body.startswith(b"%PDF-"):
        return _pdf(body)
    if kind.startswith("text/"):
        text, charset = decode(body[:MAX_EXTRACT_BYTES], content_type)
        return Extracted(text.strip(), "", None, "plain-text", "1", charset)
    return Extracted("", "", None, "none", "")


def normalized_text(text: str) -> str:
    """The text as compared between captures: no volatile dates or times, no whitespace runs."""
    return " ".join(_VOLATILE.sub(" ", text).split())


def text_fingerprint(text: str) -> str:
    return hashlib.sha256(normalized_text(text).encode()).hexdigest()
