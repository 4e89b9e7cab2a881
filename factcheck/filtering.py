"""Applying a django-filter FilterSet inside a selector, with a clear refusal; days as bounds of moments."""

from datetime import UTC, date, datetime, time

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django_filters.fields import IsoDateTimeField

from factcheck.errors import InvalidInput


def filtered(filterset_class, params, queryset: QuerySet, **context) -> QuerySet:
    if not any(name in params for name in filterset_class.base_filters):
        return queryset  # nothing to filter by: skip building the form (a list's most common request)
    filterset = filterset_class(params, queryset=queryset, **context)
    if not filterset.is_valid():
        raise InvalidInput("; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items()))
    return filterset.qs


class _UtcDateTimeField(IsoDateTimeField):
    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            # Any offset a client sends (even one the database would refuse) becomes UTC here.
            return value.astimezone(UTC)
        except (OverflowError, ValueError):
            raise ValidationError("This date is out of range.", code="invalid") from None


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 date-time filter that hands the database UTC only."""

    field_class = _UtcDateTimeField


def start_of_day(day: date) -> datetime:
    """The first moment of `day` (in the current time zone). Filters by day compare moments with it,
    not each row's moment turned into a day, so that an index on the moments serves them."""
    return timezone.make_aware(datetime.combine(day, time.min))
