"""The readers' site in each of its languages: English at /verdicts/, Ukrainian and Spanish under
/uk/ and /es/, with hreflang links and a switch between them, and no English string left on a
translated page. Every string marked for translation is translated, and the catalogs in locale/
are the ones the source gives."""

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from sources.models import Snapshot
from tests.conftest import publish_correction
from tests.verdicts.test_verification import _published_on_upload

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = ["uk", "es"]
SKIPPED_DIRS = {".git", ".venv", ".venv-runtime", "var", "node_modules", "__pycache__", ".pytest_cache"}


def catalog(language: str, root: Path = ROOT) -> polib.POFile:
    return polib.pofile(str(root / "locale" / language / "LC_MESSAGES" / "django.po"))


def english_fragments(language: str) -> set[str]:
    """Pieces of English a reader of `language` must never meet: each source string's text between
    its placeholders and markup, where it is long enough to be words and its translation differs."""
    fragments = set()
    for entry in catalog(language):
        translations = [entry.msgstr, *entry.msgstr_plural.values()]
        for source in filter(None, [entry.msgid, entry.msgid_plural]):
            for piece in re.split(r"%\(\w+\)[sd]|<[^>]+>|[“”\"«»]", source):
                piece = piece.strip(" .,:;·()←→")
                if len(piece) >= 8 and " " in piece and not any(piece in t for t in translations):
                    fragments.add(piece)
    return fragments


def visible_text(page: bytes) -> str:
    return " ".join(text_nodes(page))


def text_nodes(page: bytes) -> list[str]:
    """The page's text, one piece per run of text between tags (scripts and styles left out)."""
    text = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page.decode())
    return [" ".join(html.unescape(piece).split()) for piece in re.split(r"<[^>]+>", text) if piece.strip()]


def content_of(verdict) -> set[str]:
    """What the newsroom wrote (the same on every language's page), which is not the site's to translate."""
    claim = verdict.claim
    written = [claim.text, verdict.headline, verdict.summary, verdict.explanation, verdict.correction_note,
               claim.claimant.name if claim.claimant else "", *claim.tags, settings.PUBLISHER_NAME]  # fmt: skip
    for text, title in Snapshot.objects.filter(pk__in=[e["snapshot"] for e in verdict.pinned_evidence]).values_list(
        "text", "page_title"
    ):
        written += [text, title]  # the captured page's own words
    return {" ".join(piece.split()) for piece in written if piece}


