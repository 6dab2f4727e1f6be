"""Facet counting: one store call for the rows, one batched describe for the labels of the bucket keys.

Attendance is summed over each event's preferred figure only (the rule of `eventgraph.api.facts.preferred`:
a figure a claim marks preferred, else a local source's before Wikidata's, else by graph name), so an event
that two sources describe is never counted twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from eventgraph.api import facts
from eventgraph.api.context import Info
from eventgraph.api.types.facets import (
    EventDimension,
    EventFacet,
    EventFacets,
    FacetBucket,
    OrganizationDimension,
    OrganizationFacet,
    OrganizationFacets,
)
from eventgraph.errors import InvalidArgumentError
from eventgraph.model import AttendanceFigure, Criterion, EntityClass, FacetDimension, FacetQuery, FacetRows, short_id

_ENTITY_DIMENSIONS = {FacetDimension.COUNTRY, FacetDimension.REGION, FacetDimension.SERIES, FacetDimension.ORGANIZER}


def preferred_figure(figures: Sequence[AttendanceFigure]) -> AttendanceFigure | None:
    """The figure the event's `attendance` field serves."""
    ranked = sorted(figures, key=lambda f: (not f.preferred, f.graph.startswith(facts.WIKIDATA_GRAPH), f.graph))
    return ranked[0] if ranked else None


@dataclass
class _Bucket:
    key: str
    members: set[str]


def _buckets(rows: FacetRows, dimension: FacetDimension) -> list[_Bucket]:
    grouped: dict[str, set[str]] = defaultdict(set)
    for value in rows.values:
        if value.dimension is dimension:
            grouped[value.value].add(value.subject)
    return [_Bucket(key, members) for key, members in grouped.items()]


async def _labels(info: Info, iris: set[str], lang: str | None) -> dict[str, str]:
    chain = facts.language_chain(lang)
    resources = await info.context.loaders.many(sorted(iris))
    return {r.iri: facts.label(r, chain) or short_id(r.iri) for r in resources}


def _check(dimensions: Sequence[object]) -> None:
    if not dimensions:
        raise InvalidArgumentError("by: name at least one dimension")
    if len(set(dimensions)) != len(dimensions):
        raise InvalidArgumentError("by: each dimension at most once")


def chosen_figures(rows: FacetRows) -> dict[str, AttendanceFigure | None]:
    """Each event's preferred attendance figure."""
    figures: dict[str, list[AttendanceFigure]] = defaultdict(list)
    for stated in rows.attendance:
        figures[stated.subject].append(stated)
    return {s: preferred_figure(found) for s, found in figures.items()}


def attendance_sums(members: Iterable[str], chosen: Mapping[str, AttendanceFigure | None]) -> tuple[int, int, int]:
    """(sum of figures, sum of lower bounds, events reporting a number) over `members`, each counted once."""
    total = lower = reported = 0
    for subject in members:
        figure = chosen.get(subject)
        if figure is None:
            continue
        total += figure.value or 0
        bound = figure.minimum
        if bound is None and figure.qualifier == "exact":
            bound = figure.value
        lower += bound or 0
        reported += figure.value is not None or figure.minimum is not None
    return total, lower, reported


def bucket_key(dimension: FacetDimension, value: str) -> str:
    """What a bucket is keyed by: the short id of an entity ('Q43'), else the value itself."""
    return short_id(value) if dimension in _ENTITY_DIMENSIONS else value


async def count_buckets(
    info: Info, rows: FacetRows, dimensions: Sequence[FacetDimension], lang: str | None, with_attendance: bool
) -> list[tuple[list[FacetBucket], int]]:
    per_dimension = {d: _buckets(rows, d) for d in dimensions}
    iris = {b.key for d, found in per_dimension.items() if d in _ENTITY_DIMENSIONS for b in found}
    labels = await _labels(info, iris, lang) if iris else {}
    chosen = chosen_figures(rows)
    result = []
    for dimension in dimensions:
        buckets = []
        for found in per_dimension[dimension]:
            is_entity = dimension in _ENTITY_DIMENSIONS
            total, lower, reported = attendance_sums(found.members, chosen)
            buckets.append(
                FacetBucket(
                    key=bucket_key(dimension, found.key),
                    label=labels.get(found.key, short_id(found.key)) if is_entity else found.key,
                    count=len(found.members),
                    attendance_sum=total if with_attendance else None,
                    attendance_lower_bound_sum=lower if with_attendance else None,
                    attendance_reported=reported if with_attendance else None,
                    entity_iri=found.key if is_entity else None,
                )
            )
        if dimension is FacetDimension.YEAR:
            buckets.sort(key=lambda b: b.key)
        else:
            buckets.sort(key=lambda b: (-b.count, b.label.casefold(), b.key))
        covered = set().union(*(b.members for b in per_dimension[dimension]))
        result.append((buckets, len(rows.subjects) - len(covered)))
    return result


async def event_facets(
    info: Info, criteria: Sequence[Criterion], by: list[EventDimension], lang: str | None
) -> EventFacets:
    _check(by)
    dimensions = [FacetDimension(d.value) for d in by]
    rows = info.context.store.facets(FacetQuery(EntityClass.EVENT, tuple(criteria), tuple(dimensions)))
    counted = await count_buckets(info, rows, dimensions, lang, with_attendance=True)
    return EventFacets(
        total=len(rows.subjects),
        facets=[
            EventFacet(dimension=d, buckets=buckets, missing=missing)
            for d, (buckets, missing) in zip(by, counted, strict=True)
        ],
    )


async def organization_facets(
    info: Info, criteria: Sequence[Criterion], by: list[OrganizationDimension], lang: str | None
) -> OrganizationFacets:
    _check(by)
    dimensions = [FacetDimension(d.value) for d in by]
    rows = info.context.store.facets(FacetQuery(EntityClass.ORGANIZATION, tuple(criteria), tuple(dimensions)))
    counted = await count_buckets(info, rows, dimensions, lang, with_attendance=False)
    return OrganizationFacets(
        total=len(rows.subjects),
        facets=[
            OrganizationFacet(dimension=d, buckets=buckets, missing=missing)
            for d, (buckets, missing) in zip(by, counted, strict=True)
        ],
    )
