"""Who speaks in a transcript or a broadcast script: the label that opens a paragraph
("CITY MANAGER ROBERT KHAN:", "Senator Maria Lopez:", "JIM CARTER (SOUND):"), or no one but the
outlet itself ("REPORTER (HELEN ASH):")."""

import re
from collections import Counter

from claims.extraction.names import organisation, person_name
from claims.extraction.rules import rule
from claims.extraction.vocabulary import ROLE_WORDS

# "CITY MANAGER ROBERT KHAN: Two things happened." A transcript's speaker opens the paragraph.
# A broadcast script adds a cue in brackets: "JIM CARTER (SOUND):", "REPORTER (HELEN ASH):", "CHEN (VO):".
_SPEAKER_LABEL = re.compile(
    r"^(?P<label>[A-Z][A-Z.'’ -]{1,60}[A-Z.])(?:\s*\((?P<cue>[^()]{1,80})\))?:\s+(?P<rest>\S.*)$"
)
# "Senator Maria Lopez: We approved the contract in May." A transcript may give its speakers as named.
_NAMED_LABEL = re.compile(
    r"^(?P<label>(?:[A-Z][a-z]+\.?\s+){0,2}[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)+)(?:\s*\((?P<cue>[^()]{1,80})\))?:"
    r"\s+(?P<rest>\S.*)$"
)
# "Tull: I accept that." Once a speaker has been named in full, a transcript may label them by surname.
_SURNAME_LABEL = re.compile(r"^(?P<label>[A-Z][a-z’'-]{2,})(?:\s*\((?P<cue>[^()]{1,80})\))?:\s+(?P<rest>\S.*)$")
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*")
_NAME_ON_A_LINE = re.compile(r"\b(?:[A-Z][a-z’'.-]+ ){1,3}(?P<surname>[A-Z][a-z’'-]+)\b")
_NOT_A_SPEAKER = re.compile(
    r"^(?:Editor'?s Note|Read More|Key Points|Live Updates?|Related|Correction|Updated?|About|Notes? to|Breaking|"
    r"Live|Latest|Analysis|Watch|Listen|Explainer|Opinion|Comment|Exclusive|Factbox|Timeline|Background|Context|"
    r"Photos?|Video|Graphic|Source|Sources|Credit)\b",
    re.I,
)
# Words of a heading, not of a name: "Storm Darragh Latest:", "Election Results:", "Biden Says:".
_HEADING_WORDS = frozenset(
    re.findall(
        r"\w+",
        "latest results update updates live news says said breaking analysis explainer timeline election storm key "
        "what why how watch opinion recap",
    )
)
# "Q: How full are the prisons?" / "A: We are at 99.2% of capacity.": an interview printed as questions and
# answers; the questions are the outlet's, the answers (labelled, or the paragraphs after a question) those
# of the one it interviewed.
_QUESTION_ANSWER = re.compile(r"^(?P<which>Q|A|Question|Answer)[:.]\s+(?P<rest>\S.*)$")
# "MH: We have 87,900 people in custody.": an interview labelled by its speakers' initials.
_INITIALS = re.compile(r"^(?P<initials>[A-Z]{2,3}):\s+(?P<rest>\S.*)$")
# A paragraph that is one question and nothing else: "How full are the prisons?"
_ASKED = re.compile(r"^[A-Z][^?.!]{3,250}\?[”\"’]?$")
# An introduction that says an interview follows.
_INTERVIEW = re.compile(
    r"\b(?:interview(?:ed)?|spoke\s+to|talked\s+to|speaks\s+to|talks\s+to|sat\s+down\s+with|asked|answered|Q\s*&\s*A|"
    r"questions)\b",
    re.I,
)
# Labels under which the outlet speaks in its own voice: its reporter, its presenter, a voice-over.
_OWN_VOICE = re.compile(r"^(?:REPORTER|CORRESPONDENT|ANCHOR|PRESENTER|HOST|NARRATOR|VOICE-?OVER)$|^V/?O$")

