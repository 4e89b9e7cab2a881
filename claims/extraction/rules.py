"""The extractor's rules by name, each with an example sentence and what it should give, so that
every rule is documented by a sentence and tested on it (tests/claims/test_extraction_rules.py).

A rule is declared next to the code that applies it:

    rule("attribution", "participle-saying",
         "The minister defended the decision, saying the contract had been awarded lawfully.",
         text="The contract had been awarded lawfully.", claimant="minister")

The example is read as an article of its own published on EXAMPLE_DATE by EXAMPLE_OUTLET; the
expected fields must all be those of one proposed claim. A rule that keeps a sentence out is
declared with `nothing=True`: no claim may be proposed from its example; one that keeps part of it
out, with `only=True`: the expected claim is the only one proposed.
"""

import datetime
from dataclasses import dataclass, field

CONCERNS = ("words", "sentences", "attribution", "names", "dates", "check-worthiness", "claims")
EXAMPLE_DATE = datetime.date(2026, 11, 30)  # a Monday
EXAMPLE_OUTLET = "Example Post"


@dataclass(frozen=True)
class Rule:
    concern: str
    name: str
    example: str
    expect: dict = field(default_factory=dict)
    nothing: bool = False
    only: bool = False


RULES: dict[str, Rule] = {}


def rule(concern: str, name: str, example: str, *, nothing: bool = False, only: bool = False, **expect) -> None:
    if concern not in CONCERNS:
        raise ValueError(f"unknown concern {concern!r}")
    if name in RULES:
        raise ValueError(f"two rules are named {name!r}")
    RULES[name] = Rule(concern, name, example, expect, nothing, only)
