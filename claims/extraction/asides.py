"""Facts an article adds in passing, in a relative clause or a participle set off by commas ("Ferreira,
who took over as chief executive in April 2025, …", "… since the Tarn Valley fire of 2019, which burned
11,800 hectares."), and the claim they leave once taken out of it."""

import re

from claims.extraction.claim_text import is_clause
from claims.extraction.dates import MONTH
from claims.extraction.rules import rule
from claims.extraction.vocabulary import DOUBLE_QUOTES, NEWS_PAST

# "Ferreira, who took over as chief executive in April 2025,": a fact about someone named, in passing.
_ASIDE_FACT = re.compile(
    rf"(?<![\w’'.-])(?P<head>(?:(?:The|the)\s+)?(?:[A-Z][\w’'.-]*\s+){{0,4}}[A-Z][\w’'.-]*),\s+(?:who|which)\s+"
    rf"(?P<fact>(?:has|have|had|was|were)\s+[^,{DOUBLE_QUOTES}]{{8,140}}|"
    rf"(?:[a-z]+ed|{NEWS_PAST}|runs|owns|leads|chairs|heads|manages|employs|represents)\s+[^,{DOUBLE_QUOTES}]{{8,140}})"
    rf"(?:,|\.$)"
)
# "The WarmHomes scheme, launched in 2019, pays …": when something named began, in passing.
_ASIDE_SINCE = re.compile(
    r"(?<![\w’'.-])(?P<head>(?:(?:The|the)\s+)?(?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'.-]*(?:\s+[a-z]+)?),\s+"
    r"(?P<fact>(?:launched|founded|opened|built|set up|created|established|introduced|formed|elected|appointed)"
    r"\s+(?:in|on)\s+[^,]{3,40}),"
)
_ASIDE_DETAIL = re.compile(rf"\d|\b{MONTH}(?!\w)")
# ", which was approved by the city council in 2022,": a clause about the one just named, between commas
# or ending the sentence; "which means …" and "which is why …" speak of the whole sentence instead, and
# in "…, which it put at £3.8m" the clause has a subject of its own. Closing the sentence, it may end in
# what its figure comes to ("…, which rose from 312 to 441, a 41% increase.").
# It closes before a verb or a clause of its own, not before more about the same one ("…, which has spent
# £140m, the most of any club" and "…, which is run by the trust, Active Port Ellery, …" are left whole).
_RELATIVE_ASIDE = re.compile(
    rf",\s+(?P<pronoun>who|which|whose)\s+(?!means\b|is why\b|(?:it|he|she|they|we|I|you)\b)"
    rf"(?P<predicate>[^,;{DOUBLE_QUOTES}]{{3,160}}?(?:,\s+an?\s[^,;{DOUBLE_QUOTES}]{{1,60}}(?=\.?$))?)"
    rf"(?:,(?=\s+(?!(?:the|a|an)\b)[a-z])|(?=\.?$))"
)
# The noun phrase a relative clause is about: from its determiner, through "of" but no other joining
# word ("… since the Tarn Valley fire of 2019", "the report to the committee, which" is the committee);
# someone named, for "who". Not a figure ("rose to £112m, which is 84% of …"), nor a bare noun.
_LINKS = r"(?:to|in|on|at|for|from|by|with|since|after|before|than|and|or|that|who|which|is|was|were|are)"
_ANTECEDENT = re.compile(
    rf"(?<![\w’'.-])(?P<head>(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Tt]his|[Tt]hat)"
    rf"(?:\s+(?!{_LINKS}\b)[\w’'.-]+){{1,6}})$"
)
# "carjackings in Port Hollis, which rose …": things of a kind, and the place they are counted in.
_COUNTED = re.compile(
    r"(?<![\w’'.-])(?P<head>[a-z][\w-]*s(?:\s+(?:in|at)\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})?)$"
)
_NAMED = re.compile(r"(?<![\w’'.-])(?P<head>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3})$")
_NEXT_CLAUSE = re.compile(r"\s+(?:and|but)\s")

