"""Check-worthiness rules, each named with an example sentence: quotations, background, forecasts and plans,
opinion, counts, commitments, reactions, measures, what rules allow, states announced until a day."""

from claims.extraction.rules import rule

_WORTH = "check-worthiness"

rule(
    _WORTH,
    "a-quotation-of-comment-is-not-a-claim",
    "“Trees are not a silver bullet,” said Dr Ingrid Solberg.",
    nothing=True,
)
rule(
    _WORTH,
    "a-quotation-of-conduct-is-a-claim",
    "“We have put extra patrols on the industrial estates,” Inspector Mark Dwyer said.",
    claimant="Mark Dwyer",
)


rule(
    _WORTH,
    "background-is-not-news",
    "Dengue is spread by the Aedes mosquito, which breeds in standing water.",
    nothing=True,
)
rule(_WORTH, "no-comment", "The company did not immediately respond to a request for comment.", nothing=True)
rule(_WORTH, "general-remark", "Such cases are rare, but they do happen, the inspector added.", nothing=True)
rule(_WORTH, "forecast", "Analysts expect the central bank to cut interest rates again in December.", nothing=True)
rule(
    _WORTH,
    "a-plan-with-a-place",
    "Nordvik told workers that it would move production to its site in Poland.",
    text="It would move production to its site in Poland.",
    claimant="Nordvik",
)
rule(
    _WORTH,
    "a-count-of-things-stands-as-news",
    "On the council itself, Labour remains the largest party with 30 of the 63 seats.",
    claimant="Example Post",
)
rule(
    _WORTH,
    "a-set-change-is-not-a-forecast",
    "Parking at the council's 12 car parks will rise from £1.50 to £1.80 an hour, the council said.",
    claimant="council",
)
rule(_WORTH, "forecast-of-a-movement", "Prices will rise by about 4% next year, the bank said.", nothing=True)
rule(
    _WORTH,
    "announced-plan",
    "The company said the programme would cost £95 million and take four years.",
    text="The programme would cost £95 million and take four years.",
    claimant="company",
)
rule(_WORTH, "opinion", "The mayor said the decision was a disgrace and a mistake for the town.", nothing=True)
rule(
    _WORTH,
    "advice-reported-is-a-fact",
    "Jonathan Mercer told the court that the council's ecologist had advised in a memo in January 2025 that the "
    "development should not proceed.",
    claimant="Jonathan Mercer",
)
rule(
    _WORTH,
    "best-selling-is-not-an-opinion",
    "The Pulse 3 was the company's best-selling product in 2025.",
    claimant="Example Post",
)
rule(
    _WORTH,
    "speculation",
    "International media have speculated that the talks could collapse within a week.",
    nothing=True,
)
rule(_WORTH, "a-transcript-introduced", "The following is an edited transcript of Wednesday's hearing.", nothing=True)
rule(_WORTH, "addressed-to-the-witness", "Dr Faraday, you lead the authority's science team.", nothing=True)
rule(_WORTH, "advice-to-readers", "Residents have been urged to run their taps for two minutes.", nothing=True)
rule(
    _WORTH,
    "present-figure-with-a-time",
    "Unemployment in the region now stands at 6.2%, the highest in the country.",
    claimant="Example Post",
)
rule(
    _WORTH,
    "a-figure-as-it-stands",
    "The total cost of the stadium project is £112 million.",
    claimant="Example Post",
)
rule(_WORTH, "short-and-counted", "Three patients died in 2025.", claimant="Example Post")
rule(_WORTH, "people-counted", "Fourteen people remain in hospital, four in intensive care.", claimant="Example Post")
rule(_WORTH, "a-day-set", "The rent cap comes into force on August 1.", claimant="Example Post")
rule(
    _WORTH,
    "news-in-the-outlets-voice",
    "The notice, which covered about 86,000 households, was issued on Nov. 21 after a main burst.",
    claimant="Example Post",
    said_on="2026-11-30",
)


