"""Fetch entities by id, each as one row with its relationships and provenance projected in.
A relationship row names the far node's id, labels and retraction, so a query that selects
only ids of related nodes is answered without fetching them."""

from __future__ import annotations

from typing import Literal, LiteralString

from graph.database import Database, Record

# How many related ids a single entity row carries per relationship type. Larger sets are
# reached through the filtered, paginated root connections (attacks(filter: {actor: ...})).
RELATED_CAP = 200

# Relationship types followed into an entity (the other end points at it).
INCOMING: list[str] = [
    "MADE_BY",
    "CARRIED_OUT_BY",
    "HAS_PARTY",
    "PART_OF",
    "WITHIN",
    "AT",
    "ABOUT",
    "ANNOUNCED_IN",
    "PARTICIPANT",
    "REPORTED_BY",
    "BROADER",
    "COVERS",
    "IN_CATEGORY",
]

# How much of a node a query brings back: its properties only ("plain"), with its outgoing
# relationships ("links"), or also its provenance and retractions ("full").
Detail = Literal["plain", "links", "full"]

PLAIN: LiteralString = """
  .*,
  text: CASE WHEN n:Source THEN null ELSE n.text END,
  labels: labels(n),
  latitude: n.point.latitude,
  longitude: n.point.longitude,
  point: null"""
LINKS: LiteralString = """,
  outgoing: [(n)-[r]->(m) WHERE type(r) <> 'SUPPORTED_BY'
             | {type: type(r), id: m.id, labels: labels(m), retracted: m.retracted,
                props: properties(r)}]"""
PROVENANCE: LiteralString = """,
  retractions: [(n)<-[:RETRACTS]-(x:Retraction) | x {.at, .by, .reason}],
  evidence: [(n)-[r:SUPPORTED_BY]->(s)
             | {source: s {.id, .kind, .title, .publisher, .url, .published, .retrieved,
                           .contentHash, .note},
                quotes: r.quotes, aspect: r.aspect, external: r.external, note: r.note}]"""
PROJECTIONS: dict[Detail, LiteralString] = {
    "plain": "n {" + PLAIN + "\n}",
    "links": "n {" + PLAIN + LINKS + "\n}",
    "full": "n {" + PLAIN + LINKS + PROVENANCE + "\n}",
}
PROJECTION = PROJECTIONS["full"]

BY_IDS: LiteralString = "MATCH (n:Entity) WHERE n.id IN $ids RETURN " + PROJECTION + " AS node"

# Incoming relationships are fetched only when a field asks for them: hubs (an actor with
# thousands of attacks) would otherwise make every fetch of them slow. COLLECT with LIMIT
# stops reading at the cap.
INCOMING_BY_IDS: LiteralString = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, COLLECT {
  MATCH (n)<-[r]-(m) WHERE type(r) IN $types
  RETURN {type: type(r), id: m.id, labels: labels(m), retracted: m.retracted,
          props: properties(r)} AS item LIMIT $cap
} AS incoming
"""

SOURCE_TEXT: LiteralString = "MATCH (s:Source {id: $id}) RETURN s.text AS text"


async def entities_by_ids(database: Database, ids: list[str]) -> dict[str, Record]:
    rows = await database.read(BY_IDS, ids=ids)
    return {row["node"]["id"]: row["node"] for row in rows}


async def incoming_by_ids(database: Database, ids: list[str]) -> dict[str, list[Record]]:
    rows = await database.read(INCOMING_BY_IDS, ids=ids, types=INCOMING, cap=RELATED_CAP)
    return {row["id"]: row["incoming"] for row in rows}


async def source_text(database: Database, id: str) -> str | None:
    rows = await database.read(SOURCE_TEXT, id=id)
    return rows[0]["text"] if rows else None
