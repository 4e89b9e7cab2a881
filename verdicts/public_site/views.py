"""The readers' pages: thin views over verdicts.public_site.selectors, kept in the shared cache."""

from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from factcheck.errors import InvalidInput
from verdicts.public_site import selectors
from verdicts.public_site.caching import kept_page
from verdicts.public_site.presenting import item_list, json_for_script, meta
from verdicts.public_site.publisher import publisher_logo_file
from verdicts.ratings import rating_scale


def _listing(request, queryset, template: str, context: dict, *, verdicts: bool = True) -> TemplateResponse:
    """A page of a list; a cursor it cannot use is answered 400 with a way back to the start."""
    try:
        page = selectors.page_of(queryset, request, verdicts=verdicts)
    except InvalidInput as refusal:
        context |= {"page": selectors.Page([], None, None), "cursor_refused": refusal.message}
        return TemplateResponse(request, template, context, status=400)
    context["page"] = page
    if verdicts and page.items:
        context["jsonld"] = json_for_script(item_list(page.items))
    return TemplateResponse(request, template, context)


@require_GET
def verdict_index(request):
    def build():
        query = selectors.verdicts_index(params=request.GET)
        context = {
            "meta": meta(
                request, title=_("Fact-checks"), description=_("Every verdict we have published, newest first.")
            ),
            "applied": query.applied,
            "notices": query.notices,
            "ratings": selectors.rating_choices(),
            "languages": selectors.language_choices(),
            "start_url": reverse("verdict-index"),
        }
        return _listing(request, query.verdicts.order_by(), "verdicts/public/index.html", context)

    return kept_page(request, build)


@require_GET
def claimant_page(request, claimant_id: int):
    def build():
        claimant = selectors.claimant_as_published(claimant_id=claimant_id)
        if claimant is None:
            raise Http404(_("No published verdict names this claimant."))
        verdicts = selectors.verdicts_by_claimant(claimant_id=claimant_id)
        context = {
            "meta": meta(request, title=claimant.name, kind="profile",
                         description=_("Claims by %(name)s that we checked, and the ratings they received.")
                         % {"name": claimant.name}),
            "claimant": claimant,
            "record": selectors.rating_record(verdicts),
            "start_url": reverse("public-claimant", args=[claimant_id]),
        }  # fmt: skip
        return _listing(request, verdicts, "verdicts/public/claimant.html", context)

    return kept_page(request, build)


@require_GET
def topic_page(request, tag: str):
    def build():
        verdicts = selectors.verdicts_by_topic(tag=tag)
        record = selectors.rating_record(verdicts)
        if not record["total"]:
            raise Http404(_("No published verdict is on this topic."))
        context = {
            "meta": meta(request, title=_("Topic: %(topic)s") % {"topic": tag},
                         description=_("Claims about %(topic)s that we checked.") % {"topic": tag}),
            "topic": tag,
            "record": record,
            "start_url": reverse("public-topic", args=[tag]),
        }  # fmt: skip
        return _listing(request, verdicts, "verdicts/public/topic.html", context)

    return kept_page(request, build)


@require_GET
def corrections_page(request):
    def build():
        context = {
            "meta": meta(request, title=_("Corrections"),
                         description=_("Every correction we have published, with what changed and when.")),
            "start_url": reverse("public-corrections"),
        }  # fmt: skip
        return _listing(
            request, selectors.corrections_published(), "verdicts/public/corrections.html", context, verdicts=False
        )

    return kept_page(request, build)


@require_GET
def methodology_page(request):
    def build():
        context = {
            "meta": meta(request, title=_("How we check claims"),
                         description=_("Our rating scale, how a verdict is reviewed, and how to verify its evidence.")),
            "scale": rating_scale(with_meanings=True),
        }  # fmt: skip
        return TemplateResponse(request, "verdicts/public/methodology.html", context)

    return kept_page(request, build)


@require_GET
def publisher_logo(request):
    found = publisher_logo_file()
    if found is None:
        raise Http404(_("No logo has been set."))
    handle, content_type = found
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"  # its address changes with each new logo
    return response
