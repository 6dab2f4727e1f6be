"""The embedded default backend over one pyoxigraph store: in memory (tests), or one generation on disk.

Each source lives in its own named graph, described in the metadata graph. Writes take whole sources: their
triples are read (and checked) first, then written with one bulk write each, with a digest of their content
(`seal.digest`) from which the dataset version is computed without reading the data again. On disk, a load builds
a new generation and switches to it (`generations.py`); a sealed generation is opened read-only and answers its
counts and version from its seal.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

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
from eventgraph.resources import load_query
from eventgraph.store.oxigraph import facets as _facets
from eventgraph.store.oxigraph import links as _links
from eventgraph.store.oxigraph import network as _network
from eventgraph.store.oxigraph import profiles as _profiles
from eventgraph.store.oxigraph.descriptions import DescriptionCache
from eventgraph.store.oxigraph.find import Finder
from eventgraph.store.oxigraph.points import points as _points
from eventgraph.store.oxigraph.points import resolve_find
from eventgraph.store.oxigraph.seal import EMPTY_DIGEST, Seal
from eventgraph.store.oxigraph.seal import dataset_version as seal_version
from eventgraph.store.oxigraph.seal import digest as seal_digest
from eventgraph.store.oxigraph.sparql_endpoint import SparqlEndpoint
from eventgraph.store.oxigraph.sparql_text import fill, iri
from eventgraph.store.oxigraph.terms import from_ox, to_ox
from eventgraph.store.protocols import GraphStore, Point, SparqlAnswer, SparqlLimits
from eventgraph.store.search import NameIndex
from eventgraph.store.source_rows import source_info
from eventgraph.store.trace import traced

if TYPE_CHECKING:
    from eventgraph.store.oxigraph.generations import Generations

logger = logging.getLogger(__name__)

_WIKIDATA_GRAPH = EG_SOURCE + "wikidata"
_BULK = 50_000  # quads from which one bulk write beats one transaction
_NESTING = 3  # blank-node levels expanded by describe(): claim -> quantity, organizing -> role, ...


def _first(pair: tuple[tuple[str, str, int, str, str], model.Fact]) -> tuple[str, str, int, str, str]:
    return pair[0]


class OxigraphStore:
    """`GraphStore` over a pyoxigraph store, with the SPARQL, typed-SPARQL and dump capabilities."""

    def __init__(self, store: ox.Store, seal: Seal | None = None) -> None:
        self._store = store
        self._seal = seal
        self._digests: dict[str, str] = dict(seal.digests) if seal else {}
        self._version: str | None = seal.version if seal else None
        self._names: tuple[str, NameIndex] | None = None  # the search index, for one dataset version
        self._profiles: tuple[str, list[EventProfile]] | None = None  # every event's profile, for one version
        self._finder = Finder()  # find's sort keys, for one version
        self._endpoint: SparqlEndpoint | None = None  # SPARQL worker processes, started on first use
        self._descriptions = DescriptionCache()  # descriptions between requests, emptied by every write
        self._sources: list[SourceInfo] | None = None  # the sources with their metadata, until the next write
        self._writes = 0  # counts the writes begun, so a read overlapping one keeps nothing

    @classmethod
    def in_memory(cls) -> OxigraphStore:
        return cls(ox.Store())

    @classmethod
    def open(cls, path: str | Path) -> Generations:
        """The store at location `path`, created if missing (see `generations.Generations`)."""
        from eventgraph.store.oxigraph.generations import Generations

        return Generations(Path(path))

    def close(self) -> None:
        """Stop the SPARQL workers and let go of the store (its files, for an on-disk generation)."""
        if self._endpoint is not None:
            self._endpoint.close()
        self._store = ox.Store()
        self._forget()

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def snapshot(self) -> OxigraphStore:
        return self

    # ------------------------------------------------------------------ reading

    @traced("describe")
    def describe(self, iris: Sequence[str]) -> Mapping[str, Resource]:
        return self._describe(iris)

    def _describe(self, iris: Sequence[str], unexpanded: frozenset[str] = frozenset()) -> Mapping[str, Resource]:
        found: dict[str, Resource] = {}
        cache = self._descriptions
        epoch = cache.epoch
        for iri_ in dict.fromkeys(iris):
            known, resource = cache.get((iri_, unexpanded))
            if not known:
                resource = self._describe_one(iri_, unexpanded)
                cache.put((iri_, unexpanded), resource, epoch)
            if resource is not None:
                found[iri_] = resource
        return found

    def _describe_one(self, iri_: str, unexpanded: frozenset[str]) -> Resource | None:
        try:
            subject = ox.NamedNode(iri_)
        except ValueError:
            return None
        facts = self._facts(subject, _NESTING, unexpanded)
        return Resource(iri_, facts) if facts else None

    def _facts(
        self, subject: ox.NamedNode | ox.BlankNode, depth: int, unexpanded: frozenset[str] = frozenset()
    ) -> tuple[model.Fact, ...]:
        """The subject's facts in canonical order (store/canonical.py), blank-node values described `depth` deep.

        The hottest loop of a request (every fact of every entity it shows): each quad's terms are read once and
        its sort key built with it, the key of `canonical` flattened, so no helper is called per quad.
        """
        keyed: list[tuple[tuple[str, str, int, str, str], model.Fact]] = []
        for quad in self._store.quads_for_pattern(subject, None, None, None):
            graph_node = quad.graph_name
            if type(graph_node) is not ox.NamedNode:
                continue
            graph = graph_node.value
            if graph == META_GRAPH:
                continue
            predicate = quad.predicate.value
            term = quad.object
            node = None
            value: model.Term
            if type(term) is ox.NamedNode:
                value = model.Iri(term.value)
                key = (predicate, graph, 0, term.value, "")
            elif type(term) is ox.Literal:
                value = model.Literal(term.value, term.datatype.value, term.language)
                key = (predicate, graph, 1, value.lexical, value.datatype + "@" + (value.language or ""))
            elif type(term) is ox.BlankNode:
                value = model.Blank(term.value)
                key = (predicate, graph, 2, term.value, "")
                if depth > 0 and predicate not in unexpanded:
                    node = Resource("_:" + term.value, self._facts(term, depth - 1, unexpanded))
            else:
                raise ValueError(f"unsupported RDF term {term!r}")  # as terms.from_ox: e.g. an RDF 1.2 triple term
            keyed.append((key, model.Fact(predicate, value, graph, node)))
        keyed.sort(key=_first)
        return tuple(fact for _, fact in keyed)

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
            result[iri_] = sorted(subjects)  # one order for every backend (store/canonical.py)
        return result

    @traced("lookup")
    def lookup(self, request: Lookup) -> LookupAnswer:
        return _links.lookup(request, self._is_data_graph, self._store, self._describe)

    @staticmethod
    def _is_data_graph(graph: object) -> bool:
        return isinstance(graph, ox.NamedNode) and graph.value != META_GRAPH

    def find(self, query: FindQuery) -> Page:
        return self._finder.find(self._select, self.dataset_version(), resolve_find(self._select, query))

    def sources(self) -> list[SourceInfo]:
        """Read once until the next write: an entity page names its sources on every request."""
        if self._sources is not None:
            return list(self._sources)
        writes = self._writes
        rows = self._select(load_query("store/sources.rq"))
        found = [source_info(row, self._digests.get(row["graph"], "")) for row in rows]
        if writes == self._writes:  # not kept when a write ran meanwhile
            self._sources = found
        return list(found)

    def counts(self) -> Mapping[str, int]:
        if self._seal is not None:
            return dict(self._seal.counts)
        return self.count()

    def count(self) -> dict[str, int]:
        """Counted now, by query (what a load records in the seal)."""
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
        if self._endpoint is None:
            self._endpoint = SparqlEndpoint(self._sparql_key, self._sparql_snapshot)
        return self._endpoint.run(query, accept, limits, default_graphs, named_graphs)

    def _sparql_key(self) -> str:
        """The data's version plus a hash of the (small) metadata graph, so the workers see reloaded provenance."""
        meta = sorted(str(q) for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(META_GRAPH)))
        return self.dataset_version() + ":" + hashlib.sha256("\n".join(meta).encode()).hexdigest()

    def _sparql_snapshot(self) -> bytes:
        """The data graphs and the metadata graph, as N-Quads, for the SPARQL workers."""
        quads = (q for q in self._store if isinstance(q.graph_name, ox.NamedNode))
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""

    def dump(self) -> bytes:
        quads = (q for q in self._store if self._is_data_graph(q.graph_name))
        data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        assert data is not None
        return data

    def dataset_version(self) -> str:
        """From the digests of the sources, recorded as they were written: no read of the data."""
        if self._version is None:
            self._version = seal_version(self._digests)
        return self._version

    @property
    def digests(self) -> Mapping[str, str]:
        """The content digest of each source graph."""
        return dict(self._digests)

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
        """The new version is built in a new in-memory store from the kept sources, then takes this one's place."""
        building = OxigraphStore(ox.Store())
        kept = [s.graph for s in self.sources() if keep is None or s.graph in keep]
        building.copy_sources(self, kept)
        yield building
        self._store, self._digests = building._store, dict(building._digests)
        self._changed()

    def copy_sources(self, other: OxigraphStore, graphs: Sequence[str]) -> None:
        """Bulk-copy these source graphs of `other` (with their metadata and digests) into this store."""
        meta = ox.NamedNode(META_GRAPH)

        def quads() -> Iterator[ox.Quad]:
            for graph in graphs:
                node = ox.NamedNode(graph)
                yield from other._store.quads_for_pattern(None, None, None, node)
                yield from other._store.quads_for_pattern(node, None, None, meta)

        self._store.bulk_extend(quads())
        self._digests.update({g: other._digests.get(g, EMPTY_DIGEST) for g in graphs})
        self._changed()

    def replace_source(self, source: SourceInfo, triples: Iterable[Triple]) -> SourceInfo:
        return self.replace_sources([(source, triples)])[0]

    def replace_sources(
        self, batch: Sequence[tuple[SourceInfo, Iterable[Triple]]], remove: Sequence[str] = ()
    ) -> list[SourceInfo]:
        """Every source's triples are read (and converted) first; only then is anything written."""
        now = datetime.now(UTC).replace(microsecond=0)
        written: list[tuple[SourceInfo, set[ox.Quad], str]] = []
        try:
            for source, triples in batch:
                graph = ox.NamedNode(source.graph)
                quads = {ox.Quad(to_ox(t.subject), to_ox(t.predicate), to_ox(t.object), graph) for t in triples}  # type: ignore[arg-type]
                value = seal_digest(str(q) for q in quads)
                stored = dataclasses.replace(source, loaded_at=now, triples=len(quads), digest=value)
                written.append((stored, quads, value))
        except StoreError:
            raise
        except Exception as exc:  # a source failing while it is read: nothing has been written yet
            raise StoreError(f"could not write sources: {exc}") from exc
        for graph_iri in [*remove, *(info.graph for info, _, _ in written)]:
            self._drop(graph_iri)
        try:
            everything = [q for _, quads, _ in written for q in quads]
            if len(everything) >= _BULK:
                self._store.bulk_extend(everything)  # writes sorted files directly: no log, no second copy
            else:
                self._store.extend(everything)  # the bulk loader's fixed cost outweighs its speed on small writes
            self._store.extend(q for info, _, _ in written for q in _metadata(info))
        except OSError as exc:
            raise StoreError(f"could not write sources: {exc}") from exc
        self._digests.update({info.graph: value for info, _, value in written})
        self._changed()
        for info, _, _ in written:
            logger.info("stored %s: %d triples", info.graph, info.triples)
        return [info for info, _, _ in written]

    def remove_source(self, graph: str) -> None:
        self._drop(graph)
        self._changed()

    def _drop(self, graph: str) -> None:
        self._forget()
        node = ox.NamedNode(graph)
        self._store.remove_graph(node)
        for quad in list(self._store.quads_for_pattern(node, None, None, ox.NamedNode(META_GRAPH))):
            self._store.remove(quad)
        self._digests.pop(graph, None)

    def _forget(self) -> None:
        """Drop what was read before a write (descriptions, sources); a read overlapping it keeps nothing."""
        self._descriptions.clear()
        self._sources = None
        self._writes += 1

    def _changed(self) -> None:
        self._forget()
        self._version = None
        self._seal = None


