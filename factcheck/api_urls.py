from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from claims.api import (
    ClaimActionApi,
    ClaimantDetailApi,
    ClaimantListApi,
    ClaimantMergeApi,
    ClaimCitationApi,
    ClaimCitationDetailApi,
    ClaimCitationEvidenceApi,
    ClaimDetailApi,
    ClaimListApi,
    IntakeClaimsApi,
)
from factcheck import openapi_schemes  # noqa: F401  (registers the API keys' scheme)
from factcheck.api import api_not_found
from factcheck.audit_api import AuditHeadApi
from sources.api import SourceCreateApi, SourceDetailApi
from verdicts.api import (
    ClaimReviewApi,
    ClaimReviewFeedApi,
    VerdictDetailApi,
    VerdictListApi,
    VerificationRecordApi,
)
from verdicts.lookup_api import AlreadyCheckedApi, ArticleProposalsApi, ClaimSimilarApi, ExtractionJobApi, SearchApi
from verdicts.staff_api import (
    StaffCasefileRangeApi,
    StaffVerdictActionApi,
    StaffVerdictCasefileApi,
    StaffVerdictDetailApi,
    StaffVerdictListApi,
)
from verdicts.translations.staff_api import (
    StaffTranslationActionApi,
    StaffTranslationDetailApi,
    StaffTranslationListApi,
)

urlpatterns = [
    path("v1/verdicts/", VerdictListApi.as_view(), name="verdict-list"),
    path("v1/verdicts/<int:verdict_id>/", VerdictDetailApi.as_view(), name="verdict-detail"),
    path("v1/verdicts/<int:verdict_id>/claimreview/", ClaimReviewApi.as_view(), name="verdict-claimreview"),
    path(
        "v1/verdicts/<int:verdict_id>/verification/",
        VerificationRecordApi.as_view(),
        name="verdict-verification",
    ),
    path("v1/claimreview/", ClaimReviewFeedApi.as_view(), name="claimreview-feed"),
    path("v1/claimants/", ClaimantListApi.as_view(), name="claimant-list"),
    path("v1/claimants/<int:claimant_id>/", ClaimantDetailApi.as_view(), name="claimant-detail"),
    path("v1/claimants/<int:claimant_id>/merge/", ClaimantMergeApi.as_view(), name="claimant-merge"),
    path("v1/claims/", ClaimListApi.as_view(), name="claim-list"),
    path("v1/claims/similar/", AlreadyCheckedApi.as_view(), name="claims-similar"),
    path("v1/claims/<int:claim_id>/", ClaimDetailApi.as_view(), name="claim-detail"),
    path("v1/claims/<int:claim_id>/similar/", ClaimSimilarApi.as_view(), name="claim-similar"),
    path("v1/claims/<int:claim_id>/actions/<str:action>/", ClaimActionApi.as_view(), name="claim-action"),
    path("v1/claims/<int:claim_id>/citations/", ClaimCitationApi.as_view(), name="claim-citations"),
    path(
        "v1/claims/<int:claim_id>/citations/<int:citation_id>/",
        ClaimCitationDetailApi.as_view(),
        name="claim-citation-detail",
    ),
    path(
        "v1/claims/<int:claim_id>/citations/<int:citation_id>/evidence/",
        ClaimCitationEvidenceApi.as_view(),
        name="claim-citation-evidence",
    ),
    path("v1/staff/verdicts/", StaffVerdictListApi.as_view(), name="staff-verdict-list"),
    path("v1/staff/verdicts/<int:verdict_id>/", StaffVerdictDetailApi.as_view(), name="staff-verdict-detail"),
    path(
        "v1/staff/verdicts/<int:verdict_id>/actions/<str:action>/",
        StaffVerdictActionApi.as_view(),
        name="staff-verdict-action",
    ),
    path(
        "v1/staff/verdicts/<int:verdict_id>/casefile/",
        StaffVerdictCasefileApi.as_view(),
        name="staff-verdict-casefile",
    ),
    path("v1/staff/casefiles/", StaffCasefileRangeApi.as_view(), name="staff-casefile-range"),
    path("v1/staff/translations/", StaffTranslationListApi.as_view(), name="staff-translation-list"),
    path(
        "v1/staff/translations/<int:translation_id>/",
        StaffTranslationDetailApi.as_view(),
        name="staff-translation-detail",
    ),
    path(
        "v1/staff/translations/<int:translation_id>/actions/<str:action>/",
        StaffTranslationActionApi.as_view(),
        name="staff-translation-action",
    ),
    path("v1/search/", SearchApi.as_view(), name="search"),
    path("v1/intake/proposals/", ArticleProposalsApi.as_view(), name="intake-proposals"),
    path("v1/intake/jobs/<uuid:job_id>/", ExtractionJobApi.as_view(), name="intake-job"),
    path("v1/intake/claims/", IntakeClaimsApi.as_view(), name="intake-claims"),
    path("v1/sources/", SourceCreateApi.as_view(), name="source-create"),
    path("v1/sources/<int:source_id>/", SourceDetailApi.as_view(), name="source-detail"),
    path("v1/audit/head/", AuditHeadApi.as_view(), name="audit-head"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its script from this URL too: no inline script, as the CSP requires.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^.*$", api_not_found),
]
