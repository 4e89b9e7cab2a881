"""Forms of the newsroom's pages: they check shape and size; the services check the rest."""

import json
import re

from django import forms
from django.conf import settings
from django.urls import reverse_lazy
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from claims.freeze import FROZEN_FIELDS
from claims.intake import article_length_check, article_upload_text, said_on_parse
from claims.languages import language_tag
from claims.models import Citation, Claim
from factcheck.errors import InvalidInput
from verdicts.ratings import Rating


class CitationForm(forms.Form):
    url = forms.CharField(
        label=_("Source URL"), max_length=2048, help_text=_("Paste the address of the page you cite.")
    )
    stance = forms.ChoiceField(label=_("Stance"), choices=Citation.Stance.choices, initial=Citation.Stance.CONTEXT)
    quote = forms.CharField(
        label=_("Passage relied upon"), required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ClaimForm(forms.Form):
    text = forms.CharField(
        label=_("Claim"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The statement as a short declarative sentence."),
    )  # fmt: skip
    claimant_name = forms.CharField(
        label=_("Who said it"),
        max_length=200,
        required=False,
        help_text=_("A known claimant's name or alias (any case); known claimants are suggested as you type."),
        widget=forms.TextInput(
            attrs={
                "list": "claimant-suggestions",
                "autocomplete": "off",
                "hx-get": reverse_lazy("claimant-suggestions"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#claimant-suggestions",
                "hx-sync": "this:replace",
            }
        ),
    )
    new_claimant = forms.BooleanField(
        label=_("Add who said it as a new claimant"),
        required=False,
        help_text=_("Only needed when the name is not known but looks like a known claimant's."),
    )
    said_on = forms.DateField(
        label=_("When"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day it was said."),
    )
    medium = forms.CharField(label=_("Where"), max_length=200, required=False, help_text=_("For example “CBS News”."))
    sentence = forms.CharField(
        label=_("Sentence it came from"), max_length=10_000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


MAX_TAGS = 20
TAG_LENGTH = Claim._meta.get_field("tags").base_field.max_length
PRIORITIES = [(1, _("1 · urgent")), (2, _("2 · normal")), (3, _("3 · low"))]


def tags_parse(value: str) -> list[str]:
    """Comma-separated tags as the claim keeps them: lower case, spaces as hyphens, each once."""
    tags: list[str] = []
    for raw in value.split(","):
        tag = re.sub(r"\s+", "-", raw.strip()).lower()
        if not tag:
            continue
        if len(tag) > TAG_LENGTH:
            raise forms.ValidationError(
                gettext("A tag is at most %(most)s characters; “%(tag)s…” has %(length)s.")
                % {"most": TAG_LENGTH, "tag": tag[:30], "length": number_format(len(tag), force_grouping=True)},
                code="max_length",
            )
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise forms.ValidationError(gettext("At most %(most)s tags a claim.") % {"most": MAX_TAGS}, code="max_tags")
    return tags


def said_on_text(claim: Claim) -> str:
    """A claim's date as the edit form shows it: 2021, 2021-12 or 2021-12-03."""
    if not claim.said_on:
        return ""
    width = {Claim.DatePrecision.YEAR: 4, Claim.DatePrecision.MONTH: 7}.get(claim.said_on_precision, 10)
    return claim.said_on.isoformat()[:width]


class ClaimEditForm(forms.Form):
    """A claim's own fields on its page. Only the fields the browser sends are changed (the page
    sends no frozen field while a verdict is under review: they are drawn disabled, with why);
    the service refuses a frozen field that changes anyway, and a stale revision."""

    text = forms.CharField(
        label=_("Claim"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The statement as a short declarative sentence."),
    )  # fmt: skip
    claimant_name = forms.CharField(
        label=_("Who said it"), max_length=200, required=False, help_text=_("Leave empty if not known.")
    )
    said_on = forms.CharField(
        label=_("When"), max_length=10, required=False,
        help_text=_("A day (2021-12-03), a month (2021-12) or a year (2021)."),
    )  # fmt: skip
    medium = forms.CharField(label=_("Where"), max_length=200, required=False, help_text=_("For example “CBS News”."))
    tags = forms.CharField(
        label=_("Tags"), max_length=2000, required=False, help_text=_("Separated by commas, e.g. “ukraine, sanctions”.")
    )
    language = forms.CharField(
        label=_("Language"), max_length=35, required=False,
        widget=forms.TextInput(attrs={"list": "languages", "autocomplete": "off"}),
        help_text=_("A code: en, uk, ru, pt-BR …"),
    )  # fmt: skip
    priority = forms.TypedChoiceField(label=_("Priority"), choices=PRIORITIES, coerce=int, required=False)
    due_on = forms.DateField(
        label=_("Due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("When the check should be done by."),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    # The form's field for each frozen field of the claim.
    FROZEN = {"text": "text", "claimant_name": "claimant", "said_on": "said_on", "medium": "medium",
              "tags": "tags", "language": "language"}  # fmt: skip
    assert set(FROZEN.values()) <= FROZEN_FIELDS

    def __init__(self, *args, claim: Claim, frozen: str = "", **kwargs):
        initial = {
            "text": claim.text,
            "claimant_name": claim.claimant.name if claim.claimant else "",
            "said_on": said_on_text(claim),
            "medium": claim.medium,
            "tags": ", ".join(claim.tags),
            "language": claim.language,
            "priority": claim.priority,
            "due_on": claim.due_on,
            "expected_version": claim.lock_version,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.claim = claim
        self.frozen = frozen
        if frozen:  # drawn, not sent: the browser leaves disabled fields out
            for name in self.FROZEN:
                self.fields[name].widget.attrs.update(disabled=True, **{"aria-describedby": "edit-frozen"})

    def clean_text(self):
        text = self.cleaned_data["text"]
        if "text" in self.data and not text.strip():
            raise forms.ValidationError(gettext("Write the claim."), code="required")
        return text

    def clean_said_on(self):
        value = self.cleaned_data["said_on"].strip()
        try:
            return said_on_parse(value)
        except InvalidInput as error:  # the date does not exist, or is not a date
            raise forms.ValidationError(str(error), code="invalid") from None

    def clean_tags(self):
        return tags_parse(self.cleaned_data["tags"])

    def clean_language(self):
        value = self.cleaned_data["language"]
        if "language" in self.data and not value.strip():
            raise forms.ValidationError(gettext("Give the claim's language."), code="required")
        return language_tag(value) if value.strip() else value

    def clean_priority(self):
        value = self.cleaned_data["priority"]
        if "priority" in self.data and value in (None, ""):
            raise forms.ValidationError(gettext("Choose a priority."), code="required")
        return value

    def changes(self) -> tuple[dict, str | None]:
        """The claim's fields the browser sent, as the service takes them, and the claimant's
        name when one was sent and differs from the present claimant's (None otherwise)."""
        values, sent = self.cleaned_data, set(self.data)
        changes: dict = {}
        for name in ("text", "medium", "tags", "language", "priority", "due_on"):
            if name in sent:
                changes[name] = values[name].strip() if name in ("text", "medium") else values[name]
        if "said_on" in sent:
            changes["said_on"], changes["said_on_precision"] = values["said_on"]
        claimant_name = None
        if "claimant_name" in sent:
            name = values["claimant_name"].strip()
            current = self.claim.claimant.name if self.claim.claimant else ""
            if name.casefold() != current.casefold():
                claimant_name = name
        return changes, claimant_name


class CitationEditForm(forms.Form):
    """A citation's stance, quoted passage and note (stance and passage are not sent while a
    verdict on the claim is under review: the note stays editable)."""

    stance = forms.ChoiceField(label=_("Stance"), choices=Citation.Stance.choices, required=False)
    quote = forms.CharField(label=_("Passage relied upon"), required=False, max_length=20_000)
    note = forms.CharField(label=_("Note (internal)"), required=False, max_length=20_000)

    def clean_stance(self):
        value = self.cleaned_data["stance"]
        if "stance" in self.data and not value:
            raise forms.ValidationError(gettext("Choose whether the source supports, refutes or gives context."))
        return value

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("stance", "quote", "note") if name in self.data}


class ArticleForm(forms.Form):
    text = forms.CharField(
        label=_("Paste the article"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 10}),
    )  # fmt: skip
    file = forms.FileField(label=_("or upload it as a text file"), required=False)
    url = forms.URLField(
        label=_("or give its address"), required=False, max_length=2048, assume_scheme="https",
        help_text=_("The page is captured first; its claims are proposed when the capture succeeds."),
    )  # fmt: skip
    published = forms.DateField(
        label=_("Published on"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Relative dates (“Tuesday”, “last month”) are read against it. Default: the article's dateline."),
    )  # fmt: skip
    outlet = forms.CharField(
        label=_("Published by"),
        required=False,
        max_length=200,
        help_text=_("The claimant of the article's own statements."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        most, size = settings.INTAKE_MAX_CHARACTERS, settings.INTAKE_MAX_UPLOAD_BYTES
        self.fields["text"].help_text = ngettext(
            "At most %(count)s character.", "At most %(count)s characters.", most
        ) % {"count": number_format(most, force_grouping=True)}
        self.fields["file"].help_text = ngettext(
            "Plain text (UTF-8), at most %(count)s byte.", "Plain text (UTF-8), at most %(count)s bytes.", size
        ) % {"count": number_format(size, force_grouping=True)}

    def clean(self):
        values = super().clean()
        given = [name for name in ("text", "file", "url") if values.get(name) and str(values[name]).strip()]
        if len(given) != 1:
            raise forms.ValidationError(gettext("Give the article once: paste it, upload it or give its address."))
        if values.get("file"):
            try:
                values["text"] = article_upload_text(values["file"])
            except InvalidInput as error:
                self.add_error("file", str(error))
        elif values.get("text"):
            try:
                article_length_check(values["text"])
            except InvalidInput as error:
                self.add_error("text", str(error))
        return values


class ProposalForm(forms.Form):
    """One proposed claim, as it comes back from the page of proposals."""

    text = forms.CharField(max_length=2000)
    claimant = forms.CharField(max_length=200, required=False)
    said_on = forms.RegexField(r"^\d{4}(-\d{2}(-\d{2})?)?$", required=False)
    medium = forms.CharField(max_length=200, required=False)
    cited_source = forms.CharField(max_length=300, required=False)
    sentence = forms.CharField(max_length=10_000, required=False)
    score = forms.FloatField(min_value=0, max_value=1, required=False)

    @classmethod
    def from_json(cls, raw: str):
        try:
            data = json.loads(raw)
        except (TypeError, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        return cls({key: "" if value is None else value for key, value in data.items()})


class VerdictForm(forms.Form):
    rating = forms.ChoiceField(label=_("Rating"), choices=[("", _("— not yet —")), *Rating.choices], required=False)
    language = forms.CharField(
        label=_("Language"), max_length=35, required=False,
        help_text=_("The language you write the verdict in, such as “en”, “uk” or “es” (BCP 47)."),
    )  # fmt: skip
    headline = forms.CharField(label=_("Headline"), max_length=300, required=False)
    summary = forms.CharField(
        label=_("Summary"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    explanation = forms.CharField(
        label=_("Explanation"), max_length=100_000, required=False, widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Markdown: **bold**, *italic*, [links](https://…), lists. HTML is shown as text."),
    )  # fmt: skip
    correction_note = forms.CharField(
        label=_("Correction note"), max_length=20_000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What changed and why: shown in the public correction log."),
    )  # fmt: skip
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class EvidenceUploadForm(forms.Form):
    """A file uploaded as a citation's evidence, with its provenance (the services decide what the
    file is and whether it is accepted)."""

    file = forms.FileField(label=_("File"), allow_empty_file=False)
    origin = forms.CharField(label=_("Where it came from"), max_length=500)
    method = forms.CharField(label=_("How it was made"), max_length=500)
    obtained_at = forms.DateTimeField(label=_("When it was obtained"))


class TranslationForm(forms.Form):
    """A translation's draft: the verdict's text in another language (the rating is the verdict's)."""

    headline = forms.CharField(label=_("Headline"), max_length=300, required=False)
    summary = forms.CharField(
        label=_("Summary"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    explanation = forms.CharField(
        label=_("Explanation"), max_length=100_000, required=False, widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Markdown, as in the original: **bold**, *italic*, [links](https://…), lists."),
    )  # fmt: skip
    correction_note = VerdictForm.base_fields["correction_note"]
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
