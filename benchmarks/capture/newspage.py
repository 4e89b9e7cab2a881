"""A page as news sites serve them: the article amid its site.

What a capture has to read through on a real news page, in the proportions of one: wrapper upon
wrapper with hashed class names and data attributes, icons drawn in SVG, a menu of menus, share
buttons, advertising slots between the paragraphs, a picture in many sizes, links inside the
article's sentences, a newsletter form, cards of other stories, readers' comments, a footer, the
site's styles, and its state as inline JSON. Nearly every element is of the kinds a text
extractor has to weigh rather than drop at sight (divs, lists, links, sections, spans).
"""

import json
import math
import random

from benchmarks.capture.words import WORDS, paragraphs

# Of a page's bytes, the markup around the article takes this share; the site's state, inline
# JSON, takes what is left.
MARKUP_SHARE = 0.7


def _cls(rng: random.Random, count: int = 2) -> str:
    return " ".join(f"dc-{rng.getrandbits(24):06x}" for _ in range(count))


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _icon(rng: random.Random) -> str:
    return (
        f"<svg class='{_cls(rng, 1)}' viewBox='0 0 24 24' aria-hidden='true'>"
        "<path d='M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16z'></path></svg>"
    )


def _link(rng: random.Random, text: str) -> str:
    href = f"/{rng.choice(WORDS)}/{rng.getrandbits(20)}"
    return f"<a class='{_cls(rng)}' href='{href}' data-link-name='{text[:12]}'>{text}</a>"


def _menu(rng: random.Random, columns: int, items: int) -> str:
    return (
        f"<nav class='{_cls(rng)}'><ul class='{_cls(rng)}' role='menubar'>"
        + "".join(
            f"<li class='{_cls(rng)}'><button class='{_cls(rng)}' aria-expanded='false'>"
            f"{rng.choice(WORDS).capitalize()}{_icon(rng)}</button><ul class='{_cls(rng)}' role='menu'>"
            + "".join(
                f"<li class='{_cls(rng, 1)}'>{_link(rng, _words(rng, 2).capitalize())}</li>" for _ in range(items)
            )
            + "</ul></li>"
            for _ in range(columns)
        )
        + "</ul></nav>"
    )


def _share(rng: random.Random) -> str:
    return (
        f"<div class='{_cls(rng)}'><ul class='{_cls(rng)}' aria-label='Share'>"
        + "".join(
            f"<li class='{_cls(rng, 1)}'><a class='{_cls(rng)}' href='https://{site}.example/share?u=%2Fstory'"
            f" aria-label='Share on {site}'><span class='{_cls(rng, 1)}'>{_icon(rng)}</span></a></li>"
            for site in ("facebook", "x", "email", "linkedin", "whatsapp")
        )
        + f"</ul><button class='{_cls(rng)}'>{_icon(rng)}<span>Copy link</span></button></div>"
    )


def _ad(rng: random.Random) -> str:
    return (
        f"<div class='{_cls(rng)} ad-slot-container' aria-hidden='true'><div id='ad-{rng.getrandbits(20)}'"
        f" class='ad-slot {_cls(rng, 1)}' data-desktop='300,250|620,350|fluid' data-mobile='300,250|fluid'>"
        f"<div class='ad-slot__label'>Advertisement</div><div class='{_cls(rng, 1)}'></div></div></div>"
    )


def _picture(rng: random.Random) -> str:
    image = rng.getrandbits(30)
    return (
        f"<picture class='{_cls(rng)}'>"
        + "".join(
            f"<source srcset='/img/{image}.jpg?width={w}' media='(min-width:{w}px)'>" for w in (1300, 980, 660, 480)
        )
        + f"<img class='{_cls(rng, 1)}' src='/img/{image}.jpg' alt='{_words(rng, 5)}' loading='lazy'></picture>"
    )


