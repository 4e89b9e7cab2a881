from django.contrib import admin
from django.urls import include, path

from factcheck.views import favicon, healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("", include("sources.urls")),
    path("", include("verdicts.urls")),
    path("api/", include("factcheck.api_urls")),
    path("", include("newsroom.urls")),
]
