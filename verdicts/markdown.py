"""Markdown for verdict explanations, rendered safely: raw HTML in the text is shown as text,
links may only be http(s), mailto or relative, and every link opens without referrer or opener."""

from functools import cache

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_SAFE_SCHEMES = ("http://", "https://", "mailto:", "/", "#")


@cache
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = lambda url: url.strip().lower().startswith(_SAFE_SCHEMES)
    md.disable("image")  # a verdict page loads nothing from elsewhere

    def link_open(renderer, tokens, idx, options, env):
        tokens[idx].attrSet("rel", "nofollow noopener noreferrer")
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", link_open)
    return md


def render_markdown(text: str) -> SafeString:
    return mark_safe(_renderer().render(text or ""))  # noqa: S308 - html is off: the text's own tags are escaped
