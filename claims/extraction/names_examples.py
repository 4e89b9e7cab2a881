"""Who is who in an article (`article_names`): its rules, each named with an example sentence and
the claim it should give."""

from claims.extraction.rules import rule

rule(
    "names",
    "role-alias",
    "Transport Minister Ruth Amos opened the bridge on Friday. The minister said the bridge had cost £40 million.",
    claimant="Ruth Amos",
    text="The bridge had cost £40 million.",
)
rule(
    "names",
    "the-judge-is-the-judge-named",
    "Mrs Justice Farrant quashed the permission on Wednesday. The judge said the council had not applied for a "
    "licence to move 40 newts.",
    claimant="Mrs Justice Farrant",
)
rule(
    "names",
    "organisation-alias",
    "The Environment Agency tested the river in May. The agency said that iron levels had doubled since 2023.",
    claimant="Environment Agency",
)
rule(
    "names",
    "it-is-the-organisation-last-heard",
    "The Environment Agency said the river had been tested in May. It said iron levels had doubled since 2023.",
    claimant="Environment Agency",
    text="Iron levels had doubled since 2023.",
)
rule(
    "names",
    "title-without-a-full-stop",
    "Elena Faraday leads the authority's science team. Dr Faraday said surveys in 2025 had found 38% of the trees "
    "dead.",
    claimant="Elena Faraday",
)
rule(
    "names",
    "the-company-named-for-what-it-is",
    "A spokesperson for Westfield Minerals said the mine had stayed within its licence. The company denied that its "
    "pumping had reduced flows in the river.",
    claimant="Westfield Minerals",
    text="Its pumping had not reduced flows in the river.",
)
rule(
    "names",
    "a-report-speaks-for-its-author",
    "The report, by the county council's education department, was published on Thursday. According to the "
    "report, 47,850 children in 212 schools took part in the scheme.",
    claimant="county council's education department",
)
rule(
    "names",
    "initials-stand-for-the-name",
    "The National Statistics Office (NSO) published its survey on Monday. The NSO said unemployment had risen "
    "to 5.1% in June.",
    claimant="National Statistics Office",
)
rule(
    "names",
    "what-it-is-before-its-name-makes-it-an-organisation",
    "Delivery app Parcelwise said 2.3 million accounts were affected. The company said it had not paid a ransom.",
    claimant="Parcelwise",
    text="Parcelwise had not paid a ransom.",
)
rule(
    "names",
    "she-is-not-the-paper",
    "Chief executive Karen Fells told the Riverside Tribune that the company would invest £120 million. She "
    "denied that maintenance had been cut to pay dividends.",
    claimant="Karen Fells",
    text="Maintenance had not been cut to pay dividends.",
)
rule(
    "names",
    "she-is-not-mr",
    "Grace Okafor won 41.7% of the vote. The returning officer, Alan Birtwistle, announced the result. Mr "
    "Birtwistle said 1,118 ballot papers had been rejected. She said the outgoing council had left a £14m hole.",
    claimant="Grace Okafor",
    text="The outgoing council had left a £14m hole.",
)
rule(
    "names",
    "initials-of-a-name-the-article-gave",
    "The World Health Organization sent 14 trucks on Friday. The WHO said 410,000 people had been displaced.",
    claimant="World Health Organization",
)
rule(
    "names",
    "the-club-is-not-the-consultancy",
    "Spending passed £1.6bn, according to the sports finance consultancy Marlow & Pike. Clayport will also receive "
    "15% of any future sale, the club said.",
    claimant="club",
)
rule(
    "names",
    "a-council-spokesperson-speaks-for-the-council",
    "Millford District Council voted to close two libraries. A council spokesperson said 2,300 residents had "
    "responded to the consultation.",
    claimant="Millford District Council",
)
rule(
    "names",
    "a-lead-in-is-not-the-companys-name",
    "On Monday, the company said it had cut 400 jobs.",
    claimant="company",
    text="The company had cut 400 jobs.",
)
rule(
    "names",
    "the-person-written-to-is-not-the-watchdog",
    "In a letter to Sarah Jones, the watchdog said it had opened three investigations since May.",
    claimant="watchdog",
)
rule(
    "names",
    "initials-are-not-a-persons",
    "Penny Mordaunt spoke in the debate on Monday. The PM said 4,000 troops would be sent to Estonia in May.",
    claimant="PM",
)
rule(
    "names",
    "a-day-is-not-an-organisation",
    "In a statement posted on its channel on Monday, the group said its fighters had repelled 40 attacks.",
    claimant="group",
)
rule(
    "names",
    "the-force-is-the-police",
    "Hollingfordshire Police closed the road for nine hours. A spokesperson for the force said a 43-year-old "
    "man had been taken to hospital.",
    claimant="Hollingfordshire Police",
)
rule(
    "names",
    "the-mp-is-not-the-metropolitan-police",
    "The Metropolitan Police said 14 people had been arrested. The MP said 40 officers had been suspended in 2023.",
    claimant="MP",
)
rule(
    "names",
    "a-company-described-after-of-is-no-person",
    "Henrik Solberg, chief executive of shipping line Caravel Maritime, spoke on Tuesday. Caravel would add a "
    "surcharge of $350 per container from March 9, he said.",
    claimant="Henrik Solberg",
)
rule(
    "names",
    "their-union-is-the-union-named",
    "The Harbour Workers' Union called the strike in February. Dockworkers voted on Wednesday to extend the "
    "nine-day strike until at least March 15, their union said in a statement, deepening a dispute over pay.",
    claimant="Harbour Workers' Union",
)
rule(
    "names",
    "some-of-the-people-described",
    "The university concluded in March that a researcher had manipulated images, according to three people "
    "familiar with the matter. A panel found that images had been duplicated in 14 papers, two of the people said.",
    claimant="people familiar with the matter",
)
rule(
    "names",
    "a-name-inside-an-organisation-is-no-person",
    "Professor Konrad Vahl heads the university's Institute for Tumour Immunology. In an email on Friday, he said "
    "the errors in 4 papers were honest mistakes.",
    claimant="Konrad Vahl",
)
rule(
    "names",
    "a-country-s-government",
    "Portugal's government said on Wednesday it would freeze 600 million euros of planned public spending.",
    claimant="Portugal's government",
    text="Portugal's government would freeze 600 million euros of planned public spending.",
)
rule(
    "names",
    "a-role-opened-by-a-name",
    "Gail Oduya, Unison branch secretary at the hospital, said 37 nursing posts were vacant.",
    claimant="Gail Oduya",
    text="37 nursing posts were vacant.",
)
rule(
    "names",
    "the-company-is-the-one-last-acting",
    "Westshire Water announced on Tuesday that it would fit meters to 210,000 homes. The company said the "
    "programme would cost £95 million.",
    text="The programme would cost £95 million.",
    claimant="Westshire Water",
)
rule(
    "names",
    "the-club-is-the-one-last-acting",
    "Harbour City have sacked manager Luis Ortega after a 3-0 defeat on Saturday. In a statement, the club said "
    "Ortega had left by mutual consent after 14 months.",
    claimant="Harbour City",
)
rule(
    "names",
    "she-is-the-judge-named-with-her-title",
    "The driver struck Eleanor Whitcombe, 52, on the A614. Lady Justice Harrow said the judge had erred. She said "
    "phone data showed the driver had opened an app 11 times.",
    text="Phone data showed the driver had opened an app 11 times.",
    claimant="Lady Justice Harrow",
)
rule(
    "names",
    "name-then-whose-role-they-hold",
    "Owen Mabry, GCT’s finance director, said that fare revenue rose to £187.3m in 2025.",
    claimant="Owen Mabry",
)
rule(
    "names",
    "someone-speaking-for-someone-named",
    "Carver's campaign told reporters the figure referred to carjackings in Port Hollis.",
    claimant="Carver's campaign",
)
rule(
    "names",
    "a-body-by-its-name-and-what-it-is",
    "The Bakery, Confectionery and Tobacco Workers union said the workforce had accepted a pay freeze in 2023.",
    claimant="Bakery, Confectionery and Tobacco Workers union",
)
rule(
    "names",
    "a-body-then-a-role-then-a-name",
    "“The fire front is now about three kilometres from the town,” Westland Fire and Rescue Service incident "
    "controller Kerry Mbeki said at a briefing.",
    claimant="Kerry Mbeki",
)
rule(
    "names",
    "she-is-the-one-last-named-by-her-title",
    "Grace Okafor won the mayoral race. Her rival, Priya Nandakumar, conceded at 3am. In her speech, Ms Okafor "
    "promised to freeze bus fares. She said the outgoing administration had left a £14m hole in the budget.",
    text="The outgoing administration had left a £14m hole in the budget.",
    claimant="Grace Okafor",
)
rule(
    "names",
    "it-is-the-body-that-acted-just-before",
    "The union, Unite, said the grant had been wasted. Rail operator Nordbahn suspended services between Eldraven "
    "and Lindholm on Tuesday. It said on Wednesday that the line would remain closed until at least Saturday.",
    claimant="Nordbahn",
)
rule(
    "names",
    "a-name-in-the-possessive-is-a-name",
    "Workers at Nordvik's plant in Carmoor heard the news on Monday. The union, Unite, said the company had received "
    "£3.5 million in grants. Nordvik disputes that figure. In a statement, it said the grant was £2.1 million.",
    text="The grant was £2.1 million.",
    claimant="Nordvik",
)
rule(
    "names",
    "told-in-the-passive-names-no-speaker",
    "Workers at the plant in Carmoor were told on Monday that 640 jobs would go.",
    claimant="Example Post",
)
rule(
    "names",
    "people-at-a-place-speak-for-themselves",
    "Passengers at the terminal said queues stretched outside the building for 200 metres.",
    claimant="Passengers at the terminal",
)
rule(
    "names",
    "a-surname-alone-names-the-person-again",
    "Interior Minister Viktor Halloran used a police helicopter in August. Prime Minister Elin Varga’s office "
    "declined to comment. The row comes as Halloran campaigns on his record on crime. In a speech in Dornholm on "
    "October 9, he said violent crime had fallen by 12 per cent since he took office in 2024.",
    claimant="Viktor Halloran",
)
rule(
    "names",
    "a-concession-is-no-speakers-phrase",
    "Large clusters linked to cooling towers have become rarer since tighter regulation was introduced in the "
    "1990s, although experts say warmer summers may be reversing that trend.",
    nothing=True,
)
rule(
    "names",
    "the-and-one-name-is-no-one",
    "Interior Minister Katrin Solvang visited a shelter on Wednesday. The Arlen burst its banks on Tuesday. The army "
    "deployed 300 soldiers along the lower Arlen. “What I have seen is bad,” she told reporters. “The first payments "
    "will reach 400 families within ten days.”",
    text="The first payments will reach 400 families within ten days.",
    claimant="Katrin Solvang",
)
rule(
    "names",
    "a-sentence-opening-with-whose-it-is-names-she",
    "Coach Ruth Okafor runs the Dolphins club in Hale. Her colleague Daniel Marsh said fees had risen by 12 per cent "
    "in 2025. Okafor's gym saw 35 of 210 swimmers leave in June, she says.",
    text="Okafor's gym saw 35 of 210 swimmers leave in June 2026.",
    claimant="Ruth Okafor",
)
rule(
    "names",
    "the-kind-is-the-body-named",
    "Fenwick City Council published its accounts on Friday. The council spent £9.3 million on temporary "
    "accommodation in 2025.",
    text="Fenwick City Council spent £9.3 million on temporary accommodation in 2025.",
)
rule(
    "names",
    "the-kind-before-a-noun-of-its-own",
    "Fenwick City Council published its accounts on Friday. The council tax bill of a band D home rose by "
    "£96 in April.",
    text="The council tax bill of a band D home rose by £96 in April 2026.",
)
