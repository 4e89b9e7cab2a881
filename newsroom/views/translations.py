"""Translating a published verdict: start one, the translation page (the original beside the
draft, with autosave), its workflow actions. The rules are in verdicts.translations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from factcheck.audit import audit_history
from factcheck.errors import DomainError, StaleVersion
from newsroom.forms import TranslationForm
from newsroom.history import history_entries
from newsroom.lookups import named_objects_exist
from newsroom.views.common import _found, _refused, _require, autosaved, form_problem
from verdicts.languages import language_name
from verdicts.markdown import render_markdown
from verdicts.translations.policy import translation_policy
from verdicts.translations.selectors import PUBLIC_STATUSES, translation_for_staff, translation_public_path
from verdicts.translations.services import (
    TEXT_FIELDS,
    translation_start,
    translation_transition,
    translation_update,
)
from verdicts.translations.workflow import TRANSLATION_WORKFLOW


@login_required
@require_POST
@named_objects_exist
def translation_begin(request, verdict_id: int):
    """“Translate into …” on a published verdict's page."""
    try:
        language = request.POST.get("language")
        translation = translation_start(actor=request.user, verdict_id=verdict_id, language=language)
    except DomainError as error:
        _refused(request, error)
        return redirect("verdict-page", verdict_id=verdict_id)
    messages.success(request, _("Translation started. It saves itself as you write."))
    return redirect("translation-page", translation_id=translation.pk)


@login_required
@require_GET
def translation_page(request, translation_id: int):
    _require(request.user, "verdicts.view_verdicttranslation")
    translation = _found(translation_for_staff(translation_id=translation_id), "translation")
    editable = translation_policy(request.user, translation).allows("edit")
    initial = {name: getattr(translation, name) for name in TEXT_FIELDS}
    form = TranslationForm(initial={**initial, "expected_version": translation.lock_version})
    context = {
        "translation": translation,
        "verdict": translation.verdict,
        "language": language_name(translation.language),
        "original_language": language_name(translation.verdict.language),
        "editable": editable,
        "form": form if editable else None,
        "original_explanation": render_markdown(translation.verdict.explanation),
        "explanation": render_markdown(translation.explanation),
        "actions": [t.described() for t in TRANSLATION_WORKFLOW.available(translation, request.user)],
        "history": history_entries(audit_history(translation)),
        "translation_public_url": (
            translation_public_path(translation) if translation.status in PUBLIC_STATUSES else ""
        ),
    }
    return render(request, "newsroom/translation.html", context)


@login_required
@require_POST
@named_objects_exist
def translation_save(request, translation_id: int):
    """Save the draft, from its button or from autosave (the verdict editor's, newsroom/_autosave.html)."""
    form = TranslationForm(request.POST)
    reload_url = reverse("translation-page", args=[translation_id])
    if not form.is_valid():
        problem = form_problem(form)
        if request.htmx:
            return render(request, "newsroom/_autosave.html", {"error": problem, "reload_url": reload_url})
        messages.error(request, problem)
        return redirect("translation-page", translation_id=translation_id)
    values = dict(form.cleaned_data)
    expected = values.pop("expected_version")
    try:
        translation = translation_update(
            translation_id=translation_id, actor=request.user, expected_version=expected, **values
        )
    except DomainError as error:
        if request.htmx:
            context = {"error": str(error), "conflict": isinstance(error, StaleVersion), "reload_url": reload_url}
            return render(request, "newsroom/_autosave.html", context)
        _refused(request, error)
        return redirect("translation-page", translation_id=translation_id)
    if request.htmx:
        return autosaved(request, translation)
    messages.success(request, _("Translation saved."))
    return redirect("translation-page", translation_id=translation_id)


@login_required
@require_POST
@named_objects_exist
def translation_action(request, translation_id: int, action: str):
    try:
        translation_transition(
            translation_id=translation_id,
            action=action,
            actor=request.user,
            expected_version=request.POST.get("expected_version"),
            comment=request.POST.get("comment", ""),
        )
    except DomainError as error:
        _refused(request, error)
    else:
        messages.success(request, _("%(action)s: done.") % {"action": TRANSLATION_WORKFLOW.get(action).label})
    return redirect("translation-page", translation_id=translation_id)
