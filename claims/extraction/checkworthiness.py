"""What is worth checking: a full sentence of prose that asserts a fact, not speculation, a
forecast, an opinion, a question or page furniture; and a score from 0 to 1."""

import re

from claims.extraction import worth_examples  # noqa: F401  (registers the rules)
from claims.extraction.dates import MONTH, WEEKDAY
from claims.extraction.rules import rule
from claims.extraction.vocabulary import NEWS_PAST, QUOTES

_SPECULATIVE = re.compile(
    r"\b(?:speculat\w*|rumou?r\w*|predict\w*|forecast\w*|expect(?:s|ed|ing)?|could have|guess\w*|wonder\w*|"
    r"suspect\w*|believ\w*|think\w*|thought|feel\w*|fear\w*|hope\w*|(?-i:may|might)|perhaps|possibly|likely|"
    r"probably|reportedly)\b",
    re.I,
)
# "The ministry has cut its forecast for the harvest to 2.1 million tonnes from the 2.6 million it had forecast":
# a forecast revised is a published figure, not a guess.
_REVISION = re.compile(
    r"\b(?:cut|cuts|raised|raises|lowered|lowers|revised|revises|trimmed|lifted)\s+(?:its|their|the)\s+"
    r"(?:[\w-]+\s+){0,2}forecasts?\b",
    re.I,
)
_REVISED_FORECAST = re.compile(r"\bforecast(?:s|ed)?\b", re.I)
_FUTURE = re.compile(r"\b(?:will|would|shall|won[’']t|wouldn[’']t|going to|'ll|’ll)\b", re.I)
# Counts in words, from two to thousands: "Fourteen people", "dozens of homes".
_COUNTS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    "eighteen|nineteen|twenty|thirty|forty|fifty|hundreds?|thousands?|dozens?"
)
# What a forecast predicts: a market, a figure or a condition moving. "Prices will rise next year" is a
# forecast; "the line will open in September 2028" and "the programme would cost £95 million" are
# plans announced, checkable against what the one announcing them said.
_MOVEMENT = re.compile(
    r"\b(?:will|would|shall|going to|'ll|’ll)\s+(?:\w+ly\s+)?(?:continue to\s+)?(?:rise|fall|increase|decrease|grow|"
    r"shrink|decline|drop|climb|slow|save|rebound|recover|improve|worsen|double|halve|soar|plunge|slump|surge|ease|"
    r"pick up|peak|bottom out|stabili[sz]e|remain|stay|be (?:higher|lower|better|worse|stronger|weaker))\b"
    # "the line would remain closed until Saturday" is a state announced, not a movement foreseen
    r"(?!\s+(?:closed|open|shut|suspended|in place|in force|in custody|in service|out of service)\b)",
    re.I,
)
# A plan is announced with something to check it by: a figure, a date or a name.
_CONCRETE = re.compile(
    rf"\d|\b(?:{MONTH}|{WEEKDAY}|spring|summer|autumn|winter|next (?:week|month|year))(?!\w)|"
    rf"\b(?i:{_COUNTS})\s+(?:days?|weeks?|months?|years?)\b"  # "a new date within six weeks"
)
# A change someone sets rather than foresees: "will rise from £1.50 to £1.80 an hour", "will rise by
# 20% from January".
_SET_CHANGE = re.compile(
    rf"\bfrom\s+(?:[$£€]\s?\d[\d.,]*\s*(?:[a-z]+\s+)?to\s+[$£€]?\s?\d|(?:\d{{1,2}}\s+)?{MONTH}(?!\w)|{WEEKDAY})"
)
# "… would move production to its site in Poland": where, by name.
_PLACE = re.compile(r"\b(?:to|in|at|from)\s+(?:its\s+|the\s+|their\s+)?(?:[a-z]+\s+){0,3}[A-Z][a-z]")
_CONDITION = re.compile(r"\b(?:if|unless|should (?:\w+ ){0,3}(?:invade|attack|fail|refuse))\b", re.I)
_OPINION = re.compile(
    r"\b(?:should|must|ought|preferable|better|best|worst|good|bad|terrible|wonderful|great|shameful|disgrace\w*|"
    r"outrageous|ridiculous|absurd|unacceptable|in my (?:view|opinion)|I think|we think|beautiful|awful|"
    r"(?:I|we) have ever|optimistic|pessimistic|disappointing|encouraging|surprised|confident|convinced|proud|"
    r"too early to (?:tell|say)|let down|been here before|(?:I|we) (?:am|are) (?:aware|sorry|worried|concerned)|"
    r"expressed (?:concern|hope|regret|sympathy|condolences|anger|frustration|dismay|alarm)|"
    r"deserves?|deserved|heartbreaking|heartbroken|devastating|shocking|appall?ing|(?:am|are|is|was|were) "
    r"(?:devastated|shocked|appalled)|delighted|"
    r"thrilled|(?:is|are|was|were) (?:very |more than )?welcome|if (?:I|we) (?:said|told you|claimed))\b",
    re.I,
)
# What a speaker tells the listener to do ("Ask me again in five years", "Let's talk about the people
# affected"): no claim.
_IMPERATIVE = re.compile(
    r"^[“\"‘]?(?:Ask|Look|Come|Go|Tell|Give|Let|Let's|Let’s|Imagine|Think|Remember|Consider|Try|Wait|Watch|Listen|"
    r"Take|Don't|Don’t|Do not|Never|Just|Please|Check|Call|Stop|Keep)(?![\w’'-])"
    r"(?!\s+(?:is|are|was|were|has|have|had)\b)(?!\s+me\s+(?:be\s+clear|say|tell\s+you)\b)"
)
_BOILERPLATE = re.compile(
    r"\b(?:follow us|subscribe|newsletter|sign up|click here|read more|show more|all rights reserved|cookies?|"
    r"advertisement|share this|copyright|terms of (?:use|service)|privacy policy|download (?:our|the) app|"
    r"(?:did not|didn't|has not|hasn't|have not|had not) (?:immediately )?(?:respond|reply) to (?:a |repeated )?"
    r"requests? for comment|declined to comment|could not be reached for comment|"
    # what a transcript or a live page says of itself, and its thanks and welcomes
    r"(?:the following|below|what follows) (?:is|are) (?:an? )?(?:edited |abridged |full )?(?:transcript|excerpts?)|"
    r"here(?: is|'s|’s) what (?:you need|we know)|welcome to (?:our|the) (?:live|coverage)|that(?:'s|’s| is) it from|"
    r"thank you for (?:coming|joining|having)|back to you|(?:we're|we’re|we are) bringing you (?:the latest|live)|"
    # an interview's own arrangements: "She spoke to our health editor, Jo Bell, at her office on Thursday"
    r"(?:spoke|talked) to (?:our|this paper's|this newspaper's) (?:[\w-]+ ){0,3}(?:editor|reporter|correspondent)|"
    # a broadcast's own arrangements: "The Transport Minister, Fiona MacRae, is with me in the studio"
    r"(?:is|are) with (?:me|us) (?:in the studio|now|on the line|here)|joins (?:me|us) (?:now|from|in)|"
    # where its own people are (unless a figure is told with it), whom it asked, whom it will hear and who wrote in:
    # "Our correspondent Leah Moss is at Kings Cross", "was interviewed on Coast Live by presenter Jan Orr"
    r"our (?:[\w-]+ ){0,2}(?:correspondent|reporter|editor),? (?:[A-Z][\w’'-]+ ){1,2}(?:is|was) "
    r"(?:at|in|outside|with)(?!.*\d)|"
    r"(?:was|were) interviewed on (?:\S+ ){1,6}?by (?:the )?(?:presenter|our)|(?:we|I) (?:did )?ask(?:ed)? "
    r"(?:\S+ ){1,3}for an interview|(?:we'll|we’ll|we will|we're going to|we’re going to) hear from|"
    r"(?:listeners|viewers|readers) have been (?:in touch|writing in|getting in touch))\b|©",
    re.I,
)
# What a speaker says it will do itself: "it would seek a judicial review", "he would ask the state auditor".
_OWN_COMMITMENT = re.compile(
    r"^(?i:it|he|she|they)\s+(?:will|would|shall)\s+(?!be\b|have\b|do\b|keep\b|continue\b)[a-z]+"
)
# "the worst season on record" is a fact, "the worst decision" an opinion.
_RECORD = re.compile(
    r"\b(?:best|worst|highest|lowest|biggest|largest)\s+(?:\w+\s+){0,3}?"
    r"(?:on record|since records began|ever recorded)",
    re.I,
)
# Words that look like opinion but are not one: "best-selling", "great crested newts", "a great deal
# of", and an opinion someone else gave, reported as a fact ("had advised that it should not proceed").
_NOT_OPINION = re.compile(
    r"\b(?:best|worst|good|bad|great)-\w+|\bgreat\s+(?:crested|deal|majority|many|number)\b|"
    r"\b(?:advised|recommended|warned|argued|concluded|ruled|found|said|told \w+)\b(?:\s+\w+){0,6}?\s+that\b.*",
    re.I,
)
# General remarks, whoever makes them: "such cases are rare, but they do happen".
_GENERAL = re.compile(
    r"\b(?:are|is) (?:rare|common|uncommon|unusual|complex|difficult)\b|\bdo happen\b|\b(?:usually|generally|"
    r"typically|often|rarely|in general|tends? to)\b",
    re.I,
)
# The article's own voice states news when something happened or has happened: a past or perfect
# verb, or a charge standing ("is accused of"). A sentence in the present tense only is background.
_NEWS_VERB = re.compile(
    rf"\b(?:was|were|had|did|(?:has|have)\s+(?:(?:\w+ly|not|never|already|also|just|now|since|recently)\s+)?"
    rf"(?:been|\w+ed|\w{{2,}}en|done|gone|seen|shown|grown|known|worn|torn|sworn|drawn|flown|thrown|blown|begun|run|"
    rf"swum|sunk|hung|spread|{NEWS_PAST})|"
    rf"[a-z]{{2,}}ed|{NEWS_PAST}|(?:is|are) (?:accused|charged|suspected|wanted|due|scheduled|expected to appear)|"
    rf"now|currently|as of|so far|to date|stands? at)\b",
    re.I,
)
# A figure the article states as it stands now is news to check: "The total cost of the project is
# £112 million." A measure of nature is not ("Water boils at 100 degrees Celsius").
_FIGURE = re.compile(
    r"[$£€¥]\s?\d|\d(?:[.,]\d+)?\s?(?:%|per ?cent|million|billion|bn|m\b)|\b\d{1,3}(?:,\d{3})+\b|"
    rf"\b(?i:{_COUNTS}|\d{{2,}})\s+(?:[a-z-]+\s+)?(?:people|"
    r"patients|children|pupils|workers|jobs|homes|households|cases|deaths|residents|schools|staff|members|sites|"
    r"seats|beds|votes|branches|stores|shops|flights|vessels|ships|vehicles|buses|trains|routes|employees|officers|"
    r"doctors|nurses|teachers|students|farms|businesses|companies|firms|councillors|candidates|countries|hospitals|"
    r"clinics|plants|factories|properties|flats|houses|applications|complaints|arrests|licences|licenses)\b|"
    # a measure: "21 days to appeal", "the 11-hectare site", "12 kilometres of track"
    r"\b\d+(?:[.,]\d+)?[\s-](?:days?|weeks?|months?|years?|hours?|hectares?|acres?|kilometres?|kilometers?|miles?|"
    r"metres?|meters?|tonnes?|tons?|litres?|liters?|megawatts?|MW|km|mph)\b"
)
# A day named: "The rent cap comes into force on August 1."
_DAY = re.compile(rf"\b{MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{MONTH}(?!\w)")
# The article's advice to its readers is not a claim.
_ADVICE = re.compile(
    r"\b(?:have been|has been|are being|is being|are|is) (?:urged|asked|advised|encouraged) to\b", re.I
)

