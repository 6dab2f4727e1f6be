"""The ports between loaders, store and api: what a backend must offer, nothing more.

Only the plain records of `eventgraph.model` cross these interfaces, so a loader or the api never sees
pyoxigraph or neo4j objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from eventgraph.model import FindQuery, Page, Resource, SourceInfo, Triple


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