def site_words(node: str, verdict) -> bool:
    """Whether `node` holds English of the site's own, once the newsroom's writing is taken out."""
    for written in sorted(content_of(verdict), key=len, reverse=True):
        node = node.replace(written, " ")
    return bool(re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", node))


@pytest.fixture
def published(verdict_in, editor):
    verdict = verdict_in("published", tags=["border"])
    corrected = publish_correction(verdict, editor, note="We corrected the figure.")
    return corrected


def pages(verdict) -> list[str]:
    claim = verdict.claim
    return [
        "/verdicts/", f"/verdicts/{verdict.pk}/", f"/claimants/{claim.claimant_id}/", "/topics/border/",
        "/corrections/", "/methodology/", "/verdicts/?rating=nonsense", "/verdicts/?q=nothing-matches-this",
        f"/captures/{verdict.pinned_evidence[0]['snapshot']}/",
    ]  # fmt: skip


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_readers_page_is_in_the_language_of_its_address(client, published, language):
    english = english_fragments(language)
    assert len(english) > 40  # the check has something to find
    for path in pages(published):
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        body = response.content.decode()
        assert f'<html lang="{language}">' in body, path
        left = sorted(fragment for fragment in english if fragment in visible_text(response.content))
        assert not left, f"{path}: {left}"
        # And nothing of the English page's own words (written in a template but never marked) is left.
        own_words = {node for node in text_nodes(client.get(path).content) if site_words(node, published)}
        unmarked = sorted(own_words & set(text_nodes(response.content)))
        assert not unmarked, f"{path}: {unmarked}"
        # Every version of the page is linked, with the English one as the default.
        for code in ("en", "uk", "es"):
            prefix = "" if code == "en" else f"/{code}"
            assert f'hreflang="{code}" href="http://testserver{prefix}{path.split("?")[0]}' in body, (path, code)
        assert f'hreflang="x-default" href="http://testserver{path.split("?")[0]}' in body


@pytest.mark.parametrize("language", TRANSLATED)
def test_uploaded_evidence_is_described_in_the_language_of_its_address(
    client, server, checking_claim, journalist, editor, language
):
    verdict, uploaded = _published_on_upload(server, checking_claim, journalist, editor)
    english = english_fragments(language)
    for path in (f"/verdicts/{verdict.pk}/", f"/captures/{uploaded.pk}/"):
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        left = sorted(fragment for fragment in english if fragment in visible_text(response.content))
        assert not left, f"{path}: {left}"
        own_words = {node for node in text_nodes(client.get(path).content) if site_words(node, verdict)}
        unmarked = sorted(own_words & set(text_nodes(response.content)))
        assert not unmarked, f"{path}: {unmarked}"


def test_the_english_pages_stay_english_whatever_the_browser_asks(client, published):
    page = client.get("/verdicts/", HTTP_ACCEPT_LANGUAGE="uk,es;q=0.8")
    assert page.status_code == 200 and "Fact-checks" in page.content.decode()
    assert not {"Перевірки фактів", "Verificaciones"} & set(visible_text(page.content).split("  "))
    spanish = client.get("/es/verdicts/")  # kept apart from the English page in the shared cache
    assert "Verificaciones" in spanish.content.decode() and "Todas las verificaciones" not in page.content.decode()


def test_each_languages_home_leads_to_its_index_and_the_unprefixed_home_stays_the_newsrooms(client):
    for language in ("uk", "es"):
        home = client.get(f"/{language}/")
        assert (home.status_code, home.url) == (302, f"/{language}/verdicts/")
    assert client.get("/").url == "/login/?next=/"  # the newsroom's queue, for people signed in


def test_the_newsroom_follows_the_person_not_the_readers_address(client, journalist):
    client.force_login(journalist)
    client.get("/es/verdicts/")
    page = client.get("/").content.decode()  # a reader's page visited before does not carry over
    assert '<html lang="en">' in page and "Cola" not in page
    assert '<html lang="es">' in client.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()


def test_the_language_switch_leads_to_the_same_page(client, published):
    page = client.get(f"/es/verdicts/{published.pk}/").content.decode()
    assert f'<a href="http://testserver/uk/verdicts/{published.pk}/" hreflang="uk" lang="uk">Українська</a>' in page
    assert '<span aria-current="page" lang="es">Español</span>' in page


def test_claimreview_names_the_rating_in_the_pages_language(client, published):
    def review(prefix: str) -> str:
        page = client.get(f"{prefix}/verdicts/{published.pk}/").content.decode()
        return re.search(r'"alternateName":\s*"([^"]+)"', page).group(1)

    assert (review(""), review("/es"), review("/uk")) == ("False", "Falso", "Неправда")
    assert (
        client.get(f"/api/v1/verdicts/{published.pk}/claimreview/").json()["reviewRating"]["alternateName"] == "False"
    )


def test_dates_are_written_as_each_language_writes_them(client, published):
    published_on = published.published_at
    es = visible_text(client.get(f"/es/verdicts/{published.pk}/").content)
    uk = visible_text(client.get(f"/uk/verdicts/{published.pk}/").content)
    months_es = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                 "octubre", "noviembre", "diciembre"]  # fmt: skip
    months_uk = ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
                 "жовтня", "листопада", "грудня"]  # fmt: skip
    assert f"{published_on.day} de {months_es[published_on.month - 1]} de {published_on.year}" in es
    assert f"{published_on.day} {months_uk[published_on.month - 1]} {published_on.year}" in uk
    captured = published.pinned_evidence[0]["captured_at"][:10].split("-")  # the evidence's capture, likewise
    year, month, day = (int(part) for part in captured)
    assert f"{day} de {months_es[month - 1]} de {year}," in es and f"{day} {months_uk[month - 1]} {year}," in uk


