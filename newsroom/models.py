from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class SavedView(models.Model):
    """A queue filter a person named, shown among their queue's tabs."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views")
    name = models.CharField(max_length=100)
    query = models.CharField(max_length=2000, help_text="The queue's view and filters, as a validated query string.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint("owner", Lower("name"), name="saved_view_name_unique_per_owner")]

    def __str__(self):
        return self.name


class Preferences(models.Model):
    """What a person chose for their own use of the newsroom: for now, the language of its pages."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences")
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The language of the newsroom's pages and of the e-mails sent to this person. "
            "Empty: the browser's language, else English."
        ),
    )

    class Meta:
        verbose_name = _("preferences")
        verbose_name_plural = _("preferences")

    def __str__(self):
        return self.get_language_display() or "—"


class DashboardSummary(models.Model):
    """The dashboard's figures as last counted (newsroom.dashboard.figures) and its charts as drawn
    from them: one row, replaced by each refresh, so that a page reads its charts instead of counting
    a million claims and drawing them."""

    figures = models.JSONField()
    # The charts drawn from them, in each of the newsroom's languages: {code: [{title, svg, summary}]}.
    charts = models.JSONField(default=dict)
    counted_at = models.DateTimeField()

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="dashboard_summary_one_row")]

    def __str__(self):
        return f"Dashboard figures as of {self.counted_at:%Y-%m-%d %H:%M}"
