from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from factcheck.views import favicon, healthz
from sources.urls import translated_patterns as translated_capture_patterns
from verdicts.urls import translated_patterns

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("", include("sources.urls")),
    path("", include("verdicts.urls")),
    path("api/", include("factcheck.api_urls")),
    path("", include("newsroom.urls")),
]
# The readers' pages: English without a prefix, each other language under its own (/uk/, /es/).
urlpatterns += i18n_patterns(*translated_patterns, *translated_capture_patterns, prefix_default_language=False)

handler404 = "factcheck.views.not_found"
