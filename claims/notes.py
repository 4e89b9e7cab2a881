"""Internal notes on a claim, and the @mentions in them.

A note is the newsroom talking to itself: plain text, shown escaped on the claim's page only,
never published, never in an API or a case file. Notes are part of the record, so nobody edits or
deletes one; a correction is another note. Mentioning `@username` tells that person (through the
notification made from the note's audit row) when they may see claims; anyone else named is
listed back to the writer, and the note is saved all the same."""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from claims.models import NOTE_MAX_CHARACTERS, Claim, ClaimNote
from claims.policy import claim_policy
from factcheck.audit import audit_record
from factcheck.errors import InvalidInput
from factcheck.guards import users_with_permission

# At most this many people are told of one note; the names beyond are listed back, untold.
MENTION_LIMIT = 20
# `@name` not preceded by a word character (so e-mail addresses are not mentions); Django's
# usernames are letters, digits and @ . + - _, and a mention ends before a closing full stop.
_MENTION = re.compile(r"(?<![\w@])@([\w.+-]{1,150})")


def note_mentions(text: str) -> list[str]:
    """The distinct usernames mentioned in `text`, in order of first mention."""
    names: dict[str, None] = {}
    for match in _MENTION.finditer(text):
        name = match.group(1).rstrip(".-")
        if name:
            names.setdefault(name, None)
    return list(names)


@dataclass
class NoteResult:
    note: ClaimNote
    notified: list[str] = field(default_factory=list)
    # Named but not told, and why, in words: "@bob (no such person)".
    not_notified: list[str] = field(default_factory=list)
    over_limit: list[str] = field(default_factory=list)

    def message(self) -> str:
        """What the writer is told once the note is saved."""
        parts = [gettext("Note added.")]
        if self.notified:
            parts.append(gettext("Told: %(people)s.") % {"people": ", ".join("@" + n for n in self.notified)})
        if self.not_notified:
            parts.append(gettext("Not told: %(people)s.") % {"people": "; ".join(self.not_notified)})
        if self.over_limit:
            more = len(self.over_limit)
            parts.append(
                ngettext(
                    "A note tells at most %(most)s people: %(more)s more name was not told.",
                    "A note tells at most %(most)s people: %(more)s more names were not told.",
                    more,
                )
                % {"most": MENTION_LIMIT, "more": more}
            )
        return " ".join(parts)


def _clean_text(text) -> str:
    if not isinstance(text, str):
        raise InvalidInput(gettext("A note must be text."))
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise InvalidInput(gettext("The note is empty."))
    if "\x00" in text:
        raise InvalidInput(gettext("The note contains a NUL character."))
    if len(text) > NOTE_MAX_CHARACTERS:
        raise InvalidInput(
            gettext(
                "A note can be at most %(most)s characters; this one has %(length)s. "
                "Cite long material as a source instead."
            )
            % {
                "most": number_format(NOTE_MAX_CHARACTERS, force_grouping=True),
                "length": number_format(len(text), force_grouping=True),
            }
        )
    return text


def note_create(*, actor, claim_id: int, text: str) -> NoteResult:
    """Add a note to a claim and tell the people it mentions (see the module's docstring)."""
    text = _clean_text(text)
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        claim_policy(actor, claim).require("note")
        names = note_mentions(text)
        asked, over = names[:MENTION_LIMIT], names[MENTION_LIMIT:]
        people = {u.username: u for u in users_with_permission("claims.view_claim").filter(username__in=asked)}
        told, untold = [], []
        for name in asked:
            person = people.get(name)
            if person is None:
                untold.append(gettext("@%(name)s (no active person of that name may see claims)") % {"name": name})
            elif person.pk == actor.pk:
                continue  # naming oneself tells nobody
            else:
                told.append(person)
        note = ClaimNote(claim=claim, author=actor, text=text, mentioned=[p.pk for p in told])
        note.save(force_insert=True)
        audit_record(
            actor=actor,
            action="note.create",
            target=note,
            data={
                "claim": claim.pk,
                "mentioned": [p.pk for p in told],
                "not_notified": [n for n in asked if n not in {p.username for p in told}],
                "characters": len(text),
            },
        )
    return NoteResult(note=note, notified=[p.username for p in told], not_notified=untold, over_limit=over)


def claim_notes(*, claim: Claim) -> list[ClaimNote]:
    """The claim's notes, newest first, with their authors: one query."""
    return list(ClaimNote.objects.filter(claim=claim).select_related("author").order_by("-created_at", "-id"))


def mentionable_people() -> list[str]:
    """Usernames of the active people who may see claims, for the note form's suggestions."""
    return list(users_with_permission("claims.view_claim").values_list("username", flat=True)[:500])
