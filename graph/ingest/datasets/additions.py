"""Additions: what resolution adds to the graph beside the events, whatever the dataset.

Places, actors and sources an import creates, the links that tie them to canonical nodes, and
the record of every resolution (which name from which column became which node, and how).
Collected while rows are read; each batch takes what is new since the last one
(`Additions.take`), and `write_additions` writes it before the batch's events, which link to
it: sources, places (parents first) and actors, each created once with its evidence and never
overwritten; their links; every resolution as a NAMED_IN relationship from the node to the
source whose name it resolves. The offline path writes the same as CSV
(graph/ingest/datasets/offline/files.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import LiteralString, TypedDict

import neo4j

from graph.ingest.datasets.sources import EvidenceProps
from graph.store.database import run_in


class NodeRow(TypedDict):
    id: str
    props: dict[str, object]
    evidence: EvidenceProps
    source: str  # the source node the evidence points at


class PlaceRow(NodeRow):
    within: str | None
    depth: int  # countries 0, first-level regions 1, ...: parents are written first


class LinkRow(TypedDict):
    start: str
    end: str
    props: dict[str, object]


class NamedInRow(TypedDict):
    """A resolution: `name` in `column` of `source` was taken to mean node `id`."""

    id: str
    name: str
    column: str
    how: str
    rule: str
    source: str


LINK_TYPES = ("PART_OF", "SPEAKS_FOR", "BASED_IN")


@dataclass
class Additions:
    sources: dict[str, dict[str, object]] = field(default_factory=dict)
    places: dict[str, PlaceRow] = field(default_factory=dict)
    actors: dict[str, NodeRow] = field(default_factory=dict)
    links: dict[str, list[LinkRow]] = field(default_factory=dict)  # by type (LINK_TYPES)
    resolutions: dict[tuple[str, str, str], NamedInRow] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.sources or self.places or self.actors or self.links or self.resolutions)

    def link(self, type: str, start: str, end: str, props: dict[str, object]) -> None:
        self.links.setdefault(type, []).append({"start": start, "end": end, "props": props})

    def resolved(self, row: NamedInRow) -> None:
        self.resolutions.setdefault((row["id"], row["name"], row["column"]), row)

    def take(self) -> Additions:
        """What was collected since the last take; the collector starts empty again."""
        taken = Additions(self.sources, self.places, self.actors, self.links, self.resolutions)
        self.sources, self.places, self.actors, self.links = {}, {}, {}, {}
        self.resolutions = {}
        return taken


def merge_new(label: LiteralString) -> LiteralString:
    """Created once with its evidence; an existing node (a curated one, say) is left as is."""
    return (
        "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) "
        "ON CREATE SET n += row.props, n:" + label + ", n.created = true "
        "WITH n, row WHERE n.created "
        "REMOVE n.created "
        "WITH n, row MATCH (s:Entity {id: row.source}) "
        "CREATE (n)-[e:SUPPORTED_BY]->(s) SET e = row.evidence"
    )


MERGE_SOURCES: LiteralString = (
    "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) ON CREATE SET n += row, n:Source"
)
LINK_PLACES: LiteralString = """
UNWIND $rows AS row
MATCH (l:Entity {id: row.id}), (p:Entity {id: row.within})
MERGE (l)-[:WITHIN]->(p)
"""
LINKS: dict[str, LiteralString] = {
    type: "UNWIND $rows AS row "
    "MATCH (a:Entity {id: row.start}), (b:Entity {id: row.end}) "
    "MERGE (a)-[r:" + type + "]->(b) ON CREATE SET r = row.props"
    for type in LINK_TYPES
}
NAMED_IN: LiteralString = """
UNWIND $rows AS row
MATCH (n:Entity {id: row.id}), (s:Entity {id: row.source})
MERGE (n)-[r:NAMED_IN {name: row.name, column: row.column}]->(s)
SET r.how = row.how, r.rule = row.rule
"""


async def write_additions(tx: neo4j.AsyncManagedTransaction, shared: Additions) -> None:
    """The sources, places, actors, links and resolutions a batch is the first to need."""
    if not shared:
        return
    if shared.sources:
        await run_in(tx, MERGE_SOURCES, rows=list(shared.sources.values()))
    places = sorted(shared.places.values(), key=lambda row: row["depth"])
    if places:
        await run_in(tx, merge_new("Location"), rows=places)
        await run_in(tx, LINK_PLACES, rows=[row for row in places if row["within"]])
    if shared.actors:
        await run_in(tx, merge_new("Actor"), rows=list(shared.actors.values()))
    for type in LINK_TYPES:
        if shared.links.get(type):
            await run_in(tx, LINKS[type], rows=shared.links[type])
    if shared.resolutions:
        await run_in(tx, NAMED_IN, rows=list(shared.resolutions.values()))