rule(
    "attribution",
    "transcript-speaker",
    "Finance director Mia Lund answered questions at the hearing on Monday.\n\nMIA LUND: Our receipts came in "
    "$4.8 million below projections in September.",
    claimant="Mia Lund",
    text="Our receipts came in $4.8 million below projections in September 2026.",
)
rule(
    "attribution",
    "broadcast-script-cues",
    "Helen Ash reports from Carmoor.\n\nREPORTER (HELEN ASH): Nordvik told workers the plant had lost money in each "
    "of the last three years.\n\nJIM CARTER (SOUND): I have worked on the packing line here for 22 years.",
    claimant="Jim Carter",
    text="Jim Carter has worked on the packing line here for 22 years.",
)
rule(
    "attribution",
    "transcript-speaker-as-named",
    "The committee met on Wednesday.\n\nSenator Maria Lopez: We approved the contract for $4.2 million in May.",
    claimant="Maria Lopez",
)
rule(
    "attribution",
    "a-heading-is-not-a-speaker",
    "Storm Darragh Latest: Some 40,000 homes were without power on Sunday.",
    claimant="Example Post",
)
rule(
    "attribution",
    "a-capitalised-heading-is-not-a-speaker",
    "BREAKING: The ministry said 14 drones had been shot down on Sunday.",
    claimant="ministry",
)
rule(
    "attribution",
    "a-speaker-named-once-who-was-introduced",
    "The committee heard from Maria Lopez, the finance director, on Tuesday.\n\nMaria Lopez: Our receipts came in "
    "$4.8 million below projections in September.",
    claimant="Maria Lopez",
)
rule(
    "attribution",
    "transcript-speaker-by-surname",
    "The committee questioned Dr Leah Fenwick, head of airworthiness at the directorate, on Wednesday.\n\n"
    "Helen Marsh (committee chair): Will you take action?\n\nFenwick: We have carried out 11 unannounced "
    "inspections at SkyVale since August.",
    claimant="Leah Fenwick",
)
rule(
    "attribution",
    "transcript-label-with-role-and-organisation",
    "The committee met on Wednesday.\n\nDAVID DAWSON (President, Redgum Irrigators' Association): All of them. We "
    "have 612 licence holders in the valley.",
    claimant="David Dawson",
)
rule(
    "attribution",
    "questions-and-answers",
    "Marcus Hale, the chief executive of the Prison Service, spoke to the Post on Monday.\n\nQ: How full are the "
    "prisons?\n\nA: We have 87,900 people in custody tonight, 99.2% of usable capacity.\n\nQ: And staff?\n\n"
    "A: We recruited 2,300 officers in 2025.",
    claimant="Marcus Hale",
    said_on="2026-11-30",
)
rule(
    "attribution",
    "answers-after-their-questions",
    "Marcus Hale, the chief executive of the Prison Service, spoke to the Post on Monday.\n\nQ: How full are the "
    "prisons?\n\nWe have 87,900 people in custody tonight, 99.2% of usable capacity.\n\nQ: And staff?\n\nWe "
    "recruited 2,300 officers in 2025.",
    text="We recruited 2,300 officers in 2025.",
    claimant="Marcus Hale",
)
rule(
    "attribution",
    "answers-to-unlabelled-questions",
    "Marcus Hale, the chief executive of the Prison Service, spoke to the Post about overcrowding.\n\nHow full "
    "are the prisons?\n\nWe have 87,900 people in custody, 99.2% of usable capacity.\n\nAnd staff?\n\nWe "
    "recruited 2,300 officers in 2025.\n\nIs early release working?\n\nIt has freed 1,700 places since "
    "September.",
    text="We recruited 2,300 officers in 2025.",
    claimant="Marcus Hale",
)
rule(
    "attribution",
    "an-interview-labelled-by-initials",
    "Marcus Hale, the chief executive of the Prison Service, spoke to the Post on Monday.\n\nEP: How full are the "
    "prisons?\n\nMH: We have 87,900 people in custody, 99.2% of usable capacity.\n\nEP: And staff?\n\nMH: We "
    "recruited 2,300 officers in 2025.",
    text="We recruited 2,300 officers in 2025.",
    claimant="Marcus Hale",
)
rule(
    "dates",
    "a-year-in-an-aside-dates-no-interview",
    "Marcus Hale, who has run the Prison Service since 2023, spoke to the Post about overcrowding.\n\nQ: How "
    "full are the prisons?\n\nA: We have 87,900 people in custody, 99.2% of usable capacity.\n\nQ: And staff?"
    "\n\nA: We recruited 2,300 officers in 2025.",
    text="We recruited 2,300 officers in 2025.",
    claimant="Marcus Hale",
    said_on=None,
)
rule(
    "attribution",
    "transcript-role-label-names-its-holder",
    "The committee met on Wednesday.\n\nCHAIR (Ruth Kellerman MP): Your association lost 612 members in 2025.",
    claimant="Ruth Kellerman",
)


def speaker_labels(lines: list[str]) -> list[tuple[str, str | None]]:
    """Each paragraph without its speaker's label, and who that speaker is: None when there is no
    label, or when the label is the outlet's own reporter. A label in ordinary case ("Senator
    Maria Lopez:") counts when it opens with a title, or when its name is in the article besides
    (introduced, or labelling another paragraph); a live blog's "Storm Darragh Latest:" is a
    heading, not a speaker, and so are "BREAKING:" and "ANALYSIS:"."""
    found = [_label(line) for line in lines]
    named = Counter(label.group("label") for label in found if label and label.re is _NAMED_LABEL)
    text = "\n".join(lines)
    words = Counter(_CAPITALISED.findall(text)) if named else Counter()  # one pass, however many speakers
    speakers = {name: _is_speaker(name, named[name], words) for name in named}  # each name read once
    surnames = {label.group("label") for label in found if label and label.re is _SURNAME_LABEL}
    in_full = _in_full(surnames, [n for n in named if speakers[n]], text) if surnames else {}
    marks, interviewee = _interview(lines)
    read, answering = [], False
    for line, label, mark in zip(lines, found, marks, strict=True):
        if interviewee and mark:
            answering = mark[0] == "Q"  # the paragraphs after a question answer it
            read.append((mark[1], None if answering else interviewee))
            continue
        if answering and not label:
            read.append((line, interviewee if line.strip() else None))
            continue
        if label and label.re is _NAMED_LABEL and not speakers[label.group("label")]:
            label = None
        if label and label.re is _SURNAME_LABEL:
            speaker = in_full.get(label.group("label"))
            read.append((label.group("rest"), speaker) if speaker else (line, None))
            continue
        read.append((label.group("rest"), _speaker_of(label)) if label else (line, None))
    return read


