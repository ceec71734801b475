"""Search, neighbourhoods, paths and dashboard statistics."""

from __future__ import annotations

import datetime as dt
import re
from typing import LiteralString, TypedDict, cast

from graph.queries.entities import EntityRow, day, parsed
from graph.queries.incidents import ONE_PER_INCIDENT
from graph.queries.projections import PROJECTIONS, Detail
from graph.store.database import Database

# Relationship types walked by neighbourhood and path: provenance edges to the source would
# connect everything to everything in two hops, so they are left out.
WALKED: LiteralString = (
    "PART_OF|SPEAKS_FOR|BASED_IN|WITHIN|PARTICIPANT|AT|MADE_BY|ABOUT|COVERS|COVERS_AREA|"
    "ANNOUNCED_IN|AROSE_FROM|HAS_PARTY|CARRIED_OUT_BY|HIT|IN_CATEGORY|LOCATED_IN|HAS_FIGURE|"
    "REPORTED_BY|REPORTED_IN|IN|AGAINST"
)
# What a drawing needs of a node; the full entity is loaded only if the client asks for it.
NODE_SUMMARY: LiteralString = (
    "n {.id, .name, .metric, .value, type: [l IN labels(n) WHERE l <> 'Entity'][0]}"
)
# Variable-length bounds cannot be parameters: one literal pattern per allowed depth.
# DISTINCT before the LIMIT lets the planner walk breadth first, each node once (Neo4j's
# pruning expand), nearest first: at 10^6 a settlement's 2-hop neighbourhood read 1,721 db
# hits instead of 4,523 (every path to 2,000), and a unit with 100,000 attacks answered in
# 10-16 ms instead of 46-49 ms.
DIGITS: dict[int, LiteralString] = {1: "1", 2: "2", 3: "3", 4: "4", 5: "5", 6: "6"}
NEIGHBOUR_NODES: dict[int, LiteralString] = {
    depth: "MATCH (c:Entity {id: $id}) OPTIONAL MATCH (c)-[:"
    + WALKED
    + "*1.."
    + DIGITS[depth]
    + "]-(m:Entity) WITH DISTINCT c, m LIMIT $scan "
    "WITH c, collect(m)[..$limit] AS others "
    "WITH [n IN [c] + [o IN others WHERE o <> c] WHERE n.retracted IS NULL] AS ns "
    for depth in (1, 2, 3)
}
# The edges among the nodes cost twice the walk itself: fetched only when asked for.
WITHOUT_EDGES: LiteralString = "RETURN [n IN ns | " + NODE_SUMMARY + "] AS nodes, [] AS edges"
WITH_EDGES: LiteralString = (
    "UNWIND ns AS a OPTIONAL MATCH (a)-[r:" + WALKED + "]->(b) WHERE b IN ns "
    "RETURN [n IN ns | " + NODE_SUMMARY + "] AS nodes, "
    "collect(DISTINCT {id: elementId(r), source: a.id, target: b.id, type: type(r), "
    "props: properties(r)}) AS edges"
)
PATHS: dict[int, LiteralString] = {
    hops: "MATCH (a:Entity {id: $source}), (b:Entity {id: $target}) "
    "MATCH p = shortestPath((a)-[:" + WALKED + "*.." + DIGITS[hops] + "]-(b)) "
    "RETURN [n IN nodes(p) WHERE n.retracted IS NULL | " + NODE_SUMMARY + "] AS nodes, "
    "[r IN relationships(p) | {id: elementId(r), source: startNode(r).id, "
    "target: endNode(r).id, type: type(r), props: properties(r)}] AS edges"
    for hops in range(1, 7)
}

SEARCH: LiteralString = """
CALL db.index.fulltext.queryNodes('entity_text', $query, {limit: $limit})
YIELD node AS n, score
WHERE n.retracted IS NULL
RETURN collect({score: score, node: """


def search_query(detail: Detail) -> LiteralString:
    return SEARCH + PROJECTIONS[detail] + "}) AS rows"


ATTACKS_PER_REGION_PER_DAY: LiteralString = (
    """
MATCH (a:Attack)-[:AT]->(:Location)-[:WITHIN*0..5]->(r:Location {kind: 'region'})
WHERE NOT EXISTS { (a)<-[:PART_OF]-(:Attack) } AND a.retracted IS NULL AND """
    + ONE_PER_INCIDENT
    + """
  AND ($from IS NULL OR a.endLatest >= $from)
  AND ($to IS NULL OR a.startEarliest <= $to)
WITH r.id AS region, r.name AS name, date(a.startEarliest) AS day, count(DISTINCT a) AS attacks
ORDER BY day, name
LIMIT $limit
RETURN collect({region: region, name: name, day: toString(day), attacks: attacks}) AS rows
"""
)

