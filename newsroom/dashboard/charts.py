"""The dashboard's charts, drawn from its figures (newsroom.dashboard.figures) as SVG by pygal on the
server (no script, nothing fetched from elsewhere), each also said in words."""

import datetime
from dataclasses import dataclass

import pygal
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from lxml import etree
from pygal.style import Style

from claims.models import Claim
from newsroom.dashboard.figures import WEEKS
from newsroom.wording import capture_failure_words
from verdicts.ratings import Rating

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#888",
    colors=("#1f4e79", "#f0b400", "#1b6e3a", "#a4262c", "#6b4c9a", "#2a9d8f", "#8a5a00"),
    font_family="system-ui, sans-serif",
    # Drawn 420 units wide, a chart fills a phone's width at about 0.8 of its size: 16-unit text
    # is read at about 13 px there, and a little larger in the three columns of a desktop.
    label_font_size=16,
    major_label_font_size=16,
    legend_font_size=16,
    value_font_size=16,
    tooltip_font_size=16,
    title_font_size=18,
    no_data_font_size=28,
)


def _week(day: datetime.date) -> str:
    """A week's Monday, short, as the chart's axis writes it ("4 Dec")."""
    return date_format(day, pgettext("chart week", "j M"))


def _month(day: datetime.date) -> str:
    """A month, short, as the chart's axis writes it ("Dec 2026")."""
    return date_format(day, pgettext("chart month", "M Y"))


# Twelve week labels do not fit side by side at a legible size: every other one is written.
EVERY_OTHER_WEEK = {"x_labels_major_every": 2, "show_minor_x_labels": False}


@dataclass(frozen=True)
class Chart:
    title: str
    svg: SafeString
    summary: str  # the same figures in words, for screen readers and for tests


def _config(chart_class, **options):
    options = {"show_legend": True, **options}
    return chart_class(
        style=STYLE,
        js=[],
        disable_xml_declaration=True,
        legend_at_bottom=True,
        no_data_text=_("No data"),
        legend_at_bottom_columns=3,
        truncate_legend=-1,
        margin_bottom=24,  # pygal leaves too little room under a legend of large text
        max_scale=6,  # few ticks on the value axis, so that each one is written out whole
        width=420,
        height=340,
        **options,
    )


def _svg(chart) -> SafeString:
    """The chart as inline SVG, without the configuration script pygal adds for its tooltips."""
    tree = chart.render_tree()
    for script in [element for element in tree.iter() if str(element.tag).endswith("script")]:
        script.getparent().remove(script)
    # lxml writes every label as escaped XML text.
    return mark_safe(etree.tostring(tree, encoding="unicode"))  # noqa: S308


def _dates(values: list[str]) -> list[datetime.date]:
    return [datetime.date.fromisoformat(value) for value in values]


def claims_by_status(figures: dict) -> Chart:
    weeks, by_week = figures["weeks"], figures["claims"]
    chart = _config(pygal.StackedBar, x_label_rotation=30, **EVERY_OTHER_WEEK)
    chart.x_labels = [_week(week) for week in _dates(weeks)]
    for status, label in Claim.Status.choices:
        chart.add(str(label), [by_week.get(week, {}).get(status, 0) for week in weeks])
    total = sum(n for counts in by_week.values() for n in counts.values())
    by_status = ", ".join(
        f"{label.lower()}: {sum(counts.get(status, 0) for counts in by_week.values())}"
        for status, label in Claim.Status.choices
    )
    summary = ngettext(
        "%(count)s claim came in over the last %(weeks)s weeks; %(by_status)s",
        "%(count)s claims came in over the last %(weeks)s weeks; %(by_status)s",
        total,
    ) % {"count": total, "weeks": WEEKS, "by_status": by_status}
    return Chart(_("Claims added per week, by their status now"), _svg(chart), summary)


def verdicts_by_rating(figures: dict) -> Chart:
    counts = figures["ratings"]
    chart = _config(pygal.HorizontalBar, show_legend=False)
    chart.x_labels = [str(label) for value, label in Rating.choices]
    chart.add(_("Verdicts"), [counts.get(value, 0) for value, label in Rating.choices])
    summary = ", ".join(f"{label}: {counts.get(value, 0)}" for value, label in Rating.choices)
    return Chart(_("Published verdicts by rating"), _svg(chart), summary)


def time_to_publication(figures: dict) -> Chart:
    """Days from a claim's intake to its first published verdict, by month of publication."""
    months = figures["publication"]
    chart = _config(pygal.Line, x_label_rotation=30)
    chart.x_labels = [_month(month) for month in _dates([m["month"] for m in months])]
    chart.add(_("Median"), [m["median"] for m in months])
    chart.add(_("90th percentile"), [m["p90"] for m in months])
    summary = "; ".join(
        _("%(month)s: median %(days)s days")
        % {"month": _month(datetime.date.fromisoformat(m["month"])), "days": m["median"]}
        for m in months
    )
    return Chart(_("Days from intake to publication"), _svg(chart), summary or _("No verdict published yet."))


def capture_outcomes(figures: dict) -> tuple[Chart, Chart]:
    weeks, done, reasons = figures["weeks"], figures["captures"], figures["failures"]
    rate = _config(pygal.Line, x_label_rotation=30, range=(0, 100), show_legend=False, **EVERY_OTHER_WEEK)
    rate.x_labels = [_week(week) for week in _dates(weeks)]
    rates = [round(100 * done[w][0] / sum(done[w])) if sum(done.get(w, [0, 0])) else None for w in weeks]
    rate.add(_("Succeeded (%)"), rates)
    succeeded, failed = sum(v[0] for v in done.values()), sum(v[1] for v in done.values())
    overall = (
        ngettext(
            "%(percent)s%% of %(count)s capture succeeded",
            "%(percent)s%% of %(count)s captures succeeded",
            succeeded + failed,
        )
        % {"percent": round(100 * succeeded / (succeeded + failed)), "count": succeeded + failed}
        if succeeded + failed
        else _("No capture finished yet")
    )
    why = _config(pygal.HorizontalBar, show_legend=False)
    ordered = sorted(reasons.items(), key=lambda item: -item[1])[:10]
    why.x_labels = [capture_failure_words(code) for code, n in ordered]
    why.add(_("Failures"), [n for code, n in ordered])
    because = "; ".join(f"{capture_failure_words(code)}: {n}" for code, n in ordered) or _("No failure.")
    return (
        Chart(_("Capture success rate per week (%(rate)s)") % {"rate": overall.lower()}, _svg(rate), overall + "."),
        Chart(_("Why captures failed"), _svg(why), because),
    )


def dashboard_charts(figures: dict) -> list[Chart]:
    return [
        claims_by_status(figures),
        verdicts_by_rating(figures),
        time_to_publication(figures),
        *capture_outcomes(figures),
    ]
