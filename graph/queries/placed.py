"""Which of some changed ids are located in some places: the `within` filter of the change
feed (graph/store/follow.py). One query answers a whole batch of changes for every place
that subscribers watch, so its cost is bounded by the batch, never one query per id.

A fact is "in" a place when the list filter `location` would list it there
(graph/queries/listing.py LOCATION_LINK): an attack or event AT the place or a place inside
it, a place inside it, an actor BASED_IN it, an agreement COVERING it, a statement ABOUT
something there. A fact that is gone from the graph (unloaded) has no place any more, and
is in none."""

from __future__ import annotations

from typing import LiteralString, TypedDict, cast

from graph.store.database import Database

# The ids asked about at most in one query: a batch of changes names at most this many.
MOST_IDS = 20_000

INSIDE: LiteralString = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
UNWIND $places AS place
WITH n, place
WHERE EXISTS { MATCH (n)-[:AT|BASED_IN|COVERS_AREA]->(:Location)-[:WITHIN*0..5]->(top)
               WHERE top.id = place }
   OR (n:Location AND EXISTS { MATCH (n)-[:WITHIN*0..5]->(top) WHERE top.id = place })
   OR (n:Statement AND EXISTS { MATCH (n)-[:ABOUT]->(:Entity)-[:AT|WITHIN*0..5]->(top)
                                WHERE top.id = place })
RETURN place, collect(n.id) AS ids
"""

IS_PLACE: LiteralString = """
OPTIONAL MATCH (p:Location:Entity {id: $id})
RETURN p IS NOT NULL AS found
"""


class InsideRow(TypedDict):
    place: str
    ids: list[str]


class FoundRow(TypedDict):
    found: bool


async def inside(database: Database, ids: list[str], places: list[str]) -> dict[str, set[str]]:
    """For each place, the ids (of `ids`) located in it or in a place inside it."""
    if not ids or not places:
        return {}
    rows = cast(
        list[InsideRow],
        await database.read(INSIDE, ids=ids[:MOST_IDS], places=sorted(set(places))),
    )
    return {row["place"]: set(row["ids"]) for row in rows}


async def is_place(database: Database, id: str) -> bool:
    rows = cast(list[FoundRow], await database.read(IS_PLACE, id=id))
    return bool(rows and rows[0]["found"])
