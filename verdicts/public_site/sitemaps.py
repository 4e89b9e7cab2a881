"""sitemap.xml: the public pages, each verdict, claimant and topic, in each language, with addresses on SITE_URL."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.urls import reverse

from verdicts.models import Verdict
from verdicts.public_site.caching import kept_page
from verdicts.public_site.selectors import claimants_published, topics_published

PER_SITEMAP = 5000


class _OnSite(Sitemap):
    limit = PER_SITEMAP
    # Each page in each of settings.LANGUAGES, linked to its versions in the others (and English as x-default).
    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PagesSitemap(_OnSite):
    def items(self):
        return ["verdict-index", "public-corrections", "methodology"]

    def location(self, name):
        return reverse(name)


class VerdictsSitemap(_OnSite):
    def items(self):
        return Verdict.objects.filter(status=Verdict.Status.PUBLISHED).order_by("-id").values("id", "published_at")

    def location(self, row):
        return reverse("verdict-public", args=[row["id"]])

    def lastmod(self, row):
        return row["published_at"]


class ClaimantsSitemap(_OnSite):
    def items(self):
        return claimants_published()

    def location(self, claimant_id):
        return reverse("public-claimant", args=[int(claimant_id)])


class TopicsSitemap(_OnSite):
    def items(self):
        return topics_published()

    def location(self, tag):
        return reverse("public-topic", args=[tag])


SITEMAPS = {"pages": PagesSitemap, "verdicts": VerdictsSitemap, "claimants": ClaimantsSitemap, "topics": TopicsSitemap}


def sitemap_index(request):
    return kept_page(request, lambda: sitemap_views.index(request, SITEMAPS, sitemap_url_name="public-sitemap-section"))


def sitemap_section(request, section: str):
    return kept_page(request, lambda: sitemap_views.sitemap(request, SITEMAPS, section=section))
