"""The published rating scale: each label and the number ClaimReview carries.

Numbers run from 1 (worst) to 7 (best); `misleading` and `unsupported` sit
between `half true` and `mostly false` because the claim, as made, cannot be
relied on even where parts of it are accurate.
"""

from django.db import models


class Rating(models.TextChoices):
    TRUE = "true", "True"
    MOSTLY_TRUE = "mostly_true", "Mostly true"
    HALF_TRUE = "half_true", "Half true"
    MISLEADING = "misleading", "Misleading"
    UNSUPPORTED = "unsupported", "Unsupported"
    MOSTLY_FALSE = "mostly_false", "Mostly false"
    FALSE = "false", "False"


RATING_VALUES: dict[str, int] = {
    Rating.TRUE: 7,
    Rating.MOSTLY_TRUE: 6,
    Rating.HALF_TRUE: 5,
    Rating.MISLEADING: 4,
    Rating.UNSUPPORTED: 3,
    Rating.MOSTLY_FALSE: 2,
    Rating.FALSE: 1,
}
BEST_RATING = max(RATING_VALUES.values())
WORST_RATING = min(RATING_VALUES.values())


def rating_scale() -> list[dict]:
    """The table as published: value, slug and label, best first."""
    return [
        {"value": RATING_VALUES[r], "slug": r.value, "label": r.label}
        for r in sorted(Rating, key=lambda r: -RATING_VALUES[r])
    ]
