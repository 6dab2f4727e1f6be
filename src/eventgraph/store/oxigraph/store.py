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
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from eventgraph import model
from eventgraph.errors import StoreError
from eventgraph.model import (
    EG,
    EG_SOURCE,
    META_GRAPH,
    EntityClass,
    EventProfile,
    FacetQuery,
    FacetRows,
    FindQuery,
    GraphEdge,
    LinkQuery,
    LocalEntity,
    OrganizationLink,
    Page,
    Resource,
    SearchHit,
    SearchQuery,
    SeriesCoverage,
    SourceInfo,
    Term,
    Triple,
    ValuePair,
)
from eventgraph.resources import load_query
from eventgraph.store.canonical import canonical
from eventgraph.store.oxigraph import facets as _facets
from eventgraph.store.oxigraph import network as _network
from eventgraph.store.oxigraph import profiles as _profiles
from eventgraph.store.oxigraph.find_sparql import criteria_patterns
from eventgraph.store.oxigraph.ordering import measures_for
from eventgraph.store.oxigraph.points import points as _points
from eventgraph.store.oxigraph.points import resolve_find
from eventgraph.store.oxigraph.sparql_endpoint import SparqlEndpoint
from eventgraph.store.oxigraph.sparql_text import fill, iri
from eventgraph.store.oxigraph.terms import from_ox, to_ox
from eventgraph.store.pages import Row, order, page_of
from eventgraph.store.protocols import GraphStore, Point, SparqlAnswer, SparqlLimits
from eventgraph.store.search import NameIndex
from eventgraph.store.trace import traced

logger = logging.getLogger(__name__)

_STAGING = EG_SOURCE + "staging/"
_WIKIDATA_GRAPH = EG_SOURCE + "wikidata"
_NESTING = 3  # blank-node levels expanded by describe(): claim -> quantity, organizing -> role, ...


