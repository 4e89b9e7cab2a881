"""Who is speaking: the noun phrase before or after a reporting verb, the name in it without its
title, and who is who in one article ("Biden" is the "Joe Biden" named earlier)."""

import re

from claims.extraction.vocabulary import LOWER_JOINERS, NAME_TOKEN, PRONOUNS, QUOTES, ROLE_WORDS

_DESCRIBED = re.compile(r"\b[Tt]he\s+((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)$")
_FULL_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z’'-]+)+)\b")
_ORGANISATION = re.compile(
    r"\b(?:Team|Ministry|Office|Agency|Council|Party|Bank|Institute|Group|Committee|Department|News|Times|Post|"
    r"Press|Association|Organi[sz]ation|Union|Company|Corporation|Inc|Ltd|University|Service|Fund|Commission|"
    r"Court|Parliament|Congress|Senate|Government|Forces|Army)\b"
)


def speaker_before(words: list[str]) -> str | None:
    """The noun phrase that ends at the end of `words`: a name with its title ("Russian President
    Vladimir Putin"), an organisation ("the Conflict Intelligence Team (CIT)"), a pronoun, or a
    described group ("Both U.S. and European officials")."""
    taken = []
    for word in reversed(words):
        bare = word.strip(QUOTES + ",;:")
        if word.endswith((",", ";", ":")) and taken:
            break
        lower = bare.lower()
        if NAME_TOKEN.match(bare) or lower in ROLE_WORDS or "-" in bare or (lower in LOWER_JOINERS and taken):
            taken.append(bare)
            continue
        if not taken and lower in PRONOUNS:
            return lower
        break
    while taken and taken[-1].lower() in LOWER_JOINERS - {"the"}:
        taken.pop()
    if taken and any(NAME_TOKEN.match(t) for t in taken):
        return " ".join(reversed(taken))
    described = _DESCRIBED.search(" ".join(words))
    return described.group(1) if described else None  # "the national weather service"


def speaker_after(text: str) -> str | None:
    """The name that follows an inverted verb: "…," said meteorologist Anna Kraft."""
    words = text.split()
    described = 0  # "meteorologist Anna Kraft": a role in lower case before the name
    while described < min(3, len(words) - 1) and re.fullmatch(r"[a-z][\w-]*", words[described]):
        described += 1
    if described and NAME_TOKEN.match(words[described].strip(QUOTES + ",;:.")):
        words = words[described:]
    taken = []
    for word in words:
        bare = word.strip(QUOTES + ",;:")
        core = bare.rstrip(".")
        abbreviation = bare.lower() in ROLE_WORDS or len(core) == 1
        if NAME_TOKEN.match(core) or abbreviation or core.lower() in ROLE_WORDS or (core in LOWER_JOINERS and taken):
            taken.append(bare if abbreviation else core)
            if word.endswith((",", ";", ":")) or (word.endswith(".") and not abbreviation):
                break
            continue
        break
    return " ".join(taken) or None


def person_name(phrase: str) -> str:
    """The name in a phrase with its title: "U.S. Vice President Kamala Harris" → "Kamala
    Harris"; "the Kremlin" → "Kremlin"; "Kremlin-controlled news agency TASS" → "TASS"."""
    words = re.sub(r"^(?:both|the|a|an)\s+", "", phrase.strip(), flags=re.I).split()
    last_role = max((i for i, w in enumerate(words) if w.lower() in ROLE_WORDS), default=-1)
    named = words[last_role + 1 :]
    person = 1 < len(named) <= 4 and not organisation(" ".join(named))
    acronym = len(named) == 1 and named[0].isupper() and len(named[0]) > 1
    if (
        named
        and all(NAME_TOKEN.match(w) for w in named)
        and (person or acronym or (last_role >= 0 and len(named) == 1))
    ):
        return " ".join(named)
    return " ".join(words)


def organisation(name: str) -> bool:
    return bool(_ORGANISATION.search(name))


class Names:
    """Who is who in one article: "Biden" is the "Joe Biden" named earlier; "he" is the person
    last named as a speaker."""

    def __init__(self, sentences: list[str]):
        self.full: dict[str, str] = {}
        for sentence in sentences:
            for match in _FULL_NAME.finditer(sentence):
                words = match.group(1).split()
                name = words[-2:] if len(words) > 2 else words
                if not any(w.lower() in ROLE_WORDS for w in name):
                    self.full.setdefault(name[-1], " ".join(name))
        self.last_person: str | None = None

    def resolve(self, phrase: str | None) -> str | None:
        if not phrase:
            return None
        if phrase.lower() in PRONOUNS:
            return self.last_person if phrase.lower() in ("he", "she") else None
        name = person_name(phrase)
        if " " not in name and name in self.full:
            name = self.full[name]
        if " " in name and all(NAME_TOKEN.match(w) for w in name.split()) and not organisation(name):
            self.last_person = name
        return name
