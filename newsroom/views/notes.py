"""A claim's internal notes and its verification checklist (parts of the claim's page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from claims.checklist import checklist_tick, claim_checklist
from claims.models import NOTE_MAX_CHARACTERS, Claim
from claims.notes import claim_notes, mentionable_people, note_create
from claims.policy import claim_policy
from factcheck.errors import DomainError
from newsroom.lookups import named_objects_exist
from newsroom.views.common import _refused, _require

# Bigger than any note may be, smaller than what a form may post: refused before it is read twice.
_NOTE_FIELD_LIMIT = NOTE_MAX_CHARACTERS * 4


def notes_context(request, claim: Claim) -> dict:
    """What the claim page's notes and checklist need (a constant number of queries)."""
    policy = claim_policy(request.user, claim)
    may_note = policy.allows("note")
    tick_refusal = policy.refusal("tick") or ""
    draft = request.session.get("note_draft") or {}
    if draft:
        del request.session["note_draft"]
    return {
        "note_draft": draft.get("text", "") if draft.get("claim") == claim.pk else "",
        "notes": claim_notes(claim=claim) if policy.allows("view") else [],
        "may_note": may_note,
        "mentionable": mentionable_people() if may_note else [],
        "note_max": NOTE_MAX_CHARACTERS,
        "checklist": claim_checklist(claim=claim) if policy.allows("view") else [],
        "may_tick": not tick_refusal,
        "tick_refusal": tick_refusal,
    }


@login_required
@require_POST
@named_objects_exist
def note_add(request, claim_id: int):
    _require(request.user, "claims.view_claim")
    back = reverse("claim-page", args=[claim_id]) + "#notes"
    text = request.POST.get("text", "")
    if len(text) > _NOTE_FIELD_LIMIT:
        messages.error(
            request,
            _("A note can be at most %(most)s characters; nothing was saved.")
            % {"most": number_format(NOTE_MAX_CHARACTERS, force_grouping=True)},
        )
        return redirect(back)
    try:
        result = note_create(actor=request.user, claim_id=claim_id, text=text)
    except DomainError as error:
        _refused(request, error)
        request.session["note_draft"] = {"claim": claim_id, "text": text}
        return redirect(back)
    level = messages.WARNING if result.not_notified or result.over_limit else messages.SUCCESS
    messages.add_message(request, level, result.message())
    return redirect(reverse("claim-page", args=[claim_id]) + f"#claim-note-{result.note.pk}")


@login_required
@require_POST
@named_objects_exist
def checklist_tick_view(request, claim_id: int, step_id: int):
    _require(request.user, "claims.view_claim")
    done = request.POST.get("done")
    if done not in ("0", "1"):
        messages.error(request, _("Say whether the step is done or not."))
    else:
        try:
            checklist_tick(actor=request.user, claim_id=claim_id, step_id=step_id, done=done == "1")
            messages.success(request, _("Checklist ticked.") if done == "1" else _("Checklist step unticked."))
        except DomainError as error:
            _refused(request, error)
    return redirect(reverse("claim-page", args=[claim_id]) + "#checklist")
