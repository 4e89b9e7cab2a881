from django import template

from verdicts.ratings import Rating

register = template.Library()


@register.filter
def rating_label(slug: str) -> str:
    """A rating's label from its slug (empty for one the scale does not hold)."""
    return Rating(slug).label if slug in Rating.values else ""
