"""Facets: counts of the entities matching a filter, bucketed by a dimension, with attendance sums for events."""

from __future__ import annotations

import enum

import strawberry

from eventgraph.api.context import Info
from eventgraph.api.types.common import Entity
from eventgraph.model import FacetDimension


@strawberry.enum(description="What event facets bucket by.")
class EventDimension(enum.Enum):
    YEAR = FacetDimension.YEAR.value
    COUNTRY = FacetDimension.COUNTRY.value
    REGION = FacetDimension.REGION.value
    KIND = FacetDimension.KIND.value
    SERIES = FacetDimension.SERIES.value
    ORGANIZER = FacetDimension.ORGANIZER.value
    STATUS = FacetDimension.STATUS.value


@strawberry.enum(description="What organization facets bucket by.")
class OrganizationDimension(enum.Enum):
    KIND = FacetDimension.KIND.value
    COUNTRY = FacetDimension.COUNTRY.value
    REGION = FacetDimension.REGION.value


@strawberry.type(description="One bucket of a facet: a key (an entity or a value) and what falls under it.")
class FacetBucket:
    key: str = strawberry.field(
        description="The entity's id ('Q43') or the value itself: a year ('2023'), a kind ('conference'), a status."
    )
    label: str = strawberry.field(description="The entity's label (in `lang` when asked), or the value.")
    count: int = strawberry.field(description="How many matching events (or organizations) fall in this bucket.")
    attendance_sum: int | None = strawberry.field(
        description=(
            "Events only: the sum of the attendance figures the sources give as a number (exact or 'about'), "
            "each event's preferred figure counted once; events whose figure is only a bound or 'TBA' add nothing."
        )
    )
    attendance_lower_bound_sum: int | None = strawberry.field(
        description=(
            "Events only: the least total attendance the sources allow: each event's stated minimum ('90+' gives "
            "90, '200-250' gives 200) or its exact figure."
        )
    )
    attendance_reported: int | None = strawberry.field(
        description="Events only: how many events of the bucket have an attendance figure with a number in it."
    )
    entity_iri: strawberry.Private[str | None]

    @strawberry.field(description="The entity the key names, when the dimension is one of entities.")
    async def entity(self, info: Info) -> Entity | None:
        if self.entity_iri is None:
            return None
        from eventgraph.api.types.registry import wrap

        return wrap(await info.context.loaders.resources.load(self.entity_iri))


@strawberry.type(description="Counts of the matching events along one dimension.")
class EventFacet:
    dimension: EventDimension = strawberry.field(description="The dimension bucketed by.")
    buckets: list[FacetBucket] = strawberry.field(
        description="Buckets by count, largest first (years in calendar order); an event may fall in several."
    )
    missing: int = strawberry.field(description="Matching events with no value for this dimension.")


@strawberry.type(description="Facets of the events matching a filter.")
class EventFacets:
    total: int = strawberry.field(description="How many events match the filter.")
    facets: list[EventFacet] = strawberry.field(description="One facet per requested dimension, in request order.")


@strawberry.type(description="Counts of the matching organizations along one dimension.")
class OrganizationFacet:
    dimension: OrganizationDimension = strawberry.field(description="The dimension bucketed by.")
    buckets: list[FacetBucket] = strawberry.field(
        description="Buckets by count, largest first; an organization may fall in several."
    )
    missing: int = strawberry.field(description="Matching organizations with no value for this dimension.")


@strawberry.type(description="Facets of the organizations matching a filter.")
class OrganizationFacets:
    total: int = strawberry.field(description="How many organizations match the filter.")
    facets: list[OrganizationFacet] = strawberry.field(
        description="One facet per requested dimension, in request order."
    )


@strawberry.type(description="One cell of a two-dimensional facet: the matching entities that have both keys.")
class FacetCell:
    row: str = strawberry.field(description="The key of the row bucket ('Q43', '2023', 'conference'), as in `rows`.")
    column: str = strawberry.field(description="The key of the column bucket, as in `columns`.")
    count: int = strawberry.field(description="How many matching entities fall in both buckets.")
    attendance_sum: int | None = strawberry.field(
        description="Events only: as `FacetBucket.attendanceSum`, over the events of this cell."
    )
    attendance_lower_bound_sum: int | None = strawberry.field(
        description="Events only: as `FacetBucket.attendanceLowerBoundSum`, over the events of this cell."
    )
    attendance_reported: int | None = strawberry.field(
        description="Events only: how many events of this cell have an attendance figure with a number in it."
    )


@strawberry.type(
    description=(
        "Counts of the matching events along two dimensions at once (a cross-tabulation, e.g. country x year): "
        "the buckets of each dimension and the non-empty cells. An event with several values of a dimension "
        "(two organizers) falls in several cells."
    )
)
class EventFacetGrid:
    total: int = strawberry.field(description="How many events match the filter.")
    rows: EventFacet = strawberry.field(description="The facet of the row dimension: its buckets give row labels.")
    columns: EventFacet = strawberry.field(description="The facet of the column dimension.")
    cells: list[FacetCell] = strawberry.field(
        description="The non-empty cells, in the order of the row buckets, then of the column buckets."
    )


@strawberry.type(
    description=(
        "Counts of the matching organizations along two dimensions at once (e.g. kind x country): the buckets of "
        "each dimension and the non-empty cells."
    )
)
class OrganizationFacetGrid:
    total: int = strawberry.field(description="How many organizations match the filter.")
    rows: OrganizationFacet = strawberry.field(description="The facet of the row dimension.")
    columns: OrganizationFacet = strawberry.field(description="The facet of the column dimension.")
    cells: list[FacetCell] = strawberry.field(
        description="The non-empty cells, in the order of the row buckets, then of the column buckets."
    )
