"""The Neo4j backend: the store contract over the official driver, Cypher from `queries/neo4j/`, parameters only.

Writes happen in one Neo4j transaction per load (`transaction()`), or per `replace_sources` call outside one: a
failure, or a killed client (Neo4j rolls back a transaction whose connection drops), leaves the previous data,
counts and dataset version as they were. The dataset version lives in the database, so every API process and
replica on one Neo4j agrees on it (docs/decisions/0004-neo4j-mapping.md).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import neo4j
from neo4j.exceptions import DriverError, Neo4jError

from eventgraph.errors import StoreError
from eventgraph.model import (
    EG,
    Blank,
    EntityClass,
    EventProfile,
    FacetQuery,
    FacetRows,
    Fact,
    FindQuery,
    GraphEdge,
    Iri,
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
    Triple,
    ValuePair,
)
from eventgraph.resources import load_query
from eventgraph.store.canonical import canonical
from eventgraph.store.neo4j import research
from eventgraph.store.neo4j.mapping import (
    CLASS_LABELS,
    blank,
    decode_properties,
    predicate_of_type,
    relationship_type,
)
from eventgraph.store.neo4j.rows import SourceRows, nquad, source_rows
from eventgraph.store.pages import MEASURED, Row, order, page_of
from eventgraph.store.protocols import GraphStore, Point
from eventgraph.store.search import NameIndex
from eventgraph.store.source_rows import source_info
from eventgraph.store.trace import traced

logger = logging.getLogger(__name__)

CHUNK = 5_000
"""Rows per UNWIND: large enough for few round trips, small enough for modest messages."""
_SCHEMA = ("schema-resource-iri", "schema-resource-qid", "schema-source-graph", "schema-value-key")
_EMPTY_VERSION = hashlib.sha256(b"").hexdigest()


def is_neo4j_uri(location: str) -> bool:
    """Whether a store location names a Neo4j server rather than a directory."""
    return location.startswith(("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://"))


def cypher(name: str) -> str:
    """The text of `queries/neo4j/<name>.cypher`."""
    return load_query(f"neo4j/{name}.cypher")


class Neo4jStore:
    """`GraphStore` over a Neo4j server (5.26 LTS), through the official `neo4j` driver."""

    def __init__(self, driver: neo4j.Driver, database: str | None = None, tx: neo4j.Transaction | None = None) -> None:
        self._driver = driver
        self._database = database
        self._tx = tx
        self._names: tuple[str, NameIndex] | None = None
        self._profiles: tuple[str, list[EventProfile]] | None = None
        self._schema_ready = False

    @classmethod
    def connect(
        cls, uri: str, user: str | None = None, password: str | None = None, database: str | None = None
    ) -> Neo4jStore:
        """A store on the server at `uri` (auth only when a user is given); fails now if the server does not answer."""
        auth = neo4j.basic_auth(user, password or "") if user else None
        try:
            driver = neo4j.GraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF")
            driver.verify_connectivity()
        except (DriverError, Neo4jError, ValueError) as exc:
            raise StoreError(f"cannot reach Neo4j at {uri}: {exc}") from exc
        return cls(driver, database)

    def close(self) -> None:
        if self._tx is None:
            self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def snapshot(self) -> Neo4jStore:
        """Neo4j reads are read-committed: a request's reads are not pinned to one version (see the ADR)."""
        return self

    # ------------------------------------------------------------------ running Cypher

    def _run(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run one query file with parameters, in the open transaction if there is one.

        Rows are taken as they are (`_row`), not through `Record.data()`, which walks every nested
        value to convert nodes and relationships: no query here returns those, and the walk cost a fifth of a
        `lookup` of a hundred resources. Reads outside a load are auto-commit queries in a read session: one
        round trip, 1-1.5 ms less per call than `execute_query`'s managed transaction (which would retry a
        transient error; here it is a `StoreError`, as any other failure).
        """
        text = cypher(name)
        try:
            if self._tx is not None:
                return [_row(record) for record in self._tx.run(text, params)]
            with self._driver.session(database=self._database, default_access_mode=neo4j.READ_ACCESS) as session:
                return [_row(record) for record in session.run(text, params)]
        except (DriverError, Neo4jError) as exc:
            raise StoreError(f"Neo4j query {name} failed: {exc}") from exc

    # ------------------------------------------------------------------ core reads

    @traced("describe")
    def describe(self, iris: Sequence[str]) -> Mapping[str, Resource]:
        return _resources(self._run("describe", iris=list(dict.fromkeys(iris))))

    @traced("referrers")
    def referrers(self, iris: Sequence[str], predicate: str) -> Mapping[str, list[str]]:
        result: dict[str, list[str]] = {iri: [] for iri in dict.fromkeys(iris)}
        for row in self._run("referrers", iris=list(result), type=relationship_type(predicate)):
            result[row["iri"]] = sorted(row["subjects"])
        return result

    @traced("lookup")
    def lookup(self, request: Lookup) -> LookupAnswer:
        """The `LinkBatches` capability: one Cypher query for a whole level (`queries/neo4j/lookup.cypher`).

        Neo4j walks the chains' relationships and this walks them breadth first in the order `describe` gives
        (graph, then IRI), so the chains come out as the `describe`/`referrers` steps of a backend without the
        capability would find them.
        """
        inbound = list(dict.fromkeys(request.inbound))
        ancestors = list(dict.fromkeys(request.ancestors))
        rows = self._run(
            "lookup",
            describe=list(dict.fromkeys(request.describe)),
            inbound=[[target, relationship_type(p)] for target, p in inbound],
            ancestors=[[start, relationship_type(p)] for start, p in ancestors],
            unexpanded=sorted({relationship_type(p) for p in request.unexpanded}),
        )
        row = rows[0] if rows else {"inbound": [], "edges": [], "resources": []}
        subjects: dict[tuple[str, str], set[str]] = defaultdict(set)
        for target, rel_type, subject in row["inbound"]:
            subjects[(target, rel_type)].add(subject)
        targets: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
        for rel_type, source, graph, target in row["edges"]:
            targets[(rel_type, source)].add((graph, target))
        steps = {key: list(dict.fromkeys(t for _, t in sorted(found))) for key, found in targets.items()}
        return LookupAnswer(
            _resources(row["resources"]),
            {(t, p): sorted(subjects.get((t, relationship_type(p)), ())) for t, p in inbound},
            {(s, p): _chain(s, relationship_type(p), steps) for s, p in ancestors},
        )

    def find(self, query: FindQuery) -> Page:
        if query.sort in MEASURED and query.entity_class is not EntityClass.ORGANIZATION:
            raise StoreError(f"sorting by {query.sort.value} is for organizations, not {query.entity_class.value}")
        iris = research.matching(self, query.entity_class, query.criteria)
        rows = []
        for row in research.sort_keys(self, iris):
            label = (min(row["labels"], default=None) or min(row["others"], default=None) or row["s"]).casefold()
            days = sorted(d.iso_format() for d in row["days"] if hasattr(d, "iso_format"))
            rows.append(Row(row["s"], label, days[0] if days else None))
        measures = research.organization_measures(self, iris) if query.sort in MEASURED else {}
        return page_of(order(rows, query, measures), query)

    def sources(self) -> list[SourceInfo]:
        return [source_info(row["props"]) for row in self._run("sources")]

    def counts(self) -> Mapping[str, int]:
        counts: dict[str, int] = {"triples": 0}
        for row in self._run("counts", ontology=EG):
            what = str(row["what"])
            counts[what[len(EG) :] if what.startswith(EG) else what] = int(row["n"] or 0)
        return counts

    def dataset_version(self) -> str:
        rows = self._run("dataset-version")
        return str(rows[0]["version"]) if rows else _EMPTY_VERSION

    def search(self, query: SearchQuery) -> list[SearchHit]:
        version = self.dataset_version()
        if self._names is None or self._names[0] != version:
            self._names = (version, NameIndex.of(research.names(self)))
        return self._names[1].traced_search(query)

    def dump(self) -> bytes:
        """Every quad of the data, as N-Quads (the RDF dump capability: RDF exports and SHACL validation)."""
        lines: list[str] = []
        for row in self._run("dump-statements"):
            resource = Iri(row["subject"])
            lines.extend(nquad(resource, Iri(p), term, row["graph"]) for p, term in decode_properties(row["props"]))
        for row in self._run("dump-values"):
            node = blank(row["bnode"])
            lines.extend(nquad(node, Iri(p), term, row["graph"]) for p, term in decode_properties(row["props"]))
        for row in self._run("dump-links"):
            subject: Iri | Blank = Iri(row["subject"]) if row["subject"] is not None else blank(row["subjectNode"])
            obj = Iri(row["object"]) if row["object"] is not None else blank(row["objectNode"])
            lines.append(nquad(subject, Iri(predicate_of_type(row["type"])), obj, row["graph"]))
        return "".join(sorted(lines)).encode("utf-8")

    # ------------------------------------------------------------------ research and reports

    def facets(self, query: FacetQuery) -> FacetRows:
        return research.facet_rows(self, query)

    def event_profiles(self, iris: Sequence[str] | None) -> list[EventProfile]:
        if iris is not None:
            return research.event_profiles(self, iris)
        version = self.dataset_version()
        if self._profiles is None or self._profiles[0] != version:
            self._profiles = (version, research.event_profiles(self, None))
        return list(self._profiles[1])

    def edges(self, iris: Sequence[str], predicates: Sequence[str]) -> list[GraphEdge]:
        return research.edges(self, iris, predicates)

    def organization_links(self, query: LinkQuery) -> list[OrganizationLink]:
        return research.organization_links(self, query)

    def points(self, entity_class: EntityClass, iris: Sequence[str] | None) -> Mapping[str, tuple[Point, ...]]:
        return research.points(self, entity_class, iris)

    def local_entities(self, exclude_graph: str) -> list[LocalEntity]:
        return research.local_entities(self, exclude_graph)

    def value_pairs(self, wikidata_graph: str) -> list[ValuePair]:
        return research.value_pairs(self, wikidata_graph)

    # ------------------------------------------------------------------ writing

    def wipe(self) -> None:
        """Delete everything this backend wrote (for tests on a shared server)."""
        self._driver.execute_query(cypher("wipe"), database_=self._database)
        self._names = self._profiles = None

    def _ensure_schema(self) -> None:
        """The uniqueness constraints and indexes, created on first load (each schema change in its own transaction)."""
        if self._schema_ready:
            return
        for name in _SCHEMA:
            try:
                self._driver.execute_query(cypher(name), database_=self._database)
            except (DriverError, Neo4jError) as exc:
                raise StoreError(f"cannot create the Neo4j schema ({name}): {exc}") from exc
        self._schema_ready = True

    @contextmanager
    def transaction(self, keep: Sequence[str] | None = None) -> Iterator[GraphStore]:
        """One Neo4j transaction for the whole block: committed at its end, rolled back on any error."""
        if self._tx is not None:
            raise StoreError("a Neo4j load transaction is already open")
        self._ensure_schema()
        try:
            session = self._driver.session(database=self._database)
            tx = session.begin_transaction()
        except (DriverError, Neo4jError) as exc:
            raise StoreError(f"cannot start a Neo4j transaction: {exc}") from exc
        view = Neo4jStore(self._driver, self._database, tx)
        try:
            if keep is not None:  # the new version starts with the kept sources only
                view._apply([], [s.graph for s in view.sources() if s.graph not in keep])
            yield view
            try:
                tx.commit()
            except (DriverError, Neo4jError) as exc:
                raise StoreError(
                    f"the load was not committed, the data is as it was: {exc} (a load is one Neo4j transaction; "
                    "a larger one needs a larger Neo4j heap: NEO4J_HEAP for make neo4j, "
                    "NEO4J_server_memory_heap_max__size in docker-compose.yml)"
                ) from exc
        except BaseException:
            if tx.closed() is False:
                tx.rollback()
            raise
        finally:
            tx.close()
            session.close()
            self._names = self._profiles = None

    def replace_source(self, source: SourceInfo, triples: Iterable[Triple]) -> SourceInfo:
        return self.replace_sources([(source, triples)])[0]

    def replace_sources(
        self, batch: Sequence[tuple[SourceInfo, Iterable[Triple]]], remove: Sequence[str] = ()
    ) -> list[SourceInfo]:
        if self._tx is not None:
            return self._apply(batch, remove)
        with self.transaction() as view:
            assert isinstance(view, Neo4jStore)
            return view._apply(batch, remove)

    def remove_source(self, graph: str) -> None:
        self.replace_sources([], [graph])

    def _apply(self, batch: Sequence[tuple[SourceInfo, Iterable[Triple]]], remove: Sequence[str]) -> list[SourceInfo]:
        """Write inside the open transaction: drop, rewrite, refresh labels, sweep orphans, record the version."""
        try:
            prepared = [(source, source_rows(triples)) for source, triples in batch]
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"could not write sources: {exc}") from exc
        now = datetime.now(UTC).replace(microsecond=0)
        touched: dict[str, None] = {}
        stored = []
        for graph in [*remove, *(s.graph for s, _ in prepared)]:
            touched.update(dict.fromkeys(self._drop(graph)))
        for source, rows in prepared:
            stored.append(self._write(source, rows, now))
            touched.update(dict.fromkeys(row["iri"] for row in rows.statements))
        for chunk in _chunks(list(touched)):
            self._run("refresh-resources", iris=chunk, classes=list(CLASS_LABELS), ontology=EG)
        self._run("delete-orphans")
        digests = [f"{row['graph']} {row['digest']}\n" for row in self._run("digests")]
        version = hashlib.sha256("".join(digests).encode()).hexdigest()
        self._run("write-dataset", version=version, updatedAt=now.isoformat())
        for info in stored:
            logger.info("stored %s: %d triples", info.graph, info.triples)
        return stored

    def _drop(self, graph: str) -> list[str]:
        self._run("delete-values", graph=graph)
        self._run("delete-links", graph=graph)
        rows = self._run("delete-statements", graph=graph)
        return list(rows[0]["touched"]) if rows else []

    def _write(self, source: SourceInfo, rows: SourceRows, now: datetime) -> SourceInfo:
        stored = SourceInfo(
            graph=source.graph,
            title=source.title,
            url=source.url,
            kind=source.kind,
            retrieved=source.retrieved,
            licence=source.licence,
            loaded_at=now,
            triples=rows.triples,
            endpoint=source.endpoint,
            extra=dict(source.extra),
        )
        props: dict[str, Any] = {
            "graph": stored.graph,
            "title": stored.title,
            "url": stored.url,
            "kind": stored.kind,
            "loadedAt": now.isoformat(),
            "triples": rows.triples,
            "digest": rows.digest,
        }
        optional = {"retrieved": stored.retrieved, "licence": stored.licence, "endpoint": stored.endpoint}
        props.update({k: v for k, v in optional.items() if v})
        if stored.extra:
            props["extra"] = json.dumps(dict(stored.extra), sort_keys=True)
        self._run("write-source", graph=source.graph, props=props)
        steps = (
            ("write-resources", rows.resources),
            ("write-statements", rows.statements),
            ("write-values", rows.values),
            ("write-links", rows.links),
            ("write-links-to-values", rows.to_values),
            ("write-links-from-values", rows.from_values),
            ("write-links-between-values", rows.between_values),
        )
        for name, items in steps:
            for chunk in _chunks(items):
                self._run(name, graph=source.graph, rows=chunk)
        return stored


def _row(record: neo4j.Record) -> dict[str, Any]:
    """A record as a dict of its columns, the values as decoded."""
    return dict(zip(record.keys(), record, strict=True))


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _resources(rows: Iterable[Mapping[str, Any]]) -> dict[str, Resource]:
    """Resources from rows of describe.cypher's columns; a resource no source states anything about is absent."""
    found: dict[str, Resource] = {}
    for row in rows:
        facts: list[Fact] = []
        for graph, props in row["statements"]:
            facts.extend(Fact(p, term, graph) for p, term in decode_properties(props))
        for rel_type, graph, target in row["links"]:
            facts.append(Fact(predicate_of_type(rel_type), Iri(target), graph))
        for value in row["values"]:
            rel_type, graph = value[0], value[1]
            facts.append(Fact(predicate_of_type(rel_type), blank(value[2]), graph, _value_node(value[2:], graph)))
        if facts:
            found[row["iri"]] = Resource(row["iri"], _ordered(facts))
    return found


