"""Network types: typed edges with provenance, sub-graphs, paths, co-organization and per-year counts."""

from __future__ import annotations

import enum
import re
from typing import TYPE_CHECKING, Annotated, TypeAlias

import strawberry

from eventgraph.api.context import Info
from eventgraph.api.types.common import Entity, Source, source_for
from eventgraph.model import RELATIONS, LinkKind, property_iri, short_id

if TYPE_CHECKING:
    from eventgraph.api.types.event import Event
    from eventgraph.api.types.organization import Organization
    from eventgraph.api.types.partnership import Partnership

EventRef = Annotated["Event", strawberry.lazy("eventgraph.api.types.event")]
OrganizationRef = Annotated["Organization", strawberry.lazy("eventgraph.api.types.organization")]
PartnershipRef = Annotated["Partnership", strawberry.lazy("eventgraph.api.types.partnership")]


class _Relation(enum.Enum):
    @property
    def predicate(self) -> str:
        return property_iri(self.value)


def _relation_enum() -> type[_Relation]:
    """Every property linking two entities (`eventgraph.model.RELATIONS`), as an enum named after it."""
    members = {re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper(): name for name in RELATIONS}
    made: type[_Relation] = _Relation("Relation", members)  # type: ignore[call-arg,assignment]
    return made


if TYPE_CHECKING:
    Relation: TypeAlias = _Relation
else:
    Relation = strawberry.enum(
        _relation_enum(),
        description="A relation between two entities, named after its ontology property (source -> target).",
    )


async def _entity(info: Info, iri: str) -> Entity | None:
    from eventgraph.api.types.registry import wrap

    return wrap(await info.context.loaders.resources.load(iri))


@strawberry.type(description="A typed edge between two entities, with the sources that state it.")
class NetworkEdge:
    relation: Relation = strawberry.field(description="The relation, read from source to target.")
    source_iri: strawberry.Private[str]
    target_iri: strawberry.Private[str]
    graphs: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="Id of the entity the relation starts from (an event for ORGANIZER).")
    def source_id(self) -> strawberry.ID:
        return strawberry.ID(short_id(self.source_iri))

    @strawberry.field(description="Id of the entity the relation points at.")
    def target_id(self) -> strawberry.ID:
        return strawberry.ID(short_id(self.target_iri))

    @strawberry.field(description="The entity the relation starts from.")
    async def source(self, info: Info) -> Entity | None:
        return await _entity(info, self.source_iri)

    @strawberry.field(description="The entity the relation points at.")
    async def target(self, info: Info) -> Entity | None:
        return await _entity(info, self.target_iri)

    @strawberry.field(description="Provenance: the loaded sources that state this edge.")
    async def sources(self, info: Info) -> list[Source]:
        return [await source_for(info, g) for g in self.graphs]


@strawberry.type(description="The sub-graph around some seed entities.")
class Network:
    nodes: list[Entity] = strawberry.field(description="The entities reached (the seeds first), at most `first`.")
    edges: list[NetworkEdge] = strawberry.field(description="Every followed edge between two of the nodes.")
    depth: int = strawberry.field(description="How many hops from the seeds were explored.")
    truncated: bool = strawberry.field(
        description="True when the node cap cut the exploration: some neighbours of the last level are left out."
    )


@strawberry.type(
    description="A shortest path: nodes[0], edges[0], nodes[1], ... edges[i] links nodes[i] and nodes[i+1]."
)
class Path:
    length: int = strawberry.field(description="Number of edges.")
    nodes: list[Entity] = strawberry.field(description="The entities along the path, from `from` to `to`.")
    edges: list[NetworkEdge] = strawberry.field(
        description="The edges between consecutive nodes (each may point either way: see source and target)."
    )


@strawberry.enum(description="How two organizations are linked.")
class CoOrganizationKind(enum.Enum):
    CO_ORGANIZERS = LinkKind.CO_ORGANIZERS.value
    ORGANIZER_PARTNER = LinkKind.ORGANIZER_PARTNER.value
    PARTNERSHIP = LinkKind.PARTNERSHIP.value


@strawberry.type(description="Two organizations and what links them: events organized together, partnerships.")
class CoOrganizationEdge:
    weight: int = strawberry.field(description="How many events and partnerships link the two.")
    kinds: list[CoOrganizationKind] = strawberry.field(description="The kinds of link, in enum order.")
    source_iri: strawberry.Private[str]
    target_iri: strawberry.Private[str]
    event_iris: strawberry.Private[tuple[str, ...]]
    partnership_iris: strawberry.Private[tuple[str, ...]]

    # In the call when `coOrganization` loaded the page's organizations, events and partnerships with its nodes.

    @strawberry.field(description="One organization (the one with the smaller id).")
    def source(self, info: Info) -> OrganizationRef | None:
        from eventgraph.api.types.organization import Organization
        from eventgraph.api.types.refs import one_now

        return one_now(info, self.source_iri, Organization)

    @strawberry.field(description="The other organization.")
    def target(self, info: Info) -> OrganizationRef | None:
        from eventgraph.api.types.organization import Organization
        from eventgraph.api.types.refs import one_now

        return one_now(info, self.target_iri, Organization)

    @strawberry.field(description="The events both organized, or one organized and the other supported, by date.")
    def events(self, info: Info) -> list[EventRef]:
        from eventgraph.api.types.event import Event, event_sort_key
        from eventgraph.api.types.refs import many_now

        return many_now(info, self.event_iris, Event, order=event_sort_key)

    @strawberry.field(description="The partnerships both are parties to.")
    def partnerships(self, info: Info) -> list[PartnershipRef]:
        from eventgraph.api.types.partnership import Partnership
        from eventgraph.api.types.refs import many_now

        return many_now(info, self.partnership_iris, Partnership)


@strawberry.type(description="A co-organization network: organizations and their weighted links.")
class CoOrganizationNetwork:
    nodes: list[OrganizationRef] = strawberry.field(description="The organizations at either end of an edge, by id.")
    edges: list[CoOrganizationEdge] = strawberry.field(
        description="The links, heaviest first, at most `first` of them."
    )
    total_edges: int = strawberry.field(description="How many links there are before `first` cuts the list.")


@strawberry.type(description="A number of events in one calendar year (of the event's earliest possible start).")
class YearCount:
    year: int = strawberry.field(description="The year.")
    count: int = strawberry.field(description="How many events.")
