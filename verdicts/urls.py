from django.urls import path
from django.views.generic import RedirectView

from verdicts.public_site import views as public
from verdicts.public_site.feeds import CorrectionsFeed, VerdictsFeed
from verdicts.public_site.sitemaps import sitemap_index, sitemap_section
from verdicts.views import verdict_public_page

# The readers' pages, in each of settings.LANGUAGES (factcheck.urls puts them under i18n_patterns).
translated_patterns = [
    path("verdicts/", public.verdict_index, name="verdict-index"),
    # /uk/ and /es/ lead readers to the index (the unprefixed / is the newsroom's).
    path("", RedirectView.as_view(pattern_name="verdict-index"), name="public-home"),
    path("verdicts/<int:verdict_id>/", verdict_public_page, name="verdict-public"),
    path("claimants/<int:claimant_id>/", public.claimant_page, name="public-claimant"),
    path("topics/<path:tag>/", public.topic_page, name="public-topic"),
    path("corrections/", public.corrections_page, name="public-corrections"),
    path("methodology/", public.methodology_page, name="methodology"),
    path("feeds/verdicts.atom", VerdictsFeed(), name="feed-verdicts"),
    path("feeds/corrections.atom", CorrectionsFeed(), name="feed-corrections"),
]
urlpatterns = [
    path("sitemap.xml", sitemap_index, name="public-sitemap"),
    path("sitemap-<str:section>.xml", sitemap_section, name="public-sitemap-section"),
    path("publisher/logo", public.publisher_logo, name="publisher-logo"),
]
