"""Writing what resolution added (graph/ingest/acled/pending.py) before the events that need
it: sources, places (parents first) and actors, each created once with its evidence and never
overwritten; their links to canonical nodes; and the record of every resolution as a NAMED_IN
relationship from the node to the source whose name it resolves."""

from __future__ import annotations

from typing import LiteralString

import neo4j

from graph.ingest.acled.pending import LINK_TYPES, Pending
from graph.store.database import run_in


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
    for type in ("PART_OF", "SPEAKS_FOR", "BASED_IN")
}
NAMED_IN: LiteralString = """
UNWIND $rows AS row
MATCH (n:Entity {id: row.id}), (s:Entity {id: row.source})
MERGE (n)-[r:NAMED_IN {name: row.name, column: row.column}]->(s)
SET r.how = row.how, r.rule = row.rule
"""


async def write_shared(tx: neo4j.AsyncManagedTransaction, shared: Pending) -> None:
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
