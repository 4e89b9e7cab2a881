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
rule(
    "attribution",
    "figures-from-a-body-described-by-what-they-are",
    "The most recent figures from the state health department, published in September, show that the median wait "
    "in emergency departments was 4 hours and 52 minutes.",
    claimant="state health department",
    said_on="2026-09",
)
rule(
    "attribution",
    "records-given-to-a-committee-by-a-body",
    "Records provided to the committee by the Midstate Mutual Assistance Group, which coordinates help between "
    "utilities, show the request was logged at 4:52 p.m. on January 18.",
    claimant="Midstate Mutual Assistance Group",
)
rule(
    "attribution",
    "council-figures-are-the-councils",
    "Kenwick District Council refused the Ferris Lane scheme in 2024. That refusal cost the council £212,000 in "
    "legal costs, according to council figures obtained by the Gazette.",
    text="That refusal cost the council £212,000 in legal costs.",
    claimant="Kenwick District Council",
)
rule(
    "attribution",
    "the-statement-from-a-body-is-its",
    "Of the 2,840 members who cast ballots, 78.4% backed continuing the walkout, according to the statement from "
    "the Harbour and Logistics Workers' Union.",
    claimant="Harbour and Logistics Workers' Union",
    medium="statement",
)
rule(
    "attribution",
    "data-from-a-bodys-own-bulletin",
    "Data from the department's own monthly bulletin show that 2,140 grants were approved in August.",
    claimant="department",
    medium="data",
)
rule(
    "attribution",
    "according-to-its-document-in-the-middle-then-more",
    "The National Swimming Federation, which governs the sport in England, lost £3.2m last year, according to its "
    "annual accounts, and has cut funding to 60 clubs.",
    text="The National Swimming Federation lost £3.2m in 2025.",
    claimant="National Swimming Federation",
    medium="accounts",
)
rule(
    "attribution",
    "a-concession-after-according-to",
    "Harcourt City lost £38.6m last season, according to accounts published by the club yesterday, even though "
    "turnover reached a record £164.7m.",
    text="Turnover reached a record £164.7m.",
    claimant="Harcourt City",
)
rule(
    "attribution",
    "figures-named-by-a-kind-of-body",
    "The National Swimming Federation cut funding to 60 clubs in 2025. Membership has fallen from 210,000 in 2019 "
    "to 168,000, federation figures show.",
    text="Membership has fallen from 210,000 in 2019 to 168,000.",
    claimant="National Swimming Federation",
)
rule(
    "attribution",
    "its-report-is-the-body-the-sentence-names",
    "The Ridgeway Rowing Association was founded in 1921. The Lakeside Sculling Club joined it in 1950. Membership "
    "of the association has fallen to about 9,000 rowers, from 11,200 in 2021, its annual report shows.",
    text="Membership of the association has fallen to about 9,000 rowers, from 11,200 in 2021.",
    claimant="Ridgeway Rowing Association",
    said_on=None,
)
rule(
    "attribution",
    "according-to-figures-named-by-their-maker",
    "The Coastal Protection Agency (CPA) fined the firm on Monday. According to CPA figures, the agency inspected "
    "412 sites in 2025.",
    claimant="Coastal Protection Agency",
    medium="figures",
)
rule(
    "attribution",
    "according-to-a-document-others-describe",
    "Visitor numbers rose by 12 per cent in 2025, according to a survey that critics of the park say ignores "
    "weekday visitors.",
    claimant="survey",
)
rule(
    "attribution",
    "according-to-a-source-then-what-describes-it",
    "At least nine players from the under-21 squad have left for clubs abroad since August, according to the "
    "Players' Union, which represents professional footballers.",
    text="At least nine players from the under-21 squad have left for clubs abroad since August 2026.",
    claimant="Players' Union",
)
rule(
    "attribution",
    "according-to-a-source-then-what-the-fact-made-it",
    "Snowfall across the northern hills between November and March was 38 percent above normal, according to the "
    "National Weather Office, making it the snowiest winter on record.",
    text="Snowfall across the northern hills between November and March was 38 percent above normal.",
    claimant="National Weather Office",
)
