from django.urls import path

from sources.api import SourceCreateApi, SourceDetailApi

app_name = "api"
urlpatterns = [
    path("sources/", SourceCreateApi.as_view(), name="source-create"),
    path("sources/<int:source_id>/", SourceDetailApi.as_view(), name="source-detail"),
]
