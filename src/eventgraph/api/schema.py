"""The GraphQL schema: root fields, request guards and error handling."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import DisableIntrospection, SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from eventgraph.api import lookups
from eventgraph.api.connections import find_connection
from eventgraph.api.context import Info, Limits, ReleaseLoaders
from eventgraph.api.explain import Explain
from eventgraph.api.failures import classify, log_failure
from eventgraph.api.filters import (
    EventFilter,
    EventOrder,
    OrganizationFilter,
    OrganizationOrder,
    PartnershipFilter,
    PlaceFilter,
    to_iris,
)
from eventgraph.api.guards import DocumentGuards, ListBudget, PreparedDocuments
from eventgraph.api.prefetch import prefetch
from eventgraph.api.research_query import ResearchQuery
from eventgraph.api.resolvers import call_resolvers_directly
from eventgraph.api.selection import SelectionHints
from eventgraph.api.types.common import SCALARS, Connection, Entity, Node, Source
from eventgraph.api.types.coverage import Coverage
from eventgraph.api.types.event import Event
from eventgraph.api.types.grant import Grant, GrantProgram
from eventgraph.api.types.organization import Organization
from eventgraph.api.types.partnership import Partnership
from eventgraph.api.types.place import Language, Place
from eventgraph.api.types.series import EventSeries
from eventgraph.api.validation import CachedValidation
from eventgraph.errors import ResultTooLargeError
from eventgraph.model import EntityClass, P, SortKey

logger = logging.getLogger(__name__)


@strawberry.type(
    description="Read-only entry points into the knowledge graph of Wikimedia movement events. Root fields are "
    "nullable so that one that fails (error codes TIMEOUT, PAGE_SIZE_LIMIT...) leaves the others' data in place."
)
class Query(ResearchQuery):
    @strawberry.field(
        description="Any entity by its global id ('Q406', 'eg:turkic-wikimedia-conference-2023'); null when the "
        "graph does not hold it, error INVALID_ARGUMENT when the text is no id."
    )
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        [found] = await lookups.resolve(info, [lookups.node_iri(str(id))])
        if found is not None:
            await prefetch(info, [found])
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


class ErrorPolicy(SchemaExtension):
    """Every error gets an `extensions.code` (`failures.classify`); unexpected ones are masked after logging."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        result.errors = [_coded(error) for error in result.errors]
        too_large = [e for e in result.errors if (e.extensions or {}).get("code") == ResultTooLargeError.code]
        if too_large:  # the fields that stopped are many and the rest is cut: answer the one reason
            result.data = None
            result.errors = too_large[:1]


def _coded(error: GraphQLError) -> GraphQLError:
    """A resolver's error coded by its exception (masked unless a client error); request errors left to HTTP."""
    if error.original_error is None or isinstance(error.original_error, GraphQLError):
        if error.path is not None:  # graphql-core's own complaint about a field (a null in a non-null): ours
            error.extensions = {**(error.extensions or {}), "code": "INTERNAL_SERVER_ERROR"}
        return error
    failure = classify(error)
    if failure.client:
        error.extensions = {**(error.extensions or {}), "code": failure.code}
        return error
    return GraphQLError(
        failure.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": failure.code},
    )


class EventGraphSchema(strawberry.Schema):
    """The schema with this project's error logging: one WARNING line per client error, tracebacks for the rest."""

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        """Log each distinct error once (a limit hit in many fields is one line), with its count."""
        where = (execution_context.operation_name if execution_context else None) or "graphql"
        seen: dict[tuple[str, str], tuple[GraphQLError, int]] = {}
        for error in errors:
            key = (classify(error).code, error.message)
            first, count = seen.get(key, (error, 0))
            seen[key] = (first, count + 1)
        for error, count in seen.values():
            path = ".".join(str(p) for p in error.path or [])
            times = f" ({count} fields)" if count > 1 else ""
            log_failure(error.original_error or error, classify(error), f"{where} {path}{times}".strip())


def build_schema(limits: Limits | None = None, *, introspection: bool = True) -> strawberry.Schema:
    """The schema with its guards; `introspection=False` refuses __schema and __type (not __typename)."""
    limits = limits or Limits()
    guards = limits
    documents = PreparedDocuments(limits)  # a text executed again is not parsed again (the HTTP layer's cache)
    extensions: list[Any] = [
        lambda: DocumentGuards(limits=guards, documents=documents),
        CachedValidation,  # after the guards: only a document they passed is validated (and kept)
        ErrorPolicy,
        Explain,
        SelectionHints,
        ReleaseLoaders,
    ]
    if not introspection:
        extensions.insert(1, DisableIntrospection)
    schema = EventGraphSchema(
        query=Query,
        types=[Event, EventSeries, Organization, Place, Partnership, GrantProgram, Grant, Language],
        config=StrawberryConfig(scalar_map=SCALARS),
        extensions=extensions,
        execution_context_class=ListBudget,
    )
    call_resolvers_directly(schema)
    return schema