# One count per incident, metric and weapon: when several sources count the same thing (the
# Air Force's 145 drones, a president's 150), the count of the source that defined the
# attack, else the first source's by id; `disagreements` shows the others
# (graph/queries/disagreements.py). Figures of one source add up as before.
WEAPONS: LiteralString = (
    """
MATCH (a:Attack)-[:HAS_FIGURE]->(f:Figure)
WHERE f.weapon IS NOT NULL AND a.retracted IS NULL AND f.retracted IS NULL AND """
    + ONE_PER_INCIDENT
    + """
  AND ($from IS NULL OR a.endLatest >= $from)
  AND ($to IS NULL OR a.startEarliest <= $to)
WITH a, f.weapon AS weapon, f.metric AS metric, f.category AS category,
     coalesce(f.definedBy, '') AS teller, sum(f.value) AS told
WITH a, weapon, metric, category, teller, told
     ORDER BY coalesce(teller = a.definedBy, false) DESC, teller
WITH a, weapon, metric, category, collect(told)[0] AS counted
WITH weapon, metric, sum(counted) AS total
RETURN weapon,
       sum(CASE metric WHEN 'launched' THEN total ELSE 0 END) AS launched,
       sum(CASE metric WHEN 'intercepted' THEN total ELSE 0 END) AS intercepted,
       sum(CASE metric WHEN 'lost_as_decoys' THEN total ELSE 0 END) AS lostAsDecoys
ORDER BY weapon
"""
)


class SearchHitRow(TypedDict):
    score: float
    node: EntityRow


class NodeSummaryRow(TypedDict):
    """What NODE_SUMMARY projects: enough to draw a node."""

    id: str
    name: str | None
    metric: str | None
    value: int | None
    type: str


class EdgeRow(TypedDict):
    id: str | None
    source: str
    target: str
    type: str
    props: dict[str, object]


class GraphRow(TypedDict):
    nodes: list[NodeSummaryRow]
    edges: list[EdgeRow]


class RegionDayRow(TypedDict):
    region: str
    name: str
    day: dt.date
    attacks: int


class WeaponRow(TypedDict):
    weapon: str
    launched: int
    intercepted: int
    lostAsDecoys: int


class StatsRow(TypedDict):
    attacksPerRegionPerDay: list[RegionDayRow]
    weapons: list[WeaponRow]


# The most region-days a dashboard's statistics hold.
MOST_REGION_DAYS = 5000


LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


def plain_text_query(text: str) -> str:
    """Full-text search for the words as typed: Lucene's operators are escaped, and the
    words are lower-cased (the index's analyser lower-cases anyway) so that AND, OR and NOT
    are words, not operators."""
    return LUCENE_SPECIAL.sub(r"\\\1", text.strip().lower())


async def search(
    database: Database, text: str, limit: int, detail: Detail = "full"
) -> list[SearchHitRow]:
    """Query.search: hits with their score and the node itself (as much of it as `detail`
    says). Built from SEARCH (the full-text index) with projections.PROJECTIONS[detail]
    (search_query), the words escaped by plain_text_query."""
    query = plain_text_query(text)
    if not query:
        return []
    hits = cast(
        list[SearchHitRow], await database.read_list(search_query(detail), query=query, limit=limit)
    )
    for hit in hits:
        parsed(hit["node"])
    return hits


async def neighborhood(
    database: Database, id: str, depth: int, limit: int, *, edges: bool = True
) -> GraphRow | None:
    """Query.neighborhood: the nodes `depth` steps around an entity (at most `limit`), with
    the edges among them when `edges`; None when nothing has the id. Built from
    NEIGHBOUR_NODES[depth] (WALKED, NODE_SUMMARY) and WITH_EDGES or WITHOUT_EDGES."""
    cypher = NEIGHBOUR_NODES[depth] + (WITH_EDGES if edges else WITHOUT_EDGES)
    found = await database.read(cypher, id=id, limit=limit, scan=limit * 20)
    rows = cast(list[GraphRow], found)
    if not rows or not rows[0]["nodes"]:
        return None
    row = rows[0]
    row["edges"] = [edge for edge in row["edges"] if edge["id"] is not None]
    return row


async def path(database: Database, source: str, target: str, hops: int) -> GraphRow | None:
    """Query.path: the shortest connection of at most `hops` steps between two entities, as
    nodes and edges; None when there is none. Built from PATHS[hops] (WALKED, NODE_SUMMARY)."""
    rows = cast(list[GraphRow], await database.read(PATHS[hops], source=source, target=target))
    return rows[0] if rows else None


async def attacks_per_region_per_day(
    database: Database, start: dt.datetime | None, end: dt.datetime | None, limit: int
) -> list[RegionDayRow]:
    found = await database.read_list(
        ATTACKS_PER_REGION_PER_DAY, **{"from": start, "to": end}, limit=limit
    )
    rows = cast(list[RegionDayRow], found)
    for row in rows:
        row["day"] = day(str(row["day"]))  # sent as ISO text (see graph/queries/projections.py)
    return rows


async def weapons(
    database: Database, start: dt.datetime | None, end: dt.datetime | None
) -> list[WeaponRow]:
    return cast(list[WeaponRow], await database.read(WEAPONS, **{"from": start, "to": end}))


async def stats(database: Database, start: dt.datetime | None, end: dt.datetime | None) -> StatsRow:
    """Query.stats: what a dashboard plots, between `start` and `end`. Two queries, in turn:
    ATTACKS_PER_REGION_PER_DAY (at most MOST_REGION_DAYS rows) and WEAPONS."""
    days = await attacks_per_region_per_day(database, start, end, MOST_REGION_DAYS)
    return StatsRow(attacksPerRegionPerDay=days, weapons=await weapons(database, start, end))
