"""Each person's language in the newsroom: the one they chose, else their browser's among
settings.LANGUAGES, else English. The readers' pages take theirs from their address instead, and
the API always speaks English (machine clients read it)."""

from django.conf import settings
from django.utils import translation

from newsroom.models import Preferences

LANGUAGE_CODES = frozenset(code for code, _ in settings.LANGUAGES)


def chosen_language(user) -> str:
    """The language this person chose, or "" if they have not."""
    if user is None or not user.is_authenticated:
        return ""
    cached = getattr(user, "_chosen_language", None)
    if cached is None:
        cached = Preferences.objects.filter(user=user).values_list("language", flat=True).first() or ""
        user._chosen_language = cached
    return cached


def language_for(user) -> str:
    """The language to write to this person in, away from any request (e-mails, notifications)."""
    return chosen_language(user) or settings.LANGUAGE_CODE


def language_choose(*, user, language: str) -> None:
    """Save a person's choice (a code of settings.LANGUAGES; anything else is refused)."""
    if language not in LANGUAGE_CODES:
        raise ValueError(f"{language!r} is not one of the site's languages")
    Preferences.objects.update_or_create(user=user, defaults={"language": language})
    user._chosen_language = language


def request_language(request) -> str:
    """The language of a newsroom page for this request."""
    return chosen_language(getattr(request, "user", None)) or translation.get_language_from_request(
        request, check_path=False
    )
