"""Interfaces and value types shared by every entity type: Node, Entity, labels, sources, claims."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, NewType, TypeVar

import strawberry
from strawberry.types.scalar import ScalarDefinition

from eventgraph.api import facts
from eventgraph.api.claims import stated_values
from eventgraph.api.context import Info
from eventgraph.api.types.enums import DateQualifier, enum_value
from eventgraph.model import (
    EG,
    EG_SOURCE,
    RDFS_LABEL,
    SCHEMA_DESCRIPTION,
    SKOS_ALT_LABEL,
    WD,
    Fact,
    Iri,
    Literal,
    P,
    Resource,
    SourceInfo,
    qid_of,
    short_id,
)

PartialDate = NewType("PartialDate", str)
"""A date as precise as its source: registered as the `PartialDate` scalar in `SCALARS`."""


def as_date(text: str | None) -> PartialDate | None:
    """Tag a stored date literal as the PartialDate scalar."""
    return PartialDate(text) if text is not None else None


SCALARS: dict[object, ScalarDefinition] = {
    PartialDate: strawberry.scalar(
        name="PartialDate",
        description=(
            "A date to the precision the source gives: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. "
            "'2025' stays '2025'; it is never widened to a day."
        ),
        serialize=str,
        parse_value=str,
    )
}


@strawberry.type(description="A text in one language.")
class LangString:
    value: str = strawberry.field(description="The text.")
    lang: str | None = strawberry.field(description="BCP 47 language code, e.g. 'en', 'tr', 'kk'.")


@strawberry.type(description="A page that supports a fact, with the supporting quote.")
class Citation:
    url: str = strawberry.field(description="The page the fact was taken from.")
    quote: str | None = strawberry.field(description="The words on that page that state the fact.")
    note: str | None = strawberry.field(
        default=None, description="A note about this source (e.g. what it does not say), when the transcriber gave one."
    )


def citations_of(resource: Resource) -> list[Citation]:
    found: dict[tuple[str, str | None], Citation] = {}
    for node in resource.nodes(P.citation):
        urls = node.iris(P.url)
        if urls:
            quote = node.literal(P.quote)
            cited = found.setdefault((urls[0], quote), Citation(url=urls[0], quote=quote))
            if cited.note is None:
                cited.note = node.literal(P.note)
    return list(found.values())


@strawberry.type(description="A loaded source: one named graph in the store, where its facts came from and when.")
class Source:
    info: strawberry.Private[SourceInfo]

    @strawberry.field(description="Short id of the source, e.g. 'turkic-wikimedia-conference' or 'wikidata'.")
    def id(self) -> str:
        graph = self.info.graph
        return graph[len(EG_SOURCE) :] if graph.startswith(EG_SOURCE) else graph

    @strawberry.field(description="IRI of the named graph that holds this source's facts.")
    def graph(self) -> str:
        return self.info.graph

    @strawberry.field(description="Title of the source, e.g. the Meta-wiki page title.")
    def title(self) -> str:
        return self.info.title

    @strawberry.field(description="Where the source can be read: the page URL or the SPARQL endpoint.")
    def url(self) -> str:
        return self.info.url

    @strawberry.field(description="'local' (a curated file), 'wikidata' or 'rdf'.")
    def kind(self) -> str:
        return self.info.kind

    @strawberry.field(description="When the source text was retrieved, if known (ISO date).")
    def retrieved(self) -> str | None:
        return self.info.retrieved

    @strawberry.field(description="Licence of the source text.")
    def licence(self) -> str | None:
        return self.info.licence

    @strawberry.field(description="When this source was loaded into the store.")
    def loaded_at(self) -> datetime | None:
        return self.info.loaded_at

    @strawberry.field(description="Number of triples this source holds in the store.")
    def triples(self) -> int:
        return self.info.triples

    @strawberry.field(description="The SPARQL endpoint a Wikidata load used, if any.")
    def endpoint(self) -> str | None:
        return self.info.endpoint


async def source_for(info: Info, graph: str) -> Source:
    known = {s.graph: s for s in await info.context.loaders.sources()}
    found = known.get(graph)
    if found is None:
        found = SourceInfo(graph=graph, title=graph, url=graph, kind="unknown")
    return Source(info=found)


@strawberry.type(
    description="A number as the source wrote it ('90+', 'About 200-250'), with what can be parsed from it."
)
class Quantity:
    resource: strawberry.Private[Resource]

    @strawberry.field(description="The figure exactly as the source wrote it, e.g. '90+' or 'TBA'.")
    def text(self) -> str:
        return self.resource.literal(P.text) or ""

    @strawberry.field(description="The figure itself when the text gives one (exact or approximate), else null.")
    def count(self) -> int | None:
        return facts.integer(self.resource, P.value)

    @strawberry.field(description="The least the text allows ('90+' gives 90; '200-250' gives 200), else null.")
    def lower_bound(self) -> int | None:
        return facts.integer(self.resource, P.minimum)

    @strawberry.field(description="The most the text allows ('200-250' gives 250; 'up to 50' gives 50), else null.")
    def upper_bound(self) -> int | None:
        return facts.integer(self.resource, P.maximum)

    @strawberry.field(
        description="How the figure is meant: exact, at-least, at-most, about or range; null if unparsed."
    )
    def qualifier(self) -> str | None:
        return self.resource.literal(P.qualifier)


def _field_name(predicate: str) -> str:
    return predicate[len(EG) :] if predicate.startswith(EG) else predicate


@strawberry.type(
    description=(
        "One value a source states for a fact. When sources disagree, the entity's plain field serves the "
        "preferred value and `claims` lists every value with its source."
    )
)
class Claim:
    field_iri: strawberry.Private[str]
    fact_value: strawberry.Private[Fact]
    is_preferred: strawberry.Private[bool]
    citation_list: strawberry.Private[list[Citation]]

    @strawberry.field(description="The ontology property the claim is about, by local name (e.g. 'attendance').")
    def field(self) -> str:
        return _field_name(self.field_iri)

    @strawberry.field(description="The value as text: a literal, a quantity's text, or the id of an entity.")
    def value(self) -> str:
        value = self.fact_value.value
        if isinstance(value, Literal):
            return value.lexical
        if isinstance(value, Iri):
            return short_id(value.value)
        if self.fact_value.node is not None:
            return self.fact_value.node.literal(P.text) or ""
        return ""

    @strawberry.field(description="The entity the value names, when it is an entity.")
    async def entity(self, info: Info) -> Entity | None:
        value = self.fact_value.value
        if not isinstance(value, Iri):
            return None
        from eventgraph.api.types.registry import wrap

        return wrap(await info.context.loaders.resources.load(value.value))

    @strawberry.field(description="The value as a quantity, when it is one (attendance, participants).")
    def quantity(self) -> Quantity | None:
        node = self.fact_value.node
        return Quantity(resource=node) if node is not None and node.literal(P.text) is not None else None

    @strawberry.field(
        description="True for a value the plain field serves (for list fields such as partners: every value)."
    )
    def preferred(self) -> bool:
        return self.is_preferred

    @strawberry.field(description="The loaded source (named graph) that states this value.")
    async def source(self, info: Info) -> Source:
        return await source_for(info, self.fact_value.graph)

    @strawberry.field(description="The pages cited for this value.")
    def citations(self) -> list[Citation]:
        return self.citation_list


def claims_of(resource: Resource, field: str | None = None) -> list[Claim]:
    """Every stated value of `field` (or of each fact that carries claims or that sources state differently)."""
    return [
        Claim(
            field_iri=value.predicate,
            fact_value=value.fact,
            is_preferred=value.preferred,
            citation_list=citations_of(value.claim) if value.claim is not None else [],
        )
        for value in stated_values(resource, field)
    ]


@strawberry.type(description="A note as one loaded source gives it.")
class SourceNote:
    text: str = strawberry.field(description="The note, verbatim.")
    graph: strawberry.Private[str]

    @strawberry.field(description="The loaded source (named graph) that gives the note.")
    async def source(self, info: Info) -> Source:
        return await source_for(info, self.graph)


@strawberry.type(
    description=(
        "A date a source gives only with a qualifier ('before 2012', 'by 2005'): the plain date field stays empty "
        "for it, so a bound is never read as the date."
    )
)
class QualifiedDate:
    node: strawberry.Private[Resource]
    graph: strawberry.Private[str]

    @strawberry.field(description="The date field it qualifies, by local name (e.g. 'founded', 'startDate').")
    def field(self) -> str:
        found = self.node.iris(P.claim_property)
        return _field_name(found[0]) if found else ""

    @strawberry.field(description="The date, to the precision the source gives.")
    def date(self) -> PartialDate | None:
        return as_date(self.node.literal(P.claim_value))

    @strawberry.field(description="How the date bounds the fact: before, by (on or before), after or about.")
    def qualifier(self) -> DateQualifier | None:
        return enum_value(DateQualifier, self.node.literal(P.date_qualifier))

    @strawberry.field(description="The pages that state the date, with their quotes.")
    def citations(self) -> list[Citation]:
        return citations_of(self.node)

    @strawberry.field(description="The loaded source (named graph) that states it.")
    async def source(self, info: Info) -> Source:
        return await source_for(info, self.graph)


@strawberry.interface(description="Anything with a global id that `node(id:)` can fetch.")
class Node:
    resource: strawberry.Private[Resource]

    @strawberry.field(description="Stable global id: a Wikidata QID such as 'Q180', or 'eg:<slug>' when none is known.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(short_id(self.resource.iri))


@strawberry.interface(description="An entity of the knowledge graph: labelled, sourced and linked to Wikidata.")
class Entity(Node):
    @strawberry.field(description="The Wikidata item id (e.g. 'Q406') when known, else null.")
    def qid(self) -> str | None:
        own = qid_of(self.resource.iri)
        if own:
            return own
        for same in self.resource.iris(P.same_as):
            if qid_of(same):
                return qid_of(same)
        return None

    @strawberry.field(description="The full IRI of the entity (Wikidata entity IRI or minted eventgraph IRI).")
    def iri(self) -> str:
        return self.resource.iri

    @strawberry.field(description="The entity's page on Wikidata, when its QID is known.")
    def wikidata_url(self) -> str | None:
        qid = self.qid()
        return f"https://www.wikidata.org/wiki/{qid}" if qid else None

    @strawberry.field(
        description="The label in `lang`, else in each `fallback` language in order, else English, else any label."
    )
    def label(self, lang: str | None = None, fallback: list[str] | None = None) -> str:
        return facts.label(self.resource, facts.language_chain(lang, fallback)) or short_id(self.resource.iri)

    @strawberry.field(description="Every label in every language.")
    def labels(self) -> list[LangString]:
        return [LangString(value=v.lexical, lang=v.language) for v in facts.lang_strings(self.resource, RDFS_LABEL)]

    @strawberry.field(description="The description in `lang`, with the same fallback as `label`.")
    def description(self, lang: str | None = None, fallback: list[str] | None = None) -> str | None:
        picked = facts.pick_language(
            facts.lang_strings(self.resource, SCHEMA_DESCRIPTION), facts.language_chain(lang, fallback)
        )
        return picked.lexical if picked else None

    @strawberry.field(description="Other names (aliases); in `lang` only when given.")
    def aliases(self, lang: str | None = None) -> list[str]:
        values = facts.lang_strings(self.resource, SKOS_ALT_LABEL)
        return [v.lexical for v in values if lang is None or (v.language or "").split("-")[0] == lang.lower()]

    @strawberry.field(description="The loaded sources (named graphs) that state facts about this entity.")
    async def sources(self, info: Info) -> list[Source]:
        graphs = sorted({f.graph for f in self.resource.facts})
        return [await source_for(info, g) for g in graphs]

    @strawberry.field(description="Pages cited for this entity's facts, with their supporting quotes.")
    def citations(self) -> list[Citation]:
        return citations_of(self.resource)

    @strawberry.field(
        description=(
            "Every value every source states for `field` (e.g. 'startDate', 'attendance', 'partner'), each with its "
            "source; without `field`, the values of each fact that carries claims or that sources state differently."
        )
    )
    def claims(self, field: str | None = None) -> list[Claim]:
        return claims_of(self.resource, field)

    @strawberry.field(description="Free-text note transcribed with the entity (one of them when sources give several).")
    def note(self) -> str | None:
        return facts.text(self.resource, P.note)

    @strawberry.field(description="Every note on the entity, each with the loaded source that gives it.")
    def notes(self) -> list[SourceNote]:
        found = {
            (f.value.lexical, f.graph): SourceNote(text=f.value.lexical, graph=f.graph)
            for f in self.resource.facts
            if f.predicate == P.note and isinstance(f.value, Literal)
        }
        return [found[k] for k in sorted(found, key=lambda k: (k[1], k[0]))]

    @strawberry.field(
        description="Dates the sources give only with a qualifier ('before 2012', 'by 2005'), for `field` or all."
    )
    def qualified_dates(self, field: str | None = None) -> list[QualifiedDate]:
        found = [
            QualifiedDate(node=f.node, graph=f.graph)
            for f in self.resource.facts
            if f.predicate == P.qualified_date and f.node is not None
        ]
        return [q for q in found if field is None or q.field() == field]

    @strawberry.field(description="The entity's own pages (Meta-wiki, Wikipedia) used to link it to Wikidata.")
    def pages(self) -> list[str]:
        return self.resource.iris(P.page)


@strawberry.type(description="Where a connection page stands.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="True when more results follow this page.")
    has_previous_page: bool = strawberry.field(description="True when results precede this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first edge of the page.")
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last edge; pass it as `after` for the next page."
    )


T = TypeVar("T")


@strawberry.type(description="One result of a connection with its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Opaque cursor of this result.")
    node: T = strawberry.field(description="The result.")


@strawberry.type(description="A page of results (Relay connection) with the total count.")
class Connection(Generic[T]):
    page_info: PageInfo = strawberry.field(description="Where this page stands.")
    edges: list[Edge[T]] = strawberry.field(description="The results of this page with their cursors.")
    nodes: list[T] = strawberry.field(description="The results of this page.")
    total: strawberry.Private[int | None]

    @strawberry.field(description="How many results match, over all pages: counted only when this field is selected.")
    def total_count(self) -> int:
        if self.total is None:  # the connection was built without counting: a bug in telling what was selected
            raise RuntimeError("totalCount was selected but not counted")
        return self.total


def wikidata_iri(qid: str) -> str:
    return WD + qid


__all__ = [
    "RDFS_LABEL",
    "Citation",
    "Claim",
    "Connection",
    "Edge",
    "Entity",
    "LangString",
    "Node",
    "PageInfo",
    "PartialDate",
    "QualifiedDate",
    "Quantity",
    "Source",
    "SourceNote",
]
