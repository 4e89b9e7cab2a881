"""The words the rules read: quote marks, reporting verbs, titles and roles, pronouns."""

import re

from claims.extraction.rules import rule

QUOTES = "\"'“”‘’«»"  # quote marks
DOUBLE_QUOTES = '"“”«»'  # marks that open or close a quotation (not apostrophes)
# Verbs that report what someone asserted (past, present and perfect forms).
# "rejected claims that X" denies X; written first, so that "claims" is not read as the verb.
REJECTS = (
    r"(?:rejected|rejects|dismissed|dismisses|denied|denies) (?:the )?"
    r"(?:claims?|suggestions?|allegations?|accusations?|reports?)"
)
ASSERT = (
    REJECTS + "|"
    "said|says|say|told|tells|added|adds|noted|notes|stated|states|claimed|claims|argued|argues|insisted|insists|"
    "wrote|writes|announced|announces|warned|warns|explained|explains|confirmed|confirms|reaffirmed|reaffirms|"
    "alleged|alleges|maintained|maintains|asserted|asserts|declared|declares|revealed|reveals|acknowledged|"
    "acknowledges|admitted|admits|reported|reports|testified|testifies|estimated|estimates|concluded|concludes|"
    "found|finds|showed|shows|show|ruled|rules|responded|responds|replied|replies|countered|counters|denied|denies|accused|accuses|stressed|stresses|emphasized|emphasised|"
    "pointed out|points out|made clear|makes clear|quoted [^,]{1,60}? as saying|argue|insist|warn|conclude"
)
rule(
    "words",
    "reporting-verb",
    "The auditor confirmed that £2.1 million had been spent on consultants.",
    claimant="auditor",
    text="£2.1 million had been spent on consultants.",
)
# A reporting verb with its auxiliary and adverbs: "has also said" (at most three adverbs, so that
# a run of them is not read again from each of its words).
VERB = (
    r"(?:(?:has|have|had)\s+)?(?:(?:also|repeatedly|previously|earlier|later|again|publicly|then)\s+){0,3}"
    rf"(?:{ASSERT})"
)
# Verbs whose content is not asserted as fact: the claim is that they were said, not what was said.
NOT_ASSERTED = re.compile(
    r"\b(?:demand(?:ed|s)?|urg(?:ed|es)|ask(?:ed|s)|call(?:ed|s) (?:on|for)|propos(?:ed|es)|request(?:ed|s)|"
    r"order(?:ed|s)|promis(?:ed|es)|pledg(?:ed|es)|vow(?:ed|s)|hop(?:ed|es)|want(?:ed|s))\b",
    re.I,
)
# Words that may stand in front of a name as its title or role, or head a descriptive phrase.
_ROLE_TEXT = (
    "president vice prime minister secretary press spokesperson spokesman spokeswoman aide adviser advisor chief "
    "director ceo chair chairman chairwoman governor gov. senator sen. rep. rev. representative mayor general lt. col. "
    "supt. det. insp. sgt. capt. maj. adm. cmdr. atty. gen. "
    "dr. mr. mrs. ms. dr mr mrs ms prof. prof professor judge justice ambassador foreign defense defence "
    "health finance economy "
    "interior deputy acting former head leader commissioner officer official officials analyst economist "
    "researcher scientist spokesperson agency news correspondent reporter editor founder executive manager "
    "minister's member lawmaker legislator candidate king queen prince pope sheikh emir chancellor attorney "
    "treasury state labor labour education transport energy trade commerce national security intelligence "
    "military army navy police commander colonel captain sergeant party opposition council board group "
    "inspector superintendent detective constable councillor cllr councilman councilwoman prosecutor coroner "
    "magistrate sheriff mp pm mep msp cfo coo"
)
ROLE_WORDS = set(_ROLE_TEXT.split())
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "our"}
LOWER_JOINERS = {"of", "for", "and", "the", "de", "del", "van", "von", "der", "da", "al", "bin", "on", "in"}
# Documents an article reports on: "the report", "the evaluation", "its findings".
DOCUMENT_NOUNS = r"report|evaluation|investigation|study|survey|review|audit|analysis|inquiry|assessment|findings|paper"
EVENT_NOUNS = (
    r"call|talks|meeting|interview|speech|briefing|conference|hearing|summit|debate|visit|statement|session|"
    r"event|address|rally|broadcast|announcement"
)
NAME_TOKEN = re.compile(r"^[A-Z][\w.'’&-]*$|^[A-Z]{2,}\)?$|^\([A-Z]{2,}\)$")
DOCUMENT = re.compile(
    r"^(?:an?|the|its|their|his|her)\s+(?:[a-z][\w-]*\s+){0,2}?"
    r"(report|study|survey|statement|analysis|poll|paper|review|investigation|assessment|audit|memo|letter|"
    r"filing|post|tweet|video|release|press release|document|data|estimate|census|"
    r"schedule|timetable|plan|accounts|records|evaluation|inquiry|inspection|ruling|judgment|judgement|minutes)\b",
    re.I,
)
# The last word of an organisation's name ("Labor Department", "Office for National Statistics").
ORGANISATION_HEADS = (
    "Team|Ministry|Office|Agency|Council|Party|Bank|Institute|Group|Committee|Department|News|Times|Post|Press|"
    "Association|Organi[sz]ation|Union|Company|Corporation|Inc|Ltd|plc|University|Service|Fund|Commission|Court|"
    "Parliament|Congress|Senate|Government|Forces|Army|Police|Authority|Trust|Board|Bureau|Holdings|Federation|"
    "Athletics|Club|Foundation|Institution|Network|Centre|Center|Society|Alliance|Coalition|Statistics|Nations"
)
# A live blog's time: "16:40", "9.15am", "14:32 BST", "[09:05 GMT]".
CLOCK = (
    r"\[?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:(?:GMT|BST|UTC|CET|CEST|EET|EEST|EST|EDT|CST|CDT|PST|PDT|ET|PT)\b)?"
    r"\]?"
)
# Irregular past tenses that news reports events with.
NEWS_PAST = (
    "won|lost|rose|fell|grew|cut|took|made|began|came|went|left|gave|paid|ran|saw|held|set|hit|put|spent|sold|"
    "bought|struck|broke|led|met|beat|became|brought|chose|drove|flew|found|got|kept|knew|meant|quit|rang|sank|"
    "shut|shot|sat|spoke|stood|stole|swore|threw|wore|wrote|told|said|sent|built|dealt|fought|caught|taught|"
    "thought|sought|lent|froze|hid|overtook|forgot|shrank|slid|split|stuck|swept|woke|bore"
)
# Words that open a phrase set before a speaker: "Before the latest fighting, the UN estimated …".
FRONTING_WORDS = frozenset(
    re.findall(
        r"\w+",
        "Before After Outside Inside Earlier Later Separately Meanwhile Asked Last This Since Ahead Following Amid "
        "Under Within Throughout Elsewhere Previously Yesterday Today At On In During",
    )
)
# Words that open a sentence's lead-in, never a name: "On Monday, the company said", "Meanwhile, the
# minister said", "In London, the bank said".
LEAD_WORDS = FRONTING_WORDS | frozenset(
    re.findall(
        r"\w+",
        "Following However Until From By For With Without Over Despite Next Then Also But And When While As If "
        "Once Still Instead Overall Nationally Locally Speaking",
    )
)
# "Harlow Minerals plc (LSE: HRLW)": a company's stock ticker after its name, no part of it.
TICKER = re.compile(r"\s*\((?:[A-Z]{2,8}:\s*)[A-Z][A-Z.]{0,7}\)")
