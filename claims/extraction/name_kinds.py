"""What kind of body a name is, as an article calls it: "the company" may be a retailer, not a council; "one of
them" is one of the group the article described."""

import re

from claims.extraction.vocabulary import ORGANISATION_HEADS

# Words for a company: "Rail operator Nordbahn", "Delivery app Parcelwise", "the firm".
COMPANY_WORDS = (
    "company|firm|app|business|group|operator|owner|developer|utility|insurer|airline|retailer|supplier|contractor|"
    "manufacturer|lender|bank|landlord|employer|maker|producer|provider|chain|brand|publisher|platform|"
    "conglomerate|startup|start-up|broadcaster|newspaper|carrier"
)
ALIASES = {"force": "police", "firm": "company", "utility": "water", "watchdog": "regulator"}
COMPANIES = set(COMPANY_WORDS.split("|"))
# "the federation", "the company": a body called by its kind.
_THE_KIND = re.compile(rf"\bthe\s+(?:{ORGANISATION_HEADS.lower()}|{COMPANY_WORDS})\b")


def body_named_in(text: str, names) -> str | None:
    """The organisation a sentence calls by its kind, as the article named it: "Membership of the federation
    has fallen …, its annual report shows" speaks of the federation's report."""
    for match in _THE_KIND.finditer(text):
        if (who := names.resolve(match.group(0))) and names.is_organisation(who):
            return who
    return None


def family(noun: str) -> str:
    """Kinds of organisation an article may call by one another's name: a retailer is "the company"."""
    return "company" if noun in COMPANIES else {"side": "club", "watchdog": "regulator"}.get(noun, noun)


def of_kind(name: str, noun: str) -> bool:
    """Whether an organisation may be called "the <noun>": "the company" is not a council."""
    heads = [head.lower() for head in re.findall(rf"\b(?:{ORGANISATION_HEADS})\b", name)]
    return not heads or noun in heads or ALIASES.get(noun) in heads


_SINGULAR = {"were": "was", "are": "is", "have": "has"}


def one_of(group: str) -> str:
    """One of a group: "diplomats familiar with the talks" → "diplomat familiar with the talks"."""
    noun, _, rest = group.partition(" ")
    one = {"people": "person", "staff": "staff member"}.get(noun.lower(), noun[:-1] if noun.endswith("s") else noun)
    rest = re.sub(r"^(who|that) (were|are|have)\b", lambda m: f"{m[1]} {_SINGULAR[m[2]]}", rest)
    return f"{one} {rest}".strip()


def without_the(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip(), flags=re.I)


# A claim that opens with a body called by its kind ("The council now looks after 563 children"), where
# the kind is followed by the claim's verb or the body's possessive, not by a noun of its own ("The council
# tax rose", "The union members voted" stay as they are).
_THE_KIND_OPENS = re.compile(
    rf"^[Tt]he\s+(?P<kind>{ORGANISATION_HEADS.lower()}|{COMPANY_WORDS})(?=['’]s\b|\s+(?:[a-z]+ed|[a-z]+[^s]s|"
    r"has|had|is|was|will|would|can|could|may|might|must|should|does|did|now|also|still|already|only|"
    r"never|then|first|last|plans|says|said|spent|paid|lost|made|took|gave|sold|set|cut|put|won|kept|held|"
    r"began|grew|fell|rose|went|came|told|wrote|sent|built|bought|brought|ran|met|owns|employs)\b)"
)


def named_subject(claim: str, names) -> str:
    """A claim's opening "the council" as the one council the article names ("Ashbury Borough Council"),
    so that the claim stands on its own; kept as written when the article names none, or several."""
    match = _THE_KIND_OPENS.match(claim)
    if not match:
        return claim
    kind = match.group("kind")
    kinds = {kind, ALIASES.get(kind, kind)}
    # Named with the kind in its name ("Ashbury Borough Council", "Ministry of Infrastructure"): a body
    # the article only describes as one ("Parcelink, the delivery firm") may not be the only one of its kind.
    known = {
        name
        for word in kinds
        for name in names.organisations.get(word, ())
        if len(name.split()) > 1 and kinds & {w.lower() for w in re.findall(r"[\w-]+", name)}
    }
    if len(known) != 1:
        return claim
    return next(iter(known)) + claim[match.end("kind") :]
