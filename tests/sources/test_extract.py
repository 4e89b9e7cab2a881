"""Charsets, main text, titles and dates from captured payloads."""

import pytest

from sources.extract import detect_charset, extract, normalized_text, text_fingerprint, web_charset
from tests.sources.webserver import ARTICLE

LATIN1 = (
    "<html><head><title>Économie</title></head><body><article><p>"
    + "Le taux de chômage a baissé à 7,1 % au troisième trimestre, selon l'Insee. " * 8
    + "</p></article></body></html>"
)
SHIFT_JIS = (
    "<html><head><title>経済ニュース</title></head><body><article><p>"
    + "政府は今年の経済成長率の見通しを下方修正し、物価上昇が続く中で家計への支援策を発表した。" * 6
    + "</p></article></body></html>"
)


def minimal_pdf(text: str, title: str = "Report") -> bytes:
    """A one-page PDF with `text`, written by hand (offsets computed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title (%s) /CreationDate (D:20211230120000Z) >>" % title.encode(),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_an_article_gives_its_main_text_title_and_date():
    result = extract(ARTICLE.encode(), "text/html; charset=utf-8")
    assert "about 100,000 soldiers were deployed" in result.text
    assert "Subscribe to our newsletter" not in result.text and "Home | World" not in result.text
    assert result.title == "Troops massed near the border"
    assert str(result.published) == "2021-12-03"
    assert result.extractor == "trafilatura" and result.extractor_version


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (LATIN1.encode("latin-1"), "text/html", "Le taux de chômage a baissé"),
        (SHIFT_JIS.encode("shift_jis"), "text/html", "政府は今年の経済成長率"),
        ("<meta charset='windows-1251'><p>Привет, мир</p>".encode("cp1251"), "text/html", "Привет, мир"),
        (b"\xef\xbb\xbf<p>caf\xc3\xa9 au lait, tr\xc3\xa8s bien</p>", "text/html", "café au lait"),
    ],
)
def test_charsets_without_a_header_are_found(body, content_type, expected):
    assert expected in extract(body, content_type).text


def test_the_header_charset_wins():
    assert detect_charset("café".encode("latin-1"), "text/html; charset=ISO-8859-1") == "windows-1252"
    assert detect_charset(b"<meta charset=utf-8>", "text/html; charset=nonsense-charset") == "utf-8"


def test_a_byte_order_mark_wins_over_the_header_as_in_browsers():
    body = "\ufeffcafé".encode()
    assert detect_charset(body, "text/html; charset=iso-8859-1") == "utf-8"
    assert extract(body, "text/plain; charset=iso-8859-1").text == "café"


@pytest.mark.parametrize(
    ("name", "web"),
    [
        ("utf_8", "utf-8"),
        ("UTF8", "utf-8"),
        ("cp1252", "windows-1252"),
        ("latin_1", "windows-1252"),  # browsers read ISO-8859-1 as windows-1252
        ("iso8859_2", "iso-8859-2"),
        ("cp932", "shift_jis"),
        ("shift_jis_2004", "shift_jis"),
        ("x-sjis", "shift_jis"),
        ("euc_jis_2004", "euc-jp"),
        ("cp949", "euc-kr"),
        ("big5hkscs", "big5"),
        ("gb2312", "gbk"),
        ("mac_roman", "macintosh"),
        ("utf_16_le", "utf-16le"),
        ("cp1125", None),  # a DOS code page: browsers know none
        ("iso-2022-kr", None),  # browsers decode it to a single replacement character
        ("utf-32", None),
        ("nonsense", None),
    ],
)
def test_charsets_are_named_as_browsers_know_them(name, web):
    assert web_charset(name) == web


@pytest.mark.parametrize(
    "body",
    [
        LATIN1.encode("latin-1"),
        SHIFT_JIS.encode("shift_jis"),
        SHIFT_JIS.encode("euc_jp"),
        "Привет, мир, как дела сегодня у всех".encode("cp1251"),
        "Zażółć gęślą jaźń, polski tekst o gospodarce".encode("iso8859_2"),
        "경제 뉴스: 정부는 새로운 정책을 발표했다".encode("euc_kr"),
        "經濟新聞：政府發布了新的經濟政策".encode("big5"),
        b"plain ASCII text only",
        "\ufeffwith a mark".encode("utf-16-le"),
    ],
)
def test_a_guessed_charset_is_always_one_browsers_know(body):
    found = detect_charset(body, "text/html")
    assert web_charset(found) == found


def test_a_pdf_gives_its_text_and_title():
    result = extract(minimal_pdf("Unemployment fell to 3.9 percent in May."), "application/pdf")
    assert "Unemployment fell to 3.9 percent in May." in result.text
    assert (result.title, str(result.published), result.extractor) == ("Report", "2021-12-30", "pypdf")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"%PDF-1.4 garbage \x00\xff", "application/pdf"),
        (b"<html><body>" + b"<div>" * 5000 + b"deep" + b"</div>" * 5000, "text/html"),
        (b"\x00\x01\x02binary", "application/octet-stream"),
        (b"", "text/html"),
        (b"<html><script>document.cookie</script><p>Hi</p></html>", "text/html"),
    ],
)
def test_broken_or_hostile_payloads_never_crash(body, content_type):
    result = extract(body, content_type)
    assert "document.cookie" not in result.text


def test_normalized_text_ignores_whitespace_timestamps_and_clock_times():
    a = "Updated 2024-05-01T10:31:00Z\nThe  minister said   100,000.\nPosted 10:31 am, 5 minutes ago"
    b = "Updated 2024-05-01T11:02:47Z The minister said 100,000. Posted 11:02 pm, 37 minutes ago"
    assert text_fingerprint(a) == text_fingerprint(b)
    assert text_fingerprint(a) != text_fingerprint(a.replace("100,000", "120,000"))
    assert "2021-12-03" in normalized_text("Said on 2021-12-03.")  # a date alone is content


def test_a_page_that_takes_long_to_parse_holds_other_captures_back_for_a_second_at_most():
    """Pages are parsed one at a time in a process, but a page waits for another's parsing at most
    PARSE_WAIT seconds (a hostile page of megabytes can take many)."""
    import threading
    import time

    from sources import extract as extracting

    done = {}

    def capture():
        began = time.monotonic()
        done["content"] = extract(ARTICLE.encode(), "text/html; charset=utf-8")
        done["waited"] = time.monotonic() - began

    extracting._PARSING.acquire()  # another capture's thread is parsing a page that takes long
    try:
        other = threading.Thread(target=capture, daemon=True)
        other.start()
        other.join(timeout=extracting.PARSE_WAIT + 5)
        still_held = extracting._PARSING.locked()  # the other's: parsing beside it did not release it
    finally:
        extracting._PARSING.release()
    assert "waited" in done, "the page waited for the other's parsing to end"
    assert "troops" in done["content"].text.lower()
    assert extracting.PARSE_WAIT <= done["waited"] < extracting.PARSE_WAIT + 2.0, done["waited"]
    assert still_held


def test_pages_reach_the_text_extractor_as_plain_elements_and_lose_no_text():
    """Every element of a parsed page is lxml.html's plain element, form controls included (their
    classes are looked up in Python, once an element, thousands of times a page); what a page
    says around and inside a form is extracted as before."""
    import lxml.html
    import trafilatura

    page = (
        "<html><head><title>Water report</title></head><body><article>"
        "<p>The utility said on Monday that 12,400 homes in the north of the city had no water for two days.</p>"
        "<form action='/search'><label for='q'>Search the archive</label><input id='q' name='q'>"
        "<select name='s'><option>All</option></select><textarea name='t'></textarea></form>"
        "<p>Engineers replaced a main that had burst under the ring road, according to the council.</p>"
        "</article></body></html>"
    )
    import sources.extract  # noqa: F401 - the extractor's parser is set up when it is imported

    tree = trafilatura.load_html(page)
    assert {type(element) for element in tree.iter() if isinstance(element.tag, str)} == {lxml.html.HtmlElement}
    text = extract(page.encode(), "text/html; charset=utf-8").text
    assert "12,400 homes" in text and "burst under the ring road" in text
