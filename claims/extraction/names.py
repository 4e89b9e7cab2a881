"""Who is speaking: the noun phrase before or after a reporting verb and the name in it without its
title ("U.S. Vice President Kamala Harris" → "Kamala Harris"). Who is who across the article is
`article_names`."""

import re

from claims.extraction.dates import DATE_WORD
from claims.extraction.rules import rule
from claims.extraction.vocabulary import (
    LEAD_WORDS,
    LOWER_JOINERS,
    NAME_TOKEN,
    ORGANISATION_HEADS,
    PRONOUNS,
    QUOTES,
    ROLE_WORDS,
    TICKER,
)

# "the national weather service", "their union" (the union named), "Portugal's government".
_DESCRIBED = re.compile(
    r"\b(?:(?:[Tt]he|[Tt]heir|[Ii]ts)\s+((?:[a-z][\w’'-]*\s+){0,3}[a-z][\w-]*)|"
    r"([A-Z][a-z]+[’']s\s+(?:[a-z][\w-]*\s+){0,2}(?:government|ministry|army|military|police|cabinet|"
    r"parliament|president|prime minister|central bank|health service|regulator|statistics office)))$"
)
FULL_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z’'-]+)+)\b")
_ORGANISATION = re.compile(rf"\b(?:{ORGANISATION_HEADS})\b")
# "a spokesperson for the force", "officials at the ministry": the organisation speaks.
_VOICE_OF = re.compile(
    r"^(?:an?\s+|the\s+|two\s+|several\s+)?(?:senior\s+|chief\s+|lead\s+)?(?:spokes(?:person|man|woman)|"
    r"representative|official|officials|press office|press officer|[a-z]{3,}(?:er|or|ist|ian|ant|ent)s?)\s+"
    r"(?:for|from|at|of|with)\s+(?P<organisation>(?:the\s+|[A-Z]).{1,79})$",
    re.I,
)
_DOER = re.compile(
    r"^(?:an?\s+|the\s+|two\s+|several\s+)?(?:senior\s+|chief\s+|lead\s+)?"
    r"(?!spokes|representative|official|press)[a-z]{3,}(?:er|or|ist|ian|ant|ent)s?\s",
    re.I,
)
_ANY_HEAD = re.compile(rf"\b(?:{ORGANISATION_HEADS})\b", re.I)
# Sources as the article describes them: "two people familiar with the matter", "a senior official",
# "police", "investigators".
_UNNAMED = re.compile(
    r"^(?!(?i:your|our|my)\b)(?i:an?\s+|one\s+|two\s+|three\s+|several\s+|some\s+|other\s+)?"
    r"(?P<source>(?:[\w’'-]+\s+){0,3}"
    r"(?i:sources?|officials?|spokes(?:person|man|woman)|people|persons?|diplomats?|insiders?|aides?|police|prosecutors|investigators|"
    r"authorities|researchers|scientists|doctors|experts|witnesses|residents|organi[sz]ers|officers|firefighters|"
    r"paramedics|rescuers|regulators|economists|analysts|lawyers|critics|opponents|supporters|campaigners|parents|"
    r"teachers|locals|farmers|workers|cooks|shoppers|fans|neighbou?rs|families|tenants|drivers|passengers|patients|"
    r"users|customers|voters|members|councillors|staff|employees|lawmakers|legislators|"
    r"[a-z]{3,}(?:ers|ors|ists|ians|ants|ents))"  # any who do something: "managers", "activists", "executives"
    r"(?:\s+(?:familiar with|close to|with knowledge of|briefed on|involved in|who)\b[^,]{0,80}|"
    r"\s+(?:of|at|from)\s+(?:the|their|its)\s+[^,]{1,60})?)$"  # "two former members of the group"
)
# "One of them, who asked not to be named because the talks are confidential, said": one of the
# people the article has just described ("two diplomats familiar with the negotiations").
_ONE_OF_THEM = re.compile(r"^(?i:one\s+of\s+them)(?:,\s+who\b[^,]{0,150},?)?$")
ONE_OF_THEM = "one of them"
_ONE_OF = re.compile(r"^(?i:one\s+of\s+(?:the|those)\s+)(?P<one>[a-z]+?)s$")
# "two of the people": some of a group the article described ("three people familiar with the matter").
_SOME_OF = re.compile(
    r"^(?i:(?:two|three|four|five|several|some|most|both|all)\s+of\s+(?:the|those)\s+)(?P<group>[a-z]+)$"
)
_SUBORDINATE = re.compile(r"(?:although|though|whereas|because|unless|even if|even though)\s", re.I)
_AUXILIARY = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can", "could"}
_POSTNOMINALS = {"MP", "MSP", "MEP", "KC", "QC", "OBE", "MBE", "CBE", "JP"}
# "Police in Arlen district", "officials in Kyiv": people described, or a body, and the place they
# speak for; not "Smith in January", "Biden in Warsaw on Tuesday", "Smith in Tuesday's debate".
_PLACED = re.compile(
    r"^(?P<who>[^,]{2,60}?)\s+in\s+(?P<place>(?:the\s+(?:port|city|town|village|province|region|county)\s+of\s+)?(?:the\s+)?[A-Z][\w-]*"
    r"(?:\s+(?!(?:on|at|in|during|after|before|for|with|from|of)\b)[A-Za-z][\w-]*){0,3})$"
)
# "the government's chief scientific adviser, Sir Patrick Vallance": someone's role, then who holds it.
_OWNERS_ROLE = re.compile(
    r"^(?:the|its|their|his|her)\s+[a-z][\w-]*['’]s\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*,\s+(?=[A-Z])"
)
_PREPOSITIONS = {"on", "in", "at", "during", "after", "before", "to", "that", "last", "this", "by", "with", "from"}
_NOT_DESCRIPTIONS = _PREPOSITIONS | {"of", "for", "and", "or", "but", "who", "which", "when", "while", "where", "as"}
# A comma inside a number ("4,300") does not end an aside.
_APPOSITIVE = re.compile(
    r"^(?P<head>(?:[^,]|,(?=\S)){1,80}?),\s+(?P<aside>(?:[^,]|,(?=\S)){1,100}(?:,\s+(?:[^,]|,(?=\S)){1,60})?),?$"
)
# "Graham Pettifer, 54, of Ashdown Road, Kingsmere,": the age and the address describe the one named.
_AGE_AND_ADDRESS = re.compile(r",\s+\d{1,3},(?:\s+(?:of|from)\s+[^,]{2,60}(?:,\s+[A-Z][\w’'-]+){0,2},?)?")
# "…, who asked not to be named because they were not authorised to speak": an aside that closes the phrase.
_WHO_ASIDE = re.compile(r",\s+(?:who|which)\s[^,]{1,150}$")
# A body by its name and what it is, in lower case: "The RMT union", "the Unite union".
_NAMED_BODY = re.compile(
    rf"^(?:[Tt]he\s+)?(?:(?!The\b)[A-Z][\w&’'.-]*,?\s+(?:and\s+)?){{1,5}}(?:{ORGANISATION_HEADS.lower()})$"
)
_OWNED_VOICE = re.compile(r"^(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*[’']s\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*$")
# A body's name, what someone is there in lower case, then their name: not "Hartsfield signed striker Kofi Osei".
_ORGANISATIONS_ROLE = re.compile(
    r"^(?:[Tt]he\s+)?(?:[A-Z][\w&’'.-]*\s+(?:(?:and|of|for)\s+)?){1,6}(?:(?![a-z]+ed\b)[a-z][\w-]*\s+){1,3}"
    r"(?P<name>[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2})$"
)
_OWNED_ROLE = re.compile(r"^[A-Z][\w.&-]*[’']s\s+[a-z]")
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
    cited_source="Data from the Office for National Statistics",
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
    "age-and-address",
    "Graham Pettifer, 54, of Ashdown Road, Kingsmere, said the warehouse had been locked on Jan. 14.",
    claimant="Graham Pettifer",
)
rule(
    "names",
    "what-it-is-before-its-name",
    "The cycling charity Safer Wheels said it had recorded at least 40 cases since 2020.",
    claimant="Safer Wheels",
)
rule(
    "names",
    "one-of-the-officials",
    "One of the officials said government troops had retaken four villages since Saturday.",
    claimant="official",
)
rule(
    "names",
    "someone-of-an-organisation",
    "An Ostrian interior ministry official said about 9,000 refugees had crossed in the past month.",
    claimant="Ostrian interior ministry official",
)
rule(
    "names",
    "name-then-what-they-are",
    "Carol Whitfield, head of Millbrook Primary, said 12 pupils had arrived without breakfast.",
    claimant="Carol Whitfield",
)
rule(
    "names",
    "a-month-is-no-one",
    "Internal minutes from a meeting in May show that the board was told of the 14 falsified images.",
    claimant="Example Post",
)
rule(
    "names",
    "role-then-name-after-a-quote",
    "“We have received 23 reports of overheating,” said Corvane's chief executive, Lena Marsh.",
    claimant="Lena Marsh",
)
rule(
    "names",
    "meanwhile-is-no-one",
    "Meanwhile, the minister said 4,000 troops would be sent in May.",
    claimant="minister",
)
rule(
    "names",
    "overnight-is-no-one",
    "Overnight, the ministry said 14 drones had been shot down.",
    claimant="ministry",
)
rule("names", "described-group", "Police said a 34-year-old man had been arrested in Leeds.", claimant="Police")
rule(
    "names",
    "described-group-of-any-calling",
    "Opposition lawmakers said the warning had been issued six hours late.",
    claimant="Opposition lawmakers",
)
rule(
    "names",
    "unnamed-source-opening-the-sentence",
    "People familiar with the matter said the bank had lost £80 million on the trade.",
    claimant="People familiar with the matter",
)
rule(
    "names",
    "members-of-a-group",
    "Two former members of the group said they had been paid £500 a week in 2024.",
    claimant="former members of the group",
)
rule(
    "names",
    "unnamed-source-with-an-aside",
    "A senior official at the fund, who asked not to be named because they were not authorised to speak publicly, "
    "said the fund had paid £2 million to the university.",
    claimant="fund",
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
    if taken and any(NAME_TOKEN.match(t) for t in taken) and not DATE_WORD.fullmatch(taken[0]):
        return " ".join(reversed(taken))  # … but "a meeting in May" names no one
    described = _DESCRIBED.search(" ".join(words))
    if described and not _AUXILIARY.intersection((found := described.group(1) or described.group(2)).split()):
        return found  # "the national weather service", not "the findings were first"
    return None


def speaker_after(text: str) -> str | None:
    """The name that follows an inverted verb: "…," said meteorologist Anna Kraft, "…," said the
    group's chair, Martin Ogunleye."""
    if owned := _OWNERS_ROLE.match(text.strip()):
        return speaker_after(text.strip()[owned.end() :])
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
    for index, word in enumerate(words):
        bare = word.strip(QUOTES + ",;:")
        core = bare.rstrip(".")
        abbreviation = bare.lower() in ROLE_WORDS or len(core) == 1
        if NAME_TOKEN.match(core) or abbreviation or core.lower() in ROLE_WORDS or (core in LOWER_JOINERS and taken):
            taken.append(bare if abbreviation else core)
            if word.endswith((",", ";", ":")) or (word.endswith(".") and not abbreviation):
                if word.endswith(",") and taken[-1].lower() in ROLE_WORDS:  # "Corvane's chief executive, Lena Marsh"
                    named = speaker_after(" ".join(words[index + 1 :]))
                    if named and " " in named and not organisation(named):
                        return named
                break
            continue
        break
    return " ".join(taken) or None


def subject(phrase: str) -> str | None:
    """The speaker when the whole phrase names one: a name with its titles, an organisation, a
    described source, a pronoun, "a spokesperson for X" (X), or a name with an aside ("Smith,
    54," or "Her coach, Sam Okafor,")."""
    closed = phrase.strip().endswith(",")  # "Unison, the public-service union, said": the aside closes
    phrase = TICKER.sub("", _AGE_AND_ADDRESS.sub("", phrase.strip())).rstrip(",;:").strip()
    if (aside := _WHO_ASIDE.search(phrase)) and not _ONE_OF_THEM.match(phrase):
        phrase = phrase[: aside.start()]  # "A senior official at the fund, who asked not to be named,"
    if not phrase or phrase.split()[-1].lower() in _AUXILIARY:  # "Workers at the plant were told …": passive
        return None
    if _SUBORDINATE.match(phrase):  # "…, although experts say …": a clause of its own, not a speaker
        return None
    if _NAMED_BODY.match(phrase):  # "The RMT union", "the Bakery, Confectionery and Tobacco Workers union"
        return phrase
    if _ONE_OF_THEM.match(phrase):  # "One of them, who asked not to be named,": of the group just described
        return ONE_OF_THEM
    if (match := _VOICE_OF.match(phrase)) and _voice_of_a_body(match):
        return subject(match.group("organisation")) or match.group("organisation").strip()
    if match := _APPOSITIVE.match(phrase):
        head, aside = match.group("head").strip(), match.group("aside").strip().rstrip(",")
        head_speaker, aside_speaker = _whole(head), _whole(aside)
        led = head.split()[0] in LEAD_WORDS  # "Meanwhile, the minister": a lead-in, not a name
        # not "Overnight, the ministry"; "GCT’s finance director" describes as "the finance director" does
        described = (aside[:1].islower() or bool(_OWNED_ROLE.match(aside))) and (closed or len(head.split()) > 1)
        # "Gail Oduya, Unison branch secretary at the hospital,": a role, though a name opens it
        role = (  # "Leader of Hale District Council": a role in a body describes the one named before it
            (not aside_speaker or (aside.split()[0].lower() in ROLE_WORDS and organisation(aside_speaker)))
            and "," not in aside
            and NAME_TOKEN.match(head.split()[0]) is not None
            and any(w.lower() in ROLE_WORDS for w in aside.split()[:4])
        )
        if (
            head_speaker
            and not led
            and (_DESCRIPTION.match(aside) or role or described)
            and (not aside_speaker or described or role)
        ):
            return head_speaker  # "Unison, the public-service union,", "Carol Whitfield, head of Millbrook Primary,"
        if aside_speaker and aside_speaker.lower() not in PRONOUNS and _DESCRIPTION.match(head):
            return aside_speaker
        return None  # "Earlier, U.S. Vice President Kamala Harris": read from the end instead
    if _OWNED_VOICE.match(phrase):  # "Carver's campaign", "Brantwell's lawyers": who speaks for someone named
        return phrase
    if match := _ONE_OF.match(phrase):  # "One of the officials": an official
        return match.group("one")
    if match := _SOME_OF.match(phrase):  # "two of the people": the people described
        return match.group("group")
    if match := _UNNAMED.match(phrase):
        return match.group("source")
    if (
        (match := _PLACED.match(phrase))
        and not DATE_WORD.match(match.group("place"))
        and (who := subject(match.group("who")))
        and ((_UNNAMED.match(who) and len(who.split()) <= 3) or organisation(who))
    ):
        return f"{who} in {match.group('place')}"  # "police in Arlen district": the police of a place
    return _whole(phrase)


def _voice_of_a_body(match: re.Match) -> bool:
    """ "A forecaster at the Met Office" speaks for it, "passengers at the terminal" for no one but themselves:
    one described by what they do speaks for a body the article names as one; a spokesperson, for any."""
    if not _DOER.match(match.group(0)):
        return True
    return bool(re.search(r"\b[A-Z]", match.group("organisation")) or _ANY_HEAD.search(match.group("organisation")))


def _whole(phrase: str) -> str | None:
    if named := _ORGANISATIONS_ROLE.match(phrase):  # "Westland Fire and Rescue Service incident controller Kerry Mbeki"
        return named.group("name")
    words = phrase.split()
    found = speaker_before(words)
    if found and len(words) <= len(found.split()) + 1:
        return found
    if found and NAME_TOKEN.match(found.split()[0]) and _described(words[: len(words) - len(found.split())]):
        return found  # "the cycling charity Safer Wheels", "Delivery app Parcelwise"
    return None


def _described(words: list[str]) -> bool:
    """Words that say what the one named next is: "the cycling charity", "Rail operator"."""
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not 1 <= len(words) <= 3 or not words[-1].islower():
        return False
    return all(re.fullmatch(r"[A-Za-z][a-z-]+", w) and w.lower() not in _NOT_DESCRIPTIONS for w in words)


def person_name(phrase: str) -> str:
    """The name in a phrase with its title: "U.S. Vice President Kamala Harris" → "Kamala
    Harris"; "the Kremlin" → "Kremlin"; "Kremlin-controlled news agency TASS" → "TASS"."""
    words = re.sub(
        r"^(?:both|the|a|an)\s+(?:rival|fellow|local|former)?\s*|^(?:rival|fellow|local)\s+",
        "",
        phrase.strip(),
        flags=re.I,
    ).split()
    while len(words) > 2 and words[-1].strip(",") in _POSTNOMINALS:  # "Ruth Kellerman MP", "Rebecca Lyall KC"
        words.pop()
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
