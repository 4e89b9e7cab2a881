from django.contrib.auth import views as auth_views
from django.urls import path

from factcheck.signin import PasswordChangeView
from newsroom.views import casefiles, claims, evidence, inbox, intake, notes, preferences, queue, translations, verdicts

urlpatterns = [
    path("", queue.queue_page, name="queue"),
    path("queue/bulk/", queue.queue_bulk, name="queue-bulk"),
    path("queue/views/", queue.saved_view_new, name="saved-view-create"),
    path("queue/views/<int:saved_id>/delete/", queue.saved_view_remove, name="saved-view-delete"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("claims/new/", claims.claim_new, name="claim-new"),
    path("claims/claimants/", claims.claimant_suggestions, name="claimant-suggestions"),
    path("claims/similar/", claims.similar_claims, name="claims-similar-fragment"),
    path("claims/<int:claim_id>/", claims.claim_page, name="claim-page"),
    path("claims/<int:claim_id>/citations/", claims.claim_citations, name="claim-citations-fragment"),
    path("claims/<int:claim_id>/citations/add/", claims.citation_add, name="citation-add"),
    path("claims/<int:claim_id>/edit/", claims.claim_edit, name="claim-edit"),
    path("claims/<int:claim_id>/citations/<int:citation_id>/edit/", claims.citation_edit, name="citation-edit"),
    path("claims/<int:claim_id>/citations/<int:citation_id>/remove/", claims.citation_remove, name="citation-remove"),
    path("claims/<int:claim_id>/citations/<int:citation_id>/retry/", claims.citation_retry, name="citation-retry"),
    path(
        "claims/<int:claim_id>/citations/<int:citation_id>/evidence/",
        evidence.citation_evidence,
        name="citation-evidence",
    ),
    path("claims/<int:claim_id>/actions/<str:action>/", claims.claim_action, name="claim-action-form"),
    path("claims/<int:claim_id>/notes/add/", notes.note_add, name="note-add"),
    path("claims/<int:claim_id>/checklist/<int:step_id>/", notes.checklist_tick_view, name="checklist-tick"),
    path("claims/<int:claim_id>/verdicts/new/", verdicts.verdict_start, name="verdict-start"),
    path("verdicts/<int:verdict_id>/edit/", verdicts.verdict_page, name="verdict-page"),
    path("verdicts/<int:verdict_id>/save/", verdicts.verdict_save, name="verdict-save"),
    path("verdicts/<int:verdict_id>/actions/<str:action>/", verdicts.verdict_action, name="verdict-action"),
    path(
        "verdicts/<int:verdict_id>/evidence/checked/",
        verdicts.verdict_evidence_checked,
        name="verdict-evidence-checked",
    ),
    path("verdicts/<int:verdict_id>/translate/", translations.translation_begin, name="translation-start"),
    path("translations/<int:translation_id>/", translations.translation_page, name="translation-page"),
    path("translations/<int:translation_id>/save/", translations.translation_save, name="translation-save"),
    path(
        "translations/<int:translation_id>/actions/<str:action>/",
        translations.translation_action,
        name="translation-action",
    ),
    path("verdicts/<int:verdict_id>/casefile/", casefiles.verdict_casefile, name="verdict-casefile"),
    path("casefiles/", casefiles.casefiles_page, name="casefiles"),
    path("notifications/", inbox.notifications_page, name="notifications"),
    path("notifications/<int:notification_id>/open/", inbox.notification_follow, name="notification-open"),
    path("dashboard/", inbox.dashboard_page, name="dashboard"),
    path("intake/article/", intake.intake_article, name="intake-article"),
    path("intake/keep/", intake.intake_keep, name="intake-keep"),
    path("language/", preferences.language_set, name="language-set"),
]
