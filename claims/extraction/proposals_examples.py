"""How proposals are made from an article (`proposals`): its rules, each named with an example
sentence and the claim it should give."""

from claims.extraction.rules import rule

rule(
    "dates",
    "aside-about-the-speaker-dates-nothing",
    "Jones, who has led the union since 2019, said on Tuesday that members had voted 78% in favour of strikes.",
    text="Members had voted 78% in favour of strikes.",
    claimant="Jones",
    said_on="2026-11-24",
)
rule(
    "claims",
    "paraphrase-then-quote-is-one-claim",
    "Dr. Ana Ribeiro said the virus had reached 14 countries that had no local transmission before 2024. “We "
    "are now seeing dengue in 14 countries that had no local transmission before 2024,” she said.",
    text="The virus had reached 14 countries that had no local transmission before 2024.",
)
rule(
    "attribution",
    "running-quote",
    "“2025 was a year of growth,” said Chief Executive Sarah Whitlock. “We cut average bills by £96 while "
    "investing £780 million in our network.”",
    claimant="Sarah Whitlock",
    text="We cut average bills by £96 while investing £780 million in our network.",
)
rule(
    "attribution",
    "told-whom-is-not-what",
    "Nordvik told workers the plant had lost money in each of the last three years.",
    claimant="Nordvik",
    text="The plant had lost money in each of the last three years.",
)
rule(
    "attribution",
    "estimated-by-someone-named-after-their-role",
    "Insured losses were estimated at 900 million crowns by the federation's chief economist, Lena Hartvik.",
    claimant="Lena Hartvik",
)
rule(
    "attribution",
    "according-to-a-document-no-one-is-said-to-have-written",
    "The council spent £9.3 million on temporary accommodation in 2025, according to a report presented to cabinet.",
    claimant="report presented to cabinet",
    medium="report",
)
rule(
    "attribution",
    "estimated-by",
    "Heat-related deaths in Europe were estimated at more than 40,000 by the European Environment Agency.",
    claimant="European Environment Agency",
)
rule(
    "claims",
    "a-press-release-speaks-for-its-publisher",
    "We have recalled 40,000 charging docks sold since March 2025.",
    text="Example Post has recalled 40,000 charging docks sold since March 2025.",
    claimant="Example Post",
)
rule(
    "dates",
    "present-report-is-undated",
    "Harbourside Energy says about 48,000 homes are still without power.",
    claimant="Harbourside Energy",
    said_on=None,
)
rule(
    "dates",
    "transcript-is-dated-by-the-event-introduced",
    "The chief executive insisted at a hearing of the transport committee on Wednesday that the airline had "
    "followed the rules. A report published last month found a heater had been faulty since July 29.\n\n"
    "GRAHAM TULL: The part was scheduled to be replaced on August 15.",
    claimant="Graham Tull",
    said_on="2026-11-25",
)
rule(
    "dates",
    "the-same-speaker-on-the-same-day",
    "Deputy mayor Leila Nasser said on Friday that the council would not cancel the project. Nasser said the city "
    "had already spent 310 million crowns on the line.",
    text="The city had already spent 310 million crowns on the line.",
    said_on="2026-11-27",
)
rule(
    "dates",
    "read-from-a-document-dated-where-it-came-out",
    "Nearly 48,000 pupils received a free lunch last year, according to the first official evaluation of the "
    "scheme, published yesterday.\n\nAccording to the report, families with two children saved an average of £880.",
    text="Families with two children saved an average of £880.",
    said_on="2026-11-29",
)
rule(
    "dates",
    "a-live-blog-entry-is-of-its-day",
    "14:05 — Rescue centres\n\nThe county fire service said it had rescued 37 people from cars and homes.\n\n"
    "13:40\nThe highways agency said both bridges over the river were closed.",
    claimant="county fire service",
    said_on="2026-11-30",
)
rule(
    "dates",
    "a-live-blogs-times-with-their-zone",
    "14:32 BST: The airport said 240 flights had been cancelled since the morning.\n\n9.15am: The air traffic "
    "service said it had found the fault in its flight planning system.",
    claimant="airport",
    said_on="2026-11-30",
)
rule(
    "dates",
    "a-release-quotes-its-people-on-its-day",
    "Example Post today announced a recall of 40,000 charging docks.\n\n“We have received 37 reports of docks "
    "overheating,” said Daniel Okoro, Example's chief executive.",
    claimant="Daniel Okoro",
    said_on="2026-11-30",
)
rule(
    "dates",
    "a-publisher-speaks-on-its-day",
    "Example said it had stopped all sales of the affected Pulse 3 docks.",
    claimant="Example",
    said_on="2026-11-30",
)
rule(
    "dates",
    "transcript-is-dated-by-its-introduction",
    "The following is an edited transcript of Wednesday's hearing.\n\nDANA OKAFOR: The budget now stands at "
    "$2.9 billion.",
    claimant="Dana Okafor",
    said_on="2026-11-25",
)
rule(
    "dates",
    "a-transcript-is-dated-by-its-hearing-not-by-what-it-is-about",
    "The chief executive of Tri-County Power admitted to state senators on Wednesday that the plan was out of "
    "date.\n\nDana Holloway was testifying before the energy committee, which is investigating why customers "
    "waited nine days for power after last month's storm.\n\nSEN. PAUL DRISCOLL: How many crews did you have out?"
    "\n\nHOLLOWAY: We had 240 of our own line crews in the field that morning.",
    claimant="Dana Holloway",
    said_on="2026-11-25",
)
rule(
    "dates",
    "after-the-hearing-is-the-hearings-day",
    "The energy committee held a hearing on Wednesday.\n\nThe utility said on Friday that it had hired 40 more "
    "line workers.\n\nAfter the hearing, Dana Holloway told reporters that the utility would spend $75 million on "
    "tree-trimming.",
    claimant="Dana Holloway",
    said_on="2026-11-25",
)
rule(
    "dates",
    "told-the-committee-on-its-day",
    "The planning committee met on Tuesday to decide on the Brook Farm scheme.\n\nThe developer said on Wednesday "
    "that work would start in spring.\n\nSheila Barton told the committee that a traffic count had recorded 1,140 "
    "vehicles an hour on Station Road.",
    claimant="Sheila Barton",
    said_on="2026-11-24",
)
rule(
    "dates",
    "told-the-court-of-no-dated-hearing",
    "The attack happened at the depot on 3 May 2024.\n\nSmith, 34, told the court he had been at home that night "
    "with his two children.",
    claimant="Smith",
    said_on=None,
)
rule(
    "dates",
    "a-transcript-is-dated-by-the-latest-day-its-introduction-gives",
    "The governor said on Tuesday that the utility had failed its customers.\n\nDana Holloway appeared before state "
    "senators on Wednesday to answer questions.\n\nSEN. PAUL DRISCOLL: How many crews did you have?\n\nHOLLOWAY: We "
    "had 240 of our own line crews in the field that morning.",
    claimant="Dana Holloway",
    said_on="2026-11-25",
)
rule(
    "claims",
    "initials-speak-for-a-body",
    "NATS says it has identified a technical issue and has limited the flow of aircraft.",
    text="NATS has identified a technical issue.",
    claimant="NATS",
)
rule(
    "attribution",
    "a-day-between-speaker-and-verb",
    "Northwind Energy plc today announced that its wind farms generated 14.2 terawatt hours of electricity in the "
    "year to September.",
    claimant="Northwind Energy plc",
    said_on="2026-11-30",
)
rule(
    "dates",
    "a-releases-people-go-on-speaking-on-its-day",
    "Example Post today announced a recall of 40,000 charging docks.\n\n“We have received 37 reports of docks "
    "overheating,” said Daniel Okoro, Example's chief executive. “None of them has caused an injury, and 12 were "
    "traced to a single batch.”",
    text="12 were traced to a single batch.",
    claimant="Daniel Okoro",
    said_on="2026-11-30",
)
rule(
    "claims",
    "a-releases-publisher-is-it",
    "Example Post today announced a recall of 40,000 charging docks.\n\nExample also confirmed that it had completed "
    "the £1.2bn acquisition of Solent Offshore Wind in October.",
    text="Example had completed the £1.2bn acquisition of Solent Offshore Wind in October 2026.",
)
rule(
    "claims",
    "a-denial-by-the-company-names-it",
    "Metrolink Digital, which is based in Leeford, said it disputed the findings. The company denied that it had "
    "sold location data to 14 advertisers.",
    text="Metrolink Digital had not sold location data to 14 advertisers.",
)
rule(
    "dates",
    "a-question-dates-nothing",
    "Ada Kerr runs the county ambulance trust. She met our health reporter at the trust on Wednesday.\n\n"
    "Post: How long are the waits today?\n\nKerr: Crews waited 41 minutes on average at hospital doors in "
    "October.\n\nPost: And staffing?\n\nKerr: We hired 120 paramedics in 2025.",
    text="We hired 120 paramedics in 2025.",
    claimant="Ada Kerr",
    said_on="2026-11-25",
)
rule(
    "dates",
    "a-weekday-in-a-name-is-no-day",
    "The Monday Gazette interview\n\nAda Kerr runs the county ambulance trust. She met our health reporter at the "
    "trust on Wednesday.\n\nGazette: How long are the waits?\n\nKerr: Crews waited 41 minutes on average at "
    "hospital doors in October.\n\nGazette: And staffing?\n\nKerr: We hired 120 paramedics in 2025.",
    text="We hired 120 paramedics in 2025.",
    claimant="Ada Kerr",
    said_on="2026-11-25",
)
rule(
    "dates",
    "outside-court-and-sentencing-are-the-courts-day",
    "Owen Gale, 41, was jailed for three years at Hillbury Crown Court on Thursday after admitting fraud. Outside "
    "court, his neighbour Ann Voss said Gale had taken £60,000 from her. Sentencing, Judge Rhys Morgan said Gale "
    "had shown no remorse for 18 months.",
    text="Gale had shown no remorse for 18 months.",
    claimant="Rhys Morgan",
    said_on="2026-11-26",
)
rule(
    "dates",
    "a-meeting-told-is-of-the-day-gone-not-the-day-to-come",
    "The town library will move in March 2028, once councillors backed the scheme on Tuesday evening. "
    "Loans have fallen by 30 per cent since 2020, Cllr Mary Lowe told the meeting.",
    text="Loans have fallen by 30 per cent since 2020.",
    claimant="Mary Lowe",
    said_on="2026-11-24",
)