def test_every_marked_string_is_translated_and_the_catalogs_are_current(tmp_path):
    """`manage.py messages` is run on a copy of the source: no string it gathers may be left
    untranslated or fuzzy, and the .po and .mo files it leaves must be those in the repository."""
    copy = tmp_path / "source"
    shutil.copytree(ROOT, copy, ignore=lambda folder, names: [n for n in names if n in SKIPPED_DIRS])
    # Gathering strings reads files only: the database named here is never connected to.
    env = {"PATH": "/usr/bin:/bin", "SECRET_KEY": "messages-only", "DATABASE_URL": "postgres://127.0.0.1:1/unused"}
    done = subprocess.run(
        [sys.executable, "manage.py", "messages", "-v0"], cwd=copy, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    for language in TRANSLATED:
        gathered = catalog(language, copy)
        untranslated = [entry.msgid for entry in gathered.untranslated_entries()]
        fuzzy = [entry.msgid for entry in gathered.fuzzy_entries()]
        assert not untranslated and not fuzzy, f"{language}: untranslated {untranslated}, fuzzy {fuzzy}"

        def entries(po):
            return {(e.msgid, e.msgid_plural, e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in po}

        assert entries(gathered) == entries(catalog(language)), f"{language}: run `make messages` and commit"
        compiled = polib.mofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.mo"))
        assert entries(compiled) == entries(gathered), f"{language}: the .mo is older than the .po"


def test_a_reader_who_meets_a_missing_page_stays_on_the_readers_site(client, journalist):
    for path, words in [("/es/verdicts/999999/", "No encontrado"), ("/uk/claimants/999999/", "Не знайдено"),
                        ("/verdicts/999999/", "Not found"), ("/es/no-such-page/", "No encontrado")]:  # fmt: skip
        response = client.get(path)
        body = response.content.decode()
        assert response.status_code == 404 and words in body and 'class="site-header"' in body, path
    client.force_login(journalist)
    newsroom = client.get("/claims/999999/")
    assert newsroom.status_code == 404 and "Back to the queue" in newsroom.content.decode()


@pytest.fixture
def cold_url_templates():
    """A worker just started: no verdict address reversed yet."""
    from verdicts import claimreview

    claimreview.url_template.cache_clear()
    yield
    claimreview.url_template.cache_clear()


def test_a_ukrainian_first_request_does_not_relabel_every_address(client, verdict_in, cold_url_templates, settings):
    """The addresses of verdicts were reversed once per process, in whichever language came first:
    after a first reader at /uk/, the API, feeds and webhooks all gave /uk/ addresses."""
    from django.utils import translation

    from verdicts import claimreview

    verdict = verdict_in("published")
    english = f"{settings.SITE_URL}/verdicts/{verdict.pk}/"
    assert client.get(f"/uk/verdicts/{verdict.pk}/").status_code == 200
    assert client.get("/api/v1/verdicts/").json()["results"][0]["url"] == english
    assert client.get(f"/api/v1/verdicts/{verdict.pk}/claimreview/").json()["url"] == english
    assert f"/uk/verdicts/{verdict.pk}/" not in client.get("/feeds/verdicts.atom").content.decode()
    with translation.override("es"):
        assert claimreview.public_url(verdict) == f"{settings.SITE_URL}/es/verdicts/{verdict.pk}/"
    assert claimreview.public_url(verdict) == english  # as a task or a webhook sees it


def test_each_languages_page_names_itself_as_canonical(client, verdict_in, cold_url_templates, settings):
    verdict = verdict_in("published")
    for prefix in ("", "/uk", "/es", ""):
        page = client.get(f"{prefix}/verdicts/{verdict.pk}/").content.decode()
        address = f"{settings.SITE_URL}{prefix}/verdicts/{verdict.pk}/"
        assert f'<link rel="canonical" href="{address}">' in page and f'"url": "{address}"' in page, prefix


@pytest.mark.parametrize("path", ["/topics/%00/", "/es/topics/%00/", "/topics/a%00b/"])
def test_a_nul_in_a_topics_address_is_not_found(client, verdict_in, path):
    verdict_in("published", tags=["ukraine"])
    assert client.get(path).status_code == 404


NEGATIONS = "-" * 33 + "soldiers"


@pytest.mark.parametrize("url", ["/verdicts/", "/uk/verdicts/", "/api/v1/verdicts/", "/api/v1/claimreview/"])
def test_negations_in_a_row_in_a_search_are_one(client, verdict_in, url):
    """PostgreSQL's web search parser nests each "-" in the one before and fails past 32: a 500."""
    verdict_in("published")
    for q in (NEGATIONS, " ".join(["-"] * 40) + " soldiers"):
        assert client.get(url, {"q": q}).status_code == 200, q


def test_negations_in_a_row_in_the_newsroom_search(client, editor, make_claim):
    make_claim()
    client.force_login(editor)
    for url in ["/api/v1/claims/", "/"]:
        assert client.get(url, {"q": NEGATIONS}).status_code == 200, url


def test_a_readers_language_root_opens_its_index_and_links_stay_in_its_language(client, published, settings):
    assert client.get("/uk/").headers["Location"] == "/uk/verdicts/"
    assert client.get("/es/").headers["Location"] == "/es/verdicts/"
    feed = client.get("/es/feeds/verdicts.atom").content.decode()
    assert f"{settings.SITE_URL}/es/verdicts/{published.pk}/" in feed and f"{settings.SITE_URL}/verdicts/" not in feed
    index = client.get("/uk/verdicts/").content.decode()
    listed = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', index, re.S).group(1))
    assert [item["url"] for item in listed["itemListElement"]] == [f"{settings.SITE_URL}/uk/verdicts/{published.pk}/"]


def test_a_refused_filter_is_named_in_the_readers_language(client, published):
    spanish = visible_text(client.get("/es/verdicts/", {"published_from": "2026-13-45"}).content)
    assert "Se ignoró el filtro «Publicado desde» con «2026-13-45»: introduzca una fecha válida." in spanish
    ukrainian = visible_text(client.get("/uk/verdicts/", {"rating": "lies"}).content)
    assert "Фільтр «Оцінка» зі значенням «lies» пропущено: такої оцінки немає." in ukrainian
