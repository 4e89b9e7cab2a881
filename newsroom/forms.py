"""Forms of the newsroom's pages: they check shape and size; the services check the rest."""

import json

from django import forms
from django.conf import settings
from django.urls import reverse_lazy

from claims.intake import article_length_check, article_upload_text
from claims.models import Citation
from factcheck.errors import InvalidInput
from verdicts.ratings import Rating


class CitationForm(forms.Form):
    url = forms.CharField(label="Source URL", max_length=2048, help_text="Paste the address of the page you cite.")
    stance = forms.ChoiceField(label="Stance", choices=Citation.Stance.choices, initial=Citation.Stance.CONTEXT)
    quote = forms.CharField(
        label="Passage relied upon", required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ClaimForm(forms.Form):
    text = forms.CharField(
        label="Claim", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The statement as a short declarative sentence.",
    )  # fmt: skip
    claimant_name = forms.CharField(
        label="Who said it",
        max_length=200,
        required=False,
        help_text="A known claimant's name or alias (any case); known claimants are suggested as you type.",
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
        label="Add who said it as a new claimant",
        required=False,
        help_text="Only needed when the name is not known but looks like a known claimant's.",
    )
    said_on = forms.DateField(
        label="When", required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="The day it was said."
    )
    medium = forms.CharField(label="Where", max_length=200, required=False, help_text="For example “CBS News”.")
    sentence = forms.CharField(
        label="Sentence it came from", max_length=10_000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ArticleForm(forms.Form):
    text = forms.CharField(
        label="Paste the article", required=False, strip=False, widget=forms.Textarea(attrs={"rows": 10}),
    )  # fmt: skip
    file = forms.FileField(label="or upload it as a text file", required=False)
    url = forms.URLField(
        label="or give its address", required=False, max_length=2048, assume_scheme="https",
        help_text="The page is captured first; its claims are proposed when the capture succeeds.",
    )  # fmt: skip
    published = forms.DateField(
        label="Published on", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Relative dates (“Tuesday”, “last month”) are read against it. Default: the article's dateline.",
    )  # fmt: skip
    outlet = forms.CharField(
        label="Published by", required=False, max_length=200, help_text="The claimant of the article's own statements."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = f"At most {settings.INTAKE_MAX_CHARACTERS:,} characters."
        self.fields["file"].help_text = f"Plain text (UTF-8), at most {settings.INTAKE_MAX_UPLOAD_BYTES:,} bytes."

    def clean(self):
        values = super().clean()
        given = [name for name in ("text", "file", "url") if values.get(name) and str(values[name]).strip()]
        if len(given) != 1:
            raise forms.ValidationError("Give the article once: paste it, upload it or give its address.")
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
    rating = forms.ChoiceField(label="Rating", choices=[("", "— not yet —"), *Rating.choices], required=False)
    headline = forms.CharField(label="Headline", max_length=300, required=False)
    summary = forms.CharField(
        label="Summary", max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    explanation = forms.CharField(
        label="Explanation", max_length=100_000, required=False, widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Markdown: **bold**, *italic*, [links](https://…), lists. HTML is shown as text.",
    )  # fmt: skip
    correction_note = forms.CharField(
        label="Correction note", max_length=20_000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What changed and why: shown in the public correction log.",
    )  # fmt: skip
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
