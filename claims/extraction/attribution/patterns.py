"""The patterns of attribution: reporting verbs before or after the content, "that" clauses,
"according to", "accused … of …", quotes followed by their speaker, lead-ins naming a venue.

The patterns that read a whole sentence's structure are compiled by RE2 (`compile_linear`):
they run in time linear in the sentence. The others are Python patterns whose work at each
position is bounded, and the extractor gives them sentences of at most MAX_SENTENCE_CHARS.
"""

import re
from dataclasses import dataclass

from claims.extraction.linear import compile_linear
from claims.extraction.vocabulary import ASSERT, CLOCK, DOUBLE_QUOTES, EVENT_NOUNS, FRONTING_WORDS, QUOTES, VERB

_Q, _DQ = QUOTES, DOUBLE_QUOTES
# RE2's \b is ASCII. A boundary next to a letter of the pattern is written as the character on its
# other side: not a letter, digit or underscore of any script (`re`'s \b), or the text's end.
_WORD = r"\pL\pN_"


@dataclass
class Attribution:
    content: str
    speaker: str | None = None
    verb: str = ""
    frame: str = ""  # the words around the content: where its date, medium and anaphora are read
    medium: str | None = None
    cited_source: str | None = None


# A quotation closes: double quotes, or a single one after its last mark ("…?’"); not the apostrophe of
# "the Property Owners' Association".
_CLOSES = rf"(?:[{_DQ}]+,|[.!?][{_Q}]+,?)"
_CONTENT_FIRST = compile_linear(
    rf"^(?P<content>.+?)(?:[,;][{_Q}]*|{_CLOSES})\s+(?P<who>(?:[^,]{{1,120}}?))\s+(?P<verb>{VERB})"
    rf"(?P<tail>(?:[^{_WORD}{_DQ}][^{_DQ}]*)?)$"
)
# "One of them, a 71-year-old man, was found in his car, a spokesperson for the force said.": the
# speaker after the sentence's last comma, with at most a few words after the verb.
_REPORTED_LAST = compile_linear(
    rf"^(?P<content>.+)[,;]\s+(?P<who>[^,{_DQ}]{{1,120}}?)\s+(?P<verb>{VERB})(?P<tail>[^,{_DQ}{_WORD}][^,{_DQ}]{{0,40}}|)$"
)
_CONTENT_FIRST_INVERTED = compile_linear(
    rf"^(?P<content>.+?)(?:[,;][{_Q}]*|{_CLOSES})\s*(?P<verb>said|says|added|wrote|told reporters|noted)"
    rf"\s+(?P<tail>[^{_DQ}]+)$"
)
_ACCORDING = compile_linear(
    rf"^(?P<pre>(?:.*?[^{_WORD}\n])??)according to (?P<who>[^,{_DQ}]+?)(?:,\s*|\s*$)(?P<rest>.*)$", ignore_case=True
)
# Python's `re`: its negative lookahead (no second reporting verb before "that") has no RE2
# spelling; the work at each verb is bounded by the 80 characters before "that".
# Between a reporting verb and its "that" ("said on Monday that", "told reporters that") there is no
# verb of its own: in "said the virus had reached countries that …" the "that" is a relative pronoun.
_FINITE = "had|has|have|was|were|is|are|will|would|did|does"
_SPEAKER_FIRST = re.compile(
    rf"(?P<verb>\b{VERB})\b(?P<between>(?:(?!\b(?:{ASSERT}|{_FINITE})\b)[^,{_DQ}]){{0,80}}?)\s+that\s+(?P<content>.+)$"
)
_SPEAKER_FIRST_BARE = re.compile(rf"^(?P<who>.{{1,120}}?)\s+(?P<verb>{VERB})\s+(?P<content>(?!that\b).+)$")
_ACCUSED = compile_linear(
    r"^(?P<who>.+?)\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?(?:accused|accuses|accuse)\s+"
    r"(?P<target>(?:the\s+)?\w[\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)\s+of\s+(?P<act>\w+ing)"
    rf"(?P<rest>(?:[^{_WORD}\n].*)?)$"
)
_QUOTED_AS_SAYING = compile_linear(
    rf"^(?P<cited>.+?)\s+quoted\s+(?P<who>.+?)\s+as\s+saying(?P<tail>(?:[^{_WORD}\n].*)?)$"
)
_REPORTED_QUOTING = compile_linear(
    rf",\s+(?P<source>[^,{_DQ}]{{2,120}}?)\s+(?:reported|reports|said|says)(?:,\s*(?P<quoting>(?:quoting|citing)\s+[^,{_DQ}]+?))?\s*[.!]?$"
)
# "“Our models showed the river peaking, and the alert was issued on time,” its director, Mats Olberg, said.": a
# quotation that opens the sentence, whatever commas it holds, then who said it.
_WHOLE_QUOTE_FIRST = compile_linear(
    rf"^[“\"](?P<content>[^”\"]+?)[,.]?[”\"]\s+(?P<who>[^{_DQ}]{{1,120}}?)\s+(?P<verb>{VERB})"
    rf"(?P<tail>(?:[^{_WORD}{_DQ}][^{_DQ}]*)?)$"
)
_QUOTE_THEN = re.compile(rf"^[{_Q}](?P<c>.+?)[,.]?[{_Q}],?\s+")
# "…, saying the contract had been awarded lawfully": what the participle reports is the claim.
# "Abernathy closed the hearing by saying the committee would …": the same, by what was said.
_PARTICIPLE = compile_linear(
    rf"(?:,\s+|\s+by\s+)(?P<verb>saying|adding\s+that|insisting|arguing|claiming|noting|explaining|telling\s+"
    rf"(?P<to>(?:the\s+|a\s+)?[\w’'.-]+(?:\s+[A-Z][\w’'.-]+)*))\s+(?:that\s+)?(?P<content>[^{_DQ}].+)$"
)
# The subject before the main verb: "The minister defended …", "Interior Minister Anna Berg has rejected …".
_SUBJECT_VERB = compile_linear(
    r"^(?P<who>[^,]{1,100}?(?:,[^,]{1,80},)?)\s+(?:(?:has|have|had)\s+)?(?:(?:\w+ly|also|then|later|again)\s+)?"
    r"[a-z]+(?:ed|s)\s"
)
# "In a statement, the ministry said …": where it was said, before who said it.
_LEAD_IN = compile_linear(
    rf"^(?:In|On|During|At)\s+(?P<medium>(?:an?|the|its|his|her|their)\s+[^,{_DQ}]{{1,60}}?|[A-Z][^,{_DQ}]{{0,60}}?),\s+"
    rf"(?P<rest>.+)$"
)
# "Data from the Office for National Statistics showed …": the office is the claimant, its data the medium.
# "The most recent figures from the state health department", "Records provided to the committee by the
# Midstate Mutual Assistance Group": the same, with what kind of figures they are and whom they were given to.
_DATA_FROM = re.compile(
    r"^(?:the\s+)?(?:(?:most\s+)?(?:recent|latest|new|official|provisional|final|monthly|annual|quarterly|weekly|"
    r"daily|own)\s+){0,3}"
    r"(?P<medium>data|figures|statistics|numbers|records|estimates|accounts|filings|documents|tests|samples|"
    r"analysis|research|a survey|a study|a poll)\s+"
    r"(?:(?:published|released|compiled|filed|lodged|issued|kept|collected|commissioned|carried out|conducted|"
    r"taken|provided|supplied|submitted|given|sent)\s+(?:to\s+(?:the\s+|a\s+)?[\w’'-]+(?:\s+[\w’'-]+)?\s+)?)?"
    r"(?:from|by|at|with)\s+(?P<who>.{2,100})$",
    re.I,
)
# ", which coordinates help between utilities,": an aside that describes the body, not its name.
_WHICH_ASIDE = re.compile(r",\s+which\s[^,]{1,100},?$")
# "council figures", "police data": a document named by the kind of body that made it.
_BODY_DATA = re.compile(
    r"^(?P<owner>(?!(?:official|latest|new|recent|provisional|final|monthly|annual|quarterly|weekly|daily|own|"
    r"separate|other|further|previous|these|those|the|its|their|such|some|more|our|my|his|her)\b)[a-z]{3,})\s+"
    r"(?P<document>data|figures|statistics|records|estimates)$"
)
# "Its own figures", "their latest data": the organisation last named, by its documents.
_ITS_DOCUMENT = re.compile(r"^(?:its|their)\s+(?:own\s+|latest\s+|monthly\s+|annual\s+){0,2}"
                           r"(?P<document>data|figures|statistics|records|accounts|report|survey)$", re.I)  # fmt: skip
