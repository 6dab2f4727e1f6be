"""Two-dimensional facets (cross-tabulations): one store call, the same rows and rules as one-dimensional facets.

The row and column facets are counted exactly as `eventFacets` counts them (so their buckets are the margins);
each cell holds the entities having both keys, with attendance summed by the same preferred-figure rule.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from eventgraph.api.context import Info
from eventgraph.api.facets import attendance_sums, bucket_key, chosen_figures, count_buckets
from eventgraph.api.types.facets import (
    EventDimension,
    EventFacet,
    EventFacetGrid,
    FacetBucket,
    FacetCell,
    OrganizationDimension,
    OrganizationFacet,
    OrganizationFacetGrid,
)
from eventgraph.errors import InvalidArgumentError
from eventgraph.model import Criterion, EntityClass, FacetDimension, FacetQuery, FacetRows


def _cells(
    rows: FacetRows,
    dimensions: tuple[FacetDimension, FacetDimension],
    order: tuple[list[FacetBucket], list[FacetBucket]],
    with_attendance: bool,
) -> list[FacetCell]:
    values: dict[FacetDimension, dict[str, set[str]]] = {d: defaultdict(set) for d in dimensions}
    for value in rows.values:
        if value.dimension in values:
            values[value.dimension][value.subject].add(bucket_key(value.dimension, value.value))
    across, down = dimensions
    members: dict[tuple[str, str], set[str]] = defaultdict(set)
    for subject, keys in values[across].items():
        for row in keys:
            for column in values[down].get(subject, ()):
                members[(row, column)].add(subject)
    rank = [{b.key: n for n, b in enumerate(buckets)} for buckets in order]
    chosen = chosen_figures(rows)
    cells = []
    for (row, column), found in sorted(members.items(), key=lambda kv: (rank[0][kv[0][0]], rank[1][kv[0][1]])):
        total, lower, reported = attendance_sums(found, chosen)
        cells.append(
            FacetCell(
                row=row,
                column=column,
                count=len(found),
                attendance_sum=total if with_attendance else None,
                attendance_lower_bound_sum=lower if with_attendance else None,
                attendance_reported=reported if with_attendance else None,
            )
        )
    return cells


@dataclass(frozen=True, slots=True)
class _Grid:
    total: int
    rows: tuple[list[FacetBucket], int]
    columns: tuple[list[FacetBucket], int]
    cells: list[FacetCell]


async def _grid(
    info: Info,
    entity_class: EntityClass,
    criteria: Sequence[Criterion],
    rows: enum.Enum,
    columns: enum.Enum,
    lang: str | None,
) -> _Grid:
    """One store call for the rows; the margins counted as one-dimensional facets are, then the cells."""
    if rows == columns:
        raise InvalidArgumentError("rows and columns: name two different dimensions")
    dimensions = (FacetDimension(rows.value), FacetDimension(columns.value))
    found = info.context.store.facets(FacetQuery(entity_class, tuple(criteria), dimensions))
    with_attendance = entity_class is EntityClass.EVENT
    across, down = await count_buckets(info, found, dimensions, lang, with_attendance)
    cells = _cells(found, dimensions, (across[0], down[0]), with_attendance)
    return _Grid(len(found.subjects), across, down, cells)


async def event_grid(
    info: Info, criteria: Sequence[Criterion], rows: EventDimension, columns: EventDimension, lang: str | None
) -> EventFacetGrid:
    grid = await _grid(info, EntityClass.EVENT, criteria, rows, columns, lang)
    return EventFacetGrid(
        total=grid.total,
        rows=EventFacet(dimension=rows, buckets=grid.rows[0], missing=grid.rows[1]),
        columns=EventFacet(dimension=columns, buckets=grid.columns[0], missing=grid.columns[1]),
        cells=grid.cells,
    )


async def organization_grid(
    info: Info,
    criteria: Sequence[Criterion],
    rows: OrganizationDimension,
    columns: OrganizationDimension,
    lang: str | None,
) -> OrganizationFacetGrid:
    grid = await _grid(info, EntityClass.ORGANIZATION, criteria, rows, columns, lang)
    return OrganizationFacetGrid(
        total=grid.total,
        rows=OrganizationFacet(dimension=rows, buckets=grid.rows[0], missing=grid.rows[1]),
        columns=OrganizationFacet(dimension=columns, buckets=grid.columns[0], missing=grid.columns[1]),
        cells=grid.cells,
    )
