"""The languages a verdict is written and translated in: a BCP 47 tag (claims.languages), and the
readers' site's languages (settings.LANGUAGES), which translations go into."""

from django.conf import settings
from django.utils.translation import get_language, get_language_info

from claims.languages import language_tag


def site_languages() -> list[str]:
    """The codes the readers' site is published in, English (LANGUAGE_CODE) first."""
    return [code for code, _ in settings.LANGUAGES]


def site_language(tag: str) -> str | None:
    """The readers' site language `tag` is written in ("es-MX" → "es"), or None when the site has none."""
    tag = (tag or "").strip().replace("_", "-").lower()
    for code in site_languages():
        if tag == code.lower() or tag.startswith(f"{code.lower()}-"):
            return code
    return None


def original_site_language(tag: str) -> str:
    """The readers' site language whose pages show a verdict written in `tag` as written: its own,
    else the site's default (a verdict written in German is read at the English addresses). A
    translation into it would take the original's place there, so it is never translated into it."""
    return site_language(tag) or settings.LANGUAGE_CODE


def verdict_language_default(claim_language: str) -> str:
    """A new verdict's language: its claim's, when the readers' site is published in it, else the site's own."""
    code = site_language(claim_language)
    return language_tag(claim_language) if code and claim_language else settings.LANGUAGE_CODE


# Languages that write the names of languages in lower case within a sentence ("traducir al inglés").
LOWER_CASE_NAMES = {"uk", "es"}


def language_name(code: str) -> str:
    """The language's name as a sentence of the language being spoken says it ("Ukrainian",
    "українська", "ucraniano"), else the tag."""
    try:
        name = str(get_language_info(site_language(code) or code)["name_translated"])
    except KeyError:
        return code
    if (get_language() or "").split("-")[0] in LOWER_CASE_NAMES:
        return name[:1].lower() + name[1:]
    return name
