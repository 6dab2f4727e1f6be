"""The SPARQL 1.1 Service Description of /sparql (https://www.w3.org/TR/sparql11-service-description/).

The spec: a service "should return a service description document at the service endpoint when dereferenced using
the HTTP GET operation without any query parameter strings provided", in an RDF serialization, content-negotiated.
The description is a handful of triples, so it is serialized here (Turtle, N-Triples, JSON-LD, RDF/XML) without an
RDF library, which the api layer does not import.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from eventgraph.model import RDF_TYPE, XSD_INTEGER, SourceInfo
from eventgraph.store.protocols import SparqlLimits

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
VOID = "http://rdfs.org/ns/void#"
DCTERMS = "http://purl.org/dc/terms/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
META_GRAPH = "https://w3id.org/eventgraph/meta"
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "RDF_XML",
    "JSON-LD",
)
MEDIA_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
SERVED = {
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


@dataclass(frozen=True, slots=True)
class Term:
    """An IRI, a blank node (`blank`) or a literal (`datatype` set, or a plain string)."""

    value: str
    blank: bool = False
    literal: bool = False
    datatype: str | None = None


Statement = tuple[Term, str, Term]


def iri(value: str) -> Term:
    return Term(value)


def description(endpoint: str, sources: Sequence[SourceInfo], limits: SparqlLimits) -> list[Statement]:
    """What the endpoint offers: SPARQL 1.1 Query, its result formats, its dataset (a named graph per source)."""
    service, dataset, default = iri(endpoint), Term("dataset", blank=True), Term("default", blank=True)
    out: list[Statement] = [
        (service, RDF_TYPE, iri(SD + "Service")),
        (service, SD + "endpoint", service),
        (service, SD + "supportedLanguage", iri(SD + "SPARQL11Query")),
        (service, DCTERMS + "title", Term("eventgraph SPARQL endpoint", literal=True)),
        (
            service,
            RDFS_COMMENT,
            Term(
                f"Read-only. The default graph is the union of the loaded sources; each source is a named graph, "
                f"described in <{META_GRAPH}>. Limits: {limits.timeout_s:g} s a query, {limits.max_rows} rows or "
                f"triples, {limits.max_query_chars} characters; SERVICE and updates are refused.",
                literal=True,
            ),
        ),
        (service, SD + "defaultDataset", dataset),
        (dataset, RDF_TYPE, iri(SD + "Dataset")),
        (dataset, SD + "defaultGraph", default),
        (default, RDF_TYPE, iri(SD + "Graph")),
    ]
    out += [(service, SD + "resultFormat", iri(FORMATS + name)) for name in RESULT_FORMATS]
    graphs = [(s.graph, s.title, s.triples) for s in sources] + [(META_GRAPH, "the loaded sources, described", None)]
    for n, (name, title, triples) in enumerate(graphs):
        named, graph = Term(f"named{n}", blank=True), Term(f"graph{n}", blank=True)
        out += [
            (dataset, SD + "namedGraph", named),
            (named, RDF_TYPE, iri(SD + "NamedGraph")),
            (named, SD + "name", iri(name)),
            (named, SD + "graph", graph),
            (graph, RDF_TYPE, iri(SD + "Graph")),
            (graph, DCTERMS + "title", Term(title, literal=True)),
        ]
        if triples is not None:
            out.append((graph, VOID + "triples", Term(str(triples), literal=True, datatype=XSD_INTEGER)))
    return out


def negotiate(accept: Sequence[str]) -> str | None:
    """turtle, ntriples, jsonld or rdfxml for the best acceptable media type; Turtle when anything goes."""
    if not accept:
        return "turtle"
    for media in accept:
        if media in MEDIA_TYPES:
            return MEDIA_TYPES[media]
        if media in ("*/*", "text/*"):
            return "turtle"
        if media == "application/*":
            return "jsonld"
    return None


def serialize(statements: Sequence[Statement], fmt: str) -> bytes:
    if fmt == "jsonld":
        return _jsonld(statements)
    if fmt == "rdfxml":
        return _rdfxml(statements)
    lines = [f"{_nt(s)} <{p}> {_nt(o)} ." for s, p, o in statements]
    header = "# SPARQL 1.1 Service Description of this endpoint\n" if fmt == "turtle" else ""
    return (header + "\n".join(lines) + "\n").encode("utf-8")


def _nt(term: Term) -> str:
    if term.blank:
        return "_:" + term.value
    if not term.literal:
        return f"<{term.value}>"
    text = term.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text}"' + (f"^^<{term.datatype}>" if term.datatype else "")


def _node_id(term: Term) -> str:
    return "_:" + term.value if term.blank else term.value


def _jsonld(statements: Sequence[Statement]) -> bytes:
    """Expanded JSON-LD: one node object per subject, in order."""
    nodes: dict[str, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in statements:
        node = nodes[_node_id(s)]
        if p == RDF_TYPE:
            node["@type"].append(o.value)
        elif o.literal:
            node[p].append({"@value": o.value, **({"@type": o.datatype} if o.datatype else {})})
        else:
            node[p].append({"@id": _node_id(o)})
    document = [{"@id": subject, **body} for subject, body in nodes.items()]
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _rdfxml(statements: Sequence[Statement]) -> bytes:
    namespaces: dict[str, str] = {RDF: "rdf"}
    for _, p, _ in statements:
        namespace = p[: max(p.rfind("#"), p.rfind("/")) + 1]
        namespaces.setdefault(namespace, f"p{len(namespaces)}")
    for namespace, prefix in namespaces.items():
        ET.register_namespace(prefix, namespace)
    root = ET.Element(f"{{{RDF}}}RDF")
    for s, p, o in statements:
        about = {f"{{{RDF}}}nodeID": s.value} if s.blank else {f"{{{RDF}}}about": s.value}
        description = ET.SubElement(root, f"{{{RDF}}}Description", about)
        namespace = p[: max(p.rfind("#"), p.rfind("/")) + 1]
        element = ET.SubElement(description, f"{{{namespace}}}{p[len(namespace) :]}")
        if o.blank:
            element.set(f"{{{RDF}}}nodeID", o.value)
        elif not o.literal:
            element.set(f"{{{RDF}}}resource", o.value)
        else:
            element.text = o.value
            if o.datatype:
                element.set(f"{{{RDF}}}datatype", o.datatype)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body + b"\n"
