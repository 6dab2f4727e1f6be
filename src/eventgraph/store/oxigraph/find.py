"""`find` over Oxigraph: the matching entities from one SPARQL query that starts from the bound terms, ordered
by sort keys read once per dataset version.

Reading every entity of a class with its labels and days, grouping and sorting them on every request cost most of
a filtered page on a large store (94% of events-by-country-and-year at x100). Now a request asks the store only
which entities match (criteria first, so a bound country or series is where the search starts) and takes the page
from the class's order, kept per (class, key, direction) for the dataset version. Counts (`SortKey.EVENT_COUNT`
...) change with the criteria and are still computed per request (`ordering.measures_for`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from eventgraph.model import Criterion, EntityClass, FindQuery, HasLiteral, HasValue, InPlace, OneOf, Page, SortKey
from eventgraph.store.oxigraph.find_sparql import criteria_patterns
from eventgraph.store.oxigraph.ordering import measures_for
from eventgraph.store.oxigraph.sparql_text import Select, fill, iri
from eventgraph.store.pages import MEASURED, Row, order, page_of

LABEL_LANGUAGE = "en"


def sort_label(labels: Sequence[tuple[str, str]]) -> str | None:
    """The label `find` sorts by, the same in every backend: the least English label (`en` or a regional
    English), else the least label, else None. `labels`: (text, language tag)."""
    english = [text for text, lang in labels if lang.lower() == LABEL_LANGUAGE or lang.lower().startswith("en-")]
    return min(english or [text for text, _ in labels], default=None)


def _selectivity(criterion: Criterion) -> int:
    """Which criteria a match query starts from: named entities first, open ranges last."""
    if isinstance(criterion, OneOf):
        return 0
    if isinstance(criterion, HasValue | HasLiteral | InPlace):
        return 1
    return 2


def matching(select: Select, entity_class: EntityClass, criteria: Sequence[Criterion]) -> set[str]:
    """The IRIs of the entities of a class that match every criterion (`Near` already resolved)."""
    text = fill(
        "store/find.rq",
        criteria=criteria_patterns(sorted(criteria, key=_selectivity)),
        **{"class": f"VALUES ?class {{ {iri(entity_class.iri)} }}"},
    )
    return {row["s"] for row in select(text)}


@dataclass
class ClassOrder:
    """Every entity of one class in one order, with each one's position."""

    iris: list[str]
    position: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.position = {iri_: n for n, iri_ in enumerate(self.iris)}


class Finder:
    """`find` for one store; the sort keys and orders it keeps belong to one dataset version."""

    def __init__(self) -> None:
        self._version: str | None = None
        self._rows: dict[EntityClass, list[Row]] = {}
        self._orders: dict[tuple[EntityClass, SortKey, bool], ClassOrder] = {}

    def find(self, select: Select, version: str, query: FindQuery) -> Page:
        if version != self._version:
            self._version, self._rows, self._orders = version, {}, {}
        matches = self._matches(select, query) if query.criteria else None
        if query.sort in MEASURED:  # counts depend on the criteria: ordered per request
            rows = self._class_rows(select, query.entity_class)
            wanted = rows if matches is None else [r for r in rows if r.iri in matches]
            return page_of(order(wanted, query, measures_for(select, query)), query)
        ordered = self._order(select, query)
        if matches is None:
            selected = ordered.iris
        elif len(matches) * 8 < len(ordered.iris):
            known = [m for m in matches if m in ordered.position]
            selected = sorted(known, key=ordered.position.__getitem__)
        else:
            selected = [i for i in ordered.iris if i in matches]
        end = query.offset + query.limit
        return Page(
            tuple(selected[query.offset : end]), len(selected) if query.count_total else None, len(selected) > end
        )

    def _matches(self, select: Select, query: FindQuery) -> set[str]:
        return matching(select, query.entity_class, query.criteria)

    def _class_rows(self, select: Select, entity_class: EntityClass) -> list[Row]:
        if entity_class not in self._rows:
            labels: dict[str, list[tuple[str, str]]] = {}
            days: dict[str, str] = {}
            text = fill("store/find-keys.rq", **{"class": f"VALUES ?class {{ {iri(entity_class.iri)} }}"})
            for row in select(text):
                entity = row["s"]
                labels.setdefault(entity, [])
                if "label" in row:
                    labels[entity].append((row["label"], row.get("lang", "")))
                day = row.get("day")
                if day is not None and (entity not in days or day < days[entity]):
                    days[entity] = day
            self._rows[entity_class] = [
                Row(entity, (sort_label(found) or entity).casefold(), days.get(entity))
                for entity, found in labels.items()
            ]
        return self._rows[entity_class]

    def _order(self, select: Select, query: FindQuery) -> ClassOrder:
        key = (query.entity_class, query.sort, query.descending)
        if key not in self._orders:
            rows = self._class_rows(select, query.entity_class)
            self._orders[key] = ClassOrder([r.iri for r in order(rows, query, {})])
        return self._orders[key]
