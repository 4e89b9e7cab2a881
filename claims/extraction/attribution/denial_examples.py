"""Attribution rules about denials: what is denied, rejected or refused, and by whom."""

from claims.extraction.rules import rule

rule(
    "attribution",
    "rejecting-claims-is-a-denial",
    "The minister rejected claims that the hospital had run out of beds.",
    text="The hospital had not run out of beds.",
    claimant="minister",
)
rule(
    "attribution",
    "and-denied-is-a-denial",
    "Calder Holdings said it had spent £2.3 million on water treatment since 2021 and denied that it was "
    "responsible for the pollution.",
    text="Calder Holdings was not responsible for the pollution.",
    claimant="Calder Holdings",
)
rule(
    "attribution",
    "denying-the-charges",
    "Daniel Carter, 34, was charged in March. Carter, who appeared at Hallam Magistrates' Court on Wednesday, "
    "denied the charges through his solicitor.",
    text="Daniel Carter denies the charges.",
    claimant="Daniel Carter",
)
rule(
    "attribution",
    "denied-doing",
    "The Sarvan Liberation Front denied losing territory around Oren.",
    text="Sarvan Liberation Front denies losing territory around Oren.",
    claimant="Sarvan Liberation Front",
)
rule(
    "attribution",
    "a-refusal-is-not-a-denial",
    "The council denied planning permission for 40 homes on the site in March.",
    text="The council denied planning permission for 40 homes on the site in March 2026.",
    claimant="Example Post",
)
rule(
    "attribution",
    "a-denial-keeps-its-figures-whole",
    "The government denied misleading parliament over the 4,000 figure.",
    text="The government denies misleading parliament over the 4,000 figure.",
)
rule(
    "dates",
    "a-denial-dated-by-its-event",
    "Government spokeswoman Ines Barata denied the accusation at a news conference on Friday, saying the ministry "
    "had received the revised export figures only on April 28.",
    claimant="Ines Barata",
    said_on="2026-11-27",
)
rule(
    "attribution",
    "rejecting-a-suggestion-is-a-denial",
    "The Harbour Authority dismissed the suggestion that it had ignored 14 flood warnings.",
    claimant="Harbour Authority",
    text="Harbour Authority had not ignored 14 flood warnings.",
)
