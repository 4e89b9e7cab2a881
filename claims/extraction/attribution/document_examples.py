"""Attribution rules about documents: what a document shows, and whose it is."""

from claims.extraction.rules import rule

rule(
    "attribution",
    "a-document-named-last-after-a-lead-in",
    "Nationally, 23 hospitals have reported shortages of the drug since January 1, data from the agency showed on "
    "Wednesday.",
    claimant="agency",
    medium="data",
    said_on="2026-11-25",
)
rule(
    "attribution",
    "according-to-minutes-published-on-a-day",
    "Two of the 11 trustees voted against, according to minutes of the meeting published in April.",
    claimant="minutes of the meeting",
)
rule(
    "attribution",
    "according-to-documents-published-by-their-maker",
    "The air service's budget was cut by 8 per cent in 2026, according to budget documents published by the "
    "Finance Ministry.",
    claimant="Finance Ministry",
)
rule(
    "attribution",
    "a-survey-by-its-maker-published-in-a-year",
    "A survey by the Coastal Monitoring Agency published in 2019 found no live oysters in the estuary. According to "
    "the survey, 40 sites were checked.",
    claimant="Coastal Monitoring Agency",
)
