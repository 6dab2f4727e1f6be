"""The whole graph as typed rows, read through the contract's typed methods (find, describe, edges).

No N-Quads here, so the graph exports work over any backend. Nodes are the entities of every class with their
values flattened into columns (typed where every value of a column is one int, float or boolean); edges are the
triples through the relations the GraphQL `network` field follows, one per (source, relation, target) with the
sources that state it.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventgraph import model
from eventgraph.model import (
    EG,
    EG_ID,
    RDF_TYPE,
    RDFS_LABEL,
    WD,
    EntityClass,
    FindQuery,
    Iri,
    Literal,
    Resource,
    short_id,
)
from eventgraph.store.protocols import GraphReader

RELATIONS: tuple[str, ...] = model.RELATIONS
"""The relations exported as edges: the vocabulary table's, as the GraphQL `Relation` enum has them."""

Value = str | int | float | bool
_SKIPPED = {RDF_TYPE, model.P.citation, model.P.claim}  # provenance detail: kept in the RDF exports only
_PAGE = 500
_BATCH = 200
_POINT = re.compile(r"^\s*Point\(\s*([-+\d.eE]+)\s+([-+\d.eE]+)\s*\)\s*$")  # WKT: longitude first
_SAFE_ID = re.compile(r"^[A-Za-z0-9:._-]+$")  # an XML NMTOKEN made of ASCII name characters


@dataclass(frozen=True, slots=True)
class Node:
    """One entity: its export id, type, label and values by column (one value, or several joined with " | ")."""

    id: str
    iri: str
    type: str
    label: str
    values: dict[str, Value]


