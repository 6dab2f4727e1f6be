"""Exports of the whole store (Turtle, JSON-LD, GraphML, CSV) and RDF documents of single entities.

Every export states the dataset version (`GraphReader.dataset_version`) and the sources it holds: Turtle in its
header comments, JSON-LD as triples about the dataset in the default graph, GraphML as graph attributes, CSV in a
`sources.csv`; and each export carries a `manifest.json` (written next to the files, or inside the CSV archive).
Exports are built from `dump()`, so they work over any backend.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import networkx as nx
import pyoxigraph as ox
import rdflib

from eventgraph import model
from eventgraph.errors import InvalidArgumentError
from eventgraph.model import EG, EG_ID, PREFIXES, RDF_TYPE, RDFS_LABEL, WD, EntityClass, Resource, SourceInfo, short_id
from eventgraph.resources import schema_file
from eventgraph.store.protocols import GraphReader, rdf_dump

Format = Literal["turtle", "jsonld", "graphml", "csv"]
FORMATS: tuple[Format, ...] = ("turtle", "jsonld", "graphml", "csv")
CONTEXT_FILE = schema_file("context.jsonld")
DATASET = "https://w3id.org/eventgraph/dataset/"
SCHEMA = "http://schema.org/"
_SKIPPED = {model.P.citation, model.P.claim}  # provenance detail: kept in the RDF exports, not in the tables
_MEDIA = {
    "turtle": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json",
    "graphml": "application/graphml+xml",
    "csv": "text/csv; charset=utf-8",
}


@dataclass(frozen=True, slots=True)
class ExportFile:
    name: str
    media_type: str
    content: bytes


@dataclass(frozen=True, slots=True)
class Export:
    """The files of one export, with what they hold."""

    format: Format
    version: str
    sources: tuple[SourceInfo, ...]
    files: tuple[ExportFile, ...]

    def manifest(self) -> bytes:
        body = {
            "dataset_version": self.version,
            "format": self.format,
            "files": [f.name for f in self.files],
            "sources": [_source_json(s) for s in self.sources],
        }
        return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    def archive(self) -> bytes:
        """The files and the manifest in one zip (how CSV goes over HTTP)."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for f in self.files:
                archive.writestr(f.name, f.content)
            archive.writestr("manifest.json", self.manifest())
        return buffer.getvalue()

    def write(self, directory: Path) -> list[Path]:
        """Write the files and `manifest.json` into `directory` (created if missing)."""
        directory.mkdir(parents=True, exist_ok=True)
        written = []
        for f in (*self.files, ExportFile("manifest.json", "application/json", self.manifest())):
            path = directory / f.name
            path.write_bytes(f.content)
            written.append(path)
        return written


def _source_json(s: SourceInfo) -> dict[str, Any]:
    out: dict[str, Any] = {"graph": s.graph, "title": s.title, "url": s.url, "kind": s.kind, "triples": s.triples}
    for key, value in (("licence", s.licence), ("retrieved", s.retrieved), ("endpoint", s.endpoint)):
        if value:
            out[key] = value
    return out


def export(reader: GraphReader, fmt: str) -> Export:
    """Build one export of everything in the data graphs of `reader`."""
    if fmt not in FORMATS:
        raise InvalidArgumentError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    version = reader.dataset_version()
    sources = tuple(reader.sources())
    data = rdf_dump(reader, "an export").dump()
    if fmt == "turtle":
        files = [ExportFile("eventgraph.ttl", _MEDIA["turtle"], _turtle(data, version, sources))]
    elif fmt == "jsonld":
        files = [ExportFile("eventgraph.jsonld", _MEDIA["jsonld"], _jsonld(data, version, sources))]
    elif fmt == "graphml":
        files = [ExportFile("eventgraph.graphml", _MEDIA["graphml"], _graphml(_Tables.of(data), version, sources))]
    else:
        files = _csv_files(_Tables.of(data), version, sources)
    return Export(fmt, version, sources, tuple(files))


