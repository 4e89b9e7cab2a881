"""Atom feeds of published verdicts and of corrections, with links on SITE_URL."""

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from verdicts import claimreview
from verdicts.models import Verdict
from verdicts.public_site.caching import kept_page
from verdicts.public_site.publisher import publisher_current
from verdicts.public_site.selectors import corrections_published
from verdicts.ratings import Rating
from verdicts.selectors import PUBLIC_FIELDS, first_published, public_verdict, with_public_versions
from verdicts.translations.selectors import translated_corrections

FEED_LENGTH = 50

# Characters XML 1.0 has no place for (Django's feed writer refuses them), which text pasted from
# elsewhere may carry: a vertical tab or a form feed reads as a space, the others are left out.
_SPACES = re.compile("[\x0b\x0c]")
_NOT_IN_XML = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")


def _xml_text(value):
    """`value` (a feed's or an entry's field: text, a list of texts, or anything else) as XML can hold it."""
    if isinstance(value, str):
        return _NOT_IN_XML.sub("", _SPACES.sub(" ", value))
    if isinstance(value, list | tuple):
        return type(value)(_xml_text(item) for item in value)
    return value


class _PublicFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        return publisher_current()  # the feed's object: read once, whatever the feed's length

    def author_name(self, publisher):
        return publisher.name

    def author_link(self, publisher):
        return publisher.url

    def feed_url(self):
        return settings.SITE_URL + reverse(self.url_name)

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed = {name: _xml_text(value) for name, value in feed.feed.items()}
        feed.items = [{name: _xml_text(value) for name, value in item.items()} for item in feed.items]
        return feed

    def __call__(self, request, *args, **kwargs):
        return kept_page(request, lambda: super(_PublicFeed, self).__call__(request, *args, **kwargs))


class VerdictsFeed(_PublicFeed):
    url_name = "feed-verdicts"

    def title(self, publisher):
        return _("Fact-checks by %(publisher)s") % {"publisher": publisher.name}

    def subtitle(self):
        return _("The latest published verdicts.")

    def link(self):
        return settings.SITE_URL + reverse("verdict-index")

    def items(self):
        rows = (
            Verdict.objects.filter(status=Verdict.Status.PUBLISHED)
            .order_by("-published_at", "-id")
            .values(*PUBLIC_FIELDS)[:FEED_LENGTH]
        )
        return with_public_versions([public_verdict(row) for row in rows], language=get_language())

    def item_title(self, verdict):
        label = Rating(verdict.rating).label
        return f"{label}: {verdict.headline or verdict.claim.text[:200]}"

    def item_description(self, verdict):
        claimant = verdict.claim.claimant.name if verdict.claim.claimant else _("An unknown speaker")
        return _("%(claimant)s said: “%(claim)s” %(summary)s") % {
            "claimant": claimant, "claim": verdict.claim.text, "summary": verdict.summary,
        }  # fmt: skip

    def item_link(self, verdict):
        return claimreview.public_url(verdict)

    def item_pubdate(self, verdict):
        return first_published(verdict)

    def item_updateddate(self, verdict):
        return verdict.published_at

    def item_categories(self, verdict):
        return verdict.claim.tags


class CorrectionsFeed(_PublicFeed):
    url_name = "feed-corrections"

    def title(self, publisher):
        return _("Corrections by %(publisher)s") % {"publisher": publisher.name}

    def subtitle(self):
        return _("Every correction of a published verdict, with its note.")

    def link(self):
        return settings.SITE_URL + reverse("public-corrections")

    def items(self):
        rows = corrections_published().order_by("-published_at", "-id")[:FEED_LENGTH]
        return translated_corrections(rows, language=get_language())

    def item_title(self, row):
        return _("Corrected: %(headline)s") % {"headline": row["headline"] or row["claim_text"][:200]}

    def item_description(self, row):
        return row["correction_note"]

    def item_link(self, row):
        return settings.SITE_URL + reverse("verdict-public", args=[row["id"]])

    def item_guid(self, row):
        return self.item_link(row)

    def item_pubdate(self, row):
        return row["published_at"]

    def item_updateddate(self, row):
        return row["published_at"]
