"""GraphML (Gephi, yEd, networkx, igraph, Cytoscape): typed keys, unique node and edge ids, the dataset version.

The document follows the GraphML 1.0 schema (http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd; the tests
validate against it): keys before the graph, one `data` per key and element, NMTOKEN ids.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from eventgraph.exports.document import Domain, GraphDocument, Value, attribute_name, text

NS = "http://graphml.graphdrawing.org/xmlns"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
_TYPES: dict[type, str] = {bool: "boolean", int: "long", float: "double", str: "string"}


def graphml(document: GraphDocument) -> bytes:
    """The document as GraphML bytes (UTF-8, stable for the same input)."""
    ET.register_namespace("", NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{NS}}}graphml", {f"{{{XSI}}}schemaLocation": f"{NS} {SCHEMA_LOCATION}"})
    keys: dict[tuple[str, str], str] = {}
    for name in sorted(document.meta):
        keys[("graph", name)] = _key(root, "graph", name, str, len(keys))
    columns: dict[Domain, dict[str, type]] = {d: document.columns(d) for d in ("node", "edge")}
    for domain, found in columns.items():
        for name, kind in found.items():
            keys[(domain, name)] = _key(root, domain, name, kind, len(keys))
    graph = ET.SubElement(
        root, f"{{{NS}}}graph", {"id": "G", "edgedefault": "directed" if document.directed else "undirected"}
    )
    for name in sorted(document.meta):
        _data(graph, keys[("graph", name)], document.meta[name])
    for node in document.nodes:
        element = ET.SubElement(graph, f"{{{NS}}}node", {"id": node.id})
        for name in sorted(node.attributes):
            _data(element, keys[("node", name)], node.attributes[name])
    for edge in document.edges:
        element = ET.SubElement(graph, f"{{{NS}}}edge", {"id": edge.id, "source": edge.source, "target": edge.target})
        for name in sorted(edge.attributes):
            _data(element, keys[("edge", name)], edge.attributes[name])
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body + b"\n"


def _key(root: ET.Element, domain: str, name: str, kind: type, number: int) -> str:
    key = f"k{number}"
    attributes = {"id": key, "for": domain, "attr.name": attribute_name(name), "attr.type": _TYPES[kind]}
    ET.SubElement(root, f"{{{NS}}}key", attributes)
    return key


def _data(parent: ET.Element, key: str, value: Value) -> None:
    ET.SubElement(parent, f"{{{NS}}}data", {"key": key}).text = text(value)