# ", seen by News Tonight,": an aside between a document and what it shows.
_DOCUMENT_ASIDE = re.compile(r",\s+(?:seen|obtained|published|released|compiled)\s[^,]{1,60},?")
# "at a news conference", "during Tuesday's debate": where, and so when, something was said.
_AT_AN_EVENT = re.compile(
    rf"\b(?:at|in|during)\s+(?:a|an|the|his|her|its|their|\w+['’]s)\s+(?:[\w-]+\s+)?(?:{EVENT_NOUNS})\b"
)
# "INE data", "Labor Department figures": a document named by its maker.
_NAMED_DATA = re.compile(
    r"^(?P<owner>(?:the\s+)?(?:[A-Z][\w.&-]*\s+){0,4}[A-Z][\w.&-]*)\s+(?P<document>data|figures|statistics|records|"
    r"estimates)$"
)
# "the department's monthly report": a document, and whose it is.
_OWNED_DOCUMENT = re.compile(
    r"^(?P<owner>(?:the\s+)?[\w.-]+(?:\s+[\w.-]+){0,4}?)[’']s\s+(?P<document>(?:[a-z]+\s+){0,2}"
    r"(?:report|study|survey|statement|analysis|data|figures|review|audit|assessment|filing|accounts|records|"
    r"statistics|estimates|bulletin))$"
)
_QUANTITY = re.compile(r"^(?:[\d$£€]|(?:more than|about|nearly|some|over|almost|another|around|roughly)\b)", re.I)
# "… and said it had hired 140 assistants", "… and denied that it was responsible": a second report.
# "… but warned that …", "said the judges had given full credit but that the starting point …".
_NEXT_REPORT = re.compile(
    rf",?\s+(?:and|but)\s+(?:(?:(?:it|he|she|they)\s+)?(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?(?P<verb>{ASSERT})\s+"
    rf"(?:that\s+|(?=(?:it|he|she|they|the)\s))|that\s+(?=\S+\s+\S+\s+\S+))"
)
# "Its chief executive, Dr Rachel Imrie, said: “Every one of those deaths was preventable.”"
# The last reporting verb before the colon is the quotation's: "The minister told MPs …, and Ms Hale
# added: “…”" is Ms Hale's.
_SAID_COLON = compile_linear(
    rf"^(?P<who>[^{_DQ}:]{{1,160}})\s+(?P<verb>{VERB})(?P<tail>[^{_DQ}:]{{0,60}}):\s*[{_DQ}‘](?P<content>[^{_DQ}]+?)"
    rf"[{_DQ}’]?\s*$"
)
_CLAUSE_JOIN = re.compile(r",\s+(?:and|but|while|whereas)\s+(?=\S)")
_CONCESSIVE = re.compile(r"^(?:Although|Though|While|Even though|Whereas)\s+(?P<first>[^,]+),\s+(?P<second>.+)$")
# "Speaking to reporters at the county hall, Whitby said …": how it was said, before who said it.
_PARTICIPLE_LEAD = compile_linear(
    rf"^(?:Speaking|Writing|Testifying|Opening|Closing|Addressing|Appearing|Answering|Responding|Replying)\s+"
    rf"(?P<how>[^,{_DQ}]{{1,80}}),\s+(?P<rest>.+)$"
)
# "Giving judgment in London on Tuesday, Lady Justice Harrow said …", "Before the latest fighting, the
# UN estimated that …": a phrase set before the speaker, which may say when it was said; "In the district of
# Kova, which the Post visited last month, several farmers said …": with what it adds of its own.
_FRONTED = compile_linear(
    rf"^(?P<lead>(?:\p{{Lu}}\p{{Ll}}+ing|{'|'.join(sorted(FRONTING_WORDS))})(?:\s[^,{_DQ}]{{1,90}})?"
    rf"(?:,\s+(?:which|where|who)\s[^,{_DQ}]{{1,90}})?),\s+"
    rf"(?P<rest>[^{_DQ}].+)$"
)
# "The factory, the minister said on Monday, had employed 800 people.": the report interrupts its
# content between subject and verb; the content goes on in lower case after the second comma.
_INTERJECTED = compile_linear(
    rf"^(?P<head>[^,{_DQ}]{{3,80}}),\s+(?P<who>[^,{_DQ}]{{1,80}}?)\s+(?P<verb>{VERB})(?P<tail>[^,{_DQ}]{{0,60}}),"
    rf"\s+(?P<rest>\p{{Ll}}[^{_DQ}]+)$"
)
# "said on Monday it …", "said earlier this month the …": the words before a date expression.
_WHEN_LEAD = re.compile(r"(?:on|earlier|late|early)\s+")
_FINITE_NEXT = re.compile(r"(?:had|has|have|was|were|is|are|would|will|could|did|does)\b")
_AND_PRONOUN = re.compile(r"\s(?:and|but)\s+(?:it|he|she|they)\s+$")
_OPENING_CONJUNCTION = re.compile(r"^\s*(?:But|And|Yet|However,)\s+(?=\S)")
# A live blog's time: "16:40 — ", "18:35 — RESULT: ".
TIMESTAMP = re.compile(rf"^\s*{CLOCK}\s*(?:[—–|-]+|:)\s*(?:[A-Z]{{3,}}[A-Z ]*:\s+)?")
_PARENTHETICAL = re.compile(r",\s+(?:however|meanwhile|too|though|in turn|again|moreover|instead),\s+")
# "Councillor Helen Fry (Conservative, Ashby) told the meeting …": a party and a ward, or a party and
# a state, in brackets after a name; its comma does not end the speaker's phrase.
_AFFILIATION = re.compile(
    r"(?P<name>\b[A-Z][a-z’'-]+)\s+\((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*(?:,\s+(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*)+\)"
)
# Words up to the clause's end, a figure's separator ("£4,000", "3.5") not being one.
_TO_CLAUSE_END = r"(?:[^,;.]|[,.](?=\d)){%d,160}?(?=[,;.](?!\d)|$)"
# "denies one count of arson with intent to endanger life and one count of fraud": the charges, named.
_PLEA = re.compile(
    r"^(?P<charges>(?:the|all|any|both|each of the|[\w-]+)\s+(?:[\w-]+\s+){0,3}?(?:charges?|counts?|allegations?|"
    rf"accusations?|wrongdoing)(?:\s+of\s+{_TO_CLAUSE_END % 2})?)(?=[,.;]|\s|$)"
)
# "denied losing territory", "denies having known about the payments": the conduct denied.
_DENIED_DOING = re.compile(
    r"^(?P<charges>(?:having\s+)?(?!(?:planning|funding|housing|boarding|parking|building|training|licensing|"
    rf"landing|hearing|sentencing|bidding|lending)\b)[a-z]+ing\b{_TO_CLAUSE_END % 3})"
)
# "Telford told investigators …", "CANS had told him …": a report relayed by the one who reports it.
RELAYED = re.compile(r"^(?:[A-Z][\w’'.-]*\s+){1,4}(?:had\s+)?(?:told|assured|informed)\s")
# A denial's verb: "denied", "has denied", "denies".
DENIES = re.compile(r"(?:\w+\s+)*den(?:ied|ies)")
_RESULT = re.compile(
    r"^(?:a|an)\s+(?:\S*\d|(?:[a-z-]+\s+){0,2}(?:rise|fall|loss|profit|increase|decrease|drop|jump|deficit|surplus))"
)
_TOLD_WHOM = re.compile(
    r"^(?P<whom>me|us|him|her|them|(?:the\s+|a\s+|an\s+|his\s+|her\s+|its\s+|their\s+)?[\w’'-]+(?:\s+[\w’'-]+)?)\s+"
    r"(?=(?:the|a|an|it|he|she|they|we|I|there|this|its|his|her|their)\b|\d|[A-Z])"  # "told the court Cole had …"
)
