"""The playback origin's only URLs: no newsroom, admin or API is served on its host."""

from django.urls import path

from playback import views

urlpatterns = [
    path("", views.home, name="playback-home"),
    path("replay/", views.replay_starting, name="playback-starting"),
    path("replay/<str:name>", views.asset, name="playback-asset"),
    path("captures/<int:snapshot_id>/", views.replay, name="playback-replay"),
    path("captures/<int:snapshot_id>/archive.<str:kind>", views.archive, name="playback-archive"),
]

# The app's error pages carry the newsroom's links: this origin has its own.
handler400 = "playback.views.bad_request"
handler403 = "playback.views.forbidden"
handler404 = "playback.views.not_found"
handler500 = "playback.views.server_error"
