from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from sources.api import SourceCreateApi, SourceDetailApi
from verdicts.api import ClaimReviewApi, ClaimReviewFeedApi, VerdictDetailApi, VerdictListApi

urlpatterns = [
    path("v1/verdicts/", VerdictListApi.as_view(), name="verdict-list"),
    path("v1/verdicts/<int:verdict_id>/", VerdictDetailApi.as_view(), name="verdict-detail"),
    path("v1/verdicts/<int:verdict_id>/claimreview/", ClaimReviewApi.as_view(), name="verdict-claimreview"),
    path("v1/claimreview/", ClaimReviewFeedApi.as_view(), name="claimreview-feed"),
    path("v1/sources/", SourceCreateApi.as_view(), name="source-create"),
    path("v1/sources/<int:source_id>/", SourceDetailApi.as_view(), name="source-detail"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
