"""An export written in the format asked for, with its media type and file extension."""

from __future__ import annotations

import json
from dataclasses import dataclass

from graph.export.ask import Ask
from graph.export.cytoscape import cytoscape
from graph.export.graphml import graphml
from graph.export.subgraph import Subgraph
from graph.export.tables import table


@dataclass(frozen=True)
class Rendered:
    body: bytes
    media_type: str
    extension: str


def render(subgraph: Subgraph, ask: Ask) -> Rendered:
    if ask.format == "graphml":
        return Rendered(graphml(subgraph), "application/graphml+xml", "graphml")
    if ask.format == "cytoscape":
        text = json.dumps(cytoscape(subgraph), ensure_ascii=False, indent=1)
        return Rendered(text.encode(), "application/json", "cytoscape.json")
    written = table(subgraph, ask.table).encode()
    return Rendered(written, "text/csv; charset=utf-8", f"{ask.table}.csv")
