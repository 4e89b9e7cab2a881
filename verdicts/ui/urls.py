from django.contrib.auth import views as auth_views
from django.urls import path

from factcheck.signin import PasswordChangeView
from verdicts.ui import casefile, views

urlpatterns = [
    path("", views.queue_page, name="queue"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("claims/new/", views.claim_new, name="claim-new"),
    path("claims/similar/", views.similar_claims, name="claims-similar-fragment"),
    path("claims/<int:claim_id>/", views.claim_page, name="claim-page"),
    path("claims/<int:claim_id>/citations/", views.claim_citations, name="claim-citations-fragment"),
    path("claims/<int:claim_id>/citations/add/", views.citation_add, name="citation-add"),
    path("claims/<int:claim_id>/actions/<str:action>/", views.claim_action, name="claim-action-form"),
    path("claims/<int:claim_id>/verdicts/new/", views.verdict_start, name="verdict-start"),
    path("verdicts/<int:verdict_id>/edit/", views.verdict_page, name="verdict-page"),
    path("verdicts/<int:verdict_id>/save/", views.verdict_save, name="verdict-save"),
    path("verdicts/<int:verdict_id>/actions/<str:action>/", views.verdict_action, name="verdict-action"),
    path(
        "verdicts/<int:verdict_id>/evidence/checked/", views.verdict_evidence_checked, name="verdict-evidence-checked"
    ),
    path("verdicts/<int:verdict_id>/casefile/", casefile.verdict_casefile, name="verdict-casefile"),
    path("casefiles/", casefile.casefiles_page, name="casefiles"),
    path("notifications/", views.notifications_page, name="notifications"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("intake/article/", views.intake_article, name="intake-article"),
    path("intake/keep/", views.intake_keep, name="intake-keep"),
]
