"""GEXF 1.3 (Gephi's own format): declared attributes, unique node and edge ids, the dataset version in <meta>.

The elements used here are the part of GEXF 1.3 that 1.2 already had (meta, attributes, nodes, edges, attvalues);
the tests check the document against the GEXF 1.2 schema with the namespace and version renamed, and the 1.3
specifics (namespace http://gexf.net/1.3, version="1.3", lastmodifieddate) by hand.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from eventgraph.exports.document import Domain, GraphDocument, Item, text

NS = "http://gexf.net/1.3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = "http://gexf.net/1.3/gexf.xsd"
_TYPES: dict[type, str] = {bool: "boolean", int: "long", float: "double", str: "string"}
_RESERVED = {"label", "weight"}  # GEXF attributes of their own, not declared data columns


def gexf(document: GraphDocument, modified: str) -> bytes:
    """The document as GEXF 1.3 bytes; `modified` (an ISO date, or "") is the meta's lastmodifieddate."""
    ET.register_namespace("", NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{NS}}}gexf", {"version": "1.3", f"{{{XSI}}}schemaLocation": f"{NS} {SCHEMA_LOCATION}"})
    meta = ET.SubElement(root, f"{{{NS}}}meta", {"lastmodifieddate": modified} if modified else {})
    ET.SubElement(meta, f"{{{NS}}}creator").text = "eventgraph"
    ET.SubElement(meta, f"{{{NS}}}keywords").text = "dataset_version=" + document.meta.get("dataset_version", "")
    ET.SubElement(meta, f"{{{NS}}}description").text = "; ".join(f"{k}: {v}" for k, v in sorted(document.meta.items()))
    graph = ET.SubElement(
        root,
        f"{{{NS}}}graph",
        {"defaultedgetype": "directed" if document.directed else "undirected", "mode": "static"},
    )
    ids: dict[Domain, dict[str, str]] = {}
    for domain in ("node", "edge"):
        columns = {k: v for k, v in document.columns(domain).items() if k not in _RESERVED}
        declared = ET.SubElement(graph, f"{{{NS}}}attributes", {"class": domain, "mode": "static"})
        ids[domain] = {}
        for number, (name, kind) in enumerate(columns.items()):
            ids[domain][name] = str(number)
            ET.SubElement(declared, f"{{{NS}}}attribute", {"id": str(number), "title": name, "type": _TYPES[kind]})
    nodes = ET.SubElement(graph, f"{{{NS}}}nodes", {"count": str(len(document.nodes))})
    for node in document.nodes:
        element = ET.SubElement(
            nodes, f"{{{NS}}}node", {"id": node.id, "label": str(node.attributes.get("label", node.id))}
        )
        _values(element, node, ids["node"])
    edges = ET.SubElement(graph, f"{{{NS}}}edges", {"count": str(len(document.edges))})
    for edge in document.edges:
        attributes = {"id": edge.id, "source": edge.source, "target": edge.target}
        if "label" in edge.attributes:
            attributes["label"] = str(edge.attributes["label"])
        weight = edge.attributes.get("weight")
        if isinstance(weight, int | float) and not isinstance(weight, bool):
            attributes["weight"] = text(float(weight))
        element = ET.SubElement(edges, f"{{{NS}}}edge", attributes)
        _values(element, edge, ids["edge"])
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body + b"\n"


def _values(element: ET.Element, item: Item, ids: dict[str, str]) -> None:
    present = [(ids[k], v) for k, v in sorted(item.attributes.items()) if k in ids]
    if present:
        values = ET.SubElement(element, f"{{{NS}}}attvalues")
        for key, value in present:
            ET.SubElement(values, f"{{{NS}}}attvalue", {"for": key, "value": text(value)})
