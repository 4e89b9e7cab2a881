"""Who is speaking: the noun phrase before or after a reporting verb, the name in it without its
title, and who is who in one article ("Biden" is the "Joe Biden" named earlier)."""

import re

from claims.extraction.rules import rule
from claims.extraction.vocabulary import LOWER_JOINERS, NAME_TOKEN, ORGANISATION_HEADS, PRONOUNS, QUOTES, ROLE_WORDS

_DESCRIBED = re.compile(r"\b[Tt]he\s+((?:[a-z][\w’'-]*\s+){0,3}[a-z][\w-]*)$")
_FULL_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z’'-]+)+)\b")
_ORGANISATION = re.compile(rf"\b(?:{ORGANISATION_HEADS})\b")
# "a spokesperson for the force", "officials at the ministry": the organisation speaks.
_VOICE_OF = re.compile(
    r"^(?:an?\s+|the\s+|two\s+|several\s+)?(?:senior\s+|chief\s+|lead\s+)?(?:spokes(?:person|man|woman)|"
    r"representative|official|officials|press office|press officer|[a-z]{3,}(?:er|or|ist|ian|ant|ent)s?)\s+"
    r"(?:for|from|at|of|with)\s+(?P<organisation>(?:the\s+|[A-Z]).{1,79})$",
    re.I,
)
# Sources as the article describes them: "two people familiar with the matter", "a senior official",
# "police", "investigators".
_UNNAMED = re.compile(
    r"^(?i:an?\s+|one\s+|two\s+|three\s+|several\s+|some\s+|other\s+)?(?P<source>(?:[a-z-]+\s+){0,3}"
    r"(?:sources?|officials?|people|persons?|diplomats?|insiders?|aides?|police|prosecutors|investigators|"
    r"authorities|researchers|scientists|doctors|experts|witnesses|residents|organi[sz]ers|officers|firefighters|"
    r"paramedics|rescuers|regulators|economists|analysts|lawyers|critics|opponents|supporters|campaigners|parents|"
    r"teachers|locals|farmers|workers|cooks|shoppers|fans|neighbou?rs|families|tenants|drivers|passengers|patients|"
    r"users|customers|voters|members|councillors)"
    r"(?:\s+(?:familiar with|close to|with knowledge of|briefed on|involved in|who)\b[^,]{0,80})?)$"
)
_PREPOSITIONS = {"on", "in", "at", "during", "after", "before", "to", "that", "last", "this", "by", "with", "from"}
# A comma inside a number ("4,300") does not end an aside.
_APPOSITIVE = re.compile(
    r"^(?P<head>(?:[^,]|,(?=\S)){1,80}?),\s+(?P<aside>(?:[^,]|,(?=\S)){1,100}(?:,\s+(?:[^,]|,(?=\S)){1,60})?),?$"
)
# "Graham Pettifer, 54, of Ashdown Road, Kingsmere,": the age and the address describe the one named.
_AGE_AND_ADDRESS = re.compile(r",\s+\d{1,3},(?:\s+(?:of|from)\s+[^,]{2,60}(?:,\s+[A-Z][\w’'-]+){0,2},?)?")
_DESCRIPTION = re.compile(r"^(?:\d|(?i:the|a|an|who|which|of|its|his|her|their|our)\b|[a-z])")

