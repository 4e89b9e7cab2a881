"""Searching claims and verdicts in the language each is written in: PostgreSQL's text search
configuration of that language, or word for word without accents where it has none."""

import re

from claims.languages import detect_language

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
NEGATIONS = re.compile(r"-(?:[^\w\"]*-)+")  # "- - -", "-(-(-(", "-!-&-": one negation
# An IMMUTABLE wrapper of unaccent (made by claims' migration 0011): generated columns need one.
UNACCENT = "factcheck_unaccent"
# An array of tags or names as one text, a line each: array_to_string(…, E'\n') made IMMUTABLE
# (claims' migration 0012), so that an index can hold it.
TAG_TEXT = "factcheck_tag_text"


def search_config(tag: str) -> str:
    """The text search configuration of the language `tag` (its primary subtag decides)."""
    return SEARCH_CONFIGS.get((tag or "").split("-")[0].lower(), WORD_FOR_WORD)


def search_vector(
    *fields: str, language: str = "language", weights=None, missing: str | None = None, loose: bool = False
):
    """The search vector of `fields` (each with its weight in `weights`, if any), each row in the
    configuration of its own `language` (a column, or a key of a JSON column: "pinned_claim__language").
    A row with no language at all is read as the language `missing`, when it is given. `loose`
    reads tags written in any case and with "_" ("EN", "en_US"), as copies kept unchanged may be."""
    from functools import reduce
    from operator import add

    from django.contrib.postgres.search import SearchVector, SearchVectorField
    from django.db.models import Case, F, Func, Q, TextField, When
    from django.db.models.fields.json import KT
    from django.db.models.functions import Lower
    from django.db.models.lookups import Exact, StartsWith

    weights = weights or {}

    def vector(config: str):
        def field(name):
            return Func(F(name), function=UNACCENT, output_field=TextField()) if config == WORD_FOR_WORD else name

        return reduce(add, [SearchVector(field(name), config=config, weight=weights.get(name)) for name in fields])

    # Loosely: the tag in lower case (only the column's side is folded: a literal has no collation).
    lowered = Lower(KT(language) if "__" in language else F(language))

    def in_language(code: str) -> Q:
        if loose:
            return Q(Exact(lowered, code)) | Q(StartsWith(lowered, f"{code}-")) | Q(StartsWith(lowered, f"{code}_"))
        return Q(**{language: code}) | Q(**{f"{language}__startswith": f"{code}-"})

    cases = [When(in_language(code), then=vector(config)) for code, config in SEARCH_CONFIGS.items()]
    if missing:
        cases.insert(
            0, When(Q(**{f"{language}__isnull": True}) | Q(**{language: ""}), then=vector(search_config(missing)))
        )
    return Case(*cases, default=vector(WORD_FOR_WORD), output_field=SearchVectorField())


def search_query(text: str, *, languages=()):
    """`text` (web search syntax) as a query that finds it in any of the newsroom's languages: as
    English, as each of `languages` (settings.SEARCH_LANGUAGES by default), as the language `text` is
    written in, and word for word without accents."""
    from functools import reduce
    from operator import or_

    from django.conf import settings
    from django.contrib.postgres.search import SearchQuery
    from django.db.models import Func, TextField, Value

    # Negations in a row ("----word", "- - - word", "-(-(-(word": what websearch skips between them)
    # mean one: PostgreSQL's parser nests each in the one before and gives up past 32 ("tsquery stack
    # too small").
    text = NEGATIONS.sub("-", text)
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