rule(
    "claims",
    "a-fact-in-passing",
    "Ferreira, who took over as chief executive in April 2025, has been under pressure from investors.",
    text="Ferreira took over as chief executive in April 2025.",
    claimant="Example Post",
)
rule(
    "claims",
    "when-it-began-in-passing",
    "The WarmHomes scheme, launched in 2019, pays up to £7,500 towards insulation for low-income households.",
    text="The WarmHomes scheme was launched in 2019.",
    claimant="Example Post",
)
rule(
    "claims",
    "what-the-last-named-did-in-passing",
    "It is the largest fire in the region since the Tarn Valley fire of 2019, which destroyed 37 homes.",
    text="The Tarn Valley fire of 2019 destroyed 37 homes.",
)
rule(
    "claims",
    "the-claim-without-its-aside",
    "The 6.8-kilometre line, which was approved by the city council in 2022, had been due to open in 2027.",
    text="The 6.8-kilometre line had been due to open in 2027.",
)
rule(
    "claims",
    "the-claim-without-its-closing-aside",
    "The case was referred to the Court of Appeal under the unduly lenient sentence scheme, which allows law "
    "officers to ask for sentences to be reviewed.",
    text="The case was referred to the Court of Appeal under the unduly lenient sentence scheme.",
)
rule(
    "claims",
    "an-aside-in-reported-speech-is-the-speakers",
    "Prosecutors said Gordon Haig, who has run care homes in the county since 2015, took £1.3 million from residents.",
    text="Gordon Haig has run care homes in the county since 2015.",
    claimant="Prosecutors",
)

rule(
    "claims",
    "things-counted-somewhere-in-passing",
    "Carver's campaign told reporters the figure referred to carjackings in Port Hollis, which rose from 312 in "
    "2022 to 441 in 2025, a 41% increase.",
    text="Carjackings in Port Hollis rose from 312 in 2022 to 441 in 2025, a 41% increase.",
    claimant="Carver's campaign",
)

rule(
    "claims",
    "the-setting-of-a-fact-in-passing-is-no-claim",
    "Households on low incomes can apply for a social tariff, which caps bills at £300 a year.",
    text="A social tariff caps bills at £300 a year.",
    only=True,
)


def aside_facts(sentence: str) -> list[str]:
    """The facts with a figure or a date that a sentence adds in passing about someone or something
    it names by name, each as a clause of its own ("Ferreira took over as chief executive in April
    2025"), in the speaker's words too ("The European Union, which has funded …, said")."""
    found = [(m.group("head"), m.group("fact")) for m in _ASIDE_FACT.finditer(sentence)]
    found += [(m.group("head"), f"was {m.group('fact')}") for m in _ASIDE_SINCE.finditer(sentence)]
    facts = [
        f"{re.sub(r'^The ', 'the ', head)} {fact.rstrip('.')}" for head, fact in found if _ASIDE_DETAIL.search(fact)
    ]
    return list(dict.fromkeys(facts))


def split_asides(content: str, reported: bool = True) -> list[str]:
    """The claim without the clauses it adds about what it names, then each of those that has a
    figure or a date as a claim of its own: "The line, which was approved in 2022, had been due to
    open in 2027" gives "The line had been due to open in 2027" and "The line was approved in 2022".
    In the article's own voice (not `reported`), what is left without a figure or a date is the
    setting of the fact, not a claim ("Households can apply for a social tariff, which caps bills at
    £300 a year")."""
    kept, facts, at = [], [], 0
    for match in _RELATIVE_ASIDE.finditer(content):
        named = _NAMED.search(content, 0, match.start()) if match.group("pronoun") == "who" else None
        head = named or _ANTECEDENT.search(content, 0, match.start()) or _COUNTED.search(content, 0, match.start())
        if not head:
            continue
        # "…1,064, which is a reduction of 5%, and every one …": the comma before the next clause stays.
        kept += [content[at : match.start()], "," if _NEXT_CLAUSE.match(content, match.end()) else ""]
        at = match.end()
        if _ASIDE_DETAIL.search(predicate := match.group("predicate")):
            owner = "’s" if match.group("pronoun") == "whose" else ""
            facts.append(f"{head.group('head')}{owner} {predicate}")
    main = "".join(kept) + content[at:]
    if facts and not reported and not _ASIDE_DETAIL.search(main):
        return facts
    return [main if is_clause(main) else content, *facts]
