"""Each audit row as a sentence people read, in their language: one phrasing per action name
(`PHRASES`), and the people and sources the rows name, read once per history."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.utils.text import get_text_list
from django.utils.translation import gettext, gettext_noop, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from claims.models import Citation
from factcheck.models import AuditEvent
from sources.models import Snapshot, Source
from sources.passages import FATES
from verdicts.languages import language_name

# A field's name as the history lists it among what changed ("changed the claim's date and tags").
_FIELD_WORDS = {
    "claim": {
        "text": pgettext_lazy("changed field", "text"),
        "claimant": pgettext_lazy("changed field", "claimant"),
        "said_on": pgettext_lazy("changed field", "date"),
        "said_on_precision": pgettext_lazy("changed field", "date"),
        "medium": pgettext_lazy("changed field", "medium"),
        "language": pgettext_lazy("changed field", "language"),
        "tags": pgettext_lazy("changed field", "tags"),
        "priority": pgettext_lazy("changed field", "priority"),
        "due_on": pgettext_lazy("changed field", "due date"),
        "appearance": pgettext_lazy("changed field", "appearance"),
        "origin": pgettext_lazy("changed field", "origin"),
        "context": pgettext_lazy("changed field", "context"),
    },
    "verdict": {
        "rating": pgettext_lazy("changed field", "rating"),
        "headline": pgettext_lazy("changed field", "headline"),
        "summary": pgettext_lazy("changed field", "summary"),
        "explanation": pgettext_lazy("changed field", "explanation"),
        "correction_note": pgettext_lazy("changed field", "correction note"),
    },
    "citation": {
        "stance": pgettext_lazy("changed field", "stance"),
        "quote": pgettext_lazy("changed field", "quoted passage"),
        "note": pgettext_lazy("changed field", "note"),
    },
    "claimant": {
        "name": pgettext_lazy("changed field", "name"),
        "kind": pgettext_lazy("changed field", "kind"),
        "role": pgettext_lazy("changed field", "role"),
        "aliases": pgettext_lazy("changed field", "aliases"),
    },
    "source": {"title": pgettext_lazy("changed field", "title"), "url": pgettext_lazy("changed field", "address")},
}
# A stance as the history says it after the source: "cited bbc.com (refutes)".
_STANCES = {"supports": _("supports"), "refutes": _("refutes"), "context": _("gives context")}
_QUOTE = {
    "found": _("The quoted passage from %(source)s was found in its capture"),
    "not_found": _("The quoted passage from %(source)s was not found in its capture"),
    "moved": _("The quoted passage from %(source)s was moved in its capture"),
    "unchecked": _("The quoted passage from %(source)s was not checked yet in its capture"),
}


@dataclass
class _Context:
    """What the sentences name beyond the rows: people and sources, read once per history."""

    people: dict
    hosts: dict


def _host(url: str) -> str:
    host = urlsplit(url if "//" in url else f"//{url}").hostname or url
    return host.removeprefix("www.")


def fields_changed(kind: str, changes: dict) -> str:
    words = _FIELD_WORDS.get(kind, {})
    names = []
    for name in changes:
        word = str(words.get(name, name.replace("_", " ")))
        if word not in names:
            names.append(word)
    return get_text_list(names, gettext("and")) if names else gettext("nothing")


def version_of(event: AuditEvent) -> str:
    found = re.match(r"Verdict v(\d+)", event.object_repr or "")
    return gettext("version %(number)s") % {"number": found.group(1)} if found else gettext("the verdict")


def _source(event: AuditEvent, ctx: _Context) -> str:
    data = event.data or {}
    if data.get("url"):
        return _host(data["url"])
    if data.get("source") in ctx.hosts:
        return ctx.hosts[data["source"]]
    return (event.object_repr or gettext("a source")).split(": ", 1)[-1]


def _person(ctx: _Context, person_id) -> str:
    return ctx.people.get(person_id, gettext("someone"))


def _claim_update(e, ctx, who):
    changes = e.data.get("changes", {})
    if set(changes) == {"claimant"}:
        return gettext("%(who)s changed who said the claim") % {"who": who}
    return gettext("%(who)s changed the claim's %(fields)s") % {"who": who, "fields": fields_changed("claim", changes)}


def _accept(e, ctx, who):
    assignee = (e.data.get("assignee") or [None, None])[1]
    return gettext("%(who)s accepted the claim and assigned it to %(person)s") % {
        "who": who,
        "person": _person(ctx, assignee),
    }


def _reassign(e, ctx, who):
    assignee = (e.data.get("assignee") or [None, None])[1]
    return gettext("%(who)s reassigned the claim to %(person)s") % {"who": who, "person": _person(ctx, assignee)}


def _cited(e, ctx, who):
    stance = _STANCES.get(e.data.get("stance", ""), e.data.get("stance", ""))
    said = {"who": who, "source": _source(e, ctx), "stance": stance}
    return (
        gettext("%(who)s cited %(source)s (%(stance)s)") % said
        if stance
        else gettext("%(who)s cited %(source)s") % said
    )


def _citation_update(e, ctx, who):
    changes = e.data.get("changes", {})
    if set(changes) == {"stance"}:
        new = dict(Citation.Stance.choices).get(changes["stance"][1], changes["stance"][1])
        return gettext("%(who)s changed the stance of %(source)s to “%(stance)s”") % {
            "who": who,
            "source": _source(e, ctx),
            "stance": str(new).lower(),
        }
    return gettext("%(who)s changed the %(fields)s of the citation of %(source)s") % {
        "who": who,
        "fields": fields_changed("citation", changes),
        "source": _source(e, ctx),
    }


def _quote_check(e, ctx, who):
    sentence = _QUOTE.get(e.data.get("quote", ""), _("The quoted passage from %(source)s was checked in its capture"))
    return str(sentence) % {"source": _source(e, ctx)}


def _verdict_update(e, ctx, who):
    return gettext("%(who)s edited the draft of %(version)s (%(fields)s)") % {
        "who": who,
        "version": version_of(e),
        "fields": fields_changed("verdict", e.data.get("changes", {})),
    }


def _evidence_changed(e, ctx, who):
    fate = FATES.get(e.data.get("passage", ""), _("it changed or vanished"))
    return gettext("A source cited by %(version)s changed: %(fate)s") % {"version": version_of(e), "fate": fate}


def _captured(e, ctx, who):
    host = _host(e.data.get("url", "")) or gettext("a source")
    if e.to_state == "succeeded":
        return gettext("The page at %(host)s was captured") % {"host": host}
    if e.to_state == "failed":
        return gettext("Capturing the page at %(host)s failed") % {"host": host}
    state = dict(Snapshot.Status.choices).get(e.to_state) or gettext("unfinished")
    return gettext("Capturing the page at %(host)s: %(state)s") % {"host": host, "state": str(state).lower()}


def _judged(e, ctx, who):
    host = _host(e.data.get("url", "")) or gettext("a source")
    rendered = e.data.get("rendered_text_length")
    length = e.data.get("text_length", 0)
    judged = {"complete": gettext("complete"), "incomplete": gettext("incomplete")}.get(
        e.to_state or "", e.to_state or gettext("unjudged")
    )
    said = {"host": host, "judged": judged, "length": length, "rendered": rendered}
    if rendered is not None:
        return (
            ngettext(
                "The capture of the page at %(host)s was judged %(judged)s: it holds %(length)s character of text "
                "of the %(rendered)s the browser rendered",
                "The capture of the page at %(host)s was judged %(judged)s: it holds %(length)s characters of text "
                "of the %(rendered)s the browser rendered",
                length,
            )
            % said
        )
    return (
        ngettext(
            "The capture of the page at %(host)s was judged %(judged)s: it holds %(length)s character of text",
            "The capture of the page at %(host)s was judged %(judged)s: it holds %(length)s characters of text",
            length,
        )
        % said
    )


def _evidence_kind(e) -> str:
    kind = (e.data or {}).get("content_type", "")
    if kind.startswith("image/"):
        return gettext("a screenshot")
    if kind.startswith("video/"):
        return gettext("a video")
    if kind in ("application/warc", "application/wacz"):
        return gettext("a web archive")
    return gettext("a PDF") if kind == "application/pdf" else gettext("a file")


def _v(template: str) -> Callable:
    """A sentence about a version of the verdict: %(who)s and %(version)s."""
    return lambda e, ctx, who: gettext(template) % {"who": who, "version": version_of(e)}


def _c(template: str) -> Callable:
    """A sentence about the row's object: %(who)s and %(repr)s (as recorded)."""
    return lambda e, ctx, who: gettext(template) % {"who": who, "repr": e.object_repr}


