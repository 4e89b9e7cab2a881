from django.urls import path

from verdicts.views import verdict_public_page

urlpatterns = [path("verdicts/<int:verdict_id>/", verdict_public_page, name="verdict-public")]
