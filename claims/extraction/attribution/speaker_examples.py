"""Attribution rules about the speaker's phrase: what may stand between a name and its reporting verb."""

from claims.extraction.rules import rule

rule(
    "attribution",
    "party-and-ward-after-a-name",
    "Councillor Helen Fry (Conservative, Ashby) told the meeting that the council had lost three appeals since 2020.",
    text="The council had lost three appeals since 2020.",
    claimant="Helen Fry",
)