def _metadata(info: SourceInfo) -> list[ox.Quad]:
    """The quads describing one source in the metadata graph."""
    meta = ox.NamedNode(META_GRAPH)
    subject = ox.NamedNode(info.graph)

    def quad(name: str, value: ox.NamedNode | ox.Literal) -> ox.Quad:
        return ox.Quad(subject, ox.NamedNode(EG + name), value, meta)

    quads = [
        ox.Quad(subject, ox.NamedNode(model.RDF_TYPE), ox.NamedNode(EG + "Source"), meta),
        quad("title", ox.Literal(info.title)),
        quad("url", ox.Literal(info.url)),
        quad("sourceKind", ox.Literal(info.kind)),
        quad("tripleCount", ox.Literal(str(info.triples), datatype=ox.NamedNode(model.XSD_INTEGER))),
        quad("loadedAt", ox.Literal(info.loaded_at.isoformat() if info.loaded_at else "")),
    ]
    for name, value in (("retrieved", info.retrieved), ("licence", info.licence), ("endpoint", info.endpoint)):
        if value:
            quads.append(quad(name, ox.Literal(value)))
    if info.extra:
        quads.append(quad("extra", ox.Literal(json.dumps(dict(info.extra), sort_keys=True))))
    return quads


def _text(term: object) -> str:
    value = getattr(term, "value", None)
    return value if isinstance(value, str) else str(term)
