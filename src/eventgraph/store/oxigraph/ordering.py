"""How `find` orders and pages its matches: by label, by start day, or (organizations) by the counts of `SortKey`.

A backend reads the matching rows (IRI, label, earliest day) and, to sort by a count, the counts of the matching
organizations (queries/store/organization-measures.rq); the ordering itself is plain Python here, so every key
breaks ties the same way: by label, then IRI.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from eventgraph.errors import StoreError
from eventgraph.model import Criterion, EntityClass, FindQuery, Page, SortKey
from eventgraph.store.oxigraph.find_sparql import criteria_patterns
from eventgraph.store.oxigraph.sparql_text import Select, fill

MEASURED = {SortKey.EVENT_COUNT: "events", SortKey.PARTNERS_COUNT: "partners", SortKey.DEGREE: "degree"}
"""The sort keys that are counts, with the variable of organization-measures.rq that holds each."""


@dataclass(frozen=True, slots=True)
class Row:
    """One match: its IRI, its case-folded label and its earliest possible day (ISO text), if any."""

    iri: str
    label: str
    start: str | None


def organization_measures(select: Select, criteria: Sequence[Criterion]) -> dict[str, dict[str, int]]:
    """For each organization matching `criteria` (Near already resolved): its counts by variable name."""
    rows = select(fill("store/organization-measures.rq", criteria=criteria_patterns(criteria)))
    return {row["s"]: {name: int(row.get(name) or 0) for name in MEASURED.values()} for row in rows}


def measures_for(select: Select, query: FindQuery) -> Mapping[str, Mapping[str, int]]:
    """The counts `query` sorts by (nothing for label and start); counts sort organizations only."""
    if query.sort not in MEASURED:
        return {}
    if query.entity_class is not EntityClass.ORGANIZATION:
        raise StoreError(f"sorting by {query.sort.value} is for organizations, not {query.entity_class.value}")
    return organization_measures(select, query.criteria)


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
