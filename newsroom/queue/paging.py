"""Pages of the queue's lists, found by the keys of the row a page starts after (no OFFSET), and
their counts, up to a bound."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

# Lists are counted up to this many rows: beyond it, the exact number costs more than the page.
COUNTED_UP_TO = 1000
SORTS = {
    "newest": (("id", True),),
    "oldest": (("id", False),),
    "priority": (("priority", False), ("id", True)),
    "due": (("due_key", False), ("id", True)),
}


@dataclass
class KeysetPage:
    """One page of a sorted list, found by the keys of the row it starts after, so a deep page
    costs what the first one does (no OFFSET)."""

    rows: list
    newer: str | None  # ?after= for the page before this one
    older: str | None  # ?before= for the page after this one


@dataclass(frozen=True)
class Tally:
    """How many rows a list holds, counted up to a bound: `n`, and `more` when it holds more."""

    n: int
    more: bool = False

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(self.n + other.n, self.more or other.more)


def count_up_to(rows: QuerySet, bound: int | None = None) -> Tally:
    """The rows counted up to `bound` (COUNTED_UP_TO; a scan stops there), in one query."""
    bound = bound or COUNTED_UP_TO
    n = rows.values("pk").order_by()[: bound + 1].count()
    return Tally(min(n, bound), n > bound)


def _moment(value: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("A moment without its time zone.")
    return moment


_KEY_TYPES = {
    "id": int,
    "priority": int,
    "due_key": datetime.date.fromisoformat,
    "published_at": _moment,
    "updated_at": _moment,
}


def _cursor(row, keys) -> str:
    return "~".join(str(getattr(row, name)) for name, _ in keys)


def _parse_cursor(value: str, keys) -> list | None:
    parts = value.split("~") if value else []
    if len(parts) != len(keys):
        return None
    try:
        parsed = [_KEY_TYPES[name](part) for (name, _), part in zip(keys, parts, strict=True)]
    except (ValueError, TypeError):
        return None
    return parsed if all(not isinstance(v, int) or v >= 0 for v in parsed) else None


def _beyond(keys, values, *, forward: bool) -> Q:
    """Rows after (`forward`) or before the row with these key values, in the order of `keys`."""
    condition = Q(pk__in=[])
    for i, (name, descending) in enumerate(keys):
        later = "lt" if descending == forward else "gt"
        step = Q(**{f"{name}__{later}": values[i]})
        for j in range(i):
            step &= Q(**{keys[j][0]: values[j]})
        condition |= step
    return condition


def _order(keys, *, reverse: bool = False) -> list[str]:
    return [("-" if descending != reverse else "") + name for name, descending in keys]


def keyset_page(
    rows: QuerySet, *, before: str = "", after: str = "", size: int = 25, sort: str = "newest", keys=None
) -> KeysetPage:
    """A page of `rows` in the order `sort` names (SORTS), or that of `keys`: the first, the one
    after the row `before` names, or the one before the row `after` names (a cursor that does not
    parse is page one)."""
    keys = keys or SORTS[sort]
    after_values, before_values = _parse_cursor(after, keys), _parse_cursor(before, keys)
    if after_values is not None:
        chunk = list(
            rows.filter(_beyond(keys, after_values, forward=False)).order_by(*_order(keys, reverse=True))[: size + 1]
        )
        more_newer = len(chunk) > size
        chunk = chunk[:size][::-1]
        return KeysetPage(
            chunk, _cursor(chunk[0], keys) if more_newer else None, _cursor(chunk[-1], keys) if chunk else None
        )
    if before_values is not None:
        rows = rows.filter(_beyond(keys, before_values, forward=True))
    chunk = list(rows.order_by(*_order(keys))[: size + 1])
    more_older = len(chunk) > size
    chunk = chunk[:size]
    newer = _cursor(chunk[0], keys) if before_values is not None and chunk else None
    return KeysetPage(chunk, newer, _cursor(chunk[-1], keys) if more_older else None)
