"""Reports with nothing in them to check: no figure, name, date, count or share, nothing that happened, no
refusal; and views given to a kind of person ("some farmers say") without a figure."""

import re

from claims.extraction.checkworthiness import _COUNTS, _NEWS_VERB, _OWN_COMMITMENT, _WORTH
from claims.extraction.rules import rule


def is_vague(content: str) -> bool:
    """Nothing in it to check: no figure, no name, no date, and nothing that happened ("We are
    doing everything we can")."""
    names = [w for w in re.findall(r"\b[A-Z][a-z]+", content) if w not in _NOT_NAMES]
    return (
        not re.search(r"\d", content)
        and not _SHARE.search(content)  # "a factor in roughly half of them"
        and not _COUNTED_IN_WORDS.search(content)  # "within ten days"
        and not _REFUSAL.search(content)  # "the council would not cancel the project"
        and not names
        and not _NEWS_VERB.search(content)
        and not _OWN_COMMITMENT.match(content)
    )


# A share of something counted: "roughly half of them", "one in four", "a third of the pupils".
_SHARE = re.compile(
    rf"\b(?:half|(?:a|one|two)\s+(?:third|quarter|fifth|tenth)s?|(?:one|{_COUNTS})\s+in\s+(?:{_COUNTS}|\d+))\b", re.I
)
# A refusal reported of someone named: "(said that) the council would not cancel the project".
_REFUSAL = re.compile(r"^(?!(?:I|We|we)\b)(?:[\w’'-]+\s+){1,6}(?:will|would|shall)\s+not\s+[a-z]+")
_COUNTED_IN_WORDS = re.compile(rf"\b(?:{_COUNTS})\b", re.I)
_NOT_NAMES = {"We", "I", "It", "They", "He", "She", "This", "That", "These", "Those", "Our", "The", "A", "An", "There"}


rule(_WORTH, "vague-quote", "“We are doing everything we can to help them,” the director said.", nothing=True)


# Voices the article gives as a kind of person rather than a source: "some farmers say", "critics say",
# "parents tell us". What they say is a view unless it carries a figure.
_GENERIC_VOICE = re.compile(
    r"^(?i:some|several|many|most|other|a few)\s+|^(?:[a-z-]+\s+){0,2}(?:critics|opponents|supporters|campaigners|"
    r"residents|parents|teachers|locals|farmers|workers|cooks|shoppers|fans|neighbou?rs|families|tenants|drivers|"
    r"passengers|patients|users|customers|voters|people|members|councillors)$"
)


def generic_voice(speaker: str | None, content: str) -> bool:
    """A view given to a kind of person ("Some farmers say your modelling was never shared"), with
    no figure to check."""
    return bool(speaker and _GENERIC_VOICE.search(speaker.strip())) and not re.search(r"\d", content)


rule(_WORTH, "a-generic-voice", "Some farmers say the modelling was never shared with them.", nothing=True)
rule(_WORTH, "a-feeling", "“I would be surprised if Brightwater is the only city with this,” she said.", nothing=True)
