from django.contrib import admin
from django.urls import include, path

from factcheck.views import healthz

admin.site.site_header = "Fact-check workbench"
admin.site.site_title = "Fact-check workbench"
admin.site.index_title = "Newsroom"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("sources.urls")),
    path("", include("verdicts.urls")),
    path("api/", include("factcheck.api_urls")),
    path("", include("verdicts.ui.urls")),
]
