"""The co-organization network as a graph file: the GraphQL `coOrganization` field run as is, written out.

Running the field itself (not a copy of its code) keeps the export's filters, validation and answer the same as a
GraphQL client's; the CLI and `/export/{format}?network=co-organization` both come here.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import strawberry

from eventgraph.api.context import Context
from eventgraph.api.http.params import parse_json
from eventgraph.api.network import MAX_NODES
from eventgraph.api.schema import build_schema
from eventgraph.errors import InvalidArgumentError
from eventgraph.exports.build import MEDIA, modified
from eventgraph.exports.bundle import Export, ExportFile
from eventgraph.exports.document import GraphDocument, Item
from eventgraph.exports.entities import export_id
from eventgraph.exports.gexf import gexf
from eventgraph.exports.graphml import graphml
from eventgraph.model import iri_of
from eventgraph.store.protocols import GraphReader

NETWORKS = ("co-organization",)
NETWORK_FORMATS = ("gexf", "graphml")
QUERY_FILE = Path(__file__).resolve().parents[3] / "queries" / "exports" / "co-organization.graphql"


@cache
def _schema() -> strawberry.Schema:
    return build_schema()


def parse_filter(text: str | None, name: str) -> dict[str, Any] | None:
    """A filter argument as JSON text (the GraphQL input object), or None when absent."""
    if text is None or not text.strip():
        return None
    value = parse_json(text, name)  # depth-capped, no lone surrogates: refused as INVALID_JSON / INVALID_UNICODE
    if not isinstance(value, dict):
        raise InvalidArgumentError(f"{name}: give a JSON object, as the GraphQL input object would be written")
    return value


async def co_organization_export(
    store: GraphReader, fmt: str, organizations: dict[str, Any] | None, events: dict[str, Any] | None
) -> Export:
    """The network the GraphQL field answers for these filters (all its edges, up to the field's cap)."""
    if fmt not in NETWORK_FORMATS:
        raise InvalidArgumentError(f"the co-organization network is exported as {' or '.join(NETWORK_FORMATS)}")
    variables = {"filter": organizations, "events": events, "first": MAX_NODES}
    result = await _schema().execute(
        QUERY_FILE.read_text(encoding="utf-8"), variable_values=variables, context_value=Context(store=store)
    )
    if result.errors:
        raise InvalidArgumentError("; ".join(e.message for e in result.errors))
    answer = (result.data or {})["coOrganization"]
    version = store.dataset_version()
    sources = tuple(store.sources())
    document = network_document(answer, version, sources, organizations, events)
    body = graphml(document) if fmt == "graphml" else gexf(document, modified(sources))
    notes = {
        "network": "co-organization",
        "filter": organizations,
        "events": events,
        "nodes": len(document.nodes),
        "edges": len(document.edges),
        "total_edges": answer["totalEdges"],
        "truncated": answer["totalEdges"] > len(document.edges),
    }
    name = f"co-organization.{fmt}"
    return Export(fmt, version, sources, (ExportFile(name, MEDIA[fmt], body),), notes)


def network_document(
    answer: dict[str, Any],
    version: str,
    sources: tuple[Any, ...],
    organizations: dict[str, Any] | None,
    events: dict[str, Any] | None,
) -> GraphDocument:
    """Organizations as nodes; one undirected edge per linked pair, weighted, with the events and partnerships."""

    def node_id(short: str) -> str:
        return export_id(iri_of(short) or short)

    nodes = tuple(
        Item(
            node_id(n["id"]),
            {
                k: v
                for k, v in {
                    "id": n["id"],
                    "label": n["label"],
                    "qid": n["qid"],
                    "kind": n["kind"],
                    "shortName": n["shortName"],
                }.items()
                if v is not None
            },
        )
        for n in answer["nodes"]
    )
    edges = []
    for e in answer["edges"]:
        source, target = node_id(e["source"]["id"]), node_id(e["target"]["id"])
        kinds = " ".join(k.lower().replace("_", "-") for k in e["kinds"])
        attributes: dict[str, str | int | float | bool] = {
            "weight": int(e["weight"]),
            "kinds": kinds,
            "label": kinds,
            "events": " ".join(x["id"] for x in e["events"]),
            "eventCount": len(e["events"]),
            "partnerships": " ".join(x["id"] for x in e["partnerships"]),
            "partnershipCount": len(e["partnerships"]),
        }
        edges.append(Item(f"{source}.{target}", attributes, source, target))
    meta = {
        "dataset_version": version,
        "title": "eventgraph co-organization network",
        "sources": " ".join(s.graph for s in sources),
        "filter": json.dumps(organizations, sort_keys=True) if organizations else "",
        "events": json.dumps(events, sort_keys=True) if events else "",
    }
    return GraphDocument(nodes, tuple(edges), directed=False, meta={k: v for k, v in meta.items() if v})