@dataclass(frozen=True, slots=True)
class Edge:
    """One relation between two exported entities, with the short names of the sources stating it."""

    id: str
    source: str
    target: str
    relation: str
    graphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EntityGraph:
    """What the GraphML, GEXF and CSV exports write: nodes by type and id, edges by id."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def columns(self, entity_type: str | None = None) -> dict[str, type]:
        """Every value column of the nodes (of one type) with its type: int, float or bool when all values are."""
        seen: dict[str, set[type]] = defaultdict(set)
        for node in self.nodes:
            if entity_type is None or node.type == entity_type:
                for column, value in node.values.items():
                    seen[column].add(type(value))
        return {c: next(iter(t)) if len(t) == 1 else str for c, t in sorted(seen.items())}


def export_id(iri: str) -> str:
    """The short id (`Q406`, `eg:slug`) when it is a valid XML token, which GraphML ids must be; else a hash."""
    short = short_id(iri)
    if _SAFE_ID.match(short):
        return short
    return "n" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]


def relation_name(predicate: str) -> str:
    return predicate[len(EG) :] if predicate.startswith(EG) else predicate


def all_entities(reader: GraphReader) -> dict[str, str]:
    """Every entity IRI with its class name: one `find` per class and page."""
    typed: dict[str, str] = {}
    for entity_class in EntityClass:
        offset = 0
        while True:
            page = reader.find(FindQuery(entity_class, offset=offset, limit=_PAGE))
            for iri in page.iris:
                typed.setdefault(iri, entity_class.value)
            offset += _PAGE
            if len(page.iris) < _PAGE:
                break
    return typed


def describe_all(reader: GraphReader, iris: Sequence[str]) -> dict[str, Resource]:
    """`describe` in batches."""
    resources: dict[str, Resource] = {}
    for start in range(0, len(iris), _BATCH):
        resources.update(reader.describe(iris[start : start + _BATCH]))
    return resources


def read_graph(reader: GraphReader) -> EntityGraph:
    """Every entity with its values, and the relations between them."""
    typed = all_entities(reader)
    iris = sorted(typed)
    resources = describe_all(reader, iris)
    nodes = [_node(resources[iri], typed[iri]) for iri in iris if iri in resources]
    ids = {n.iri: n.id for n in nodes}
    edges = _edges(reader, list(ids), ids)
    return EntityGraph(tuple(sorted(nodes, key=lambda n: (n.type, n.id))), edges)


def _edges(reader: GraphReader, iris: Sequence[str], ids: dict[str, str]) -> tuple[Edge, ...]:
    found: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    predicates = [EG + r for r in RELATIONS]
    for start in range(0, len(iris), _BATCH):
        for edge in reader.edges(iris[start : start + _BATCH], predicates):
            if edge.source in ids and edge.target in ids:
                found[(ids[edge.source], relation_name(edge.predicate), ids[edge.target])].add(_graph_name(edge.graph))
    return tuple(Edge(f"{s}.{r}.{t}", s, t, r, tuple(sorted(graphs))) for (s, r, t), graphs in sorted(found.items()))


def _graph_name(graph: str) -> str:
    return graph.rsplit("/", 1)[-1]


def _node(resource: Resource, entity_type: str) -> Node:
    values: dict[str, list[Value]] = defaultdict(list)
    labels: dict[str, str] = {}
    for fact in resource.facts:
        if fact.predicate in _SKIPPED:
            continue
        column = "labels" if fact.predicate == RDFS_LABEL else _column(fact.predicate)
        if isinstance(fact.value, Literal):
            values[column].append(_literal_text(fact.value) if column == "labels" else _typed(fact.value))
            if fact.predicate == RDFS_LABEL:
                lang = fact.value.language or ""
                labels[lang] = min(labels.get(lang, fact.value.lexical), fact.value.lexical)
        elif isinstance(fact.value, Iri):
            values[column].append(_iri_text(fact.value.value))
        elif fact.node is not None:
            values[column].append("(" + _node_text(fact.node) + ")")
    flat = {"qid": model.qid_of(resource.iri) or "", "iri": resource.iri}
    flat = {k: v for k, v in flat.items() if v}
    row: dict[str, Value] = {"id": short_id(resource.iri), **flat}
    label = next((labels[lang] for lang in ("en", "") if lang in labels), labels[min(labels)] if labels else "")
    row["label"] = label
    for column, found in sorted(values.items()):
        row.update(_flatten(column, resource, found))
    point = _POINT.match(str(row.get("coordinates", "")))
    if point:  # Gephi's geo layouts and notebooks want numbers
        row["longitude"], row["latitude"] = float(point.group(1)), float(point.group(2))
    return Node(export_id(resource.iri), resource.iri, entity_type, label, row)


def _flatten(column: str, resource: Resource, found: list[Value]) -> dict[str, Value]:
    """One blank-node value becomes `column.key` columns; several, or plain values, one cell."""
    nodes = [f.node for f in resource.facts if f.node is not None and _column(f.predicate) == column]
    if len(nodes) == 1 and len(found) == 1:
        (node,) = nodes
        out: dict[str, Value] = {}
        for fact in node.facts:
            if fact.predicate in _SKIPPED:
                continue
            key = f"{column}.{_column(fact.predicate)}"
            if isinstance(fact.value, Literal):
                out.setdefault(key, _typed(fact.value))
            elif isinstance(fact.value, Iri):
                out[key] = (
                    _cell([str(out[key]), _iri_text(fact.value.value)]) if key in out else _iri_text(fact.value.value)
                )
        return out
    distinct = list(dict.fromkeys(found))
    return {column: distinct[0] if len(distinct) == 1 else _cell(str(v) for v in distinct)}


def _node_text(node: Resource, depth: int = 0) -> str:
    parts = []
    for fact in node.facts:
        if fact.predicate in _SKIPPED:
            continue
        if isinstance(fact.value, Literal):
            parts.append(f"{_column(fact.predicate)}={fact.value.lexical}")
        elif isinstance(fact.value, Iri):
            parts.append(f"{_column(fact.predicate)}={_iri_text(fact.value.value)}")
        elif fact.node is not None and depth < 3:
            parts.append(f"{_column(fact.predicate)}=({_node_text(fact.node, depth + 1)})")
    return "; ".join(sorted(parts))


def _column(predicate: str) -> str:
    for sep in ("#", "/"):
        if sep in predicate:
            predicate = predicate.rsplit(sep, 1)[1]
    return predicate


def _iri_text(iri: str) -> str:
    return short_id(iri) if iri.startswith((WD, EG_ID)) else iri


def _literal_text(value: Literal) -> str:
    return f"{value.lexical}@{value.language}" if value.language else value.lexical


def _typed(value: Literal) -> Value:
    """An integer, decimal or boolean literal as a Python value; anything else as its text (dates keep theirs)."""
    try:
        if value.datatype == model.XSD_INTEGER:
            return int(value.lexical)
        if value.datatype in (model.XSD_DECIMAL, model.XSD + "double", model.XSD + "float"):
            return float(value.lexical)
    except ValueError:
        return value.lexical
    if value.datatype == model.XSD_BOOLEAN and value.lexical in ("true", "false", "1", "0"):
        return value.lexical in ("true", "1")
    return _literal_text(value)


def _cell(values: Iterable[str]) -> str:
    return " | ".join(sorted(set(values)))
