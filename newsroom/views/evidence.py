"""Uploading evidence for a citation from the claim's page (a plain multipart form: no script needed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from claims.services import citation_evidence_upload
from factcheck.errors import DomainError
from newsroom.forms import EvidenceUploadForm
from newsroom.lookups import named_objects_exist
from newsroom.views.claims import _back_to, _citation_of
from newsroom.views.common import _refused


@login_required
@require_POST
@named_objects_exist
def citation_evidence(request, claim_id: int, citation_id: int):
    citation = _citation_of(claim_id, citation_id)
    form = EvidenceUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        problems = "; ".join(f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items())
        messages.error(request, _("The evidence was not uploaded. %(problems)s") % {"problems": problems})
        return _back_to(claim_id, citation.pk)
    try:
        snapshot = citation_evidence_upload(citation_id=citation.pk, actor=request.user, **form.cleaned_data)
    except DomainError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("Evidence uploaded (capture #%(number)s); the citation now relies on it.") % {"number": snapshot.pk},
        )
    return _back_to(claim_id, citation.pk)
