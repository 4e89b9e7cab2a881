"""A press release's boilerplate: the section on who issued it ("About Corvane Technologies", "Notes to
editors") and all that follows it (media contacts, forward-looking statements) is page furniture, not news."""

import re

from claims.extraction.rules import rule

# "About Corvane Technologies", "About the Office of the Brightwater Privacy Commissioner", "About Northgate
# Energy: Northgate supplies …": a heading naming a body (capitalised words), alone on its line or before a colon.
_ABOUT = re.compile(
    r"^About\s+(?P<name>(?:the\s+)?[A-Z][\w&’'.-]*(?:\s+(?:(?:of|for|and|the|&)\s+)*[A-Z][\w&’'.-]*){0,7})\s*(?::|$)"
)
# "Notes to editors", "Note for editors", "Editor's notes", "ENDS", "- ends -": what follows is for the press.
_FOR_EDITORS = re.compile(
    r"^(?:Notes?\s+(?:to|for)\s+(?:editors?|media)|Editor['’]?s\s+notes?|[-–—\s]*ends[-–—\s]*)\s*:?\s*$", re.I
)
_WORD = re.compile(r"[a-z0-9]+")

rule(
    "sentences",
    "a-releases-about-section-is-boilerplate",
    "Example Post today announced that it had sold 40,000 copies in November.\n\nAbout Example Post\n\nExample "
    "Post was founded in 1921 and employs 340 people in 12 offices.",
    only=True,
    claimant="Example Post",
)
rule(
    "sentences",
    "notes-to-editors-are-boilerplate",
    "The depot cost £28m and opened on Monday, the authority said.\n\nNotes to editors\n\nThe authority was "
    "established in 1985 and runs 640 buses.",
    only=True,
    claimant="authority",
)


def without_boilerplate(lines: list[str], outlet: str | None) -> list[str]:
    """The article's lines up to its boilerplate: a heading "About X" for the outlet that issued it, or
    any in the last third of the article, or "Notes to editors"; blank lines stand in for what is left out,
    so that the lines keep their number."""
    ours = set(_WORD.findall((outlet or "").lower())) - {"the", "of", "for", "and"}
    for index, line in enumerate(lines):
        line = line.strip()
        if not line or len(line) > 300:
            continue
        if _FOR_EDITORS.match(line):
            return lines[:index] + [""] * (len(lines) - index)
        about = _ABOUT.match(line)
        if about and (index >= 2 * len(lines) / 3 or ours & set(_WORD.findall(about.group("name").lower()))):
            return lines[:index] + [""] * (len(lines) - index)
    return lines
