"""Who is who in one article: "Biden" is the "Joe Biden" named earlier, "the minister" the
minister it named, "the company" the organisation it named as one, "the report" whoever it said
wrote it, "she" the person last named."""

import re
from collections import deque

from claims.extraction import names_examples  # noqa: F401  (registers the rules)
from claims.extraction.dates import DATE_WORD
from claims.extraction.holders import STUDY_AUTHORS, holder_of, researchers_in, role_holders, titled_people
from claims.extraction.name_kinds import ALIASES, COMPANY_WORDS, family, of_kind, one_of, without_the
from claims.extraction.names import FULL_NAME, ONE_OF_THEM, organisation, person_name
from claims.extraction.vocabulary import (
    ASSERT,
    DOCUMENT_NOUNS,
    LEAD_WORDS,
    NAME_TOKEN,
    NEWS_PAST,
    ORGANISATION_HEADS,
    PRONOUNS,
    ROLE_WORDS,
)

# "Westshire Water announced on Tuesday …", "Harbour City have sacked …": a name opening a sentence as the
# one who acts; "the company" or "the club" in what follows may be it. Not someone who speaks ("Holm said").
_ACTING_NAME = re.compile(
    rf"^(?:(?P<described>[A-Z][a-z]+\s+(?:{COMPANY_WORDS}))\s+(?=[A-Z]))?"
    r"(?P<name>[A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,3})\s+(?!(?:said|says|told|tells|added|adds|wrote|writes)\b)"
    rf"(?:(?:has|have|had|will|is|are|was|were)\s+)?(?:[a-z]+ly\s+)?(?:[a-z]+(?:ed|s)|{NEWS_PAST})\b"
)
_POSSESSIVE = re.compile(r"[’']s$")
_OWNER = re.compile(r"^([A-Z][a-z’'-]+[’']s)\s+[a-z]")  # "Okonjo's club …": a sentence opening with whose it is
_NOT_FIRST_NAMES = {"the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "by", "for", "from"}
_SURNAME = re.compile(r"(?<![\w’'-])[A-Z][a-z]+(?:[’']s)?(?![\w’'-])")
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][\w&’'-]+")
# Sources the article describes without naming them: "three people familiar with the matter".
_UNNAMED_GROUP = re.compile(
    r"\b(?:two|three|four|five|six|several|some|many|other)\s+(?P<group>(?P<noun>people|officials|sources|diplomats|"
    r"executives|employees|staff|insiders|aides|lawyers|scientists|researchers)\s+(?:familiar with|close to|"
    r"briefed on|with (?:direct )?knowledge of|involved in|who)\b[^,.;]{0,60})",
    re.I,
)
# A judge by their style: "Mrs Justice Farrant", "Lord Justice Pell", "Judge Amara Diallo".
_JUDGE = re.compile(r"\b(?:(?:Mr|Mrs|Ms|Lord|Lady|Dame|Sir)\s+Justice|Judge)\s+[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)?\b")
_NAMED_ORGANISATION = re.compile(
    rf"(?<![\w’'&.-])(?:[A-Z][\w’'&-]*\s+(?:(?:of|for|and)\s+)?){{0,4}}(?P<head>{ORGANISATION_HEADS})"
    r"(?:\s+(?:of|for)\s+[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*){0,3})?"
)


_PROPER = r"[A-Z][\w&’'-]*(?:\s+(?:of\s+the\s+|of\s+|for\s+|and\s+|&\s+)?[A-Z][\w&’'-]*){0,5}"
# Who wrote a document the article quotes: "The report, by the county council's education department,",
# "an investigation by the Privacy Commissioner", "The Office … published the findings of its investigation".
_AUTHORED = re.compile(
    rf"\b(?:{DOCUMENT_NOUNS})s?,?\s+(?:(?:published|carried out|conducted|commissioned|released|compiled|written)\s+)?"
    rf"by\s+(?P<author>(?:the\s+)?[^,.;()“”\"]{{2,80}}?)"
    rf"(?=[,.;]|\s+(?:found|showed|said|says|which|that|on|in|published|released|issued)\b)"
)
_PUBLISHED_ITS = re.compile(
    rf"^(?P<author>(?:The\s+)?{_PROPER})\s+(?:\w+\s+){{0,2}}(?:published|released|issued|presented)\b[^.]{{0,60}}?"
    rf"\b(?:its|their)\s+(?:[\w-]+\s+){{0,2}}(?:{DOCUMENT_NOUNS})\b"
)
_DOCUMENT_PHRASE = re.compile(
    rf"(?i:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:(?!of\s)[\w-]+\s+){{0,3}}?(?:{DOCUMENT_NOUNS})(?:\s+(?:of|into)\s+.{{1,60}})?"
)
# Organisations the article names by what they are: "the app's operator, Metrolink Digital,", "Westfield
# Minerals, which operates a copper mine", "a spokesperson for Westfield Minerals".
_BODY_NOUNS = (
    "company|operator|firm|owner|developer|utility|insurer|airline|retailer|supplier|contractor|manufacturer|"
    "lender|group|club|charity|business|bank|landlord|employer|maker|producer|provider|chain|brand|publisher|"
    "platform|conglomerate|co-operative|cooperative|app|consultancy|startup|start-up|broadcaster|newspaper|"
    "regulator|watchdog|campaign|organi[sz]ation|non-profit|nonprofit|union|airline|carrier|side|line|daily|miner|"
    "shipper|haulier|builder|network|website"
)
# What an article calls an organisation of a kind: "the force" is the police.
# "the National Statistics Office (NSO)": the initials stand for the name.
_INITIALS = re.compile(
    r"(?<![\w&’'.-])(?P<name>(?:[A-Z][\w&’'-]*\s+(?:(?:of|for|and|the)\s+){0,2}){1,6})\((?P<initials>[A-Z]{2,6})\)"
)
_BODY_AFTER = re.compile(
    rf"\b(?:the|its|a|an)\s+(?:[\w’'-]+\s+){{0,3}}?(?P<noun>{_BODY_NOUNS}),\s+(?P<name>{_PROPER}),"
)
# "Westfield Minerals, the company that …" at the start of a sentence, or closed by a comma ("…, X,
# the regulator, said"); not "In a letter to Sarah Jones, the watchdog said" nor "Mick Lynch, the
# union's general secretary".
_BODY_BEFORE = re.compile(
    rf"(?<![\w’'.&-])(?P<name>{_PROPER}),\s+(?:the|a|an)\s+(?:[\w’'-]+\s+){{0,3}}?(?P<noun>{_BODY_NOUNS})\b(?![’']s)"
    r"(?P<closed>,)?"
)
# "Delivery app Parcelwise", "the cycling charity Safer Wheels", "chief executive of shipping line
# Caravel Maritime": what it is, then its name.
_BODY_DESCRIBED = re.compile(
    rf"(?:^|\b(?:the|a|an|of|at|by|for)\s+)(?:[A-Za-z][a-z-]+\s+){{0,2}}?(?P<noun>{_BODY_NOUNS})\s+(?P<name>{_PROPER})"
)
_BODY_SPEAKS = re.compile(
    rf"\bspokes(?:person|man|woman)\s+for\s+(?P<name>{_PROPER})|(?<![\w&’'.-])(?P<which>{_PROPER}),\s+which\s+"
    r"(?:operates|runs|"
    r"owns|is headquartered|is based|employs|makes|sells|manages|builds)\b"
)

# "Ms Okafor", "Mrs Justice Amersham", "Mr Hale": what a title says of the one who bears it.
_HONORIFIC = re.compile(
    r"\b(?P<title>Ms|Mrs|Miss|Lady|Dame|Mr|Sir|Lord)\.?\s+(?:Justice\s+)?(?P<surname>[A-Z][a-z’'-]+)"
)
_SHE = {"Ms", "Mrs", "Miss", "Lady", "Dame"}
_VOICE = re.compile(r"(?i:an?\s+|the\s+)?(?P<head>[a-z]+)\s+(?:spokes(?:person|man|woman)|press office|official)")
# "the agriculture ministry said …. …, it said": a body named in lower case is who "it" is next.
_BODY_IN_LOWER_CASE = re.compile(rf"^[a-z][\w’' -]*\b(?i:{ORGANISATION_HEADS})$")
_THE_STATEMENT = re.compile(r"(?:[Tt]he\s+|[Ii]ts\s+|[Tt]heir\s+)?statement")
_THE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.I)
# "1,140 vehicles an hour on Station Road", "King's College London": places, whom no "she" is.
_PLACE_WORDS = re.compile(
    r"\b(?:Road|Street|Lane|Avenue|Crescent|Terrace|Square|Primary|School|College|Academy|Hospital|Station|"
    r"Estate|Airport|Stadium|Library|Museum|Bridge)\b"
)


