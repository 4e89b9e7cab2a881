"""Check-worthy claims proposed from an article's text: what was said, by whom, when, where, and
who the article credits for it.

Rules over the words of each sentence, written for English news prose in general: attribution
verbs ("said", "told", "according to", "accused … of"), the titles in front of a name, date
expressions resolved against the article's own date (dateparser), and what makes a sentence not
worth checking (speculation, forecasts, opinion, boilerplate). No model is downloaded; nothing
here touches the database.

Whatever the text, the time taken grows linearly with it: sentences are split a bounded piece at
a time (`sentences`), a sentence longer than MAX_SENTENCE_CHARS is left out, and the patterns
that read a sentence's structure cannot backtrack (`linear`).
"""

from claims.extraction.article_names import Names
from claims.extraction.attribution import Attribution, attribute, clauses
from claims.extraction.checkworthiness import is_statement, worth_checking
from claims.extraction.claim_text import tidy
from claims.extraction.dates import article_date, first_date, resolve_date
from claims.extraction.names import person_name
from claims.extraction.proposals import MAX_SENTENCE_CHARS, ExtractionTimeout, Proposal, extract_claims
from claims.extraction.rules import RULES, Rule
from claims.extraction.sentences import split_sentences

__all__ = [
    "MAX_SENTENCE_CHARS",
    "RULES",
    "Attribution",
    "ExtractionTimeout",
    "Names",
    "Proposal",
    "Rule",
    "article_date",
    "attribute",
    "clauses",
    "extract_claims",
    "first_date",
    "is_statement",
    "person_name",
    "resolve_date",
    "split_sentences",
    "tidy",
    "worth_checking",
]
