"""Cytoscape.js's elements format (js.cytoscape.org, "Notation for elements"): what
`cy.add(elements)` or `cytoscape({elements})` takes as it is. Lists stay lists here."""

from __future__ import annotations

from typing import Any

from graph.export.subgraph import Subgraph, node_values
from graph.export.values import column, label

# An edge's data keys that Cytoscape.js reserves: a property of the same name is prefixed.
RESERVED = {"id", "source", "target", "parent"}


def cytoscape(subgraph: Subgraph) -> dict[str, Any]:
    nodes = []
    for node in subgraph.nodes:
        data: dict[str, Any] = {f: v for f, v in node_values(node).items() if v is not None}
        data["label"] = label(dict(node))
        nodes.append({"group": "nodes", "data": data, "classes": node["type"]})
    edges = []
    for edge in subgraph.edges:
        data = {"id": edge["id"], "source": edge["source"], "target": edge["target"]}
        data["type"] = edge["type"]
        for key, value in edge["properties"].items():
            if value is not None:
                data[column(key, RESERVED | {"type"})] = value
        edges.append({"group": "edges", "data": data, "classes": edge["type"]})
    return {
        "data": {"title": subgraph.title, "truncated": subgraph.truncated},
        "elements": {"nodes": nodes, "edges": edges},
    }
