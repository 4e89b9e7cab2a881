"""A person's choice of language, from the menu in every newsroom page's header."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsroom.languages import LANGUAGE_CODES, language_choose
from verdicts.notifications import local_path


def _back(request) -> str:
    """Where the menu was used: the `next` it sent, if a path on this site, else the queue."""
    return local_path(request.POST.get("next", "")) or "/"


@require_POST
def language_set(request):
    """Save the language chosen (for the signed-in person, and in a cookie for the sign-in page)."""
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(_back(request))
    if language not in LANGUAGE_CODES:
        messages.error(request, _("There is no such language here. The page stays in the language it was in."))
        return response
    if request.user.is_authenticated:
        language_choose(user=request.user, language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
        secure=request.is_secure(),
    )  # fmt: skip
    with translation.override(language):
        messages.success(request, _("The newsroom is now in English."))
    return response
