"""Reads of claims for the newsroom."""

import django_filters
from django.db.models import Q, QuerySet

from claims.models import Claim, Claimant
from factcheck.filtering import filtered


class ClaimFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Claim.Status.choices, distinct=False)
    assignee = django_filters.NumberFilter(field_name="assignee_id")
    claimant = django_filters.CharFilter(field_name="claimant__name", lookup_expr="iexact")
    tag = django_filters.CharFilter(method="filter_tag")

    class Meta:
        model = Claim
        fields = []

    def filter_tag(self, queryset, name, value):
        return queryset.filter(tags__contains=[value])


def claims_for_staff(*, params=None) -> QuerySet:
    queryset = Claim.objects.select_related("claimant", "assignee", "duplicate_of").order_by("-id")
    if params is None:
        return queryset
    return filtered(ClaimFilter, params, queryset)


def claimants_search(*, q: str = "") -> QuerySet:
    claimants = Claimant.objects.order_by("-id")
    q = q.strip()
    if q:
        claimants = claimants.filter(Q(name__icontains=q) | Q(aliases__contains=[q]))
    return claimants
