"""What `deedgraph draft` asks the graph before drafting (draft/lookup.py's Snapshot): the
names of actors, places and events with their ids, codes and times, and the attacks of the
report's days with their places (and the places around them), targets and sources."""

from __future__ import annotations

import datetime as dt
from typing import LiteralString, TypedDict, cast

from graph.store.database import Database

NAMES: LiteralString = """
MATCH (n:Entity) WHERE (n:Actor OR n:Location OR n:Event) AND n.retracted IS NULL
  AND n.name IS NOT NULL
WITH n LIMIT $limit
RETURN collect({id: n.id, label: [l IN labels(n) WHERE l IN ['Actor', 'Location', 'Event']][0],
                name: n.name, aliases: coalesce(n.aliases, []), kind: n.kind,
                code: coalesce(n.iso3166_2, n.iso3166_1),
                start: toString(n.startEarliest), end: toString(n.endLatest)}) AS rows
"""

ATTACKS: LiteralString = """
MATCH (a:Attack) WHERE a.startEarliest <= datetime($end) AND a.endLatest >= datetime($start)
  AND a.retracted IS NULL
WITH a LIMIT $limit
RETURN collect({id: a.id, name: coalesce(a.name, a.id), category: a.category, kind: a.kind,
                start: toString(a.startEarliest), end: toString(a.endLatest),
                places: [(a)-[:AT]->(p:Location) | p.id]
                      + [(a)-[:AT]->(:Location)-[:WITHIN*1..5]->(q:Location) | q.id],
                targets: [(a)-[:HIT]->(:Target)-[:IN_CATEGORY]->(c:TargetCategory) | c.key],
                sources: [(a)-[:SUPPORTED_BY {aspect: 'existence'}]->(s:Source) | s.id]})
       AS rows
"""


class NameRow(TypedDict):
    id: str
    label: str
    name: str
    aliases: list[str]
    kind: str | None
    code: str | None
    start: str | None
    end: str | None


class AttackRow(TypedDict):
    id: str
    name: str
    category: str | None
    kind: str | None
    start: str
    end: str
    places: list[str]
    targets: list[str]
    sources: list[str]


async def names(database: Database, limit: int = 200_000) -> list[NameRow]:
    return cast(list[NameRow], await database.read_list(NAMES, limit=limit))


async def attacks_between(
    database: Database, start: dt.datetime, end: dt.datetime, limit: int = 5_000
) -> list[AttackRow]:
    rows = await database.read_list(
        ATTACKS, start=start.isoformat(), end=end.isoformat(), limit=limit
    )
    return cast(list[AttackRow], rows)