rule(
    "names",
    "organisation-whole",
    "Employers added 142,000 jobs in October, the Labor Department said.",
    claimant="Labor Department",
)
rule(
    "names",
    "organisation-with-joiners",
    "Data from the Office for National Statistics showed that water bills rose by 9.4% last year.",
    claimant="Office for National Statistics",
    medium="data",
    cited_source="Office for National Statistics",
)
rule(
    "names",
    "spokesperson-for",
    "A spokesperson for the force said officers had been called to the bar 11 times.",
    claimant="force",
    text="Officers had been called to the bar 11 times.",
)
rule(
    "names",
    "appositive-age",
    "Smith, 54, said he had paid the contractor £12,000 in March.",
    claimant="Smith",
    text="Smith had paid the contractor £12,000 in March 2026.",
)
rule(
    "names",
    "appositive-name",
    "Her coach, Sam Okafor, said Brooks had run 160 kilometres a week.",
    claimant="Sam Okafor",
)
rule(
    "names",
    "unnamed-source",
    "Two people familiar with the matter said the bank had lost £80 million on the trade.",
    claimant="people familiar with the matter",
)
rule(
    "names",
    "someone-at-an-organisation",
    "A forecaster at the Met Office said 112mm of rain had fallen at Carrow Hill in 24 hours.",
    claimant="Met Office",
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
    "age-and-address",
    "Graham Pettifer, 54, of Ashdown Road, Kingsmere, said the warehouse had been locked on Jan. 14.",
    claimant="Graham Pettifer",
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
    "the-force-is-the-police",
    "Hollingfordshire Police closed the road for nine hours. A spokesperson for the force said a 43-year-old "
    "man had been taken to hospital.",
    claimant="Hollingfordshire Police",
)
rule("names", "described-group", "Police said a 34-year-old man had been arrested in Leeds.", claimant="Police")
rule(
    "names",
    "role-alias",
    "Transport Minister Ruth Amos opened the bridge on Friday. The minister said the bridge had cost £40 million.",
    claimant="Ruth Amos",
    text="The bridge had cost £40 million.",
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
    "organisation-alias",
    "The Environment Agency tested the river in May. The agency said that iron levels had doubled since 2023.",
    claimant="Environment Agency",
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
    while (
        described < min(3, len(words) - 1)
        and re.fullmatch(r"[a-z][\w-]*", words[described])
        and words[described] not in _PREPOSITIONS
    ):
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


def subject(phrase: str) -> str | None:
    """The speaker when the whole phrase names one: a name with its titles, an organisation, a
    described source, a pronoun, "a spokesperson for X" (X), or a name with an aside ("Smith,
    54," or "Her coach, Sam Okafor,")."""
    phrase = _AGE_AND_ADDRESS.sub("", phrase.strip()).rstrip(",;:").strip()
    if not phrase:
        return None
    if match := _VOICE_OF.match(phrase):
        return subject(match.group("organisation")) or match.group("organisation").strip()
    if match := _APPOSITIVE.match(phrase):
        head, aside = match.group("head").strip(), match.group("aside").strip().rstrip(",")
        head_speaker, aside_speaker = _whole(head), _whole(aside)
        if head_speaker and _DESCRIPTION.match(aside) and not aside_speaker:
            return head_speaker
        if aside_speaker and aside_speaker.lower() not in PRONOUNS and _DESCRIPTION.match(head):
            return aside_speaker
        return None  # "Earlier, U.S. Vice President Kamala Harris": read from the end instead
    if match := _UNNAMED.match(phrase):
        return match.group("source")
    return _whole(phrase)


def _whole(phrase: str) -> str | None:
    words = phrase.split()
    found = speaker_before(words)
    if found and len(words) <= len(found.split()) + 1:
        return found
    return None


def person_name(phrase: str) -> str:
    """The name in a phrase with its title: "U.S. Vice President Kamala Harris" → "Kamala
    Harris"; "the Kremlin" → "Kremlin"; "Kremlin-controlled news agency TASS" → "TASS"."""
    words = re.sub(
        r"^(?:both|the|a|an)\s+(?:rival|fellow|local|former)?\s*|^(?:rival|fellow|local)\s+",
        "",
        phrase.strip(),
        flags=re.I,
    ).split()
    last_role = max((i for i, w in enumerate(words) if w.lower() in ROLE_WORDS), default=-1)
    named = words[last_role + 1 :]
    person = 1 < len(named) <= 4 and not organisation(" ".join(named))
    acronym = len(named) == 1 and named[0].isupper() and len(named[0]) > 1
    if named and all(NAME_TOKEN.match(w) for w in named) and (person or acronym):
        return " ".join(named)
    if organisation(" ".join(words)):
        return " ".join(words)  # "Labor Department", "Office for National Statistics"
    if named and all(NAME_TOKEN.match(w) for w in named) and last_role >= 0 and len(named) == 1:
        return " ".join(named)
    return " ".join(words)


def organisation(name: str) -> bool:
    return bool(_ORGANISATION.search(name))


_TITLED = re.compile(
    rf"\b(?P<role>(?i:{'|'.join(sorted(w for w in ROLE_WORDS if w.isalpha()))}))\s+"
    r"(?P<name>[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2})\b"
)
_NAMED_ORGANISATION = re.compile(
    rf"(?:[A-Z][\w’'&-]*\s+(?:(?:of|for|and)\s+)?){{0,4}}(?P<head>{ORGANISATION_HEADS})"
    r"(?:\s+(?:of|for)\s+[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*){0,3})?"
)


_DOCUMENTS = r"report|evaluation|investigation|study|survey|review|audit|analysis|inquiry|assessment|findings"
_PROPER = r"[A-Z][\w&’'-]*(?:\s+(?:of\s+the\s+|of\s+|for\s+|and\s+)?[A-Z][\w&’'-]*){0,5}"
# Who wrote a document the article quotes: "The report, by the county council's education department,",
# "an investigation by the Privacy Commissioner", "The Office … published the findings of its investigation".
_AUTHORED = re.compile(
    rf"\b(?:{_DOCUMENTS})s?,?\s+(?:(?:published|carried out|conducted|commissioned|released|compiled|written)\s+)?"
    rf"by\s+(?P<author>(?:the\s+)?[^,.;()“”\"]{{2,80}}?)(?=[,.;]|\s+(?:found|showed|said|says|which|that|on|in)\b)"
)
_PUBLISHED_ITS = re.compile(
    rf"^(?P<author>(?:The\s+)?{_PROPER})\s+(?:\w+\s+){{0,2}}(?:published|released|issued|presented)\b[^.]{{0,60}}?"
    rf"\b(?:its|their)\s+(?:[\w-]+\s+){{0,2}}(?:{_DOCUMENTS})\b"
)
_DOCUMENT_PHRASE = re.compile(
    rf"(?i:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w-]+\s+){{0,3}}?(?:{_DOCUMENTS})(?:\s+(?:of|into)\s+.{{1,60}})?"
)
# Organisations the article names by what they are: "the app's operator, Metrolink Digital,", "Westfield
# Minerals, which operates a copper mine", "a spokesperson for Westfield Minerals".
_BODY_NOUNS = (
    "company|operator|firm|owner|developer|utility|insurer|airline|retailer|supplier|contractor|manufacturer|"
    "lender|group|club|charity|business|bank|landlord|employer|maker|producer|provider|chain|brand|publisher|"
    "platform|conglomerate|co-operative|cooperative"
)
# What an article calls an organisation of a kind: "the force" is the police.
_ALIASES = {"force": "police", "firm": "company", "utility": "water", "watchdog": "regulator"}
# "the National Statistics Office (NSO)": the initials stand for the name.
_INITIALS = re.compile(
    r"(?P<name>(?:[A-Z][\w&’'-]*\s+(?:(?:of|for|and|the)\s+){0,2}){1,6})\((?P<initials>[A-Z]{2,6})\)"
)
_BODY_AFTER = re.compile(
    rf"\b(?:the|its|a|an)\s+(?:[\w’'-]+\s+){{0,3}}?(?P<noun>{_BODY_NOUNS}),\s+(?P<name>{_PROPER}),"
)
_BODY_BEFORE = re.compile(rf"(?P<name>{_PROPER}),\s+(?:the|a|an)\s+(?:[\w’'-]+\s+){{0,3}}?(?P<noun>{_BODY_NOUNS})\b")
_BODY_SPEAKS = re.compile(
    rf"\bspokes(?:person|man|woman)\s+for\s+(?P<name>{_PROPER})|(?P<which>{_PROPER}),\s+which\s+(?:operates|runs|"
    r"owns|is headquartered|is based|employs|makes|sells|manages|builds)\b"
)


class Names:
    """Who is who in one article: "Biden" is the "Joe Biden" named earlier; "he" is the person
    last named as a speaker."""

    def __init__(self, sentences: list[str]):
        self.full: dict[str, str] = {}
        self.roles: dict[str, set[str]] = {}  # "minister" → the people the article calls a minister
        self.organisations: dict[str, set[str]] = {}  # "agency" → "Environment Agency"
        for sentence in sentences:
            for match in _TITLED.finditer(sentence):
                name = person_name(match.group(0))
                words = match.group(0).split()
                if " " in name and not organisation(name) and len(words) > len(name.split()):
                    role = words[-len(name.split()) - 1].lower()  # "Transport Minister Ruth Amos": minister
                    self.roles.setdefault(role, set()).add(name)
            for match in _NAMED_ORGANISATION.finditer(sentence):
                name = re.sub(r"^The\s+", "", match.group(0))
                self.organisations.setdefault(match.group("head").lower(), set()).add(name)
            for match in _INITIALS.finditer(sentence):
                self.full.setdefault(match.group("initials"), re.sub(r"^The\s+", "", match.group("name").strip()))
            for match in _FULL_NAME.finditer(sentence):
                words = match.group(1).split()
                name = words[-2:] if len(words) > 2 else words
                if not any(w.lower() in ROLE_WORDS for w in name):
                    self.full.setdefault(name[-1], " ".join(name))
        self.authors: list[str] = []  # who wrote the documents the article quotes, in order
        self.bodies: list[str] = []  # organisations the article says are organisations
        for sentence in sentences:
            self._learn_bodies(sentence)
        self.last_person: str | None = None
        self.last_organisation: str | None = None

    def _learn_bodies(self, sentence: str) -> None:
        for match in _AUTHORED.finditer(sentence):
            self.authors.append(re.sub(r"^the\s+", "", match.group("author").strip()))
        if match := _PUBLISHED_ITS.match(sentence):
            self.authors.append(re.sub(r"^The\s+", "", match.group("author")))
        for pattern in (_BODY_AFTER, _BODY_BEFORE):
            for match in pattern.finditer(sentence):
                name = re.sub(r"^The\s+", "", match.group("name"))
                self.organisations.setdefault(match.group("noun").lower(), set()).add(name)
                self.bodies.append(name)
        for match in _BODY_SPEAKS.finditer(sentence):
            self.bodies.append(re.sub(r"^The\s+", "", match.group("name") or match.group("which")))

    def saw(self, sentence: str) -> None:
        """The people a sentence names: "she" in the next is the last of them ("… said Janet
        Ruiz, whose father is in intensive care. She said …")."""
        for match in _TITLED.finditer(sentence):
            name = person_name(match.group(0))
            if " " in name and not organisation(name) and name not in self.bodies:
                self.last_person = name
        for match in _FULL_NAME.finditer(sentence):
            words = match.group(1).split()
            name = " ".join(words[-2:])
            if (
                len(words) <= 3
                and self.full.get(words[-1]) == name
                and not organisation(name)
                and name not in self.bodies
                and not any(w.lower() in ROLE_WORDS for w in words)
            ):
                self.last_person = name

    def author_of(self, phrase: str) -> str | None:
        """Who wrote the document a phrase names ("the report", "the first official evaluation of
        the programme"): the author the article last gave a document."""
        if self.authors and _DOCUMENT_PHRASE.fullmatch(phrase.strip()):
            self.last_organisation = self.authors[-1]
            return self.authors[-1]
        return None

    def resolve(self, phrase: str | None) -> str | None:
        if not phrase:
            return None
        if phrase.lower() in PRONOUNS:
            if phrase.lower() == "it":  # "it said": the organisation last heard from
                return self.last_organisation
            return self.last_person if phrase.lower() in ("he", "she") else None
        if author := self.author_of(phrase):  # "the report": whoever wrote it
            return author
        alias = re.fullmatch(r"(?:[Tt]he\s+)?(?P<head>[a-z]+)", phrase.strip())
        if alias:  # "the minister", "the department": the one the article named so
            head = alias.group("head")
            known = self.roles.get(head) or self.organisations.get(head) or set()
            if not known and head in _ALIASES:
                known = self.organisations.get(_ALIASES[head]) or set()
            if len(known) == 1:
                name = next(iter(known))
                if " " in name and not organisation(name):
                    self.last_person = name
                elif organisation(name) or head in self.organisations:
                    self.last_organisation = name
                return name
            if not known and re.fullmatch(_BODY_NOUNS, head):  # "the company", after its spokesperson spoke
                if self.last_organisation in self.bodies:
                    return self.last_organisation
                if len(set(self.bodies)) == 1:
                    return self.bodies[0]
        name = person_name(phrase)
        if name in self.bodies:
            self.last_organisation = name
            return name
        if " " not in name and name in self.full:
            name = self.full[name]
        if " " in name and all(NAME_TOKEN.match(w) for w in name.split()) and not organisation(name):
            self.last_person = name
        elif organisation(name):
            self.last_organisation = name
        return name
