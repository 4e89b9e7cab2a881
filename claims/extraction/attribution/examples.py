"""Attribution rules, each named with an example sentence and the claim it should give."""

from claims.extraction.rules import rule

rule(
    "attribution",
    "participle-saying",
    "The minister defended the council's decision, saying the contract had been awarded lawfully.",
    text="The contract had been awarded lawfully.",
    claimant="minister",
)
rule(
    "attribution",
    "participle-telling",
    "Gary Smith denied that he had struck the man, telling the court he had only pushed him away from the door.",
    text="Gary Smith had only pushed him away from the door.",
    claimant="Gary Smith",
    medium="court",
)
rule(
    "attribution",
    "participle-medium-covers-the-main-report",
    "Gary Smith denied that he had struck the man, telling the court he had only pushed him away from the door.",
    text="Gary Smith had not struck the man.",
    medium="court",
)
rule(
    "attribution",
    "said-on-day-that",
    "The city's water utility said on Monday that tap water was safe to drink again.",
    text="Tap water was safe to drink again.",
    claimant="city's water utility",
    said_on="2026-11-30",
)
rule(
    "attribution",
    "lead-in-medium",
    "In a statement, the ministry said the council had followed procurement rules.",
    text="The council had followed procurement rules.",
    claimant="ministry",
    medium="statement",
)
rule(
    "attribution",
    "according-to-organisation",
    "According to the World Health Organization, 412 deaths were confirmed in 2026.",
    claimant="World Health Organization",
    cited_source="the World Health Organization",
)
rule(
    "attribution",
    "owned-document",
    "Pay rose 3.1% from a year earlier, according to the department's monthly report.",
    claimant="department",
    medium="monthly report",
)
rule(
    "attribution",
    "added-a-quantity-is-not-a-report",
    "U.S. employers added 142,000 jobs in October, the Labor Department said.",
    text="U.S. employers added 142,000 jobs in October 2026.",
    claimant="Labor Department",
)
rule(
    "attribution",
    "content-then-speaker",
    "Turnout stood at 58 percent, the commission reported.",
    text="Turnout stood at 58 percent.",
    claimant="commission",
)
rule(
    "attribution",
    "inverted-quote",
    "“We have never seen a storm like this,” said meteorologist Anna Kraft.",
    claimant="Anna Kraft",
)
rule(
    "attribution",
    "accused-of",
    "Mayor Peter Holm accused the commission of failing to prepare for the storm.",
    text="The commission is failing to prepare for the storm.",
    claimant="Peter Holm",
)
rule(
    "attribution",
    "accused-by-a-described-group-on-a-day",
    "Opposition MPs on Wednesday accused the minister of using a police helicopter to fly to a wedding in August.",
    claimant="MPs",
    said_on="2026-11-25",
)
rule(
    "attribution",
    "relayed-quote",
    "Putin said this after Biden reaffirmed that the allies would impose sanctions if Moscow attacks, the news agency "
    "TASS reported, quoting Kremlin aide Yuri Ushakov.",
    claimant="Biden",
    cited_source="the news agency TASS, quoting Kremlin aide Yuri Ushakov",
)
rule(
    "attribution",
    "told-an-outlet",
    "Finance Minister Jonas Keller told Radio North that the government had cut energy bills by 8%.",
    claimant="Jonas Keller",
    medium="Radio North",
    cited_source="Radio North",
)
rule(
    "attribution",
    "according-to-figures",
    "Knife crime fell by 12% last year, according to figures published by the Home Office.",
    claimant="Home Office",
    medium="figures",
)
rule(
    "attribution",
    "report-between-subject-and-verb",
    "The factory, the minister said on Monday, had employed 800 people.",
    text="The factory had employed 800 people.",
    claimant="minister",
    said_on="2026-11-30",
)
rule(
    "attribution",
    "said-on-a-day-without-that",
    "Orbit Airlines said on Monday it had carried 4.2 million passengers in 2025.",
    text="It had carried 4.2 million passengers in 2025.",
    claimant="Orbit Airlines",
    said_on="2026-11-30",
)
rule(
    "attribution",
    "speaking-to-lead-in",
    "Speaking to reporters at the county hall, Whitby said the council had opened four rescue centres.",
    text="The council had opened four rescue centres.",
    claimant="Whitby",
    medium="reporters",
)
rule(
    "attribution",
    "a-result-reported",
    "Brantwell Foods reported an 18% fall in third-quarter profit on Thursday.",
    text="Brantwell Foods reported an 18% fall in third-quarter profit on Thursday, Nov. 26, 2026.",
    claimant="Brantwell Foods",
)
rule(
    "attribution",
    "fronted-phrase-before-the-speaker",
    "Giving judgment in London on Tuesday, Lady Justice Harrow said the sentencing judge had placed the offence "
    "in the wrong category.",
    text="The sentencing judge had placed the offence in the wrong category.",
    claimant="Harrow",
    said_on="2026-11-24",
)
rule(
    "attribution",
    "fronted-phrase-kept-when-the-content-comes-first",
    "Last year, sales rose 12% to £40 million, the company said.",
    text="In 2025, sales rose 12% to £40 million.",
    claimant="company",
)
rule(
    "attribution",
    "figures-show",
    "Figures published by the Department for Transport show that 27 people were killed in such crashes in 2024.",
    text="27 people were killed in such crashes in 2024.",
    claimant="Department for Transport",
    medium="figures",
)
rule(
    "attribution",
    "data-show-after-the-content",
    "Average private rents in Portmere rose 9.7% in the year to May, data from the National Statistics Office show.",
    claimant="National Statistics Office",
    medium="data",
)
rule(
    "attribution",
    "records-seen-by-the-outlet",
    "The state regulator's records, seen by News Tonight, show that the homes received four complaints in 2023.",
    text="The homes received four complaints in 2023.",
    claimant="state regulator",
    medium="records",
)
rule(
    "attribution",
    "accounts-filed-at",
    "Accounts filed at Companies House show the club lost £6.8 million in the year to June 2025.",
    text="The club lost £6.8 million in the year to June 2025.",
    claimant="Companies House",
)
rule(
    "attribution",
    "said-colon-quotation",
    'Its chief executive, Dr Rachel Imrie, said: "Every one of those 40 deaths was preventable."',
    text="Every one of those 40 deaths was preventable.",
    claimant="Rachel Imrie",
)
rule(
    "attribution",
    "but-that-a-second-report",
    "The minister said 40 schools had been inspected but that 12 of them had failed the test.",
    text="12 of them had failed the test.",
    claimant="minister",
)
rule(
    "attribution",
    "according-to-a-document-its-it-is-not-the-author",
    "It will now open in the spring of 2029, according to a revised schedule published by Vestra Transit.",
    text="It will now open in the spring of 2029.",
    claimant="Vestra Transit",
    medium="schedule",
)
rule(
    "attribution",
    "live-blog-time",
    "16:40 — Accounts filed at Companies House show the club lost £6.8 million in the year to June 2025.",
    claimant="Companies House",
)
rule(
    "attribution",
    "however-between-verb-and-that",
    "Simon Achterberg, the chief inspector, was questioned on Monday. He said, however, that the menus met the "
    "national standards in 40 schools.",
    text="The menus met the national standards in 40 schools.",
    claimant="Simon Achterberg",
)
rule(
    "attribution",
    "an-apostrophe-is-not-a-closing-quote",
    "The Portmere Property Owners' Association says the cap will drive 400 landlords out of the market.",
    text="The cap will drive 400 landlords out of the market.",
    claimant="Portmere Property Owners Association",
)
rule(
    "attribution",
    "and-it-warned-is-a-second-report",
    "The Farmers' Union said rice planting had fallen by 18% in 2026, and it warned that prices could rise.",
    text="Rice planting had fallen by 18% in 2026.",
    claimant="Farmers Union",
)
rule(
    "attribution",
    "tests-commissioned-by",
    "Tests commissioned by the Wenning Rivers Trust found iron concentrations of 4.2 milligrams per litre.",
    claimant="Wenning Rivers Trust",
    medium="tests",
)
rule(
    "attribution",
    "a-name-followed-by-its-verb-is-not-the-speaker",
    "One of them, who asked not to be named, said Kessia had offered a minimum flow of 900 cubic metres a second.",
    claimant="one of them",  # not Kessia; who "one of them" is, the sentence alone does not say
)
rule(
    "attribution",
    "reported-by-is-passive",
    "The findings were first reported by the Daily Ledger on Tuesday, Nov. 24, 2026.",
    text="The findings were first reported by the Daily Ledger on Tuesday, Nov. 24, 2026.",
)
rule(
    "attribution",
    "two-speakers-then-a-colon",
    "The chancellor told MPs the deficit was £22bn, and Ms Hale added: “We found 40 schools closed in 2023.”",
    text="The deficit was £22bn.",
    claimant="chancellor",
)
rule(
    "attribution",
    "the-colon-quote-is-the-last-speakers",
    "The minister said 40 ships were ready, but Ms Hale, the shadow defence secretary, said: ‘We have only 12 ships "
    "ready.’",
    text="We have only 12 ships ready.",
    claimant="Hale",
)
rule(
    "attribution",
    "said-colon-after-asides",
    "Speaking outside court, Margaret Ellison, 67, the group’s chair, said: “We collected 1,900 objections before "
    "the committee vote.”",
    claimant="Margaret Ellison",
)
rule(
    "attribution",
    "named-data-show",
    "The unemployment rate rose to 6.4% in March from 6.1% in February, INE data showed on Thursday.",
    claimant="INE",
    text="The unemployment rate rose to 6.4% in March 2026 from 6.1% in February 2026.",
)
rule(
    "attribution",
    "speaker-after-the-last-comma",
    "One of them, a 71-year-old man, was found in his car after it was swept off a flooded road late on Tuesday, a "
    "spokesperson for the force said.",
    claimant="force",
)
rule(
    "names",
    "speakers-of-a-place",
    "Two people have died in the floods, police in Arlen district said.",
    claimant="police in Arlen district",
    text="Two people have died in the floods.",
)
rule(
    "names",
    "inverted-speaker-after-an-owners-role",
    "“We have raised more than £8,000 in 48 hours,” said the group’s chair, Martin Ogunleye.",
    claimant="Martin Ogunleye",
    text="We have raised more than £8,000 in 48 hours.",
)
rule(
    "names",
    "one-of-the-group-just-described",
    "Two diplomats familiar with the negotiations said the talks had stalled.\n\nOne of them, who asked not to be "
    "named because the talks are confidential, said Kessia had offered a minimum flow of 900 cubic metres a second.",
    claimant="diplomat familiar with the negotiations",
    text="Kessia had offered a minimum flow of 900 cubic metres a second.",
)
rule(
    "names",
    "one-of-them-after-others-were-counted",
    "Two diplomats familiar with the negotiations said the talks had stalled.\n\nThe Post interviewed three farmers "
    "along the river.\n\nOne of them, who asked not to be named, said the river had dropped by two metres since June.",
    claimant="one of them",
)
rule(
    "names",
    "inverted-speaker-after-a-long-role",
    "“The council spent 4 million pounds on agency staff last year,” said the government's chief scientific "
    "adviser, Sir Patrick Vallance.",
    claimant="Sir Patrick Vallance",
)
rule(
    "attribution",
    "participle-after-also",
    "The NSO also revised its estimate of employment growth, saying 21,000 fewer jobs had been created.",
    text="21,000 fewer jobs had been created.",
    claimant="NSO",
)
rule(
    "attribution",
    "a-quotation-with-commas-then-a-described-speaker",
    "“Our models showed the river peaking on Tuesday, and the alert was issued in line with the protocol,” its "
    "director, Mats Olberg, said in a statement.",
    text="The alert was issued in line with the protocol.",
    claimant="Mats Olberg",
    medium="statement",
)