_WORTH = "check-worthiness"

# Conduct, done or not done: a past or perfect verb of action ("we have put extra patrols on", "were
# not accessed", "we were told"), not "was" or "is" with a noun or an adjective ("This was not an
# accident", "Trees are not a silver bullet").
_CONDUCT = re.compile(
    rf"\b(?:(?:has|have|had|was|were|is|are|been)\s+(?:(?:not|never|already|also|just|we|they|it|he|she)\s+)*"
    rf"(?:been\s+)?(?:[a-z]{{2,}}ed|\w{{2,}}en|{NEWS_PAST})|(?:did|do|does)\s+not\s+[a-z]+|"
    rf"(?<!\bhas )(?<!\bhave )(?<!\bhad )[a-z]{{2,}}ed|{NEWS_PAST})\b"
)


def states_conduct(text: str) -> bool:
    """What someone did or did not do, which a quotation may claim without a figure or a name."""
    return bool(_CONDUCT.search(text))


_NUMBER_WORDS = re.compile(
    rf"\b(?:one|{_COUNTS}|million|billion|half|third|quarter|first|second|last|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|record|fastest|slowest|highest|lowest|largest|smallest)\b",
    re.I,
)
_NOT_PROPER = {"The", "A", "An", "It", "He", "She", "They", "We", "I", "This", "That", "These", "Those", "There", "Its"}
_NOT_PROPER |= {"Both", "No", "None", "Most", "Some", "All", "Nobody", "But", "Our", "Their", "His", "Her", "Many"}


