"""The admin in Ukrainian and in Spanish: an editor and an administrator who chose one open the
admin's index and, for every model registered in it, its list, a row's page and the add form, with
rows in every list, and meet no English of the site's own: neither a string of the catalogs nor any
words the same page shows in English, once what people wrote and the audit log's own record (kept
in English) are taken out."""

import re

import pytest
from django.urls import reverse

from claims.checklist import checklist_step_create
from factcheck.apikeys import api_key_create
from factcheck.models import AuditEvent
from newsroom.languages import language_choose
from sources.models import Source
from tests.conftest import TRANSLATED, capture
from tests.routes import admin_pages
from tests.verdicts.test_public_languages import english_fragments, text_nodes, visible_text
from verdicts.public_site.publisher import publisher_save
from verdicts.webhooks import webhook_subscribe

pytestmark = pytest.mark.django_db

# What people wrote in these tests, and names: not the site's to translate.
WRITTEN = [
    "About 100,000 soldiers were deployed near the border.", "Oleksiy Reznikov", "The figure is wrong.",
    "A captured page about the claim.", "Contacted the claimant", "Partner newsroom CMS", "Partner CMS",
    "Fact-check workbench", "Kyiv Fact Desk", "Checks what is said about the war.", "Because.",
    "https://example.org/evidence", "https://example.org/notes", "example.org", *TRANSLATED.values(),
    "English", "Українська", "Español",
]  # fmt: skip
# The people's user names, the audit log's codes (claim.create, verdict.submit …) and workflow
# states, hashes, addresses, file names and dates: identifiers, the same in every language.
IDENTIFIERS = re.compile(
    r"\b(jo|ed|ada)\b|\b[a-z_]+\.[a-z_]+\b|\b[0-9a-f]{12,}\b|https?://\S+|[\w/-]+\.(html|warc|png|wacz)\b"
)


def site_words(node: str, written: list[str]) -> bool:
    """Whether a text node holds English of the site's own once what people wrote is taken out."""
    for text in sorted(written, key=len, reverse=True):
        node = node.replace(text, " ")
    node = IDENTIFIERS.sub(" ", node)
    return bool(re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", node))


@pytest.fixture
def newsroom(verdict_in, translation_in, make_claim, editor, admin_user, server):
    """Rows in every list of the admin: claims, claimants, citations, a checklist step, sources
    and captures, verdicts in review and published with a translation, a webhook that was sent
    the publication, an API key, the publisher, the audit log and the people."""
    webhook_subscribe(actor=admin_user, name="Partner CMS", url=server.url("/hook"), events=["verdict.published"])
    published = verdict_in("published")
    translation_in("published", verdict=published)
    verdict_in("submitted")
    make_claim()
    checklist_step_create(actor=editor, label="Contacted the claimant")
    capture("https://example.org/notes")
    api_key_create(actor=admin_user, name="Partner newsroom CMS", owner=editor)
    publisher_save(actor=admin_user, name="Kyiv Fact Desk", about="Checks what is said about the war.")


def audit_record_of(path: str) -> list[str]:
    """An audit event's page shows the log as it is recorded, in English (the log stays English)."""
    found = re.fullmatch(r"/admin/factcheck/auditevent/(\d+)/change/", path)
    if not found:
        return []
    event = AuditEvent.objects.get(pk=found.group(1))
    return [event.object_repr, event.comment, *(str(value) for value in event.data.values())]


@pytest.mark.parametrize("language", ["uk", "es"])
@pytest.mark.parametrize("role", ["editor", "admin_user"])
def test_the_admin_speaks_the_persons_language(client, newsroom, language, role, request):
    person = request.getfixturevalue(role)
    english = english_fragments(language)
    client.force_login(person)
    pages = admin_pages(person)
    assert len(pages) > (20 if role == "editor" else 40)
    found = []
    for path in pages:
        language_choose(user=person, language="en")
        in_english = client.get(path, follow=True)
        language_choose(user=person, language=language)
        response = client.get(path, follow=True)
        assert response.status_code == in_english.status_code == 200, path
        assert f'<html lang="{language}"' in response.content.decode(), path
        written = WRITTEN + audit_record_of(path)
        shown = visible_text(response.content)
        for text in sorted(written, key=len, reverse=True):
            shown = shown.replace(text, " ")
        left = sorted(fragment for fragment in english if fragment in shown)
        own_words = {node for node in text_nodes(in_english.content) if site_words(node, written)}
        unmarked = sorted(own_words & set(text_nodes(response.content)))
        found += [f"{path}: {left + unmarked}"] if left or unmarked else []
    assert not found, "\n".join(found)


def test_names_labels_and_help_are_translated(client, newsroom, editor):
    """The admin's index names the apps and models, and a form labels its fields and explains them,
    in the person's language."""
    client.force_login(editor)
    language_choose(user=editor, language="uk")
    index = visible_text(client.get(reverse("admin:index")).content)
    assert "Твердження й дослідження" in index and "Автори тверджень" in index and "Вердикти" in index
    form = client.get(reverse("admin:claims_claim_add")).content.decode()
    assert "Виконавець" not in form  # not on the add form: set by the workflow
    assert "Приписано" in form and "Кому стаття це приписує." in form
    language_choose(user=editor, language="es")
    index = visible_text(client.get(reverse("admin:index")).content)
    assert "Afirmaciones e investigación" in index and "Afirmaciones" in index and "Capturas" in index
    steps = client.get(reverse("admin:claims_checkliststep_add")).content.decode()
    assert "Obligatorio antes de enviar" in steps
    assert "Los pasos inactivos no se muestran ni bloquean nada." in steps


@pytest.mark.parametrize(("language", "words"), [("en", "1 day"), ("uk", "1 день"), ("es", "1 día")])
def test_a_sources_recheck_interval_reads_as_words_to_whoever_may_only_look(client, newsroom, editor, language, words):
    source = Source.objects.order_by("pk").first()
    client.force_login(editor)
    language_choose(user=editor, language=language)
    shown = visible_text(client.get(f"/admin/sources/source/{source.pk}/change/").content).replace("\xa0", " ")
    assert words in shown and "0:00:00" not in shown
