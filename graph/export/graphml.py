"""GraphML (http://graphml.graphdrawing.org), read by Gephi, yEd, Cytoscape desktop and
networkx: every node and edge field declared as a typed key, lists as JSON text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from graph.export.subgraph import NODE_FIELDS, Subgraph, node_values
from graph.export.values import Flat, edge_keys, flat

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
NODE_TYPES = {"latitude": "double", "longitude": "double"}


def _kind(values: list[Flat]) -> str:
    """The GraphML type holding every value given (booleans before ints: bool is an int)."""
    if values and all(isinstance(v, bool) for v in values):
        return "boolean"
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "long"
    if values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _text(value: Flat) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def graphml(subgraph: Subgraph) -> bytes:
    root = ET.Element("graphml", xmlns=NAMESPACE)
    ET.SubElement(
        root, "key", id="g_truncated", attrib={"for": "graph"}, **{"attr.name": "truncated"}
    ).set("attr.type", "boolean")
    for field in NODE_FIELDS:
        attributes = {"for": "node", "attr.name": field}
        attributes["attr.type"] = NODE_TYPES.get(field, "string")
        ET.SubElement(root, "key", id="n_" + field, attrib=attributes)
    edge_fields = edge_keys(subgraph.edges)
    ET.SubElement(
        root, "key", id="e_type", attrib={"for": "edge", "attr.name": "type", "attr.type": "string"}
    )
    for field in edge_fields:
        seen = [flat(e["properties"].get(field)) for e in subgraph.edges]
        kind = _kind([v for v in seen if v is not None])
        attributes = {"for": "edge", "attr.name": field, "attr.type": kind}
        ET.SubElement(root, "key", id="e_" + field, attrib=attributes)

    graph = ET.SubElement(root, "graph", id="G", edgedefault="directed")
    ET.SubElement(graph, "desc").text = subgraph.title
    ET.SubElement(graph, "data", key="g_truncated").text = _text(subgraph.truncated)
    for node in subgraph.nodes:
        element = ET.SubElement(graph, "node", id=node["id"])
        for field, given in node_values(node).items():
            value = flat(given)
            if value is not None:
                ET.SubElement(element, "data", key="n_" + field).text = _text(value)
    for edge in subgraph.edges:
        element = ET.SubElement(
            graph, "edge", id=edge["id"], source=edge["source"], target=edge["target"]
        )
        ET.SubElement(element, "data", key="e_type").text = edge["type"]
        for field in edge_fields:
            value = flat(edge["properties"].get(field))
            if value is not None:
                ET.SubElement(element, "data", key="e_" + field).text = _text(value)
    ET.indent(root)
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return written