def _unknown_single(name: str, full: dict) -> bool:
    """A one-word name that is no one's surname in the article: a company such as "Nordvik"."""
    return " " not in name and bool(NAME_TOKEN.match(name)) and not name.isupper() and name not in full


# Where a group's description ends: "two diplomats familiar with the negotiations said …", "two
# people who were injured in the crash were taken to hospital" (its own "who were" is part of it).
_REPORTED = re.compile(rf"(?<!\bwho)(?<!\bthat)\s+(?:{ASSERT}|were|was|are|is|had|have|has|will|would)\b")
# Others counted, of whom "one of them" could be one: "three farmers", "two streets", "12 residents".
_COUNTED = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|several|many|\d+)\s+(?:[a-z-]+\s+)?[a-z]+s\b")


class Names:
    """Who is who in one article: "Biden" is the "Joe Biden" named earlier; "he" is the person
    last named as a speaker."""

    def __init__(self, sentences: list[str], outlet: str | None = None):
        self.outlet = (outlet or "").lower()
        self.full: dict[str, str] = {}
        self.roles: dict[str, set[str]] = {}  # "minister" → the people the article calls a minister
        self.groups: dict[str, str] = {}  # "people" → "people familiar with the matter"
        named: set[str] = set()  # the organisations named by their heads, whose initials may stand for them
        self.organisations: dict[str, set[str]] = {}  # "agency" → "Environment Agency"
        for sentence in sentences:
            for name, role in titled_people(sentence):
                if role:
                    self.roles.setdefault(role, set()).add(name)
            for match in _JUDGE.finditer(sentence):  # "Mrs Justice Farrant" is "the judge"
                self.roles.setdefault("judge", set()).add(match.group(0))
            for match in _UNNAMED_GROUP.finditer(sentence):  # "the people": "people familiar with the matter"
                self.groups.setdefault(match.group("noun").lower(), match.group("group"))
            for match in _NAMED_ORGANISATION.finditer(sentence):
                name = without_the(match.group(0))
                self.organisations.setdefault(match.group("head").lower(), set()).add(name)
                named.add(name)
            for match in _INITIALS.finditer(sentence):
                self.full.setdefault(match.group("initials"), without_the(match.group("name")))
            for match in FULL_NAME.finditer(sentence):
                words = [_POSSESSIVE.sub("", word) for word in match.group(1).split()]
                if words[0].lower() in _NOT_FIRST_NAMES and len(words) == 2:
                    continue
                name = words[-2:] if len(words) > 2 else words
                if not any(w.lower() in ROLE_WORDS for w in name):
                    self.full.setdefault(name[-1], " ".join(name))
        self.kinds: dict[str, str] = {}  # "Marlow & Pike" → "consultancy": what the article says it is
        for name in named:
            initials = "".join(w[0] for w in name.split() if w[0].isupper())
            if len(initials) >= 2 and initials.lower() not in ROLE_WORDS:  # "the MP" is no police force
                self.full.setdefault(initials, name)  # "the WHO" is the "World Health Organization" named elsewhere
        self.holders = role_holders(sentences)  # ("chief executive", "skyvale") → "Graham Tull"
        self.authors: list[str] = []  # who wrote the documents the article quotes, in order
        self.researchers: str | None = None  # who did the study the article reports, as it first names them
        self.bodies: list[str] = []  # organisations the article says are organisations
        for sentence in sentences:
            self._learn_bodies(sentence)
        self.people: deque[str] = deque(maxlen=8)  # the people last named, most recent last
        # Capitalised words the article writes mid-sentence: names, not "Crewing" opening a sentence.
        self.proper = {
            _POSSESSIVE.sub("", word) for sentence in sentences for word in _MID_SENTENCE_CAPITAL.findall(sentence)
        }  # "Nordvik's chief executive": Nordvik is a name
        self.gender = {
            match.group("surname"): "f" if match.group("title") in _SHE else "m"
            for sentence in sentences
            for match in _HONORIFIC.finditer(sentence)
        }
        self.last_organisation: str | None = None
        self.stated_by: str | None = None  # who the article last said spoke in a statement
        self.last_group: str | None = None  # the unnamed people the article described last
        self.last_actor: str | None = None  # the name that last opened a sentence as the one acting
        self.previous_actor: str | None = None  # the body that opened the sentence before as the one acting
        self._actor: str | None = None  # and the one that opens the sentence being read
        self._reading = ""

    def _learn_bodies(self, sentence: str) -> None:
        for match in _AUTHORED.finditer(sentence):
            self.authors.append(without_the(match.group("author")))
        for who in researchers_in(sentence):  # "researchers at the University of Halden"
            self.authors.append(who)
            self.researchers = self.researchers or who
        if match := _PUBLISHED_ITS.match(sentence):
            self.authors.append(without_the(match.group("author")))
        for pattern in (_BODY_AFTER, _BODY_BEFORE, _BODY_DESCRIBED):
            for match in pattern.finditer(sentence):
                name = without_the(match.group("name"))
                if DATE_WORD.match(name) or name.split()[0] in LEAD_WORDS:  # "On Monday, the group said"
                    continue
                opening = not sentence[: match.start()].strip(" “\"‘'")
                if pattern is _BODY_BEFORE and not (opening or match.group("closed")):
                    continue
                self.organisations.setdefault(match.group("noun").lower(), set()).add(name)
                self.bodies.append(name)
                self.kinds.setdefault(name, match.group("noun").lower())
        for match in _BODY_SPEAKS.finditer(sentence):
            self.bodies.append(without_the(match.group("name") or match.group("which")))

    def reading(self, sentence: str) -> None:
        """The name that opens a sentence as the one acting, before the sentence is read: "the club" in
        "Harcourt City lost £38.6m, according to accounts published by the club" is Harcourt City. "Rail
        operator Nordbahn suspended services" is Nordbahn, and the "it" of the sentence after it."""
        if sentence == self._reading:
            return
        self._reading, self.previous_actor, self._actor = sentence, self._actor, None
        acting = _ACTING_NAME.match(sentence)
        described = acting and acting.group("described")  # "Rail operator Nordbahn"
        if acting and self._may_be_body(acting.group("name")):
            self.last_actor = without_the(acting.group("name"))
            if described or not self._is_person(self.last_actor):
                self._actor = self.last_actor
        if (owner := _OWNER.match(sentence)) and (full := self._person_by_surname(owner.group(1))):
            self._met(full)  # "Okonjo's club has lost 20 members, she says": the owner named is "she"

    def _person_by_surname(self, word: str) -> str | None:
        """The person the article named in full whose surname `word` is ("Halloran", "Okonjo's")."""
        full = self.full.get(_POSSESSIVE.sub("", word), "")
        person = " " in full and full.split()[0].lower() not in _NOT_FIRST_NAMES and not _PLACE_WORDS.search(full)
        return full if person and not organisation(full) and full not in self.bodies else None

    def _is_person(self, name: str) -> bool:
        """Someone the article names in full ("Dana Holloway"), or by the surname of one."""
        surname = name.split()[-1]
        full = self.full.get(surname, "")
        return " " in full and full.endswith(surname)

    def saw(self, sentence: str) -> None:
        """The people a sentence names: "she" in the next is the last of them ("… said Janet
        Ruiz, whose father is in intensive care. She said …")."""
        self.reading(sentence)
        for name, _role in titled_people(sentence):
            if name not in self.bodies:
                self._met(name)
        for match in _JUDGE.finditer(sentence):  # "Lady Justice Harrow said …. She said": the judge
            self._met(match.group(0))
        for match in _HONORIFIC.finditer(sentence):  # "In her speech, Ms Okafor promised … She said": Grace Okafor
            if " " in (full := self.full.get(match.group("surname"), "")) and not _JUDGE.match(match.group(0)):
                self._met(full)
        groups = [_REPORTED.split(match.group("group"))[0].strip() for match in _UNNAMED_GROUP.finditer(sentence)]
        if groups:
            self.last_group = groups[-1]
        elif _COUNTED.search(sentence):  # "The Post interviewed three farmers": "one of them" is theirs now
            self.last_group = None
        bodies = [m.span() for m in _NAMED_ORGANISATION.finditer(sentence)]
        mentions, spans = [], []  # (where, who): the people named in full, then by surname alone, in order
        for match in FULL_NAME.finditer(sentence):
            words = [_POSSESSIVE.sub("", word) for word in match.group(1).split()]  # "Elin Varga’s office"
            if words[0].lower() in _NOT_FIRST_NAMES and len(words) == 2:  # "The Arlen burst its banks": no one
                continue
            name = " ".join(words[-2:])
            spans.append(match.span())
            if (
                len(words) <= 3
                and not _THE_BEFORE.search(sentence, 0, match.start())  # "the Riverside Tribune" is no one
                and not any(start <= match.start() < end for start, end in bodies)  # "Institute for Tumour Immunology"
                and self.full.get(words[-1]) == name
                and not organisation(name)
                and not _PLACE_WORDS.search(match.group(1))
                and name not in self.bodies
                and not any(w.lower() in ROLE_WORDS for w in words)
            ):
                mentions.append((match.start(), name))
        for match in _SURNAME.finditer(sentence):  # "Halloran campaigns on his record": Viktor Halloran again
            inside = any(start <= match.start() < end for start, end in spans + bodies)
            if (full := self._person_by_surname(match.group(0))) and not inside:
                mentions.append((match.start(), full))
        for _where, name in sorted(mentions):
            self._met(name)

    def _may_be_body(self, name: str) -> bool:
        """Not a pronoun, a day, someone with a title or an honorific, nor the paper itself."""
        words = name.split()
        return not (
            words[0].lower() in PRONOUNS
            or words[0] in LEAD_WORDS
            or DATE_WORD.match(words[0])
            or any(w.lower() in ROLE_WORDS for w in words)
            or words[-1] in self.gender
            or (len(words) == 1 and name not in self.proper)
            or (self.outlet and name.lower() in self.outlet)
        )

    @property
    def last_person(self) -> str | None:
        return self.people[-1] if self.people else None

    def _met(self, name: str) -> None:
        self.people.append(name)

    def _person_for(self, pronoun: str) -> str | None:
        """ "She": the last person named who is not known to be a man ("Mr Birtwistle"), and the
        other way round for "he"."""
        other = "m" if pronoun == "she" else "f"
        for name in reversed(self.people):
            if self.gender.get(name.split()[-1]) != other:
                return name
        return self.last_person

    def _initials(self, word: str) -> str:
        return self.full.get(word, word) if len(word) > 1 and word.isupper() else word

    def is_organisation(self, name: str) -> bool:
        """An organisation by its name ("Labor Department") or because the article says it is one."""
        return organisation(name) or name in self.bodies

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
        if phrase == ONE_OF_THEM:  # one of the "two diplomats familiar with the negotiations": a diplomat …
            return one_of(self.last_group) if self.last_group else phrase  # kept, though undescribed
        if phrase.lower() in PRONOUNS:
            if phrase.lower() == "it":  # "it said": the body that acted in the sentence before, else the last heard
                if self.previous_actor and not self._is_person(self.previous_actor):
                    self.last_organisation = self.previous_actor
                return self.last_organisation
            return self._person_for(phrase.lower()) if phrase.lower() in ("he", "she") else None
        if self.stated_by and _THE_STATEMENT.fullmatch(phrase.strip()):  # "the statement said": whoever issued it
            return self.stated_by
        if self.researchers and STUDY_AUTHORS.fullmatch(phrase.strip()):  # "the authors said"
            return self.researchers
        if holder := holder_of(phrase, self.holders):  # "The chief executive of Tri-County Power": Dana Holloway
            self._met(holder)
            return holder
        if author := self.author_of(phrase):  # "the report": whoever wrote it
            return author
        voice = _VOICE.fullmatch(phrase.strip())  # "a council spokesperson": the council the article named
        if voice and len(named := self.organisations.get(voice.group("head"), set())) == 1:
            phrase = next(iter(named))
        alias = re.fullmatch(r"(?:[Tt]he\s+)?(?P<head>[a-z]+)", phrase.strip())
        if alias:  # "the minister", "the department": the one the article named so
            head = alias.group("head")
            if head in self.groups:
                return self.groups[head]
            known = self.roles.get(head) or self.organisations.get(head) or set()
            if not known and head in ALIASES:
                known = self.organisations.get(ALIASES[head]) or set()
            if len(known) == 1:
                name = next(iter(known))
                if " " in name and not organisation(name):
                    self._met(name)
                elif organisation(name) or head in self.organisations:
                    self.last_organisation = name
                return name
            if not known and re.fullmatch(_BODY_NOUNS, head):  # "the company", after its spokesperson spoke
                last = self.last_organisation
                if last in self.bodies and of_kind(last, head) and family(self.kinds.get(last, head)) == family(head):
                    return self.last_organisation
                only = self.bodies[0] if len(set(self.bodies)) == 1 else None
                if only and family(self.kinds.get(only, head)) == family(head):
                    return only
                if actor := self.last_actor:  # "Westshire Water announced … The company said": it is one
                    self.bodies.append(actor)
                    self.kinds.setdefault(actor, head)
                    self.last_organisation = actor
                    return actor
        name = person_name(phrase)
        if name.isupper():  # "the UN" named "the United Nations" before
            name = " ".join(self._initials(word) for word in name.split())
        if name in self.bodies:
            self.last_organisation = name
            return name
        if " " not in name and name in self.full:
            name = self.full[name]
        if " " in name and all(NAME_TOKEN.match(w) for w in name.split()) and not organisation(name):
            self._met(name)
        elif (organisation(name) or _unknown_single(name, self.full) or _BODY_IN_LOWER_CASE.search(name)) and not (
            self.outlet and name.lower() in self.outlet  # the paper is not "it"
        ):
            self.last_organisation = name  # "Nordvik told workers … It added that …"
        return name
