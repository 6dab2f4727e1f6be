"""Root fields for researchers: search, facets, networks and paths (the `Query` type inherits them)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from eventgraph.api import facet_grids
from eventgraph.api import facets as facet_counts
from eventgraph.api import network as networks
from eventgraph.api import search as name_search
from eventgraph.api.context import Info
from eventgraph.api.filters import EventFilter, OrganizationFilter
from eventgraph.api.types.facets import (
    EventDimension,
    EventFacetGrid,
    EventFacets,
    OrganizationDimension,
    OrganizationFacetGrid,
    OrganizationFacets,
)
from eventgraph.api.types.network import CoOrganizationNetwork, Network, Path, Relation
from eventgraph.api.types.search import EntityType, SearchResult


@strawberry.type(description="Root fields for researchers: search, facets, networks and paths.")
class ResearchQuery:
    @strawberry.field(
        description=(
            "Entities whose label, alias or short name matches `text` in any loaded language, ignoring case and "
            "diacritics ('turkiye' finds 'Türkiye', 'istanbul' finds 'İstanbul'); Latin, Cyrillic and Arabic "
            "script alike. Ranked: exact, then prefix, then every word of the text starting a word of the name. "
            "`types` narrows the entity types; `lang` matches only names in that language (and untagged ones)."
        )
    )
    async def search(
        self,
        info: Info,
        text: str,
        types: list[EntityType] | None = None,
        lang: str | None = None,
        first: int | None = None,
    ) -> list[SearchResult] | None:
        return await name_search.search(info, text, types, lang, first)

    @strawberry.field(
        description=(
            "Counts of the events matching `filter` (the same filter as `events`) along each dimension of `by`, "
            "with attendance sums per bucket; bucket labels in `lang`."
        )
    )
    async def event_facets(
        self, info: Info, by: list[EventDimension], filter: EventFilter | None = None, lang: str | None = None
    ) -> EventFacets | None:
        return await facet_counts.event_facets(info, filter.criteria() if filter else [], by, lang)

    @strawberry.field(
        description="Counts of the organizations matching `filter` along each dimension of `by`: kind, country, region."
    )
    async def organization_facets(
        self,
        info: Info,
        by: list[OrganizationDimension],
        filter: OrganizationFilter | None = None,
        lang: str | None = None,
    ) -> OrganizationFacets | None:
        return await facet_counts.organization_facets(info, filter.criteria() if filter else [], by, lang)

    @strawberry.field(
        description=(
            "Events matching `filter` counted along two dimensions at once (e.g. rows COUNTRY, columns YEAR): "
            "one request instead of one aliased `eventFacets` per country. Bucket labels in `lang`."
        )
    )
    async def event_facet_grid(
        self,
        info: Info,
        rows: EventDimension,
        columns: EventDimension,
        filter: EventFilter | None = None,
        lang: str | None = None,
    ) -> EventFacetGrid | None:
        return await facet_grids.event_grid(info, filter.criteria() if filter else [], rows, columns, lang)

    @strawberry.field(
        description="Organizations matching `filter` counted along two dimensions at once (e.g. KIND x COUNTRY)."
    )
    async def organization_facet_grid(
        self,
        info: Info,
        rows: OrganizationDimension,
        columns: OrganizationDimension,
        filter: OrganizationFilter | None = None,
        lang: str | None = None,
    ) -> OrganizationFacetGrid | None:
        return await facet_grids.organization_grid(info, filter.criteria() if filter else [], rows, columns, lang)

    @strawberry.field(
        description=(
            "The sub-graph around `seeds`: entities up to `depth` hops away (0 to 4) through `relations` (default "
            "all), and the typed edges between them with their sources. At most `first` nodes (default 100, at "
            "most 500): `truncated` says when the cap cut the last level."
        )
    )
    async def network(
        self,
        info: Info,
        seeds: list[strawberry.ID],
        depth: int = 1,
        relations: list[Relation] | None = None,
        first: int | None = None,
    ) -> Network | None:
        return await networks.network(info, seeds, depth, relations, first)

    @strawberry.field(
        description=(
            "The shortest paths between two entities through `relations` (default all), edges followed in either "
            "direction, if one has at most `maxHops` edges (1 to 6); empty when none does. At most `first` paths "
            "(default 10)."
        )
    )
    async def path(
        self,
        info: Info,
        from_: Annotated[strawberry.ID, strawberry.argument(name="from", description="Where the path starts.")],
        to: Annotated[strawberry.ID, strawberry.argument(description="Where the path ends.")],
        max_hops: int = 4,
        relations: list[Relation] | None = None,
        first: int | None = None,
    ) -> list[Path] | None:
        return await networks.paths(info, from_, to, max_hops, relations, first)

    @strawberry.field(
        description=(
            "Organizations linked by events they organized together, by organizing an event the other supported "
            "(affiliate to IGO), or by a partnership, weighted by how many such events and partnerships link them. "
            "An edge is kept when at least one end matches `filter`; `events` restricts the events counted (and "
            "then only partnerships naming one of them count). At most `first` edges (default 100)."
        )
    )
    async def co_organization(
        self,
        info: Info,
        filter: OrganizationFilter | None = None,
        events: EventFilter | None = None,
        first: int | None = None,
    ) -> CoOrganizationNetwork | None:
        return await networks.co_organization(
            info, filter.criteria() if filter else [], events.criteria() if events else [], first
        )
