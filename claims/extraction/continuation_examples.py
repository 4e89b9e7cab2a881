"""Rules about a report that runs on across sentences: the same speaker, on the same occasion; a quotation
of several sentences."""

from claims.extraction.rules import rule

rule(
    "dates",
    "a-running-report-keeps-its-day",
    "Committee chair Helen Fry said on Tuesday that members could not refuse the site. The council refused the last "
    "large scheme on an allocated site, at Ferris Lane, in 2024, she said. “That refusal cost the council £212,000 "
    "in legal costs.”",
    text="That refusal cost the council £212,000 in legal costs.",
    claimant="Helen Fry",
    said_on="2026-11-24",
)
rule(
    "dates",
    "told-the-meeting-then-she-said",
    "The planning committee met on Tuesday evening to decide on the Brook Farm scheme.\n\nCommittee chair Helen Fry "
    "told the meeting that members could not refuse a site allocated in the local plan. The council refused the "
    "last large scheme on an allocated site, at Ferris Lane, in 2024, she said.",
    text="The council refused the last large scheme on an allocated site, at Ferris Lane, in 2024.",
    claimant="Helen Fry",
    said_on="2026-11-24",
)
rule(
    "names",
    "a-street-is-no-one",
    "Sheila Barton told the committee that 1,140 vehicles an hour used Station Road at the morning peak. “For half "
    "its length there is no pavement, and 300 children walk along it every day,” she said.",
    text="For half its length there is no pavement, and 300 children walk along it every day.",
    claimant="Sheila Barton",
)
rule(
    "dates",
    "a-deadline-beside-a-statement-is-not-its-day",
    "Dockworkers voted on Monday to extend a nine-day strike until at least March 15, their union said in a "
    "statement.\n\nThe union said in the statement that 78.4% of the 2,840 members who cast ballots had backed "
    "continuing the walkout.",
    text="78.4% of the 2,840 members who cast ballots had backed continuing the walkout.",
    said_on="2026-11-30",
)
rule(
    "check-worthiness",
    "a-quotation-of-several-sentences-without-a-figure-is-colour",
    "“The school is two buses away. Some mornings we leave at half past six,” said Danielle Frost.",
    nothing=True,
)
rule(
    "dates",
    "a-speaker-named-in-full-then-by-surname-keeps-the-day",
    "Giving judgment in London on Tuesday, Lady Justice Harrow said the sentencing judge had placed the offence in "
    "the wrong category. “This was not a momentary lapse,” she said. “The respondent was using his phone for almost "
    "four minutes before the collision.”\n\nShe said phone data showed Prentice had opened a video-sharing app 11 "
    "times during the journey.",
    text="Phone data showed Prentice had opened a video-sharing app 11 times during the journey.",
    said_on="2026-11-24",
)
rule(
    "dates",
    "what-a-transcripts-speaker-says-others-say-now-is-undated",
    "Transport Minister Fiona MacRae was interviewed on Monday's programme.\n\nHOLLIS: The RMT union says CalMarine "
    "is 60 crew members short across its fleet.\n\nMACRAE: We have recruited 85 new seafarers since last September.",
    text="CalMarine is 60 crew members short across its fleet.",
    said_on=None,
)
rule(
    "dates",
    "a-day-gone-in-a-sentence-about-what-is-to-come",
    "Two primary schools in the Leam valley will merge next September after county councillors approved the plan "
    "on Tuesday.",
    text="Two primary schools in the Leam valley will merge next September after county councillors approved the plan "
    "on Tuesday, Nov. 24, 2026.",
)
rule(
    "dates",
    "what-a-court-named-by-its-name-heard",
    "Margaret Cole, 58, took money from the bank accounts of 14 residents between 2019 and 2024, Hollingford Crown "
    "Court heard on Friday.",
    text="Margaret Cole, 58, took money from the bank accounts of 14 residents between 2019 and 2024.",
    said_on="2026-11-27",
)
rule(
    "dates",
    "after-the-hearing-its-transcript-recorded",
    "Dana Holloway appeared before state senators on Wednesday.\n\nSEN. RUTH ABERNATHY: How much did you spend?\n\n"
    "HOLLOWAY: We spent $41 million in 2023.\n\nThe state commission opened its own inquiry on January 29.\n\nAfter "
    "the hearing, Holloway told reporters that Tri-County would spend $75 million on tree-trimming this year.",
    claimant="Dana Holloway",
    said_on="2026-11-25",
)
