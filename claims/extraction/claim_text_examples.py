"""How a claim's text is made (`claim_text`): its rules, each named with an example sentence and the claim it
should give."""

from claims.extraction.rules import rule

rule(
    "claims",
    "two-statements-joined-after-a-lead-in",
    "At the height of the works, 240 people were employed on site, and the quarry will keep 12 permanent staff.",
    text="The quarry will keep 12 permanent staff.",
)
rule(
    "claims",
    "two-statements-either-side-of-a-semicolon",
    "Four stations lost power in the storm; engineers had restored supplies to 12 of them by the evening.",
    text="Engineers had restored supplies to 12 of them by the evening.",
)
rule(
    "dates",
    "a-month-to-come-and-one-gone",
    "The spokesperson added that the review had begun in January and would report in April.",
    text="The review had begun in January 2026 and would report in April 2027.",
)
rule(
    "dates",
    "last-month-in-the-paper",
    "Patients waited an average of 6 hours and 40 minutes in the emergency department last month.",
    text="Patients waited an average of 6 hours and 40 minutes in the emergency department in October 2026.",
)
rule(
    "dates",
    "a-weekday-to-come",
    "The union said it would announce new strike dates on Friday unless the offer improved.",
    text="The union would announce new strike dates on Friday, Dec. 4, 2026 unless the offer improved.",
)
rule(
    "claims",
    "denial-keeps-its-meaning",
    "The ministry denies that any funds were cut.",
    text="No funds were cut.",
    claimant="ministry",
)
rule(
    "claims",
    "denial-of-a-person",
    "Smith, 54, denied that he had struck the man.",
    text="Smith had not struck the man.",
    claimant="Smith",
)
rule(
    "claims",
    "compound-sentence-split",
    "Revenue rose to £3.1 billion, and the company's customer base grew by 140,000 households.",
    text="The company's customer base grew by 140,000 households.",
)
rule(
    "claims",
    "shared-subject-split",
    "The club have won two of their 17 league games this season and have scored 11 goals.",
    text="The club have scored 11 goals.",
)
rule(
    "claims",
    "shared-auxiliary-split",
    "Whitby said the council had opened four rescue centres and delivered 6,000 sandbags since Tuesday.",
    text="The council had delivered 6,000 sandbags since Tuesday, Nov. 24, 2026.",
    claimant="Whitby",
)
rule(
    "claims",
    "done-and-to-do-split",
    "Sara Lindqvist said her party had tabled a written question in parliament and would ask the ombudsman to "
    "investigate.",
    text="Her party had tabled a written question in parliament.",
    claimant="Sara Lindqvist",
)
rule(
    "claims",
    "and-that-split",
    "The club said Ortega had left by mutual consent and that coach Dean Mills would take charge of the team "
    "on Tuesday.",
    text="Ortega had left by mutual consent.",
    claimant="club",
)
rule(
    "claims",
    "facts-set-against-each-other",
    "Revenue rose 4.2% to $3.38 billion, helped by price increases, but sales volumes fell 2.6%.",
    text="Sales volumes fell 2.6%.",
)
rule(
    "claims",
    "and-inside-a-relative-clause",
    "Nwosu said the centre told anyone who had a fever and had visited the pool since January to call a doctor.",
    text="The centre told anyone who had a fever and had visited the pool since January 2026 to call a doctor.",
)
rule(
    "claims",
    "numbers-stay-whole",
    "The region recorded more than 700,000 infections reported by clinics, according to the ministry.",
    text="The region recorded more than 700,000 infections reported by clinics.",
    claimant="ministry",
)
rule(
    "claims",
    "weekday-made-absolute",
    "The bridge closed on Thursday after inspectors found cracks in two piers.",
    text="The bridge closed on Thursday, Nov. 26, 2026 after inspectors found cracks in two piers.",
)
rule(
    "claims",
    "year-made-absolute",
    "Water bills in the region rose by 9.4% last year, the regulator said.",
    text="Water bills in the region rose by 9.4% in 2025.",
)
rule(
    "claims",
    "two-things-done-in-the-simple-past-by-one-subject",
    "The crew reached the ridge on Monday and pitched camp at 6,000 metres.",
    text="The crew pitched camp at 6,000 metres.",
    claimant="Example Post",
)
