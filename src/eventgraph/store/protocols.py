"""The ports between loaders, store and api: what a backend must offer, nothing more.

Only the plain records of `eventgraph.model` cross these interfaces, so a loader or the api never sees
pyoxigraph or neo4j objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from eventgraph.model import (
    EventProfile,
    FacetQuery,
    FacetRows,
    FindQuery,
    GraphEdge,
    LinkQuery,
    OrganizationLink,
    Page,
    Resource,
    SearchHit,
    SearchQuery,
    SourceInfo,
    Triple,
)


@dataclass(frozen=True, slots=True)
class SparqlLimits:
    """Guards of the public SPARQL endpoint: time per query, rows (or triples) returned, query size, memory."""

    timeout_s: float = 10.0
    max_rows: int = 10_000
    max_query_chars: int = 20_000
    max_memory_mb: int = 1024
    """Address space of the process that evaluates the query (backends without worker processes ignore it)."""


@dataclass(frozen=True, slots=True)
class SparqlAnswer:
    """A serialized SPARQL result; `truncated` when `max_rows` cut it short."""

    body: bytes
    media_type: str
    rows: int
    truncated: bool = False


class GraphReader(Protocol):
    """Read access used by the api. Every method is one store round-trip."""

    def describe(self, iris: Sequence[str]) -> Mapping[str, Resource]:
        """Everything known about each IRI (with blank-node values expanded); unknown IRIs are absent."""
        ...

    def referrers(self, iris: Sequence[str], predicate: str) -> Mapping[str, list[str]]:
        """For each IRI, the subjects that point at it through `predicate` (inverse navigation)."""
        ...

    def find(self, query: FindQuery) -> Page:
        """One page of entities of a class matching all criteria, with the total count."""
        ...

    def sources(self) -> list[SourceInfo]:
        """The loaded sources, one per named graph."""
        ...

    def counts(self) -> Mapping[str, int]:
        """Triples in total and entities per class, for /healthz and the CLI."""
        ...

    def select(self, sparql: str) -> list[dict[str, str]]:
        """Run a read-only SPARQL SELECT, values as plain strings (for validation, exports and reports)."""
        ...

    def dump(self) -> bytes:
        """Every quad, as N-Quads: for SHACL validation and exports."""
        ...

    def search(self, query: SearchQuery) -> list[SearchHit]:
        """Entities whose label, alias or short name matches the text, folded for case and diacritics, best first."""
        ...

    def facets(self, query: FacetQuery) -> FacetRows:
        """The entities matching the criteria with their values of the wanted dimensions (and event attendance)."""
        ...

    def event_profiles(self, iris: Sequence[str] | None) -> list[EventProfile]:
        """Series, organizers, partners, places, countries, day bounds and points of these events (None: all)."""
        ...

    def edges(self, iris: Sequence[str], predicates: Sequence[str]) -> list[GraphEdge]:
        """The triples through `predicates` that have one of `iris` at either end, with the graph stating each."""
        ...

    def organization_links(self, query: LinkQuery) -> list[OrganizationLink]:
        """Organizations linked by organizing or supporting one event, or by a partnership."""
        ...

    def dataset_version(self) -> str:
        """A content hash of the data graphs (not the load times): changes exactly when the data changes."""
        ...


class SparqlReader(GraphReader, Protocol):
    """A reader that also answers arbitrary read-only SPARQL (/sparql): the embedded backend; optional for others."""

    def sparql(
        self,
        query: str,
        accept: Sequence[str],
        limits: SparqlLimits,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> SparqlAnswer:
        """Run a read-only SPARQL query within `limits`, serialized in the first acceptable media type.

        Raises the `ClientError`s of `eventgraph.store.sparql_endpoint` for bad, refused or too slow queries.
        """
        ...


class GraphWriter(Protocol):
    """Write access used by loaders: whole sources at a time, so a reload is atomic."""

    def replace_source(self, source: SourceInfo, triples: Iterable[Triple]) -> SourceInfo:
        """Replace the named graph `source.graph` with `triples` in one transaction.

        On any error the previous content of that graph stays as it was. Returns the source as stored
        (with its triple count and load time).
        """
        ...

    def replace_sources(self, batch: Sequence[tuple[SourceInfo, Iterable[Triple]]]) -> list[SourceInfo]:
        """Replace several named graphs in one transaction: all of them, or none."""
        ...

    def remove_source(self, graph: str) -> None:
        """Drop a named graph and its metadata."""
        ...


class GraphStore(GraphReader, GraphWriter, Protocol):
    """A backend offering both sides."""
