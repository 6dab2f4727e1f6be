"""One export of the whole store by format name: what the CLI and `/export/{format}` call.

Turtle and JSON-LD serialize the dump (an optional backend capability); GraphML, GEXF and CSV are built from the
typed contract methods (`entities.read_graph`); QuickStatements from `describe` and `sources`.
"""

from __future__ import annotations

from typing import Literal

from eventgraph.errors import InvalidArgumentError
from eventgraph.exports import rdf
from eventgraph.exports.bundle import Export, ExportFile
from eventgraph.exports.document import GraphDocument, Item
from eventgraph.exports.entities import EntityGraph, read_graph
from eventgraph.exports.gexf import gexf
from eventgraph.exports.graphml import graphml
from eventgraph.exports.quickstatements import quickstatements
from eventgraph.exports.tables import csv_files
from eventgraph.model import SourceInfo
from eventgraph.store.protocols import GraphReader, rdf_dump

Format = Literal["turtle", "jsonld", "graphml", "gexf", "csv", "quickstatements"]
FORMATS: tuple[Format, ...] = ("turtle", "jsonld", "graphml", "gexf", "csv", "quickstatements")
MEDIA: dict[str, str] = {
    "turtle": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "csv": "text/csv; charset=utf-8",
    "quickstatements": "text/tab-separated-values; charset=utf-8",
}
FILE_NAMES: dict[str, str] = {
    "turtle": "eventgraph.ttl",
    "jsonld": "eventgraph.jsonld",
    "graphml": "eventgraph.graphml",
    "gexf": "eventgraph.gexf",
    "quickstatements": "eventgraph.quickstatements.tsv",
}


def export(reader: GraphReader, fmt: str) -> Export:
    """Build one export of everything the store holds."""
    if fmt not in FORMATS:
        raise InvalidArgumentError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    version = reader.dataset_version()
    sources = tuple(reader.sources())
    if fmt in ("turtle", "jsonld"):
        # an optional capability: the graph exports need only the typed methods
        data = rdf_dump(reader, f"the {fmt} export (graphml, gexf and csv work on any backend)").dump()
        body = rdf.turtle(data, version, sources) if fmt == "turtle" else rdf.jsonld(data, version, sources)
        return Export(fmt, version, sources, (ExportFile(FILE_NAMES[fmt], MEDIA[fmt], body),))
    if fmt == "quickstatements":
        proposals = quickstatements(reader, version, sources)
        body = proposals.text().encode("utf-8")
        files = (ExportFile(FILE_NAMES[fmt], MEDIA[fmt], body),)
        return Export(fmt, version, sources, files, {"statements": len(proposals.lines), **proposals.counts()})
    graph = read_graph(reader)
    notes = {"nodes": len(graph.nodes), "edges": len(graph.edges)}
    if fmt == "csv":
        return Export(fmt, version, sources, tuple(csv_files(graph, version, sources)), notes)
    document = entity_document(graph, version, sources)
    body = graphml(document) if fmt == "graphml" else gexf(document, modified(sources))
    return Export(fmt, version, sources, (ExportFile(FILE_NAMES[fmt], MEDIA[fmt], body),), notes)


def entity_document(graph: EntityGraph, version: str, sources: tuple[SourceInfo, ...]) -> GraphDocument:
    """Entities as nodes (type, label and values), relations as directed edges (relation, sources)."""
    nodes = tuple(
        Item(n.id, {"type": n.type, **{k: v for k, v in n.values.items() if k != "id" or v != n.id}})
        for n in graph.nodes
    )
    edges = tuple(
        Item(e.id, {"relation": e.relation, "label": e.relation, "sources": " ".join(e.graphs)}, e.source, e.target)
        for e in graph.edges
    )
    meta = {
        "dataset_version": version,
        "title": "eventgraph: Wikimedia movement events, organizers, places and partners",
        "sources": " ".join(s.graph for s in sources),
    }
    return GraphDocument(nodes, edges, directed=True, meta=meta)


def modified(sources: tuple[SourceInfo, ...]) -> str:
    """The newest date a source's text was retrieved or transcribed: a date of the data, not of the export."""
    dates = [d for s in sources for d in (s.retrieved, s.extra.get("transcribed")) if d]
    return max(dates)[:10] if dates else ""
