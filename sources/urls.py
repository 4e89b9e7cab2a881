from django.urls import path

from sources import downloads, views

# A capture's page, in each of settings.LANGUAGES: readers reach it from a verdict's evidence.
translated_patterns = [path("captures/<int:snapshot_id>/", views.capture_detail, name="capture-detail")]
urlpatterns = [
    path("captures/<int:snapshot_id>/page", views.capture_raw, name="capture-raw"),
    path("captures/<int:snapshot_id>/payload", views.capture_payload, name="capture-payload"),
    path("captures/<int:snapshot_id>/warc", views.capture_warc, name="capture-warc"),
    path("captures/<int:snapshot_id>/wacz", views.capture_wacz, name="capture-wacz"),
    path("captures/<int:snapshot_id>/screenshot.png", views.capture_screenshot, name="capture-screenshot"),
    path("captures/<int:snapshot_id>/evidence", downloads.capture_evidence, name="capture-evidence"),
]
