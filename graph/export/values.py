"""How a value is written where a format holds only text and numbers: lists (quotes, source
ids) as JSON text, so a quote holding a comma or a semicolon stays one quote."""

from __future__ import annotations

import json

from graph.export.subgraph import ExportEdge

Flat = str | int | float | bool


def flat(value: object) -> Flat | None:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return json.dumps([flat(item) for item in value], ensure_ascii=False)
    return str(value)  # a temporal or spatial value the driver gave as an object


def edge_keys(edges: list[ExportEdge]) -> list[str]:
    """Every property some edge has, in a stable order."""
    return sorted({key for edge in edges for key in edge["properties"]})


def label(node: dict[str, object]) -> str:
    """What a node is called when drawn: its name, a statement's words, or its id."""
    return str(node.get("name") or node.get("text") or node["id"])


def column(key: str, taken: set[str]) -> str:
    """A property's name where the format's own fields already use it: 'source' (the
    relationship's own property) beside an edge's source node becomes 'property_source'."""
    return "property_" + key if key in taken else key
