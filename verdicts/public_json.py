"""A published verdict's public JSON, written by PostgreSQL (the API's list pages).

`verdict_json` (verdicts.api) builds the same object in Python from a PublicVerdict, one verdict at
a time. A list page of a hundred asks the database instead, in the query that filters and pages
them: each row comes back as the verdict's JSON text, compact and with its keys in order, byte for
byte what orjson writes of `verdict_json`'s dict, so Python only joins the rows. The two follow the
same rules, field by field, and tests/verdicts/test_public_json.py holds them to the same output.
"""

import functools
import re

import orjson
from django.conf import settings
from django.db.models import QuerySet, TextField
from django.db.models.expressions import RawSQL
from django.utils import translation

from verdicts.claimreview import url_template
from verdicts.languages import site_languages
from verdicts.models import Verdict, VerdictTranslation
from verdicts.ratings import BEST_RATING, RATING_VALUES, WORST_RATING, Rating
from verdicts.selectors import verdicts_published

# Each helper gives SQL whose value is JSON text (never NULL: a missing value is `null`). PostgreSQL
# escapes a string exactly as orjson does. The SQL is made of this module's constants only; what
# varies (addresses, labels, languages) goes in as parameters.


def _object(**members: str) -> str:
    """A JSON object with these members, in this order (concat() takes up to 100 arguments)."""
    parts = []
    for i, (key, value) in enumerate(members.items()):
        parts += [f"""'{"," if i else "{"}"{key}":'""", value]
    return f"concat({', '.join(parts)}, '}}')"


def _number(sql: str) -> str:
    return f"COALESCE(({sql})::text, 'null')"


def _string(sql: str) -> str:
    return f"COALESCE(to_json(({sql})::text)::text, 'null')"


def _strings(table: str, *columns: str) -> dict[str, str]:
    return {column: _string(f"{table}.{column}") for column in columns}


def _scalar(jsonb: str) -> str:
    """A string or number held in a jsonb value, as it is."""
    return f"COALESCE(({jsonb})::text, 'null')"


def _array(element: str, source: str, order: str) -> str:
    """A JSON array of `element` (JSON text) for each row of `source`, in `order`."""
    return f"(SELECT concat('[', string_agg({element}, ',' ORDER BY {order}), ']') FROM {source})"  # noqa: S608


def _iso(column: str) -> str:
    """A timestamp as Python's isoformat() writes it in UTC, with "Z" (microseconds only when any)."""
    text = f"""to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"""
    return _string(f"replace({text}, '.000000Z', 'Z')")


def _in(statuses) -> str:
    return ", ".join(f"'{status}'" for status in statuses)


_VERDICT_PUBLIC = _in((Verdict.Status.PUBLISHED, Verdict.Status.SUPERSEDED))
_TRANSLATION_PUBLIC = _in((VerdictTranslation.Status.PUBLISHED, VerdictTranslation.Status.SUPERSEDED))
_TEXT = ("headline", "summary", "explanation")
_LANGUAGE_ORDER = "array_position(%(languages)s::text[], t.language::text)"

