"""The shapes the relational questions answer in: attacks after an agreement, violations,
statement-versus-action pairs, timelines, drawable graphs and dashboard figures."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

import strawberry
from strawberry.scalars import JSON

from api.context import Info
from api.types.common import Evidence, evidence
from api.types.entities import (
    Agreement,
    Attack,
    Entity,
    Party,
    Statement,
    Target,
    figure_name,
    require,
)


@strawberry.enum
class AgreementMoment(Enum):
    ANNOUNCEMENT = "announcement"
    IN_FORCE = "in_force"


@strawberry.type(description="An attack after an agreement, and how sure 'after' is.")
class AttackAfter:
    attack: Attack
    definitely_after: bool = strawberry.field(
        description="Its earliest start is later than the agreement's latest time."
    )
    hours_after: float = strawberry.field(
        description="From the agreement's latest time to the attack's earliest start."
    )


@strawberry.type(description="Why an attack counts as breaking an agreement.")
class ViolationReasons:
    party: str
    time: str
    scope: str


@strawberry.type
class Violation:
    attack: Attack
    party: Party = strawberry.field(description="The accepting party, with its evidence.")
    definitely_after: bool
    matched_targets: list[Target]
    agreement_statement: Statement | None = strawberry.field(
        description="The statement announcing the agreement."
    )
    reasons: ViolationReasons

    @strawberry.field(description="The attack's sources and quotes.")
    def attack_evidence(self) -> list[Evidence]:
        return evidence(self.attack.row)


@strawberry.enum
class Bearing(Enum):
    CONTRADICTS = "contradicts"
    BEARS_OUT = "bears_out"


@strawberry.type(description="A statement paired with a later action that bears on it.")
class StatementVersusAction:
    statement: Statement | None
    agreement: Agreement | None
    action: Attack
    relation: Bearing
    reason: str
    definitely_after: bool


@strawberry.type
class TimelineItem:
    entity: Entity
    relations: list[str] = strawberry.field(description="How it touches the asked-for entity.")


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


def node_label(row: dict[str, Any]) -> str:
    return str(row.get("name") or figure_name(row) or row["id"])


def graph_of(rows: list[dict[str, Any]], edges: list[dict[str, Any]]) -> Graph:
    nodes = [
        GraphNode(id=strawberry.ID(row["id"]), label=node_label(row), type=row["type"])
        for row in rows
    ]
    present = {str(node.id) for node in nodes}
    return Graph(
        nodes=nodes,
        edges=[
            GraphEdge(
                id=strawberry.ID(e["id"]),
                source=strawberry.ID(e["source"]),
                target=strawberry.ID(e["target"]),
                type=e["type"],
                properties=e["props"],
            )
            for e in edges
            if e["source"] in present and e["target"] in present  # retracted ends drop out
        ],
    )