def _d(template: str, key: str, default: str = "") -> Callable:
    """A sentence naming one value the row recorded (%(value)s), with %(who)s."""
    return lambda e, ctx, who: gettext(template) % {"who": who, "value": (e.data or {}).get(key, default)}


def _s(template: str) -> Callable:
    """A sentence naming the row's source (%(source)s), with %(who)s."""
    return lambda e, ctx, who: gettext(template) % {"who": who, "source": _source(e, ctx)}


def _upload(template: str) -> Callable:
    """A sentence naming what was uploaded (%(kind)s) and for which source."""
    return lambda e, ctx, who: gettext(template) % {"who": who, "kind": _evidence_kind(e), "source": _source(e, ctx)}


# Every action name `audit_record` writes, with its sentence. Transitions are `claim.<name>` and
# `verdict.<name>` for each transition of the claim and verdict workflows. The audit rows stay as
# recorded (in English, by code); these sentences are said in the reader's language.
PHRASES: dict[str, Callable] = {
    "claim.create": _c(gettext_noop("%(who)s added the claim")),
    "claim.update": _claim_update,
    "claim.accept": _accept,
    "claim.reassign": _reassign,
    "claim.pick_up": _c(gettext_noop("%(who)s picked up the claim to check it")),
    "checklist.tick": _d(gettext_noop("%(who)s ticked “%(value)s”"), "label", "?"),
    "checklist.untick": _d(gettext_noop("%(who)s unticked “%(value)s”"), "label", "?"),
    "checklist_step.create": _c(gettext_noop("%(who)s added the checklist step %(repr)s")),
    "checklist_step.update": _c(gettext_noop("%(who)s changed the checklist step %(repr)s")),
    "publisher.set": _c(gettext_noop("%(who)s set the publisher shown on the public site (%(repr)s)")),
    "note.create": _c(gettext_noop("%(who)s wrote an internal note")),
    "saved_view.create": _d(gettext_noop("%(who)s saved the queue view “%(value)s”"), "name"),
    "saved_view.delete": _d(gettext_noop("%(who)s deleted the queue view “%(value)s”"), "name"),
    "claim.dismiss": _c(gettext_noop("%(who)s dismissed the claim")),
    "claim.mark_duplicate": _d(
        gettext_noop("%(who)s marked the claim as a duplicate of claim #%(value)s"), "duplicate_of", "?"
    ),
    "claim.reopen": _c(gettext_noop("%(who)s reopened the claim")),
    "claim.resolve": _c(gettext_noop("%(who)s resolved the claim")),
    "claim.reopen_for_correction": _c(gettext_noop("%(who)s reopened the claim for a correction")),
    "citation.create": _cited,
    "citation.update": _citation_update,
    "citation.delete": _s(gettext_noop("%(who)s removed the citation of %(source)s")),
    "citation.quote_check": _quote_check,
    "citation.capture_retry": _s(gettext_noop("%(who)s asked for %(source)s to be captured again")),
    "citation.evidence_upload": _upload(gettext_noop("%(who)s uploaded %(kind)s as the evidence of %(source)s")),
    "verdict.create": _v(gettext_noop("%(who)s started %(version)s of the verdict")),
    "verdict.update": _verdict_update,
    "verdict.submit": _v(gettext_noop("%(who)s submitted %(version)s for review")),
    "verdict.request_changes": _v(gettext_noop("%(who)s sent %(version)s back")),
    "verdict.revise": _v(gettext_noop("%(who)s took %(version)s back to revise it")),
    "verdict.withdraw": _v(gettext_noop("%(who)s withdrew %(version)s from review")),
    "verdict.approve": _v(gettext_noop("%(who)s approved %(version)s")),
    "verdict.publish": _v(gettext_noop("%(who)s published %(version)s")),
    "verdict.open_correction": _v(gettext_noop("%(who)s opened a correction of %(version)s")),
    "verdict.supersede": _v(gettext_noop("%(version)s was superseded by its correction")),
    "verdict.evidence_changed": _evidence_changed,
    "verdict.evidence_checked": _v(gettext_noop("%(who)s checked the changed evidence of %(version)s")),
    # Translations of published verdicts (verdicts/translations/): the row names the language.
    "translation.create": lambda e, ctx, who: (
        gettext("%(who)s started the translation (%(language)s)")
        % {"who": who, "language": language_name((e.data or {}).get("language", ""))}
    ),
    "translation.update": lambda e, ctx, who: (
        gettext("%(who)s edited the translation's %(fields)s")
        % {"who": who, "fields": fields_changed("verdict", (e.data or {}).get("changes", {}))}
    ),
    "translation.submit": _c(gettext_noop("%(who)s submitted the translation for review")),
    "translation.request_changes": _c(gettext_noop("%(who)s sent the translation back")),
    "translation.revise": _c(gettext_noop("%(who)s took the translation back to revise it")),
    "translation.approve": _c(gettext_noop("%(who)s approved the translation")),
    "translation.publish": _c(gettext_noop("%(who)s published the translation")),
    "translation.withdraw": _c(gettext_noop("%(who)s withdrew the translation")),
    "translation.supersede": _c(gettext_noop("The translation was superseded")),
    "claimant.create": _c(gettext_noop("%(who)s added the claimant %(repr)s")),
    "claimant.update": lambda e, ctx, who: (
        gettext("%(who)s changed the claimant's %(fields)s")
        % {
            "who": who,
            "fields": fields_changed("claimant", e.data.get("changes", {})),
        }
    ),
    "claimant.rename": _c(gettext_noop("%(who)s renamed the claimant %(repr)s")),
    "claimant.merge": lambda e, ctx, who: (
        gettext("%(who)s merged the claimant %(merged)s into %(repr)s")
        % {
            "who": who,
            "merged": e.data.get("merged", {}).get("name", "?"),
            "repr": e.object_repr,
        }
    ),
    "source.create": _s(gettext_noop("%(who)s added the source %(source)s")),
    "source.update": lambda e, ctx, who: (
        gettext("%(who)s changed the %(fields)s of the source %(repr)s")
        % {
            "who": who,
            "fields": fields_changed("source", e.data.get("changes", {})),
            "repr": e.object_repr,
        }
    ),
    "snapshot.captured": _captured,
    "snapshot.judged": _judged,
    "snapshot.uploaded": _upload(gettext_noop("%(who)s uploaded %(kind)s of %(source)s")),
    "casefile.export": _c(gettext_noop("%(who)s exported a case file")),
    "webhook.create": _c(gettext_noop("%(who)s added the webhook %(repr)s")),
    "webhook.disable": _c(gettext_noop("The webhook %(repr)s was turned off after repeated failures")),
    "apikey.create": _c(gettext_noop("%(who)s created an API key")),
    "apikey.revoke": _c(gettext_noop("%(who)s revoked an API key")),
}


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def context_of(events: list[AuditEvent]) -> _Context:
    """The people and sources the rows name by id, in one query each."""
    person_ids, source_ids = set(), set()
    for event in events:
        data = event.data or {}
        if isinstance(data.get("assignee"), list):
            person_ids.update(i for i in data["assignee"] if isinstance(i, int))
        if isinstance(data.get("source"), int) and not data.get("url"):
            source_ids.add(data["source"])
    people = {}
    if person_ids:
        people = {u.pk: _name(u) for u in get_user_model().objects.filter(pk__in=person_ids)}
    hosts = {}
    if source_ids:
        hosts = {
            pk: _host(url) for pk, url in Source.objects.filter(pk__in=source_ids).values_list("pk", "normalized_url")
        }
    return _Context(people=people, hosts=hosts)


def who_did(event: AuditEvent) -> str:
    return _name(event.actor) or event.actor_username or gettext("The system")


def describe(event: AuditEvent, ctx: _Context | None = None) -> str:
    """One audit row as a sentence (an unknown action is named as recorded, never refused)."""
    ctx = ctx or context_of([event])
    phrase = PHRASES.get(event.action)
    who = who_did(event)
    if phrase is None:
        return f"{who}: {event.action}"  # the code as recorded
    sentence = phrase(event, ctx, who)
    return sentence if sentence.startswith(who) else sentence[:1].upper() + sentence[1:]
