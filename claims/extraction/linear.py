"""Regular expressions that cannot backtrack. RE2 (google-re2) runs a pattern in time linear in
the text, whatever the text: the extractor's patterns that read a sentence's structure (a lazy
content, then a separator, a speaker and a verb, then the rest of the sentence) use it, because
Python's `re` retries such patterns from every separator and every speaker length, which on
hostile text takes time cubic in the sentence.

RE2 reads \\w and \\s as ASCII, Python's `re` as Unicode: `compile_linear` writes them out so
that "Müller" is still a word. `\\b` stays ASCII in RE2 (a boundary next to a non-ASCII letter
reads differently), and RE2 has no lookaround: patterns compiled here do without it.
"""

import re

import re2

_WORD = r"\pL\pN_"
_SPACE = r"\t-\r\x1c-\x20\x85\xa0\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"


def _unicode_classes(pattern: str) -> str:
    out, in_class, index = [], False, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            escaped = pattern[index + 1]
            if escaped in "ws":
                chars = _WORD if escaped == "w" else _SPACE
                out.append(chars if in_class else f"[{chars}]")
            else:
                out.append(pattern[index : index + 2])
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        index += 1
    return "".join(out)


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """The text with each lone surrogate (which UTF-8, and so RE2 and PostgreSQL, cannot take)
    replaced by U+FFFD: one character for one, so positions are kept."""
    return _SURROGATE.sub("\ufffd", text)


def compile_linear(pattern: str, *, ignore_case: bool = False):
    """The pattern compiled by RE2 (same syntax as `re` for what the extractor uses: named
    groups, lazy quantifiers, classes, anchors), with `re`'s Unicode \\w and \\s."""
    options = re2.Options()
    options.case_sensitive = not ignore_case
    options.max_mem = 64 << 20  # room for the DFA of the long verb alternations
    return re2.compile(_unicode_classes(pattern), options=options)
