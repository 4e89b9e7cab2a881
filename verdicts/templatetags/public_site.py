from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from verdicts.ratings import Rating

register = template.Library()


@register.filter
def rating_label(slug: str) -> str:
    """A rating's label from its slug (empty for one the scale does not hold)."""
    return Rating(slug).label if slug in Rating.values else ""


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[dict]:
    """This page in each of the site's languages: code, name (in that language), absolute address,
    and whether it is the one shown. Pages outside the translated ones have a single version."""
    request = context.get("request")
    if request is None:
        return []
    current = get_language()
    versions = []
    for code, name in settings.LANGUAGES:
        address = translate_url(request.get_full_path(), code)
        versions.append(
            {"code": code, "name": name, "url": request.build_absolute_uri(address), "current": current == code}
        )
    if len({version["url"] for version in versions}) < len(versions):
        return []  # not a translated page: one address serves every language
    return versions
