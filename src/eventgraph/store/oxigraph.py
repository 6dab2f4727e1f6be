"""The embedded default backend: pyoxigraph on disk (or in memory for tests), no server to install.

Each source lives in its own named graph. A reload writes the new triples into a staging graph and then
swaps it in with one SPARQL update (one transaction), so readers never see half a source and a failed
load leaves the previous graph as it was.
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from eventgraph import model
from eventgraph.errors import StoreError
from eventgraph.model import (
    EG,
    EG_SOURCE,
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
from eventgraph.store import facets as _facets
from eventgraph.store import network as _network
from eventgraph.store import profiles as _profiles
from eventgraph.store import search as _search
from eventgraph.store.find_sparql import criteria_patterns
from eventgraph.store.ordering import Row, measures_for, order, page_of
from eventgraph.store.ox_terms import from_ox, to_ox
from eventgraph.store.points import resolve_find
from eventgraph.store.protocols import SparqlAnswer, SparqlLimits
from eventgraph.store.queries import load_query
from eventgraph.store.sparql_endpoint import SparqlEndpoint
from eventgraph.store.trace import traced

logger = logging.getLogger(__name__)

META_GRAPH = "https://w3id.org/eventgraph/meta"
_STAGING = EG_SOURCE + "staging/"
_NESTING = 3  # blank-node levels expanded by describe(): claim -> quantity, organizing -> role, ...


class OxigraphStore:
    """`GraphStore` over a pyoxigraph store."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self._version: str | None = None  # memoized dataset_version(); every write through this object clears it
        self._endpoint = SparqlEndpoint(self._sparql_key, self._sparql_snapshot)  # workers start on first use

    @classmethod
    def in_memory(cls) -> OxigraphStore:
        return cls(ox.Store())

    @classmethod
    def open(cls, path: str | Path) -> OxigraphStore:
        Path(path).mkdir(parents=True, exist_ok=True)
        try:
            return cls(ox.Store(str(path)))
        except OSError as exc:
            raise StoreError(
                f"cannot open the store at {path}: {exc} (is another eventgraph process using it?)"
            ) from exc

    def close(self) -> None:
        """Release the on-disk store (and its lock) now rather than at garbage collection."""
        self._endpoint.close()
        self._store = ox.Store()

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ reading

    @traced("describe")
    def describe(self, iris: Sequence[str]) -> Mapping[str, Resource]:
        found: dict[str, Resource] = {}
        for iri in dict.fromkeys(iris):
            try:
                subject = ox.NamedNode(iri)
            except ValueError:
                continue
            facts = tuple(self._facts(subject, _NESTING))
            if facts:
                found[iri] = Resource(iri, facts)
        return found

    def _facts(self, subject: ox.NamedNode | ox.BlankNode, depth: int) -> Iterator[model.Fact]:
        for quad in self._store.quads_for_pattern(subject, None, None, None):
            graph = quad.graph_name
            if not isinstance(graph, ox.NamedNode) or graph.value == META_GRAPH or graph.value.startswith(_STAGING):
                continue
            value = from_ox(quad.object)
            node = None
            if isinstance(quad.object, ox.BlankNode) and depth > 0:
                node = Resource("_:" + quad.object.value, tuple(self._facts(quad.object, depth - 1)))
            yield model.Fact(quad.predicate.value, value, graph.value, node)

    @traced("referrers")
    def referrers(self, iris: Sequence[str], predicate: str) -> Mapping[str, list[str]]:
        result: dict[str, list[str]] = {}
        pred = ox.NamedNode(predicate)
        for iri in dict.fromkeys(iris):
            try:
                target = ox.NamedNode(iri)
            except ValueError:
                continue
            subjects: dict[str, None] = {}
            for quad in self._store.quads_for_pattern(None, pred, target, None):
                if isinstance(quad.subject, ox.NamedNode) and self._is_data_graph(quad.graph_name):
                    subjects.setdefault(quad.subject.value, None)
            result[iri] = list(subjects)
        return result

    @staticmethod
    def _is_data_graph(graph: object) -> bool:
        return isinstance(graph, ox.NamedNode) and graph.value != META_GRAPH and not graph.value.startswith(_STAGING)

    def find(self, query: FindQuery) -> Page:
        query = resolve_find(self._select, query)
        patterns = f"VALUES ?class {{ {ox.NamedNode(query.entity_class.iri)} }}\n  " + criteria_patterns(query.criteria)
        rows = self._select(load_query("store/find.rq").replace("#{criteria}", patterns))
        found = [Row(r["s"], (r.get("label") or r.get("other") or r["s"]).casefold(), r.get("start")) for r in rows]
        return page_of(order(found, query, measures_for(self._select, query)), query)

    def sources(self) -> list[SourceInfo]:
        result = []
        for row in self._select(load_query("store/sources.rq")):
            extra = json.loads(row["extra"]) if row.get("extra") else {}
            result.append(
                SourceInfo(
                    graph=row["graph"],
                    title=row["title"],
                    url=row["url"],
                    kind=row["kind"],
                    retrieved=row.get("retrieved"),
                    licence=row.get("licence"),
                    loaded_at=datetime.fromisoformat(row["loadedAt"]),
                    triples=int(row["triples"]),
                    endpoint=row.get("endpoint"),
                    extra={str(k): str(v) for k, v in extra.items()},
                )
            )
        return result

    def counts(self) -> Mapping[str, int]:
        counts: dict[str, int] = {"triples": 0}
        for row in self._select(load_query("store/counts.rq")):
            what = row["what"]
            key = what[len(EG) :] if what.startswith(EG) else what
            counts[key] = int(row["n"])
        return counts

    def select(self, sparql: str) -> list[dict[str, str]]:
        return self._select(sparql)

    @traced("sparql")
    def _select(self, sparql: str) -> list[dict[str, str]]:
        try:
            solutions = self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise StoreError(f"invalid SPARQL: {exc}") from exc
        if not isinstance(solutions, ox.QuerySolutions):
            raise StoreError("select() needs a SELECT query")
        names = [v.value for v in solutions.variables]
        rows = []
        for solution in solutions:
            row = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = term.value
            rows.append(row)
        return rows

    # the researcher queries: query text in queries/store/, logic in the store modules named

    def search(self, query: SearchQuery) -> list[SearchHit]:
        return _search.search(self, self.dataset_version, self._select, query)

    def facets(self, query: FacetQuery) -> FacetRows:
        return _facets.facet_rows(self._select, query)

    def event_profiles(self, iris: Sequence[str] | None) -> list[EventProfile]:
        return _profiles.cached_event_profiles(self, self.dataset_version, self._select, iris)

    def edges(self, iris: Sequence[str], predicates: Sequence[str]) -> list[GraphEdge]:
        return _network.edges(self._select, iris, predicates)

    def organization_links(self, query: LinkQuery) -> list[OrganizationLink]:
        return _network.organization_links(self._select, query)

    def dump(self) -> bytes:
        quads = (q for q in self._store if self._is_data_graph(q.graph_name))
        data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        assert data is not None
        return data

    def dataset_version(self) -> str:
        """sha256 of the sorted N-Quads of the data graphs: equal after a reload that changed nothing.

        The metadata graph (whose loadedAt changes on every load) is left out. Memoized until the next write.
        """
        if self._version is None:
            lines = sorted(line for line in self.dump().splitlines() if line.strip())
            digest = hashlib.sha256()
            for line in lines:
                digest.update(line + b"\n")
            self._version = digest.hexdigest()
        return self._version

    def sparql(
        self,
        query: str,
        accept: Sequence[str],
        limits: SparqlLimits,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> SparqlAnswer:
        return self._endpoint.run(query, accept, limits, default_graphs, named_graphs)

    def _sparql_key(self) -> str:
        """The data's version plus a hash of the (small) metadata graph, so the workers see reloaded provenance."""
        meta = sorted(str(q) for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(META_GRAPH)))
        return self.dataset_version() + ":" + hashlib.sha256("\n".join(meta).encode()).hexdigest()

    def _sparql_snapshot(self) -> bytes:
        """The data graphs and the metadata graph (not staging graphs), as N-Quads, for the SPARQL workers."""
        quads = (
            q
            for q in self._store
            if isinstance(q.graph_name, ox.NamedNode) and not q.graph_name.value.startswith(_STAGING)
        )
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""

    # ------------------------------------------------------------------ writing

    def replace_source(self, source: SourceInfo, triples: Iterable[Triple]) -> SourceInfo:
        return self.replace_sources([(source, triples)])[0]

    def replace_sources(self, batch: Sequence[tuple[SourceInfo, Iterable[Triple]]]) -> list[SourceInfo]:
        self._version = None
        staged: list[tuple[SourceInfo, ox.NamedNode, int]] = []
        try:
            for source, triples in batch:
                staging = ox.NamedNode(_STAGING + uuid.uuid4().hex)
                quads = {ox.Quad(to_ox(t.subject), to_ox(t.predicate), to_ox(t.object), staging) for t in triples}  # type: ignore[arg-type]
                self._store.extend(quads)
                staged.append((source, staging, len(quads)))
            now = datetime.now(UTC).replace(microsecond=0)
            stored = [
                SourceInfo(
                    graph=s.graph,
                    title=s.title,
                    url=s.url,
                    kind=s.kind,
                    retrieved=s.retrieved,
                    licence=s.licence,
                    loaded_at=now,
                    triples=n,
                    endpoint=s.endpoint,
                    extra=dict(s.extra),
                )
                for s, _, n in staged
            ]
            operations = []
            for info, (_, staging, _) in zip(stored, staged, strict=True):
                graph = ox.NamedNode(info.graph)
                operations.append(f"MOVE SILENT GRAPH {staging} TO {graph}")
                operations.append(f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ {graph} ?p ?o }} }}")
                operations.append(f"INSERT DATA {{ GRAPH <{META_GRAPH}> {{ {self._metadata(info)} }} }}")
            self._store.update(" ;\n".join(operations))
        except Exception as exc:
            for _, staging, _ in staged:
                self._store.remove_graph(staging)
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"could not write sources: {exc}") from exc
        for info in stored:
            logger.info("stored %s: %d triples", info.graph, info.triples)
        return stored

    @staticmethod
    def _metadata(info: SourceInfo) -> str:
        def lit(value: str) -> str:
            return str(ox.Literal(value))

        parts = [
            f"{ox.NamedNode(info.graph)} a <{EG}Source>",
            f"<{EG}title> {lit(info.title)}",
            f"<{EG}url> {lit(info.url)}",
            f"<{EG}sourceKind> {lit(info.kind)}",
            f"<{EG}tripleCount> {ox.Literal(str(info.triples), datatype=ox.NamedNode(model.XSD_INTEGER))}",
            f"<{EG}loadedAt> {lit(info.loaded_at.isoformat() if info.loaded_at else '')}",
        ]
        if info.retrieved:
            parts.append(f"<{EG}retrieved> {lit(info.retrieved)}")
        if info.licence:
            parts.append(f"<{EG}licence> {lit(info.licence)}")
        if info.endpoint:
            parts.append(f"<{EG}endpoint> {lit(info.endpoint)}")
        if info.extra:
            parts.append(f"<{EG}extra> {lit(json.dumps(dict(info.extra), sort_keys=True))}")
        return " ;\n ".join(parts) + " ."

    def remove_source(self, graph: str) -> None:
        self._version = None
        node = ox.NamedNode(graph)
        self._store.update(f"DROP SILENT GRAPH {node} ; DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ {node} ?p ?o }} }}")
