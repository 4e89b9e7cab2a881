from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    """The newsroom's pages: queue, claim pages, intake, verdict editor and review, dashboard,
    notifications and case files. The domain lives in claims, sources and verdicts; these pages
    only read through selectors and act through services."""

    name = "newsroom"
    verbose_name = _("Newsroom")