class OxigraphStore:
    """`GraphStore` over a pyoxigraph store, with the SPARQL, typed-SPARQL and dump capabilities."""

    def __init__(self, store: ox.Store, path: Path | None = None) -> None:
        self._store = store
        self._path = path
        self._version: str | None = None  # memoized dataset_version(); every write through this object clears it
        self._names: tuple[str, NameIndex] | None = None  # the search index, for one dataset version
        self._profiles: tuple[str, list[EventProfile]] | None = None  # every event's profile, for one version
        self._endpoint = SparqlEndpoint(self._sparql_key, self._sparql_snapshot)  # workers start on first use

    @classmethod
    def in_memory(cls) -> OxigraphStore:
        return cls(ox.Store())

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> OxigraphStore:
        """The store in directory `path`: read-write (created if missing) for loads, else read-only."""
        try:
            if read_only:
                return cls(ox.Store.read_only(str(path)), Path(path))
            Path(path).mkdir(parents=True, exist_ok=True)
            return cls(ox.Store(str(path)), Path(path))
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

    def snapshot(self) -> OxigraphStore:
        return self

    # ------------------------------------------------------------------ reading

    @traced("describe")
    def describe(self, iris: Sequence[str]) -> Mapping[str, Resource]:
        found: dict[str, Resource] = {}
        for iri_ in dict.fromkeys(iris):
            try:
                subject = ox.NamedNode(iri_)
            except ValueError:
                continue
            facts = tuple(self._facts(subject, _NESTING))
            if facts:
                found[iri_] = Resource(iri_, canonical(facts))
        return found

    def _facts(self, subject: ox.NamedNode | ox.BlankNode, depth: int) -> Iterator[model.Fact]:
        for quad in self._store.quads_for_pattern(subject, None, None, None):
            graph = quad.graph_name
            if not isinstance(graph, ox.NamedNode) or not self._is_data_graph(graph):
                continue
            value = from_ox(quad.object)
            node = None
            if isinstance(quad.object, ox.BlankNode) and depth > 0:
                node = Resource("_:" + quad.object.value, canonical(self._facts(quad.object, depth - 1)))
            yield model.Fact(quad.predicate.value, value, graph.value, node)

    @traced("referrers")
    def referrers(self, iris: Sequence[str], predicate: str) -> Mapping[str, list[str]]:
        result: dict[str, list[str]] = {}
        pred = ox.NamedNode(predicate)
        for iri_ in dict.fromkeys(iris):
            try:
                target = ox.NamedNode(iri_)
            except ValueError:
                continue
            subjects: dict[str, None] = {}
            for quad in self._store.quads_for_pattern(None, pred, target, None):
                if isinstance(quad.subject, ox.NamedNode) and self._is_data_graph(quad.graph_name):
                    subjects.setdefault(quad.subject.value, None)
            result[iri_] = list(subjects)
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

    # ------------------------------------------------------------------ SPARQL capabilities

    def select(self, sparql: str) -> list[dict[str, str]]:
        return self._select(sparql)

    @traced("query")
    def _select(self, sparql: str) -> list[dict[str, str]]:
        return [{k: _text(v) for k, v in row.items()} for row in self._solutions(sparql)]

    def select_terms(self, sparql: str) -> list[dict[str, Term]]:
        return [{k: from_ox(v) for k, v in row.items()} for row in self._solutions(sparql)]

    def _solutions(self, sparql: str) -> list[dict[str, object]]:
        try:
            solutions = self._store.query(sparql, use_default_graph_as_union=True)
        except (SyntaxError, OSError) as exc:
            raise StoreError(f"invalid SPARQL: {exc}") from exc
        if not isinstance(solutions, ox.QuerySolutions):
            raise StoreError("a SELECT query was expected")
        names = [v.value for v in solutions.variables]
        rows = []
        for solution in solutions:
            row: dict[str, object] = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = term
            rows.append(row)
        return rows

    def construct(self, sparql: str) -> list[Triple]:
        try:
            triples = self._store.query(sparql, use_default_graph_as_union=True)
        except (SyntaxError, OSError) as exc:
            raise StoreError(f"invalid SPARQL: {exc}") from exc
        if not isinstance(triples, ox.QueryTriples):
            raise StoreError("a CONSTRUCT query was expected")
        result = []
        for triple in triples:
            subject = from_ox(triple.subject)
            if isinstance(subject, model.Literal):
                continue
            result.append(Triple(subject, model.Iri(triple.predicate.value), from_ox(triple.object)))
        return result

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

    # ------------------------------------------------------------------ research and reports

    def search(self, query: SearchQuery) -> list[SearchHit]:
        version = self.dataset_version()
        if self._names is None or self._names[0] != version:
            rows = self._select(fill("store/names.rq"))
            entries = ((r["s"], r["class"], r["field"], r["name"], r.get("lang")) for r in rows)
            self._names = (version, NameIndex.of(entries))
        return self._names[1].traced_search(query)

    def facets(self, query: FacetQuery) -> FacetRows:
        return _facets.facet_rows(self._select, query)

    def event_profiles(self, iris: Sequence[str] | None) -> list[EventProfile]:
        if iris is not None:
            return _profiles.event_profiles(self._select, iris)
        version = self.dataset_version()
        if self._profiles is None or self._profiles[0] != version:
            self._profiles = (version, _profiles.event_profiles(self._select, None))
        return list(self._profiles[1])

    def edges(self, iris: Sequence[str], predicates: Sequence[str]) -> list[GraphEdge]:
        return _network.edges(self._select, iris, predicates)

    def organization_links(self, query: LinkQuery) -> list[OrganizationLink]:
        return _network.organization_links(self._select, query)

    def points(self, entity_class: EntityClass, iris: Sequence[str] | None) -> Mapping[str, tuple[Point, ...]]:
        return _points(self._select, entity_class, iris)

    def series_coverage(self) -> list[SeriesCoverage]:
        return [
            SeriesCoverage(
                row["series"],
                row.get("label"),
                *(int(row[c]) for c in ("editions", "dated", "placed", "organized", "attended")),
            )
            for row in self._select(load_query("store/series-coverage.rq"))
        ]

    def local_entities(self, exclude_graph: str) -> list[LocalEntity]:
        text = load_query("store/local-entities.rq").replace(f"<{_WIKIDATA_GRAPH}>", iri(exclude_graph))
        types: dict[str, dict[str, None]] = {}
        pages: dict[str, dict[str, None]] = {}
        for row in self._select(text):
            types.setdefault(row["entity"], {})[row["type"]] = None
            pages.setdefault(row["entity"], {})
            if row.get("page"):
                pages[row["entity"]][row["page"]] = None
        return [LocalEntity(e, tuple(sorted(types[e])), tuple(pages[e])) for e in sorted(types)]

    def value_pairs(self, wikidata_graph: str) -> list[ValuePair]:
        text = load_query("store/local-vs-wikidata.rq").replace(f"<{_WIKIDATA_GRAPH}>", iri(wikidata_graph))
        return [
            ValuePair(
                entity=row["entity"],
                property=row["property"],
                local_graph=row["localGraph"],
                local_value=row["localValue"],
                wikidata_value=row["wikidataValue"],
                local_text=row.get("localText"),
                local_number=row.get("localNumber"),
                local_min=row.get("localMin"),
                local_max=row.get("localMax"),
                wikidata_text=row.get("wikidataText"),
                wikidata_number=row.get("wikidataNumber"),
                nested=row.get("nested") in ("true", "1"),
            )
            for row in self._select(text)
        ]

    # ------------------------------------------------------------------ writing

    @contextmanager
    def transaction(self, keep: Sequence[str] | None = None) -> Iterator[GraphStore]:
        """The new version is built in memory from the kept sources, then takes the place of the current data."""
        building = OxigraphStore(ox.Store())
        kept = [s.graph for s in self.sources() if keep is None or s.graph in keep]
        building._store.extend(self._quads_of(kept))
        yield building
        self._adopt(building._store)

    def _quads_of(self, graphs: Sequence[str]) -> Iterator[ox.Quad]:
        """The quads of these source graphs, with their metadata."""
        meta = ox.NamedNode(META_GRAPH)
        for graph in graphs:
            node = ox.NamedNode(graph)
            yield from self._store.quads_for_pattern(None, None, None, node)
            yield from self._store.quads_for_pattern(node, None, None, meta)

    def _adopt(self, built: ox.Store) -> None:
        """Make the data of `built` this store's data."""
        self._version = None
        if self._path is None:
            self._store = built
            return
        self._store.clear()
        self._store.bulk_extend(iter(built))
        self._store.flush()

    def replace_source(self, source: SourceInfo, triples: Iterable[Triple]) -> SourceInfo:
        return self.replace_sources([(source, triples)])[0]

    def replace_sources(
        self, batch: Sequence[tuple[SourceInfo, Iterable[Triple]]], remove: Sequence[str] = ()
    ) -> list[SourceInfo]:
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
            for graph_iri in remove:
                node = ox.NamedNode(graph_iri)
                operations.append(f"DROP SILENT GRAPH {node}")
                operations.append(f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ {node} ?p ?o }} }}")
            for info, (_, staging, _) in zip(stored, staged, strict=True):
                graph = ox.NamedNode(info.graph)
                operations.append(f"MOVE SILENT GRAPH {staging} TO {graph}")
                operations.append(f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ {graph} ?p ?o }} }}")
                operations.append(f"INSERT DATA {{ GRAPH <{META_GRAPH}> {{ {self._metadata(info)} }} }}")
            if operations:
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


def _text(term: object) -> str:
    value = getattr(term, "value", None)
    return value if isinstance(value, str) else str(term)
