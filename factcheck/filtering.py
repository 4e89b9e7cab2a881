"""Applying a django-filter FilterSet inside a selector, with a clear refusal."""

from django.db.models import QuerySet

from factcheck.errors import InvalidInput


def filtered(filterset_class, params, queryset: QuerySet) -> QuerySet:
    filterset = filterset_class(params, queryset=queryset)
    if not filterset.is_valid():
        raise InvalidInput("; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items()))
    return filterset.qs
