"""The GraphQL schema: root fields, request guards and error handling."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter, SchemaExtension
from strawberry.schema.config import StrawberryConfig

from eventgraph.api import lookups
from eventgraph.api.connections import find_connection
from eventgraph.api.context import Info, Limits
from eventgraph.api.explain import Explain
from eventgraph.api.filters import (
    EventFilter,
    EventOrder,
    OrganizationFilter,
    OrganizationOrder,
    PartnershipFilter,
    PlaceFilter,
    to_iris,
)
from eventgraph.api.research_query import ResearchQuery
from eventgraph.api.types.common import SCALARS, Connection, Entity, Node, Source
from eventgraph.api.types.coverage import Coverage
from eventgraph.api.types.event import Event
from eventgraph.api.types.grant import Grant, GrantProgram
from eventgraph.api.types.organization import Organization
from eventgraph.api.types.partnership import Partnership
from eventgraph.api.types.place import Language, Place
from eventgraph.api.types.series import EventSeries
from eventgraph.errors import ClientError
from eventgraph.model import EntityClass, P, SortKey

logger = logging.getLogger(__name__)


@strawberry.type(
    description="Read-only entry points into the knowledge graph of Wikimedia movement events. Root fields are "
    "nullable so that one that fails (error codes TIMEOUT, PAGE_SIZE_LIMIT...) leaves the others' data in place."
)
class Query(ResearchQuery):
    @strawberry.field(description="Any entity by its global id ('Q406', 'eg:turkic-wikimedia-conference-2023').")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        [found] = await lookups.resolve(info, [lookups.node_iri(str(id))])
        return found

    @strawberry.field(
        description=(
            "Several entities by global id, in the order given (Relay's `nodes`): null in place of an id the "
            "graph does not hold. At most the page cap (100) ids; resolved in one batch."
        )
    )
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None] | None:
        lookups.check_count("ids", len(ids), info.context.limits.max_page_size)
        return list(await lookups.resolve(info, [lookups.node_iri(str(i)) for i in ids]))

    @strawberry.field(description="An entity by its Wikidata QID (e.g. 'Q180'); null when the graph does not hold it.")
    async def entity(self, info: Info, qid: str) -> Entity | None:
        [found] = await lookups.resolve(info, [lookups.qid_iri(qid)])
        return found

    @strawberry.field(
        description=(
            "Several entities by Wikidata QID, in the order given: null in place of a QID the graph does not "
            "hold; a text that is no QID is an error. At most the page cap (100) QIDs; resolved in one batch."
        )
    )
    async def entities(self, info: Info, qids: list[str]) -> list[Entity | None] | None:
        lookups.check_count("qids", len(qids), info.context.limits.max_page_size)
        return await lookups.resolve(info, [lookups.qid_iri(q) for q in qids])

    @strawberry.field(description="Events matching `filter`, sorted by `orderBy` (default: start date), paginated.")
    async def events(
        self,
        info: Info,
        filter: EventFilter | None = None,
        order_by: EventOrder | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Event] | None:
        sort, descending = (order_by or EventOrder()).sort()
        criteria = filter.criteria() if filter else []
        return await find_connection(
            info,
            EntityClass.EVENT,
            criteria,
            lambda r: Event(resource=r),
            first=first,
            after=after,
            sort=sort,
            descending=descending,
        )

    @strawberry.field(
        description=(
            "Organizations (affiliates, the Foundation, IGOs...) matching `filter`, sorted by `orderBy` (default: "
            "label; or by how many events they organized, partners or links they have), paginated."
        )
    )
    async def organizations(
        self,
        info: Info,
        filter: OrganizationFilter | None = None,
        order_by: OrganizationOrder | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Organization] | None:
        sort, descending = (order_by or OrganizationOrder()).sort()
        criteria = filter.criteria() if filter else []
        return await find_connection(
            info,
            EntityClass.ORGANIZATION,
            criteria,
            lambda r: Organization(resource=r),
            first=first,
            after=after,
            sort=sort,
            descending=descending,
        )

    @strawberry.field(description="Places matching `filter`, by label.")
    async def places(
        self, info: Info, filter: PlaceFilter | None = None, first: int | None = None, after: str | None = None
    ) -> Connection[Place] | None:
        criteria = filter.criteria() if filter else []
        return await find_connection(
            info, EntityClass.PLACE, criteria, lambda r: Place(resource=r), first=first, after=after
        )

    @strawberry.field(description="Event series (Wikimania, Wikimedia Hackathon...), by label.")
    async def event_series(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[EventSeries] | None:
        return await find_connection(
            info, EntityClass.EVENT_SERIES, [], lambda r: EventSeries(resource=r), first=first, after=after
        )

    @strawberry.field(description="Partnerships (e.g. affiliates with UN agencies) matching `filter`, by label.")
    async def partnerships(
        self, info: Info, filter: PartnershipFilter | None = None, first: int | None = None, after: str | None = None
    ) -> Connection[Partnership] | None:
        criteria = filter.criteria() if filter else []
        return await find_connection(
            info, EntityClass.PARTNERSHIP, criteria, lambda r: Partnership(resource=r), first=first, after=after
        )

    @strawberry.field(description="Grants, optionally only those of some events or series, by label.")
    async def grants(
        self,
        info: Info,
        event: list[strawberry.ID] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Grant] | None:
        from eventgraph.model import HasValue

        criteria = [HasValue(P.funded_event, to_iris(event, "event"))] if event else []
        return await find_connection(
            info, EntityClass.GRANT, criteria, lambda r: Grant(resource=r), first=first, after=after
        )

    @strawberry.field(description="Every grant program, by label.")
    async def grant_programs(self, info: Info) -> list[GrantProgram] | None:
        page = await find_connection(
            info,
            EntityClass.GRANT_PROGRAM,
            [],
            lambda r: GrantProgram(resource=r),
            first=info.context.limits.max_page_size,
            after=None,
            sort=SortKey.LABEL,
        )
        return page.nodes

    @strawberry.field(description="Every language the graph knows, by label.")
    async def languages(self, info: Info) -> list[Language] | None:
        page = await find_connection(
            info,
            EntityClass.LANGUAGE,
            [],
            lambda r: Language(resource=r),
            first=info.context.limits.max_page_size,
            after=None,
        )
        return page.nodes

    @strawberry.field(description="What was loaded, from where, when, and how many triples each source holds.")
    async def sources(self, info: Info) -> list[Source] | None:
        return [Source(info=s) for s in await info.context.loaders.sources()]

    @strawberry.field(
        description=(
            "What the graph knows and what it lacks: per event series and for every event, the editions without a "
            "city, country, dates, attendance count, organizer or QID; per entity type, those without a QID. "
            "Sums over unknown values are null."
        )
    )
    def coverage(self, info: Info) -> Coverage | None:
        from eventgraph.coverage import coverage

        return Coverage(view=coverage(info.context.store))


class ErrorCodes(SchemaExtension):
    """Give client errors a machine-readable `extensions.code`; log unexpected ones once."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        for error in getattr(result, "errors", None) or []:
            original = error.original_error
            if isinstance(original, ClientError):
                error.extensions = {**(error.extensions or {}), "code": original.code}
            elif original is not None and not isinstance(original, GraphQLError):
                logger.error("unexpected error in %s", error.path, exc_info=original)


def _should_mask(error: GraphQLError) -> bool:
    original = error.original_error
    return original is not None and not isinstance(original, ClientError | GraphQLError)


def build_schema(limits: Limits | None = None) -> strawberry.Schema:
    limits = limits or Limits()
    return strawberry.Schema(
        query=Query,
        types=[Event, EventSeries, Organization, Place, Partnership, GrantProgram, Grant, Language],
        config=StrawberryConfig(scalar_map=SCALARS),
        extensions=[
            lambda: QueryDepthLimiter(max_depth=limits.max_depth),
            lambda: MaxAliasesLimiter(max_alias_count=limits.max_aliases),
            lambda: MaxTokensLimiter(max_token_count=limits.max_tokens),
            ErrorCodes,
            Explain,
            lambda: MaskErrors(should_mask_error=_should_mask, error_message="Unexpected error: it has been logged."),
        ],
    )
