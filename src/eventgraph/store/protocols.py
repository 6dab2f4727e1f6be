"""The store contract: what every backend offers, plus optional capabilities a backend may lack.

Only the plain records of `eventgraph.model` cross these interfaces, so a loader or the api never sees pyoxigraph
or neo4j objects, and never sends query text to a backend through the core contract. SPARQL text and RDF dumps
are capabilities (`SparqlSelect`, `SparqlReader`, `RdfDump`, `SparqlTerms`, and `LinkBatches` for fewer
round-trips): `@runtime_checkable` protocols that
callers check with `isinstance` (see `rdf_dump`), answering 501 (api) or a one-line error (CLI) when missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from eventgraph.errors import CapabilityError
from eventgraph.model import (
    EntityClass,
    EventProfile,
    FacetQuery,
    FacetRows,
    FindQuery,
    GraphEdge,
    LinkQuery,
    LocalEntity,
    Lookup,
    LookupAnswer,
    OrganizationLink,
    Page,
    Resource,
    SearchHit,
    SearchQuery,
    SourceInfo,
    Term,
    Triple,
    ValuePair,
)

Point = tuple[float, float]
"""(latitude, longitude) in degrees."""


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
    """Read access used by the api, the CLI and the loaders. Every method is one store round-trip (or a cache hit).

    Core: describe, referrers, find, sources, counts, dataset_version, search, snapshot. Research and report
    features: facets, event_profiles, edges, organization_links, points. Loader support:
    local_entities, value_pairs.
    """

    # ------------------------------------------------------------------ core

    def describe(self, iris: Sequence[str]) -> Mapping[str, Resource]:
        """Everything known about each IRI (with blank-node values expanded); unknown IRIs are absent.

        Facts come in one order, the same on every backend: `eventgraph.store.canonical`.
        """
        ...

    def referrers(self, iris: Sequence[str], predicate: str) -> Mapping[str, list[str]]:
        """For each IRI, the subjects that point at it through `predicate` (inverse navigation), sorted."""
        ...

    def find(self, query: FindQuery) -> Page:
        """One page of entities of a class matching all criteria, with the total count."""
        ...

    def sources(self) -> list[SourceInfo]:
        """The loaded sources, one per named graph, sorted by graph."""
        ...

    def counts(self) -> Mapping[str, int]:
        """Triples in total (`triples`) and entities per class (by class local name), for /healthz and the CLI."""
        ...

    def dataset_version(self) -> str:
        """A content hash of the data graphs (not the load times): changes exactly when the data changes."""
        ...

    def search(self, query: SearchQuery) -> list[SearchHit]:
        """Entities whose label, alias or short name matches the text, folded for case and diacritics, best first.

        A backend reads the names once per dataset version and searches them with `eventgraph.store.search`.
        """
        ...

    def snapshot(self) -> GraphReader:
        """A reader fixed to the data as it is now: every answer it gives comes from one dataset version.

        The api takes one per request, so a load switching the data mid-request never mixes two versions in one
        answer. A backend that cannot pin a version returns itself.
        """
        ...

    # ------------------------------------------------------------------ research and reports

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

    def points(self, entity_class: EntityClass, iris: Sequence[str] | None) -> Mapping[str, tuple[Point, ...]]:
        """Where entities of the class are (own coordinates, else their venue's, location's or seat's; None: all).

        Entities without a point at any level are absent; points are sorted.
        """
        ...

    # ------------------------------------------------------------------ loaders

    def local_entities(self, exclude_graph: str) -> list[LocalEntity]:
        """The typed entities every source but `exclude_graph` describes, with their pages (for the Wikidata loader)."""
        ...

    def value_pairs(self, wikidata_graph: str) -> list[ValuePair]:
        """Single-valued facts both `wikidata_graph` and another source state, side by side (`eventgraph conflicts`)."""
        ...


class GraphWriter(Protocol):
    """Write access used by loaders: whole sources at a time, so a reload is atomic."""

    def replace_sources(
        self, batch: Sequence[tuple[SourceInfo, Iterable[Triple]]], remove: Sequence[str] = ()
    ) -> list[SourceInfo]:
        """Replace the named graphs of `batch` and drop the graphs in `remove`, in one step: all of it, or none.

        Returns the sources as stored (with their triple counts and load time).
        """
        ...

    def replace_source(self, source: SourceInfo, triples: Iterable[Triple]) -> SourceInfo:
        """`replace_sources` for one source."""
        ...

    def remove_source(self, graph: str) -> None:
        """Drop a named graph and its metadata."""
        ...


class GraphStore(GraphReader, GraphWriter, Protocol):
    """A backend offering both sides, and loads that group several writes into one new version of the data."""

    def transaction(self, keep: Sequence[str] | None = None) -> AbstractContextManager[GraphStore]:
        """A store to write a new version of the data into; it becomes current when the block ends without error.

        The new version starts with the current sources whose graph is in `keep` (all of them when None); writes
        inside the block go to it and reads inside see them. An error, or a killed process, leaves the current
        data, counts and dataset version exactly as they were.
        """
        ...


# ---------------------------------------------------------------- optional capabilities


@runtime_checkable
class SparqlSelect(Protocol):
    """SPARQL SELECT text over the union of the data graphs, values as plain strings (tests, diagnostics)."""

    def select(self, sparql: str) -> list[dict[str, str]]: ...


@runtime_checkable
class SparqlTerms(Protocol):
    """SPARQL SELECT and CONSTRUCT text with typed answers: what the Wikidata loader's offline run needs."""

    def select_terms(self, sparql: str) -> list[dict[str, Term]]: ...

    def construct(self, sparql: str) -> list[Triple]: ...


@runtime_checkable
class SparqlReader(Protocol):
    """Arbitrary read-only SPARQL from the public (/sparql): the embedded backend has it; others may not."""

    def sparql(
        self,
        query: str,
        accept: Sequence[str],
        limits: SparqlLimits,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> SparqlAnswer:
        """Run a read-only SPARQL query within `limits`, serialized in the first acceptable media type.

        Raises the Sparql*Error `ClientError`s of `eventgraph.errors` for bad, refused or too slow queries.
        """
        ...


@runtime_checkable
class RdfDump(Protocol):
    """Every quad of the data graphs as N-Quads: for RDF exports and SHACL validation."""

    def dump(self) -> bytes: ...


@runtime_checkable
class LinkBatches(Protocol):
    """One level of a query in one round-trip: descriptions, inverse links and containment chains together.

    The api's loaders gather what every resolver of a level asks for into one `Lookup`. A backend without this
    capability is asked with `describe` and `referrers` (one call per predicate, one per chain step): the same
    answers, in more round-trips.
    """

    def lookup(self, request: Lookup) -> LookupAnswer:
        """Describe `request.describe`, the subjects of `request.inbound` and the chains of `request.ancestors`."""
        ...


def rdf_dump(reader: object, what: str) -> RdfDump:
    """`reader` as an `RdfDump`, or `CapabilityError` naming what needed it (the api maps it to 501)."""
    if isinstance(reader, RdfDump):
        return reader
    raise CapabilityError("RDF dump", what)


def sparql_reader(reader: object, what: str) -> SparqlReader:
    """`reader` as a `SparqlReader`, or `CapabilityError` naming what needed it."""
    if isinstance(reader, SparqlReader):
        return reader
    raise CapabilityError("SPARQL endpoint", what)