def _interview(lines: list[str]) -> tuple[list[tuple[str, str] | None], str | None]:
    """Each paragraph's part in an interview printed as questions and answers, as ("Q" or "A", its words
    without the mark), and who answers: "Q: …" / "A: …"; else the speakers' initials ("EP: …" asks, "MH: …"
    answers for Marcus Hale); else paragraphs that are only a question ("How full are the prisons?"), when
    the introduction says an interview follows (an explainer's questions are its headings)."""
    nothing = [None] * len(lines), None
    labelled = [_QUESTION_ANSWER.match(line.strip()) for line in lines]
    initials = [_INITIALS.match(line.strip()) for line in lines]
    marks: list[tuple[str, str] | None]
    if any(labelled):
        marks = [(mark["which"][0], mark["rest"]) if mark else None for mark in labelled]
    elif sum(1 for mark in initials if mark) >= 4:
        first = next(at for at, mark in enumerate(initials) if mark)
        answers = _initials_of(_interviewee(lines[:first]))
        marks = [("A" if mark["initials"] == answers else "Q", mark["rest"]) if mark else None for mark in initials]
        if not any(mark and mark[0] == "A" for mark in marks):
            return nothing
    else:
        marks = [("Q", line.strip()) if _ASKED.match(line.strip()) and not _label(line) else None for line in lines]
        asked = [at for at, mark in enumerate(marks) if mark]
        if len(asked) < 3 or not _INTERVIEW.search(" ".join(lines[: asked[0]])):
            return nothing
    asked = [at for at, mark in enumerate(marks) if mark and mark[0] == "Q"]
    if len(asked) < 2:
        return nothing
    return marks, _interviewee(lines[: asked[0]])


def _initials_of(name: str | None) -> str | None:
    return "".join(word[0] for word in name.split() if word[:1].isupper()) if name else None


def _interviewee(lines: list[str]) -> str | None:
    """Who answers an interview's questions: the first person the lines before them name, not its
    byline's writer ("By Jane Roe")."""
    for line in lines:
        if line.strip().startswith("By "):
            continue
        for named in _NAME_ON_A_LINE.finditer(line):
            name = person_name(named.group(0))
            if " " in name and not organisation(name) and name.split()[0].lower() not in _HEADING_WORDS | {"the"}:
                return name
    return None


def _in_full(surnames: set[str], labelled: list[str], text: str) -> dict[str, str]:
    """The full names of speakers labelled by surname: that of another label ("Graham Tull (chief
    executive):"), or as the article names them ("Dr Leah Fenwick"). One pass over the text."""
    full = {}
    for named in _NAME_ON_A_LINE.finditer(text):
        if named.group("surname") in surnames and named.group("surname") not in full:
            name = person_name(named.group(0))
            if " " in name and name.split()[0].lower() not in _HEADING_WORDS:
                full[named.group("surname")] = name
    full.update({name.split()[-1]: name.title() for name in labelled if name.split()[-1] in surnames})
    return full


def _is_speaker(name: str, labels: int, seen: Counter) -> bool:
    words = name.split()
    titled = words[0].rstrip(".").lower() in ROLE_WORDS
    known = labels > 1 or seen[words[-1]] > labels  # introduced elsewhere in the article
    return (titled or known) and not any(word.lower() in _HEADING_WORDS for word in words)


def _label(line: str) -> re.Match | None:
    line = line.strip()
    label = _SPEAKER_LABEL.match(line) or _NAMED_LABEL.match(line) or _SURNAME_LABEL.match(line)
    if not label or len(label.group("label")) <= 2 or _NOT_A_SPEAKER.match(label.group(0)):
        return None
    return label


def _speaker_of(label: re.Match) -> str | None:
    name, cue = label.group("label").strip(), (label.group("cue") or "").strip()
    if _OWN_VOICE.match(name) or _OWN_VOICE.match(cue.upper()):
        return None
    if name.lower() in ROLE_WORDS and (named := person_name(cue)) and " " in named:
        return named  # "CHAIR (Ruth Kellerman MP):"
    return name.title()