def _chain(start: str, rel_type: str, steps: Mapping[tuple[str, str], list[str]]) -> list[str]:
    """Everything `start` reaches through `rel_type`, nearest first, each once: a level's resources in the order
    of the level before, each one's targets by (graph, IRI) as its description lists them."""
    found: dict[str, None] = {}
    frontier = [start]
    while frontier:
        following = (target for node in frontier for target in steps.get((rel_type, node), ()))
        frontier = [t for t in dict.fromkeys(following) if t not in found and t != start]
        found.update(dict.fromkeys(frontier))
    return list(found)


def _value_node(value: list[Any], graph: str) -> Resource | None:
    """A value node as the Resource of a blank node: [bnode, props, links, values] (props None: not expanded)."""
    bnode, props, links, values = value[0], value[1], value[2], value[3]
    if props is None:
        return None
    facts: list[Fact] = [Fact(p, term, graph) for p, term in decode_properties(props)]
    facts.extend(Fact(predicate_of_type(t), Iri(target), graph) for t, target in links)
    for nested in values:
        facts.append(
            Fact(predicate_of_type(nested[0]), blank(nested[2]), nested[1], _value_node(nested[2:], nested[1]))
        )
    return Resource("_:" + bnode, _ordered(facts))


def _ordered(facts: list[Fact]) -> tuple[Fact, ...]:
    return canonical(facts)
