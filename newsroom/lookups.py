"""The objects a newsroom address names. One that does not exist is the site's 404 page, before
anything else is looked at: the form, the action, the person's rights."""

from functools import wraps

from django.http import Http404

from claims.models import Claim
from verdicts.models import Verdict, VerdictTranslation

NAMED = {
    "claim_id": (Claim, "claim"),
    "verdict_id": (Verdict, "verdict"),
    "translation_id": (VerdictTranslation, "translation"),
}


def named_objects_exist(view):
    """404 unless every claim and verdict named in the address exists."""

    @wraps(view)
    def check(request, *args, **kwargs):
        for argument, (model, what) in NAMED.items():
            if argument in kwargs and not model.objects.filter(pk=kwargs[argument]).exists():
                raise Http404(f"No {what} with this number.")
        return view(request, *args, **kwargs)

    return check
