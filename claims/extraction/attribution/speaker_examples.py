"""Attribution rules about the speaker's phrase: what may stand between a name and its reporting verb."""

from claims.extraction.rules import rule

rule(
    "attribution",
    "party-and-ward-after-a-name",
    "Councillor Helen Fry (Conservative, Ashby) told the meeting that the council had lost three appeals since 2020.",
    text="The council had lost three appeals since 2020.",
    claimant="Helen Fry",
)
rule(
    "attribution",
    "a-pledge-is-its-makers",
    "Westshire Water also promised to keep charging customers the old flat rate for their first year on a meter.",
    claimant="Westshire Water",
    said_on=None,
)
rule(
    "attribution",
    "a-pledge-after-a-lead-in",
    "In her victory speech, Ms Grace Okafor promised to build 3,000 council homes by the end of her first term.",
    claimant="Grace Okafor",
)
rule(
    "attribution",
    "a-quoted-phrase-is-not-a-quotation-before-its-speaker",
    "Chief executive Rachel Osei told reporters on Sunday that the club was “operating comfortably within” the "
    "league’s financial rules.",
    text="The club was operating comfortably within the league’s financial rules.",
    claimant="Rachel Osei",
    only=True,
)
rule(
    "attribution",
    "told-whom-without-that-is-the-medium",
    "Deputy Agriculture Minister Taras Kovalenko told reporters the licences would be issued within 10 days of "
    "application.",
    claimant="Taras Kovalenko",
    medium="reporters",
)
rule(
    "attribution",
    "it-after-a-body-named-in-lower-case",
    "Ukraine will require exporters to obtain licences for wheat shipments from January, the agriculture ministry "
    "said on Monday. Exporters who shipped more than 50,000 tonnes in the past 12 months will be given priority, it "
    "said.",
    text="Exporters who shipped more than 50,000 tonnes in the past 12 months will be given priority.",
    claimant="agriculture ministry",
)
rule(
    "attribution",
    "told-the-court-then-a-name",
    "Prosecutor Daniel Webb told the court Cole had used the money to pay off gambling debts.",
    text="Cole had used the money to pay off gambling debts.",
    medium="court",
)
rule(
    "attribution",
    "by-saying",
    "Abernathy closed the hearing by saying the committee would publish its findings by April 1.",
    text="The committee would publish its findings by April 1.",
    claimant="Abernathy",
)
rule(
    "attribution",
    "people-described-in-a-named-town",
    "Three dock workers in the port of Arvik, who did not want their names printed since their employer forbids "
    "it, said 22 ships had been diverted in October.",
    text="22 ships had been diverted in October 2026.",
    claimant="dock workers in the port of Arvik",
    said_on=None,
)
rule(
    "attribution",
    "what-a-speaker-relays-is-the-original-speakers",
    "Hale told investigators in 2024 that the bridge had been inspected twice, and that he was paid £4,000 for each "
    "inspection, the prosecutor said.",
    text="The bridge had been inspected twice.",
    claimant="Hale",
    said_on="2024",
)
rule(
    "attribution",
    "what-a-body-had-told-the-speaker-is-the-bodys",
    "The mayor said Network Rail had told him the bridge had been inspected twice in 2024.",
    text="The bridge had been inspected twice in 2024.",
    claimant="Network Rail",
)
rule(
    "attribution",
    "people-described-argue",
    "Residents argue that the council had sold the land for £2 million before the vote.",
    text="The council had sold the land for £2 million before the vote.",
    claimant="Residents",
    said_on=None,
)
rule(
    "attribution",
    "a-fronted-place-with-an-aside-of-its-own",
    "In the northern district of Kova, which the Post visited last month, several farmers said they had lost 40 per "
    "cent of their herds.",
    text="They had lost 40 per cent of their herds.",
    claimant="farmers",
    said_on=None,
)
rule(
    "attribution",
    "a-name-then-their-role-in-a-body",
    'Councillor Anna Pike, Leader of Hale District Council, said: "The quarry has brought 40 jobs to the valley. '
    "The dust limits at the site are stricter than national rules, and the county fire service was consulted from "
    'the start."',
    text="The county fire service was consulted from the start.",
    claimant="Anna Pike",
)
