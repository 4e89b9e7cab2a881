from django.utils.functional import SimpleLazyObject

from verdicts.public_site.publisher import publisher_current


def publisher(request) -> dict:
    """The publisher, read only by the pages that show it (the public ones)."""
    return {"publisher": SimpleLazyObject(publisher_current)}
