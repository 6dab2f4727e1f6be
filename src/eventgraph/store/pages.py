"""How `find` orders and pages its matches: by label, by start day, or (organizations) by the counts of `SortKey`.

A backend reads the matching rows (IRI, label, earliest day) and, to sort by a count, the counts of the matching
organizations; the ordering itself is plain Python here, the same for every backend, so every key breaks ties the
same way: by label, then IRI.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from eventgraph.model import FindQuery, Page, SortKey

MEASURED = {SortKey.EVENT_COUNT: "events", SortKey.PARTNERS_COUNT: "partners", SortKey.DEGREE: "degree"}
"""The sort keys that are counts, with the name of the count that holds each."""


@dataclass(frozen=True, slots=True)
class Row:
    """One match: its IRI, its case-folded label and its earliest possible day (ISO text), if any."""

    iri: str
    label: str
    start: str | None


def order(rows: Sequence[Row], query: FindQuery, measures: Mapping[str, Mapping[str, int]]) -> list[Row]:
    """The rows in the order `query` asks for; under a start day or a count, ties by label (ascending)."""
    by_label = sorted(rows, key=lambda r: (r.label, r.iri))
    if query.sort is SortKey.START:
        # undated entities sort last whatever the direction, then by label
        dated = sorted((r for r in by_label if r.start), key=lambda r: r.start or "", reverse=query.descending)
        return dated + [r for r in by_label if not r.start]
    if query.sort in MEASURED:
        name = MEASURED[query.sort]
        sign = -1 if query.descending else 1
        return sorted(by_label, key=lambda r: sign * measures.get(r.iri, {}).get(name, 0))
    return by_label[::-1] if query.descending else by_label


def page_of(ordered: Sequence[Row], query: FindQuery) -> Page:
    """The page `query` asks for, with the total when it was asked for."""
    end = query.offset + query.limit
    iris = tuple(r.iri for r in ordered[query.offset : end])
    return Page(iris, len(ordered) if query.count_total else None, len(ordered) > end)
