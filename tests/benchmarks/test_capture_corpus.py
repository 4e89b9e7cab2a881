"""The capture benchmark's pages are what they say: a news page is an article amid a site's markup
and scripts, read by the capture as that article; both kinds of page answer alike."""

import re

import lxml.html

from benchmarks.capture.corpus import Corpus
from sources.extract import extract


def _words(text: str) -> int:
    return len(re.findall(r"[a-z]+", text.lower()))


def test_a_news_page_is_read_as_its_article_and_nothing_around_it():
    corpus = Corpus(60, kind="news")
    read = [(body, extract(body, "text/html; charset=utf-8")) for status, body, _ in corpus.pages.values()]

    for body, content in read:
        tree = lxml.html.fromstring(body)
        article = " ".join(p.text_content() for p in tree.xpath("//article//div[@data-gu-name='body']//p"))
        extracted = _words(content.text)
        assert _words(article) * 0.95 <= extracted <= _words(article) * 1.1 + 60  # a standfirst, a caption
        for around in ("__STATE__", "display:flex", "Advertisement", "Reply", "Copy link", "m ago"):
            assert around not in content.text
        assert content.title.startswith("Story ")
        # Wrapped as on news sites: hundreds of elements, most of them of the kinds an extractor weighs.
        elements = tree.xpath("//*")
        assert len(elements) >= len(body) / 250
        assert sum(1 for e in elements if e.tag in ("div", "li", "a", "span", "section", "ul")) > len(elements) / 2
    # The article is a small part of the page's bytes, as on the real web.
    assert sum(len(content.text) for _, content in read) < 0.2 * sum(len(body) for body, _ in read)


def test_both_kinds_of_page_share_their_sizes_answers_and_latencies():
    news, text = Corpus(120, kind="news"), Corpus(120, kind="text")

    assert news.pages.keys() == text.pages.keys()
    for path, (status, body, latency) in news.pages.items():
        other_status, other_body, other_latency = text.pages[path]
        assert (status, latency) == (other_status, other_latency)
        # A small page's menu, article and footer alone may be larger than its size.
        assert 0.9 <= len(body) / len(other_body) <= 2.2
    sizes = [sum(len(body) for _, body, _ in corpus.pages.values()) for corpus in (news, text)]
    assert 0.97 <= sizes[0] / sizes[1] <= 1.05  # about the same bytes to fetch
    assert Corpus(120, kind="news").pages == news.pages  # the same pages every run
