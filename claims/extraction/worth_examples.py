"""Check-worthiness rules, each named with an example sentence: commitments, reactions, measures, what rules
allow, states announced until a day."""

from claims.extraction.rules import rule

_WORTH = "check-worthiness"

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
