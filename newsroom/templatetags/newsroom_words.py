from django import template

from newsroom.wording import rating_label, verdict_status_words

register = template.Library()


@register.filter
def rating_words(value: str) -> str:
    """A rating's label: `{{ claim.verdict_rating|rating_words }}`."""
    return rating_label(value or "")


@register.filter
def verdict_status_in_words(value: str) -> str:
    """A verdict's status in words: `{{ claim.verdict_status|verdict_status_in_words }}`."""
    return verdict_status_words(value or "")