def is_specific(text: str) -> bool:
    """Something in it to check against: a figure, a name, a date, a count in words."""
    words = text.split()
    if not words or re.search(r"\d", text) or _NUMBER_WORDS.search(text):
        return True
    if any(re.match(r"[A-Z][a-z]", word) for word in words[1:]):
        return True
    return bool(re.match(r"[A-Z][a-z]+", words[0])) and words[0] not in _NOT_PROPER


rule(_WORTH, "nothing-to-check-in-the-articles-voice", "The labour market itself continued to soften.", nothing=True)


# Someone's stance told in the article's voice, with nothing in it to check but the stance: "Outside
# experts welcomed the findings but urged caution", "The millers' association criticised the decision", "The
# supporters' trust called the increase indefensible", "Vahl did not respond to questions about that
# allegation", "Parcelwise declined to name the contractor".
_REACTION = re.compile(
    r"^(?:[\w’'.-]+,?\s+){1,8}?(?:(?:has|have|had)\s+)?(?:also\s+)?(?:"
    r"declined\s+to\s|(?:did|does|has|have)\s+not\s+(?:yet\s+)?respond(?:ed)?\s+to\s|"
    r"(?:rejected|welcomed|backed|dismissed|criticised|criticized|condemned|praised)\s+(?:the|that|this|these|those|its|"
    r"their|his|her)\s+[\w-]+\s*(?:[.,]|but\b|$)|"
    r"called\s+(?:it|them|that|this|the\s+[\w-]+)\s+[“\"‘]?(?:[\w-]+\s+)?[\w-]+[”\"’]?\.[”\"’]?$)"
)


