"""Case files from the newsroom's pages: a verdict's own, and every verdict published in a range."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from factcheck.errors import DomainError
from newsroom.lookups import named_objects_exist
from verdicts.casefile import (
    CONTENT_TYPES,
    FORMATS,
    PERMISSION,
    CasefileNotFound,
    casefile_filename,
    casefile_scope,
    casefile_to_tempfile,
)

FORMAT_CHOICES = [("zip", _("ZIP: with the evidence files, WARCs and the audit chain")), ("json", "JSON"),
                  ("csv", _("CSV: one row per verdict version"))]  # fmt: skip


class CasefileRangeForm(forms.Form):
    published_from = forms.DateField(label=_("Published from"), widget=forms.DateInput(attrs={"type": "date"}))
    published_to = forms.DateField(label=_("Published to (included)"), widget=forms.DateInput(attrs={"type": "date"}))
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, initial="zip", widget=forms.RadioSelect)


def _require_export(user) -> None:
    if not user.has_perm(PERMISSION):
        raise PermissionDenied("Your role does not include exporting case files.")


def _download(request, scope, fmt: str):
    handle, _path = casefile_to_tempfile(actor=request.user, scope=scope, fmt=fmt)
    return FileResponse(
        handle, as_attachment=True, filename=casefile_filename(scope, fmt), content_type=CONTENT_TYPES[fmt]
    )


@login_required
@require_GET
@named_objects_exist
def verdict_casefile(request, verdict_id: int):
    """The case file of one published verdict (the button on its page)."""
    _require_export(request.user)
    fmt = request.GET.get("format", "zip")
    if fmt not in FORMATS:
        fmt = "zip"
    try:
        return _download(request, casefile_scope(verdict_ids=[verdict_id]), fmt)
    except CasefileNotFound:
        raise Http404("No published verdict here.") from None


@login_required
@require_GET
def casefiles_page(request):
    """The form for a range of publication dates; submitting it downloads the case file."""
    _require_export(request.user)
    form = CasefileRangeForm(request.GET or None)
    status = 200
    if form.is_bound:
        if form.is_valid():
            try:
                scope = casefile_scope(
                    published_from=form.cleaned_data["published_from"], published_to=form.cleaned_data["published_to"]
                )
                return _download(request, scope, form.cleaned_data["format"])
            except DomainError as error:
                form.add_error(None, error.message)
        status = 400
    return render(request, "newsroom/casefiles.html", {"form": form, "nav": "casefiles"}, status=status)