def _paragraph(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    if len(words) > 20 and rng.random() < 0.6:  # a link inside the sentence, as articles have
        at = rng.randrange(5, len(words) - 5)
        words[at : at + 2] = [_link(rng, " ".join(words[at : at + 2]))]
    return f"<p class='{_cls(rng, 1)}'>{' '.join(words)}</p>"


def _card(rng: random.Random, picture: bool) -> str:
    return (
        f"<li class='{_cls(rng)}'><div class='{_cls(rng)}'>"
        + (f"<div class='{_cls(rng)}'>{_picture(rng)}</div>" if picture else "")
        + f"<div class='{_cls(rng)}'><h3 class='{_cls(rng)}'>"
        f"<span class='{_cls(rng, 1)}'>{rng.choice(WORDS).capitalize()}</span>"
        f"<span class='{_cls(rng)}'>{_words(rng, 8).capitalize()}</span></h3><div class='{_cls(rng)}'>"
        f"<time class='{_cls(rng, 1)}' datetime='2026-03-02T10:00:00Z'>{rng.randint(2, 59)}m ago</time>"
        f"<a class='{_cls(rng)}' href='/c/{rng.getrandbits(20)}#comments'>"
        f"{_icon(rng)}<span>{rng.randint(1, 900)}</span></a>"
        f"</div></div>{_link(rng, '')}</div></li>"
    )


def _cards(rng: random.Random, title: str, count: int, pictures: bool) -> str:
    return (
        f"<section class='{_cls(rng)}' data-component='onwards'><div class='{_cls(rng)}'>"
        f"<h2 class='{_cls(rng)}'>{title}</h2><ul class='{_cls(rng)}'>"
        + "".join(_card(rng, pictures) for _ in range(count))
        + "</ul></div></section>"
    )


def _comment(rng: random.Random) -> str:
    buttons = "".join(f"<button class='{_cls(rng)}'>{label}</button>" for label in ("Reply", "Share", "Report"))
    return (
        f"<li class='{_cls(rng)}' data-comment-id='{rng.getrandbits(30)}'>"
        f"<div class='{_cls(rng)}'><div class='{_cls(rng)}'>"
        f"<img class='{_cls(rng, 1)}' src='/avatar/{rng.getrandbits(20)}' alt='' width='36' height='36'>"
        f"<div class='{_cls(rng)}'><a class='{_cls(rng)}' href='/profile/{rng.getrandbits(20)}'>"
        f"<span>user{rng.getrandbits(16)}</span></a>"
        f"<time class='{_cls(rng, 1)}'>{rng.randint(1, 23)}h ago</time></div></div>"
        f"<div class='{_cls(rng)}'><p>{_words(rng, rng.randint(10, 50)).capitalize()}.</p></div>"
        f"<div class='{_cls(rng)}'><button class='{_cls(rng)}'>{_icon(rng)}<span>{rng.randint(0, 300)}</span></button>"
        f"{buttons}</div>"
        "</div></li>"
    )


def _state(rng: random.Random, room: int) -> str:
    stories, used = [], 0
    while used < room:
        story = {
            "id": rng.getrandbits(30),
            "headline": _words(rng, 8),
            "url": f"/{rng.choice(WORDS)}/{rng.getrandbits(20)}",
            "section": rng.choice(WORDS),
            "image": {"src": f"/img/{rng.getrandbits(30)}.jpg", "width": rng.choice((320, 640, 1280))},
            "commentCount": rng.randint(0, 999),
        }
        stories.append(story)
        used += 190
    return f"<script id='__STATE__' type='application/json'>{json.dumps({'onwards': stories})}</script>"


def _head(rng: random.Random, headline: str, published: str | None) -> str:
    meta = "".join(
        f"<meta name='{name}' content='{_words(rng, 8)}'>"
        for name in ("description", "keywords", "robots", "viewport", "twitter:card", "twitter:title")
    )
    meta += f"<meta property='og:title' content='{headline}'>" + "".join(
        f"<meta property='og:{name}' content='{_words(rng, 6)}'>" for name in ("description", "image", "type")
    )
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline}
    if published:
        meta += f"<meta property='article:published_time' content='{published}'>"
        ld["datePublished"] = published
    styles = "".join(
        f".dc-{rng.getrandbits(24):06x}{{display:flex;margin:{rng.randint(0, 24)}px;color:#{rng.getrandbits(24):06x}}}"
        for _ in range(60)
    )
    return (
        f"<meta charset='utf-8'><title>{headline} | News</title>{meta}"
        + "".join(f"<link rel='preload' as='script' href='/assets/{rng.getrandbits(40):010x}.js'>" for _ in range(8))
        + f"<script type='application/ld+json'>{json.dumps(ld)}</script><style>{styles}</style>"
    )