# A feature's scene, set in the article's voice: "On a cold morning in February, Tom Aldridge knelt on the bank
# …", "At half past five on a grey morning in August, the tide is already draining out …".
_SCENE = re.compile(
    r"^(?:On|At)\s+(?:[^,]{0,40}\s)?(?:a|an|one)\s+(?:cold|grey|gray|wet|bright|warm|hot|chilly|foggy|misty|windy|"
    r"sunny|crisp|damp|dark|clear|rainy|frosty|freezing|quiet|still|sweltering|humid|blustery)\s+"
    r"(?:[A-Z][a-z]+\s+)?(?:morning|afternoon|evening|night|day)\b"
)


def is_background(content: str) -> bool:
    """Said in the article's own voice without anything having happened: general knowledge, a
    description of how things are, advice to readers, someone's stance with nothing else in it."""
    if _ADVICE.search(content) or _REACTION.match(content) or _SCENE.match(content):
        return True
    if _FUTURE.search(content) and _announced_plan(content, ""):  # "The depot will close on Friday": a plan set
        return False
    return not _NEWS_VERB.search(content) and not _FIGURE.search(content) and not _DAY.search(content)


# A short sentence is a claim when it counts something: "Three patients died in 2025."
_COUNTED = re.compile(rf"\d|\b(?:{_COUNTS})\b", re.I)
_CALL_TO_ACTION = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}\s*[—–-]\s*)?(?:Follow|Subscribe|Sign|Click|Read|Share|Watch|Listen|Join|Download|Get|Please)\b"
)
_FIGURES = re.compile(r"\b(?:percent|per cent|%|million|billion|thousand|troops|soldiers|people|cases|deaths)\b", re.I)