rule(
    _WORTH,
    "what-a-speaker-says-it-will-do-itself",
    "Save Brook Farm said on Wednesday that it would seek a judicial review of the decision.",
    claimant="Save Brook Farm",
    said_on="2026-11-25",
)
rule(
    _WORTH, "a-reaction-in-the-articles-voice", "Outside experts welcomed the findings but urged caution.", nothing=True
)
rule(_WORTH, "a-measure-is-a-figure", "The 11-hectare site lies between Station Road and the River Leam.", only=True)
rule(
    _WORTH,
    "what-rules-allow-is-not-speculation",
    "Under the league's profitability and sustainability rules, clubs may lose no more than £105m over three seasons.",
    only=True,
)
rule(
    _WORTH,
    "a-state-announced-until-a-day",
    "Nordbahn said on Monday that the line would remain closed until at least Saturday.",
    claimant="Nordbahn",
)
rule(
    _WORTH,
    "a-plan-within-weeks-in-words",
    "The hospital said every patient whose operation has been postponed will be offered a new date within six weeks.",
    claimant="hospital",
)
rule(_WORTH, "no-response-is-no-claim", "Vahl did not respond to questions about that allegation.", nothing=True)
rule(
    _WORTH,
    "an-irregular-participle-tells-what-happened",
    "All the city's bus drivers have worn body cameras since March 2025.",
    text="All the city's bus drivers have worn body cameras since March 2025.",
)
rule(
    _WORTH,
    "a-share-is-something-to-check",
    "The charity said about 100,000 people have a stroke each year and that high blood pressure is a factor in "
    "roughly half of them.",
    text="High blood pressure is a factor in roughly half of them.",
    claimant="charity",
)
rule(
    _WORTH,
    "what-a-speaker-tells-the-listener-to-do",
    "“Ask me again in five years whether the 40 new beds worked,” said Ian Marsh.",
    nothing=True,
)
rule(
    _WORTH,
    "what-people-deserve-is-opinion",
    "People in the 14 flooded villages deserve answers, the MP said.",
    nothing=True,
)
rule(
    _WORTH,
    "a-features-scene-is-no-claim",
    "On a cold morning in February, Tom Aldridge knelt on the bank of the Wenning and scooped up a handful of silt.",
    nothing=True,
)
rule(
    _WORTH,
    "a-count-in-words-is-something-to-check",
    "“The first payments will reach families within ten days,” the minister said.",
    text="The first payments will reach families within ten days.",
    claimant="minister",
)
rule(
    _WORTH,
    "a-broadcasts-own-arrangements",
    "HOLLIS: The Transport Minister, Fiona MacRae, is with me in the studio.",
    nothing=True,
)
rule(
    _WORTH,
    "a-refusal-reported-is-checkable",
    "The city's deputy mayor for transport, Leila Nasser, said on Monday that the council would not cancel the "
    "project.",
    text="The council would not cancel the project.",
    claimant="Leila Nasser",
)
rule(
    "check-worthiness",
    "a-forecast-revised-is-a-published-figure",
    "Officials have trimmed their forecast of the barley harvest to 2.1 million tonnes, down from 2.6 million in "
    "March, Deputy Minister Ana Kuusk told a news conference on Tuesday.",
    claimant="Ana Kuusk",
    said_on="2026-11-24",
)
rule(
    "check-worthiness",
    "a-verb-without-its-subject-is-no-claim",
    "Two inspectors said the bridge was sound but advised against drawing firm conclusions from one survey.",
    text="The bridge was sound.",
    only=True,
)
rule(
    "check-worthiness",
    "a-reaction-to-a-decision-is-no-claim",
    "The Northern Millers' Association criticised the decision.",
    nothing=True,
)
rule(
    "check-worthiness",
    "what-one-would-say-is-no-claim",
    "Ruth Dale runs the county's hospitals. She said: \"I'd be misleading you if I said the 18-week target was met "
    'in 2025."',
    nothing=True,
)
rule(
    "check-worthiness",
    "a-live-pages-welcome-is-no-claim",
    "Hello and welcome. We are bringing you live updates as the rail strike cancels 3,000 trains across the region.",
    nothing=True,
)
rule(
    "check-worthiness",
    "an-interviews-arrangement-is-no-claim",
    "Ada Kerr runs the county ambulance trust. She spoke to our health editor, Jo Bell, at the trust on Wednesday.",
    nothing=True,
)
rule(
    "check-worthiness",
    "a-plan-set-in-the-articles-voice-is-news",
    "The ferry to Rona will stop running on Friday.",
    text="The ferry to Rona will stop running on Friday, Dec. 4, 2026.",
    claimant="Example Post",
)
rule(
    "check-worthiness",
    "a-plan-announced-with-a-count-in-words",
    "The trust said all nine wards would reopen after the repairs.",
    text="All nine wards would reopen after the repairs.",
    claimant="trust",
)
rule(
    "check-worthiness",
    "a-count-as-the-whole-subject",
    "Three guards resigned.",
    text="Three guards resigned.",
    claimant="Example Post",
)
rule(
    "check-worthiness",
    "a-broadcasts-own-people-and-arrangements-are-no-claim",
    "Our transport correspondent Leah Moss is at Kings Cross, where the concourse has been closed since noon. "
    "The harbourmaster, Eric Vance, was interviewed on Coast Live this evening by presenter Jan Orr. "
    "Several listeners have been writing in about the closures since Monday.",
    nothing=True,
)
