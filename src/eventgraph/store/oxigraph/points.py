"""Where entities are: their coordinates (own, else their venue's, location's or seat's) and `near` filters.

An event rarely has coordinates of its own; its city usually has (from Wikidata). Each entity takes the points of
the most specific level that has any, so a venue's point wins over its city's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from eventgraph.model import Criterion, EntityClass, FindQuery, Near, OneOf
from eventgraph.store.geo import Point, distance_km, parse_wkt
from eventgraph.store.oxigraph.sparql_text import Select, fill, iri, values


def points(
    select: Select, entity_class: EntityClass, iris: Sequence[str] | None = None
) -> dict[str, tuple[Point, ...]]:
    """The points of each entity of the class (only of `iris` when given); entities without any are absent."""
    parts = [f"VALUES ?class {{ {iri(entity_class.iri)} }}"]
    if iris is not None:
        parts.append(values("s", iris))
    best: dict[str, tuple[int, list[Point]]] = {}
    for row in select(fill("store/points.rq", values="\n  ".join(parts))):
        point = parse_wkt(row.get("wkt", ""))
        if point is None:
            continue
        level = int(row["level"])
        current = best.get(row["s"])
        if current is None or level < current[0]:
            best[row["s"]] = (level, [point])
        elif level == current[0] and point not in current[1]:
            current[1].append(point)
    return {s: tuple(sorted(found)) for s, (_, found) in best.items()}


def within(select: Select, entity_class: EntityClass, near: Near) -> tuple[str, ...]:
    """Entities of the class with a point within `near.km` of the centre, sorted."""
    centre = (near.latitude, near.longitude)
    found = points(select, entity_class)
    return tuple(sorted(s for s, pts in found.items() if any(distance_km(centre, p) <= near.km for p in pts)))


def resolve_near(select: Select, entity_class: EntityClass, criteria: Sequence[Criterion]) -> tuple[Criterion, ...]:
    """The criteria with every `Near` replaced by the `OneOf` of the entities it matches."""
    return tuple(OneOf(within(select, entity_class, c)) if isinstance(c, Near) else c for c in criteria)


def resolve_find(select: Select, query: FindQuery) -> FindQuery:
    """`query` ready for SPARQL: `Near` criteria resolved (the query itself when it has none)."""
    if not any(isinstance(c, Near) for c in query.criteria):
        return query
    return dataclasses.replace(query, criteria=resolve_near(select, query.entity_class, query.criteria))