# A question's preamble in a hearing or an interview: "Dr Faraday, you lead the authority's science team."
_ADDRESSED = re.compile(r"^(?:[A-Z][\w.’'-]*\s+){0,2}[A-Z][\w’'-]*,\s+(?:[^,]{0,80}\s)?(?:you|your)\b")


# A count that is the whole subject of a short sentence: "Two councillors abstained.", "40 jobs went."
_COUNTED_SUBJECT = re.compile(rf"^(?:\d[\d,]*|(?i:{_COUNTS}))\s+[a-z-]+\s+[a-z-]+[.!]$")


def long_enough(text: str) -> bool:
    """Words enough for a claim: six, four when something is counted, three when a count is its subject."""
    words = text.split()
    return len(words) >= 6 or (len(words) >= 4 and bool(_COUNTED.search(text))) or bool(_COUNTED_SUBJECT.match(text))


def too_short(claim: str) -> bool:
    """Fewer than four words, unless a count is the subject."""
    return len(claim.split()) < 4 and not _COUNTED_SUBJECT.match(claim)


def is_statement(sentence: str) -> bool:
    """A full sentence of prose: ends as a sentence does, has enough words and is not a question
    or page furniture (headlines, captions, "Follow us on …")."""
    return (
        long_enough(sentence)
        and sentence.rstrip(QUOTES + " ").endswith((".", "!"))
        and not _BOILERPLATE.search(sentence)
        and not _CALL_TO_ACTION.match(sentence)
        and not _ADDRESSED.match(sentence)
    )


# What rules, a plan or a law require or allow, said as such: "Under its local plan it must deliver 6,800
# homes by 2035", "Under the league's profitability and sustainability rules, clubs may lose no more than £105m".
_UNDER_RULES = re.compile(
    r"^Under\s+(?:the|its|their|a|an|this|that)\s+(?:[\w’'-]+\s+){0,5}?(?:rules?|plan|law|Act|act|agreement|scheme|"
    r"regulations?|guidelines?|contract|terms|deal|policy|treaty|constitution|licence|license|code)\b"
)
_RULED_MODAL = re.compile(r"\b(?:must|may|can|cannot|can[’']t)\b")


def _announced_plan(content: str, verb: str) -> bool:
    """A plan, schedule or commitment stated as fact by whoever announces it ("the plant will close
    in June", "the loan will be repaid over 30 years", "it would seek a judicial review"), not a
    prediction of how things will move."""
    checkable = _CONCRETE.search(content) or re.search(r"\bnot\b|n[’']t\b", content) or _PLACE.search(content)
    checkable = checkable or (verb and (_OWN_COMMITMENT.match(content) or _COUNTED.search(content)))
    return (not _MOVEMENT.search(content) or bool(_SET_CHANGE.search(content))) and bool(checkable)


def worth_checking(content: str, verb: str) -> tuple[float, list[str]]:
    """0 to 1, and why not: speculation, forecasts without a condition, opinion, and non-assertions
    (demands, calls) reported as someone's claim score 0."""
    reasons = []
    if _UNDER_RULES.match(content):  # "Under the league's rules, clubs may lose no more than £105m": what they allow
        content = _RULED_MODAL.sub("", content)
    if verb and _SPECULATIVE.search(verb):
        reasons.append("speculation")
    if _SPECULATIVE.search(_REVISED_FORECAST.sub("", content) if _REVISION.search(content) else content):
        reasons.append("speculation")
    if _FUTURE.search(content) and not _CONDITION.search(content) and not _announced_plan(content, verb):
        reasons.append("forecast")
    if _OPINION.search(_NOT_OPINION.sub("", _RECORD.sub("", content))):
        reasons.append("opinion")
    if _GENERAL.search(content):
        reasons.append("general remark")
    if content.rstrip(QUOTES + " ").endswith("?"):
        reasons.append("question")
    if _IMPERATIVE.match(content):
        reasons.append("imperative")
    if reasons:
        return 0.0, reasons
    score = 0.45
    if re.search(r"\d", content):
        score += 0.2
    if _FIGURES.search(content):
        score += 0.1
    if len(re.findall(r"\b[A-Z][a-z]+", content)) >= 2:
        score += 0.1
    if verb:
        score += 0.1
    if len(content.split()) > 45:
        score -= 0.1
    return round(min(max(score, 0.05), 1.0), 2), reasons