# ---------------------------------------------------------------- RDF


def _turtle(data: bytes, version: str, sources: tuple[SourceInfo, ...]) -> bytes:
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)}
    header = [
        "# eventgraph export",
        f"# dataset version: {version}",
        f"# {len(triples)} distinct triples: the data graphs of these {len(sources)} sources, merged into one graph",
        "# (the JSON-LD export keeps one named graph per source):",
    ]
    header += [f"#   <{s.graph}> {s.title} <{s.url}>" + (f" ({s.licence})" if s.licence else "") for s in sources]
    body = ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    return ("\n".join(header) + "\n").encode("utf-8") + body


@cache
def context() -> dict[str, Any]:
    """The `@context` object of schema/context.jsonld."""
    loaded: dict[str, Any] = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    return loaded


def _jsonld(data: bytes, version: str, sources: tuple[SourceInfo, ...]) -> bytes:
    """One named graph per source; in the default graph, the dataset (version, parts) and each source.

    Each graph is compacted on its own and the document assembled here: rdflib's Dataset serializer goes through
    its own deprecated API.
    """
    graphs: dict[str, rdflib.Graph] = defaultdict(rdflib.Graph)
    for quad in sorted(ox.parse(data, format=ox.RdfFormat.N_QUADS), key=str):  # sorted: the same data, the same bytes
        assert isinstance(quad.graph_name, ox.NamedNode)  # dump() holds named graphs only
        graphs[quad.graph_name.value].add(
            (_from_ox(quad.subject), rdflib.URIRef(quad.predicate.value), _from_ox(quad.object))
        )
    eg = rdflib.Namespace(EG)
    node = rdflib.URIRef(DATASET + version)
    meta = rdflib.Graph()
    meta.add((node, rdflib.RDF.type, rdflib.URIRef(SCHEMA + "Dataset")))
    meta.add((node, rdflib.URIRef(SCHEMA + "version"), rdflib.Literal(version)))
    for s in sources:
        part = rdflib.URIRef(s.graph)
        meta.add((node, rdflib.URIRef(SCHEMA + "hasPart"), part))
        meta.add((part, rdflib.RDF.type, eg.Source))
        meta.add((part, eg.title, rdflib.Literal(s.title)))
        meta.add((part, eg.url, rdflib.Literal(s.url)))
        meta.add((part, eg.sourceKind, rdflib.Literal(s.kind)))
        meta.add((part, eg.tripleCount, rdflib.Literal(s.triples)))
        for prop, value in (("licence", s.licence), ("retrieved", s.retrieved), ("endpoint", s.endpoint)):
            if value:
                meta.add((part, eg[prop], rdflib.Literal(value)))
    nodes = _compact(meta) + [{"@id": name, "@graph": _compact(graphs[name])} for name in sorted(graphs)]
    document = {"@context": context(), "@graph": nodes}
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _compact(graph: rdflib.Graph) -> list[dict[str, Any]]:
    """The node objects of one graph, compacted with the project's context."""
    document: dict[str, Any] = json.loads(graph.serialize(format="json-ld", context=context()))
    document.pop("@context", None)
    nodes: list[dict[str, Any]] = document.pop("@graph", None) or ([document] if document else [])
    return [_ordered(n) for n in sorted(nodes, key=lambda n: str(n.get("id", n.get("@id", ""))))]


