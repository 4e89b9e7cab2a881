"""The published rating scale: each label and the number ClaimReview carries.

Numbers run from 1 (worst) to 7 (best); `misleading` and `unsupported` sit
between `half true` and `mostly false` because the claim, as made, cannot be
relied on even where parts of it are accurate.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    TRUE = "true", _("True")
    MOSTLY_TRUE = "mostly_true", _("Mostly true")
    HALF_TRUE = "half_true", _("Half true")
    MISLEADING = "misleading", _("Misleading")
    UNSUPPORTED = "unsupported", _("Unsupported")
    MOSTLY_FALSE = "mostly_false", _("Mostly false")
    FALSE = "false", _("False")


RATING_VALUES: dict[str, int] = {
    Rating.TRUE: 7,
    Rating.MOSTLY_TRUE: 6,
    Rating.HALF_TRUE: 5,
    Rating.MISLEADING: 4,
    Rating.UNSUPPORTED: 3,
    Rating.MOSTLY_FALSE: 2,
    Rating.FALSE: 1,
}
# What each rating tells a reader, as the methodology page publishes it.
RATING_MEANINGS = {
    Rating.TRUE: _("The claim is accurate, and nothing significant is missing."),
    Rating.MOSTLY_TRUE: _("The claim is accurate but needs clarification or additional information."),
    Rating.HALF_TRUE: _(
        "The claim is partly accurate but leaves out important details or takes things out of context."
    ),
    Rating.MISLEADING: _(
        "The facts in the claim may be accurate, but they are presented so as to give a false impression."
    ),
    Rating.UNSUPPORTED: _("There is no evidence for the claim, and the person who made it offered none when asked."),
    Rating.MOSTLY_FALSE: _("The claim contains an element of truth but ignores facts that would change the picture."),
    Rating.FALSE: _("The claim is not accurate."),
}
BEST_RATING = max(RATING_VALUES.values())
WORST_RATING = min(RATING_VALUES.values())


def rating_scale(*, with_meanings: bool = False) -> list[dict]:
    """The table as published: value, slug and label (and what each means), best first."""
    return [
        {"value": RATING_VALUES[r], "slug": r.value, "label": str(r.label)}
        | ({"meaning": str(RATING_MEANINGS[r])} if with_meanings else {})
        for r in sorted(Rating, key=lambda r: -RATING_VALUES[r])
    ]
