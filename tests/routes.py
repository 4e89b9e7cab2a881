"""The routes of the URL configuration, read from the resolver, for tests that walk them all."""

import re

from django.urls import URLPattern, URLResolver, get_resolver


def routes() -> list[tuple[str | None, str, bool]]:
    """(name, pattern, is_api) of every route but the admin site's, which has its own tests."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield pattern.name, prefix + str(pattern.pattern), (prefix + str(pattern.pattern)).startswith("api/")

    return list(walk(get_resolver().url_patterns))


def arguments(pattern: str) -> dict[str, str]:
    """A route's arguments and their converters: {"claim_id": "int", "action": "str"}."""
    return {name: converter or "str" for converter, name in re.findall(r"<(?:(\w+):)?(\w+)>", pattern)}
