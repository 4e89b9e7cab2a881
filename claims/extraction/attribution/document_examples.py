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
rule(
    "attribution",
    "the-study-authors-are-its-researchers",
    "Researchers at the University of Halden found that strokes fell by 18 per cent in towns with pharmacy checks. "
    "The authors said heart attacks were also 9 per cent less common in those towns.",
    text="Heart attacks were also 9 per cent less common in those towns.",
    claimant="researchers at the University of Halden",
)
rule(
    "attribution",
    "what-the-paper-says-is-its-authors",
    "In a paper published on Wednesday, researchers at the University of Halden found that strokes fell by 18 per "
    "cent. Over the decade there were 2,914 strokes in the towns with checks, the paper says.",
    text="Over the decade there were 2,914 strokes in the towns with checks.",
    claimant="researchers at the University of Halden",
    said_on="2026-11-25",
)
rule(
    "dates",
    "another-document-is-not-of-the-day-the-paper-came-out",
    "In a report published on Wednesday, the health agency found that strokes fell by 18 per cent in the towns it "
    "studied. Pharmacies across the country carried out 1.9 million checks in 2025, according to the Pharmacy Guild’s "
    "annual survey of its members.",
    text="Pharmacies across the country carried out 1.9 million checks in 2025.",
    said_on=None,
)
