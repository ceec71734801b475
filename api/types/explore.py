"""The shapes exploring answers in: search hits, timelines, drawable graphs and dashboard
figures."""

from __future__ import annotations

import datetime as dt
from typing import cast

import strawberry
from strawberry.scalars import JSON

from api.context import Info
from api.types.build import figure_name
from api.types.entity import Entity
from api.types.reach import require
from graph.queries.explore import EdgeRow, NodeSummaryRow


@strawberry.type(description="A full-text match with its relevance score.")
class SearchHit:
    score: float
    entity: Entity


@strawberry.type
class TimelineItem:
    entity: Entity
    relations: list[str] = strawberry.field(description="How it touches the asked-for entity.")
    machine_coded: bool = strawberry.field(
        default=False,
        description="True when the item is a machine-coded fact (GDELT: coded from news by a "
        "program, with a confidence), not a fact a source states.",
    )


@strawberry.type(description="A node ready for Cytoscape.js, vis-network or Sigma.")
class GraphNode:
    id: strawberry.ID
    label: str
    type: str

    @strawberry.field(description="The full entity (one batched query for all nodes).")
    async def entity(self, info: Info) -> Entity:
        return await require(info, "id", self.id, Entity)


@strawberry.type
class GraphEdge:
    id: strawberry.ID
    source: strawberry.ID
    target: strawberry.ID
    type: str
    properties: JSON


@strawberry.type
class Graph:
    nodes: list[GraphNode]
    edges: list[GraphEdge]


@strawberry.type
class RegionDay:
    region_id: strawberry.ID
    region: str
    day: dt.date
    attacks: int


@strawberry.type
class WeaponTotals:
    weapon: str
    launched: int
    intercepted: int
    lost_as_decoys: int


@strawberry.type
class Stats:
    attacks_per_region_per_day: list[RegionDay]
    weapons: list[WeaponTotals]


def node_label(row: NodeSummaryRow) -> str:
    return str(row.get("name") or figure_name(row) or row["id"])


def drawn(rows: list[NodeSummaryRow], edges: list[EdgeRow]) -> list[EdgeRow]:
    """The edges a graph of these nodes shows: retracted ends drop out, and an OPTIONAL
    MATCH that found no edge has no id."""
    present = {str(row["id"]) for row in rows}
    return [
        e
        for e in edges
        if e["id"] is not None and e["source"] in present and e["target"] in present
    ]


def graph_of(rows: list[NodeSummaryRow], edges: list[EdgeRow]) -> Graph:
    return Graph(
        nodes=[
            GraphNode(id=strawberry.ID(row["id"]), label=node_label(row), type=row["type"])
            for row in rows
        ],
        edges=[
            GraphEdge(
                id=strawberry.ID(str(e["id"])),
                source=strawberry.ID(e["source"]),
                target=strawberry.ID(e["target"]),
                type=e["type"],
                properties=cast(JSON, e["props"]),
            )
            for e in drawn(rows, edges)
        ],
    )
