"""The capture benchmark's pages are what they say: a news page is an article amid a site's markup
and scripts, read by the capture as that article; both kinds of page answer alike."""

import re

from benchmarks.capture.corpus import Corpus
from sources.extract import extract


def _words(text: str) -> int:
    return len(re.findall(r"[a-z]+", text.lower()))


def test_a_news_page_is_read_as_its_article_and_nothing_around_it():
    corpus = Corpus(60, kind="news")
    read = [(body, extract(body, "text/html; charset=utf-8")) for status, body, _ in corpus.pages.values()]

    for body, content in read:
        article = re.search(rb"<article>(.*)</article>", body, re.S).group(1)
        paragraphs = b" ".join(re.findall(rb"<p>([^<]*)</p>", article)).decode()
        assert _words(paragraphs) * 0.95 <= _words(content.text) <= _words(paragraphs) * 1.05 + 40
        assert "__STATE__" not in content.text and "margin:" not in content.text  # no script, no style
        assert content.title.startswith("Story ")
    # Most say when they were published, in their metadata, as news sites do.
    assert 0.6 <= sum(1 for _, content in read if content.published) / len(read) <= 0.95
    # The article is a small part of the page's bytes, as on the real web.
    assert sum(len(content.text) for _, content in read) < 0.3 * sum(len(body) for body, _ in read)


def test_both_kinds_of_page_share_their_sizes_answers_and_latencies():
    news, text = Corpus(120, kind="news"), Corpus(120, kind="text")

    assert news.pages.keys() == text.pages.keys()
    for path, (status, body, latency) in news.pages.items():
        other_status, other_body, other_latency = text.pages[path]
        assert (status, latency) == (other_status, other_latency)
        # A small page's menu, footer and styles alone may be a little larger than its size.
        assert 0.9 <= len(body) / len(other_body) <= 1.25
    sizes = [sum(len(body) for _, body, _ in corpus.pages.values()) for corpus in (news, text)]
    assert 0.97 <= sizes[0] / sizes[1] <= 1.03  # the same bytes to fetch
    assert Corpus(120, kind="news").pages == news.pages  # the same pages every run
