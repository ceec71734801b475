"""Constraints and indexes, created idempotently at start."""

from __future__ import annotations

from typing import LiteralString

from graph.domain.vocabulary import TARGET_CATEGORIES
from graph.store.database import Database

TIMED_LABELS: tuple[LiteralString, ...] = ("Attack", "Statement", "Agreement", "Event")
TEXT_LABELS: LiteralString = "Actor|Location|Statement|Agreement|Attack|Event|Target|Source"

STATEMENTS: list[LiteralString] = [
    # Every node from a facts file or an import carries :Entity and a stable, unique id.
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT acled_event IF NOT EXISTS FOR (n:Attack) REQUIRE n.acledId IS UNIQUE",
    "CREATE INDEX location_iso IF NOT EXISTS FOR (n:Location) ON (n.iso3166_2)",
    "CREATE INDEX location_kind IF NOT EXISTS FOR (n:Location) ON (n.kind)",
    "CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind)",
    "CREATE INDEX attack_kind IF NOT EXISTS FOR (n:Attack) ON (n.kind)",
    # Timelines scan every kind of timed node in time order; the longest span bounds the
    # seek for what overlaps a moment (graph/queries/agreements.py, explore.py).
    "CREATE INDEX entity_start IF NOT EXISTS FOR (n:Entity) ON (n.startEarliest)",
    "CREATE INDEX entity_span IF NOT EXISTS FOR (n:Entity) ON (n.spanSeconds)",
    "CREATE INDEX attack_span IF NOT EXISTS FOR (n:Attack) ON (n.spanSeconds)",
    # A time anchored on another fact is derived again when that fact's time changes
    # (graph/ingest/facts/rederive.py): found from the anchor, on nodes and on evidence.
    "CREATE INDEX entity_anchor IF NOT EXISTS FOR (n:Entity) ON (n.timeAnchor)",
    "CREATE INDEX evidence_anchor IF NOT EXISTS FOR ()-[r:SUPPORTED_BY]-() ON (r.timeAnchor)",
    "CREATE INDEX entity_defined IF NOT EXISTS FOR (n:Entity) ON (n.definedBy)",
    # The change log every write appends to (graph/store/changes.py), read by sequence.
    "CREATE CONSTRAINT change_seq IF NOT EXISTS FOR (c:Change) REQUIRE c.seq IS UNIQUE",
    "CREATE POINT INDEX location_point IF NOT EXISTS FOR (n:Location) ON (n.point)",
    "CREATE FULLTEXT INDEX entity_text IF NOT EXISTS FOR (n:"
    + TEXT_LABELS
    + ") ON EACH [n.name, n.aliasesText, n.text, n.description]",
]
for _label in TIMED_LABELS:
    STATEMENTS.append(
        "CREATE INDEX " + _label.lower() + "_start IF NOT EXISTS FOR (n:" + _label + ") "
        "ON (n.startEarliest)"
    )
    STATEMENTS.append(
        "CREATE INDEX " + _label.lower() + "_end IF NOT EXISTS FOR (n:" + _label + ") "
        "ON (n.endLatest)"
    )


MERGE_CATEGORIES: LiteralString = """
UNWIND $rows AS row
MERGE (c:Entity {id: row.id})
SET c:TargetCategory, c.name = row.name, c.key = row.key
WITH c, row
UNWIND row.broader AS broader
MERGE (b:Entity {id: broader})
MERGE (c)-[:BROADER]->(b)
"""


async def create_schema(database: Database) -> None:
    for statement in STATEMENTS:
        await database.write(statement)
    await database.write("CALL db.awaitIndexes(60)")
    rows = [
        {
            "id": "category:" + key,
            "key": key,
            "name": name,
            "broader": ["category:" + b for b in broader],
        }
        for key, (name, broader) in TARGET_CATEGORIES.items()
    ]
    await database.write(MERGE_CATEGORIES, rows=rows)
