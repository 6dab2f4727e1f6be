"""The RDF exports (Turtle, JSON-LD) and RDF documents of single entities.

They serialize the store's N-Quads dump, an optional capability: a backend without it answers the graph exports
(GraphML, GEXF, CSV) but not these. Turtle states the dataset version in its header comments, JSON-LD as triples
about the dataset in the default graph.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from typing import Any, Literal

import pyoxigraph as ox
import rdflib

from eventgraph import model
from eventgraph.model import EG, PREFIXES, Resource, SourceInfo
from eventgraph.resources import schema_file

CONTEXT_FILE = schema_file("context.jsonld")
DATASET = "https://w3id.org/eventgraph/dataset/"
SCHEMA = "http://schema.org/"


def turtle(data: bytes, version: str, sources: tuple[SourceInfo, ...]) -> bytes:
    """Every distinct triple of the data graphs, merged, after header comments naming version and sources."""
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


def jsonld(data: bytes, version: str, sources: tuple[SourceInfo, ...]) -> bytes:
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