# v is the verdict and c its pinned claim (`public_claim` reads it so); %(name)s are `_parameters`.
_VERDICT = _object(
    id=_number("v.id"),
    url=_string("%(url_prefix)s || v.id || %(url_suffix)s"),
    claim=_object(
        id=_scalar("c -> 'id'"),
        text=_scalar("c -> 'text'"),
        claimant="""CASE WHEN jsonb_typeof(c -> 'claimant') = 'object' AND c -> 'claimant' <> '{}'::jsonb THEN """
        + _object(name=_scalar("c -> 'claimant' -> 'name'"), kind=_scalar("c -> 'claimant' -> 'kind'"))
        + " ELSE 'null' END",
        said_on=_string(
            """CASE WHEN COALESCE(c ->> 'said_on', '') = '' THEN NULL
               WHEN c ->> 'said_on_precision' = 'year' THEN left(c ->> 'said_on', 4)
               WHEN c ->> 'said_on_precision' = 'month' THEN left(c ->> 'said_on', 7)
               ELSE c ->> 'said_on' END"""
        ),
        medium=_string("COALESCE(c ->> 'medium', '')"),
        language=_string("COALESCE(c ->> 'language', '')"),
        tags=_array(
            "tag::text",
            """jsonb_array_elements(CASE WHEN jsonb_typeof(c -> 'tags') = 'array' THEN c -> 'tags' ELSE '[]' END)
               WITH ORDINALITY AS tags(tag, n)""",
            "n",
        ),
    ),
    rating="%(ratings)s::jsonb ->> v.rating::text",
    **_strings("v", "language", *_TEXT),
    # A language's latest published (or superseded) translation, in the order of settings.LANGUAGES.
    translations=_array(
        _object(
            **_strings("t", "language", *_TEXT, "correction_note"),
            url=_string(f"(%(language_url_prefixes)s::text[])[{_LANGUAGE_ORDER}] || v.id || %(url_suffix)s"),
            published_at=_iso("t.published_at"),
        ),
        f"""(SELECT DISTINCT ON (t.language) t.language, t.headline, t.summary, t.explanation, t.correction_note,
                    t.published_at
             FROM verdicts_verdicttranslation t
             WHERE t.verdict_id = v.id AND t.status IN ({_TRANSLATION_PUBLIC})
               AND t.language = ANY(%(languages)s::text[])
             ORDER BY t.language, t.published_at DESC, t.id DESC) t""",  # noqa: S608
        _LANGUAGE_ORDER,
    ),
    version=_number("v.number"),
    # The claim's first public version, for a corrected one; else this one.
    published=_iso(
        f"""CASE WHEN v.supersedes_id IS NULL THEN v.published_at ELSE (
              SELECT p.published_at FROM verdicts_verdict p
              WHERE p.claim_id = v.claim_id AND p.status IN ({_VERDICT_PUBLIC}) ORDER BY p.number LIMIT 1) END"""  # noqa: S608
    ),
    modified=_iso("v.published_at"),
    corrections=_array(
        _object(version=_number("p.number"), date=_iso("p.published_at"), note=_string("p.correction_note")),
        f"""verdicts_verdict p
            WHERE v.supersedes_id IS NOT NULL AND p.claim_id = v.claim_id AND p.status IN ({_VERDICT_PUBLIC})
              AND p.supersedes_id IS NOT NULL AND p.number <= v.number""",
        "p.number",
    ),
    sources=_array(
        _object(
            url=_scalar("e -> 'url'"),
            stance=_scalar("e -> 'stance'"),
            captured_at=_string("replace(e ->> 'captured_at', '+00:00', 'Z')"),
            sha256=_scalar("e -> 'sha256'"),
            capture=_string("%(capture_prefix)s || (e ->> 'snapshot') || %(capture_suffix)s"),
        ),
        "jsonb_array_elements(v.pinned_evidence) WITH ORDINALITY AS evidence(e, n)",
        "n",
    ),
)
# In a queryset of Verdict, v is the table itself; the parameters go by position.
_SQL = re.sub(r"\bv\.", '"verdicts_verdict".', re.sub(r"\bc\b", "v.pinned_claim", _VERDICT))
_PARAMETER_NAMES = re.findall(r"%\((\w+)\)s", _SQL)
_SQL = re.sub(r"%\((\w+)\)s", "%s", _SQL)


def _split(template: str) -> tuple[str, str]:
    prefix, suffix = template.split("{}")
    return prefix, suffix


@functools.cache
def _parameters(language: str, site_url: str, languages: tuple[str, ...]) -> dict:
    """What the JSON says that depends on the language spoken and the site's address and languages."""
    url_prefix, url_suffix = _split(url_template("verdict-public", site_url, language))
    capture_prefix, capture_suffix = _split(url_template("capture-detail", site_url, language))
    with translation.override(language):
        ratings = {
            slug: orjson.dumps({"slug": slug, "label": str(Rating(slug).label), "value": RATING_VALUES[slug],
                                "best": BEST_RATING, "worst": WORST_RATING}).decode()
            for slug in Rating.values
        }  # fmt: skip
    return {
        "url_prefix": url_prefix,
        "url_suffix": url_suffix,
        "capture_prefix": capture_prefix,
        "capture_suffix": capture_suffix,
        "ratings": orjson.dumps(ratings).decode(),
        "languages": list(languages),
        "language_url_prefixes": [_split(url_template("verdict-public", site_url, code))[0] for code in languages],
    }


def public_json() -> RawSQL:
    """The verdict's public JSON, as text, for a queryset of Verdict (in the language spoken)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    parameters = _parameters(language, settings.SITE_URL, tuple(site_languages()))
    return RawSQL(_SQL, [parameters[name] for name in _PARAMETER_NAMES], output_field=TextField())  # noqa: S611


def verdicts_published_json(*, params=None) -> QuerySet:
    """Published verdicts filtered as `verdicts_published` filters them (PublishedVerdictFilter), as
    rows of `id` and `published_at` (what the cursor pages by) and `json`: the public JSON."""
    return verdicts_published(params=params, fields=("id", "published_at"), json=public_json())