def _ordered(value: Any) -> Any:
    """Arrays sorted (rdflib emits them in set order, which changes between runs); none is an ordered @list here."""
    if isinstance(value, dict):
        return {k: _ordered(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_ordered(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _from_ox(term: Any) -> rdflib.term.Identifier:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    return _rdflib_term(model.Literal(term.value, term.datatype.value, term.language))


def _rdflib_term(term: model.Term) -> rdflib.term.Identifier:
    if isinstance(term, model.Iri):
        return rdflib.URIRef(term.value)
    if isinstance(term, model.Blank):
        return rdflib.BNode(term.id)
    if term.language:
        return rdflib.Literal(term.lexical, lang=term.language)
    if term.datatype == model.XSD_STRING:
        return rdflib.Literal(term.lexical)
    return rdflib.Literal(term.lexical, datatype=rdflib.URIRef(term.datatype))


def _add_resource(graph: rdflib.Graph, resource: Resource) -> None:
    subject = rdflib.BNode(resource.iri[2:]) if resource.iri.startswith("_:") else rdflib.URIRef(resource.iri)
    for fact in resource.facts:
        graph.add((subject, rdflib.URIRef(fact.predicate), _rdflib_term(fact.value)))
        if fact.node is not None:
            _add_resource(graph, fact.node)


def entity_document(resource: Resource, fmt: Literal["turtle", "jsonld"]) -> bytes:
    """What the store knows about one entity (all sources merged, blank-node values included) as RDF."""
    graph = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    _add_resource(graph, resource)
    if fmt == "turtle":
        return graph.serialize(format="turtle").encode("utf-8")
    return graph.serialize(format="json-ld", context=context(), indent=1, ensure_ascii=False).encode("utf-8")


# ---------------------------------------------------------------- tables: entities with their values, and edges


def _local(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1]
    return iri


def _is_entity(iri: str) -> bool:
    return iri.startswith((WD, EG_ID))


def _cell(values: Iterable[str]) -> str:
    return " | ".join(sorted(set(values)))


@dataclass
class _Tables:
    """The data graphs as rows: entities by class, their values by column, and entity-to-entity edges."""

    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    values: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    nodes: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    blank: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    labels: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    edges: dict[tuple[str, str, str], set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def of(cls, data: bytes) -> _Tables:
        tables = cls()
        for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS):
            tables._add(quad)
        return tables

    def _add(self, quad: ox.Quad) -> None:
        s, p, o = quad.subject, quad.predicate.value, quad.object
        if isinstance(s, ox.Triple):  # RDF 1.2 triple terms: not produced by any loader
            return
        key = s.value if isinstance(s, ox.NamedNode) else "_:" + s.value
        if p == RDF_TYPE and isinstance(o, ox.NamedNode) and o.value.startswith(EG):
            self.types[key].add(o.value[len(EG) :])
            return
        if p in _SKIPPED:
            return
        column = "labels" if p == RDFS_LABEL else _local(p)
        if isinstance(o, ox.Literal):
            self.values[key][column].add(f"{o.value}@{o.language}" if o.language else o.value)
            if p == RDFS_LABEL:
                known = self.labels[key].get(o.language or "")
                self.labels[key][o.language or ""] = o.value if known is None else min(known, o.value)
        elif isinstance(o, ox.BlankNode):
            (self.blank if key.startswith("_:") else self.nodes)[key][column].add("_:" + o.value)
        elif isinstance(o, ox.NamedNode) and _is_entity(o.value):
            self.values[key][column].add(short_id(o.value))
            if isinstance(s, ox.NamedNode) and p != model.P.same_as:  # sameAs names an alias id, not a relation
                graph = quad.graph_name
                self.edges[(s.value, column, o.value)].add(
                    _local(graph.value) if isinstance(graph, ox.NamedNode) else ""
                )
        elif isinstance(o, ox.NamedNode):
            self.values[key][column].add(o.value)

    def label(self, iri: str) -> str:
        by_lang = self.labels.get(iri, {})
        for lang in ("en", ""):
            if lang in by_lang:
                return by_lang[lang]
        return by_lang[min(by_lang)] if by_lang else ""

    def node_text(self, key: str, depth: int = 0) -> str:
        """A blank node as `property=value; ...` (nested ones in parentheses)."""
        parts = [f"{column}={_cell(values)}" for column, values in sorted(self.values.get(key, {}).items())]
        if depth < 3:
            for column, inner in sorted(self.blank.get(key, {}).items()):
                parts += [f"{column}=({self.node_text(b, depth + 1)})" for b in sorted(inner)]
        return "; ".join(parts)

    def entities(self, cls: EntityClass) -> list[str]:
        return sorted(iri for iri, types in self.types.items() if cls.value in types and not iri.startswith("_:"))

    def rows(self, cls: EntityClass) -> tuple[list[str], list[dict[str, str]]]:
        """Columns and rows of one class: identity, label, then every property (blank-node values flattened)."""
        entities = self.entities(cls)
        single = {
            column
            for column in {c for iri in entities for c in self.nodes.get(iri, {})}
            if all(len(self.nodes.get(iri, {}).get(column, ())) <= 1 for iri in entities)
        }
        rows = []
        for iri in entities:
            row = {"id": short_id(iri), "qid": model.qid_of(iri) or "", "iri": iri, "label": self.label(iri)}
            row.update({column: _cell(values) for column, values in self.values.get(iri, {}).items()})
            for column, blanks in self.nodes.get(iri, {}).items():
                if column in single:
                    (b,) = blanks
                    row.update({f"{column}.{k}": _cell(v) for k, v in self.values.get(b, {}).items()})
                    row.update(
                        {f"{column}.{k}": _cell(self.node_text(x) for x in v) for k, v in self.blank.get(b, {}).items()}
                    )
                else:
                    row[column] = " | ".join(sorted(f"({self.node_text(b)})" for b in blanks))
            rows.append(row)
        base = ["id", "qid", "iri", "label"]
        columns = base + sorted({c for row in rows for c in row} - set(base))
        return columns, rows


# ---------------------------------------------------------------- GraphML and CSV


def _graphml(tables: _Tables, version: str, sources: tuple[SourceInfo, ...]) -> bytes:
    """A directed multigraph: entities with their type, label and plain values; one edge per relation."""
    graph = nx.MultiDiGraph(dataset_version=version, sources=" ".join(s.graph for s in sources))
    for cls in EntityClass:
        for row in tables.rows(cls)[1]:
            attributes = {k: row[k] for k in sorted(row) if row[k] and k != "id"}  # sorted: stable bytes
            graph.add_node(row["id"], type=cls.value, **attributes)
    for (subject, relation, target), graphs in sorted(tables.edges.items()):
        for end in (subject, target):
            if short_id(end) not in graph:
                kinds = " ".join(sorted(tables.types.get(end, ())))
                graph.add_node(short_id(end), type=kinds, label=tables.label(end), iri=end)
        graph.add_edge(
            short_id(subject), short_id(target), key=relation, relation=relation, sources=" ".join(sorted(graphs))
        )
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue()


def _csv(header: list[str], rows: Iterable[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


def _csv_files(tables: _Tables, version: str, sources: tuple[SourceInfo, ...]) -> list[ExportFile]:
    """One file per class, `edges.csv`, and `sources.csv` (every row names the dataset version)."""
    files = []
    for cls in EntityClass:
        columns, rows = tables.rows(cls)
        files.append(ExportFile(f"{_snake(cls.value)}.csv", _MEDIA["csv"], _csv(columns, rows)))
    edge_rows = [
        {
            "source": short_id(s),
            "relation": relation,
            "target": short_id(t),
            "source_type": " ".join(sorted(tables.types.get(s, ()))),
            "target_type": " ".join(sorted(tables.types.get(t, ()))),
            "graphs": " ".join(sorted(graphs)),
        }
        for (s, relation, t), graphs in sorted(tables.edges.items())
    ]
    edge_header = ["source", "relation", "target", "source_type", "target_type", "graphs"]
    files.append(ExportFile("edges.csv", _MEDIA["csv"], _csv(edge_header, edge_rows)))
    source_header = ["dataset_version", "graph", "title", "url", "kind", "licence", "retrieved", "triples"]
    source_rows = [{"dataset_version": version, **_source_json(s)} for s in sources]
    files.append(ExportFile("sources.csv", _MEDIA["csv"], _csv(source_header, source_rows)))
    return files