def news_page(rng: random.Random, n: int, size: int) -> bytes:
    """A news page of about `size` bytes (a small page's menu and footer may take it past that):
    an article of about 800 words (long reads of 6,000–10,000 on the largest pages), the
    publication date in the metadata of four pages in five."""
    words = int(min(rng.lognormvariate(math.log(800), 0.5), 3_000, size / 28))
    if size > 1_000_000:
        words = rng.randint(6_000, 10_000)
    headline = f"Story {n}: {' '.join(rng.sample(WORDS, 4))}"
    published = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00Z"
    published = published if rng.random() < 0.8 else None
    columns = max(2, min(8, size // 12_000))  # a small page has a smaller menu

    article = [
        f"<div class='{_cls(rng)}'><h1 class='{_cls(rng)}'>{headline}</h1></div>",
        f"<div class='{_cls(rng)}'><p>{_words(rng, 25).capitalize()}.</p></div>",
        f"<figure class='{_cls(rng)}'><div class='{_cls(rng)}'>{_picture(rng)}</div>"
        f"<figcaption class='{_cls(rng)}'>{_icon(rng)}{_words(rng, 12).capitalize()}. Photograph: Agency</figcaption>"
        "</figure>",
        f"<div class='{_cls(rng)}'><address class='{_cls(rng)}'>By {_link(rng, 'a staff reporter')}</address>"
        f"{_share(rng)}</div>",
        f"<div class='{_cls(rng)}' data-gu-name='body'><div class='{_cls(rng)}'>",
    ]
    for number, text in enumerate(paragraphs(rng, words)):
        article.append(_paragraph(rng, text))
        if number % 4 == 2:
            article.append(_ad(rng))
        if number == 5:
            article.append(
                f"<div class='{_cls(rng)}' data-component='newsletter'>"
                f"<p class='{_cls(rng)}'>Sign up to the morning briefing</p>"
                f"<form class='{_cls(rng)}'><label>Your email address<input type='email' class='{_cls(rng)}'></label>"
                f"<button class='{_cls(rng)}'>Sign up</button></form></div>"
            )
    article.append(f"</div></div><div class='{_cls(rng)}'>{_share(rng)}</div>")

    top = (
        f"<body class='{_cls(rng)}'><a href='#main'>Skip to main content</a>{_ad(rng)}"
        f"<header class='{_cls(rng)}'><div class='{_cls(rng)}'><a href='/'>{_icon(rng)}<span>The Daily</span></a>"
        f"<div class='{_cls(rng)}'>{_link(rng, 'Sign in')}{_link(rng, 'Search')}</div></div></header>"
        + _menu(rng, columns, 10)
        + f"<main id='main'><article class='{_cls(rng)}'><div class='{_cls(rng)}'><div class='{_cls(rng)}'>"
        + "".join(article)
        + "</div></div></article>"
    )
    footer = f"<footer class='{_cls(rng)}'>{_menu(rng, max(2, columns - 2), 8)}<div>© 2026 The Daily</div></footer>"
    page = [f"<!doctype html><html lang='en'><head>{_head(rng, headline, published)}</head>", top]
    used = sum(map(len, page)) + len(footer)
    budget = int(size * MARKUP_SHARE)
    sections = 0
    while used < budget:  # more stories, then readers' comments, as far as the page's size goes
        if sections % 3 == 2:
            part = f"<section class='{_cls(rng)}' id='comments'><ul class='{_cls(rng)}'>"
            part += "".join(_comment(rng) for _ in range(10)) + "</ul></section>"
        else:
            part = _cards(rng, _words(rng, 3).capitalize(), 6, pictures=sections % 3 == 1)
        page.append(part)
        used += len(part)
        sections += 1
    page.append("</main>" + footer)
    page.append(_state(rng, size - used) + "</body></html>")
    return "".join(page).encode()
