"""What an export holds: nodes with their ids, names, times, places and source ids, and the
edges among them with their evidence; gathered in a bounded number of queries whatever its
size (the walk or the list, then one query for every node's details)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal, LiteralString, TypedDict, cast

from graph.errors import NotFoundError
from graph.queries import explore, listing
from graph.store.database import Database

Scalar = str | int | float | bool


class ExportNode(TypedDict):
    id: str
    type: str
    name: str | None
    kind: str | None
    category: str | None
    text: str | None  # a statement's words
    timeText: str | None
    timePrecision: str | None
    startEarliest: str | None
    startLatest: str | None
    endEarliest: str | None
    endLatest: str | None
    latitude: float | None
    longitude: float | None
    sources: list[str]


class ExportEdge(TypedDict):
    id: str
    source: str
    target: str
    type: str
    properties: dict[str, Scalar | list[Scalar]]


BOUNDS: tuple[Literal["startEarliest", "startLatest", "endEarliest", "endLatest"], ...] = (
    "startEarliest",
    "startLatest",
    "endEarliest",
    "endLatest",
)
# The columns of a node in every format, in this order.
NODE_FIELDS: tuple[str, ...] = tuple(ExportNode.__annotations__)


def node_values(node: ExportNode) -> dict[str, object]:
    """The node's fields by name, in NODE_FIELDS' order."""
    fields = cast(dict[str, object], node)
    return {field: fields[field] for field in NODE_FIELDS}


@dataclass(frozen=True)
class Subgraph:
    title: str  # what was exported, said in words: 'neighbourhood of actor:russia (depth 1)'
    nodes: list[ExportNode]
    edges: list[ExportEdge]
    truncated: bool  # more would have matched than the limit let in
    roots: tuple[str, ...]  # what was asked about: the centre, the path's ends, the listed


# An ACLED target or figure keeps its evidence on itself; its source is its event's dataset
# (graph/queries/projections.py, PROVENANCE).
DETAILS: LiteralString = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN collect(n {
  .id, .name, .kind, .category, .timeText, .timePrecision,
  type: [l IN labels(n) WHERE l <> 'Entity'][0],
  text: CASE WHEN n:Statement THEN n.text END,
  startEarliest: toString(n.startEarliest),
  startLatest: toString(coalesce(n.startLatest, n.endLatest)),
  endEarliest: toString(coalesce(n.endEarliest, n.startEarliest)),
  endLatest: toString(n.endLatest),
  latitude: n.point.latitude, longitude: n.point.longitude,
  sources: COLLECT { MATCH (n)-[:SUPPORTED_BY]->(s:Source) RETURN s.id AS source
                     UNION
                     // A confirmed incident lists the sources of every record of it.
                     MATCH (n)-[:SAME_AS*1..4]-(:Entity)-[:SUPPORTED_BY]->(s:Source)
                     RETURN s.id AS source
                     UNION
                     MATCH (n)<-[:HIT|HAS_FIGURE]-()-[:SUPPORTED_BY {aspect: 'existence'}]->
                           (s:Source {kind: 'dataset'})
                     WHERE n.evidenceNote IS NOT NULL
                     RETURN s.id AS source }
}) AS rows
"""

# What an attack in a list is drawn with: who carried it out, where, and the wave it is in.
ATTACK_LINKS: LiteralString = """
UNWIND $ids AS id
MATCH (a:Attack {id: id})-[r:CARRIED_OUT_BY|AT|PART_OF]->(m:Entity)
WHERE m.retracted IS NULL
RETURN collect({id: elementId(r), source: a.id, target: m.id, type: type(r),
                properties: properties(r)}) AS rows
"""


class DetailsRow(TypedDict):
    rows: list[ExportNode]


class EdgesRow(TypedDict):
    rows: list[ExportEdge]


async def details(database: Database, ids: list[str]) -> list[ExportNode]:
    """Every node's details, in the order of `ids`."""
    [row] = cast(list[DetailsRow], await database.read(DETAILS, ids=ids))
    found = {node["id"]: node for node in row["rows"]}
    for node in found.values():
        node["sources"] = sorted(node["sources"])
        for bound in BOUNDS:
            given = node[bound]
            if given is not None:  # as the API writes them: '+00:00', not Neo4j's 'Z'
                node[bound] = dt.datetime.fromisoformat(given).isoformat()
    return [found[id] for id in ids if id in found]


def _edges(rows: list[explore.EdgeRow]) -> list[ExportEdge]:
    return [
        ExportEdge(
            id=str(row["id"]),
            source=row["source"],
            target=row["target"],
            type=row["type"],
            properties=cast(dict[str, Scalar | list[Scalar]], row["props"]),
        )
        for row in rows
    ]


async def neighbourhood(database: Database, id: str, depth: int, limit: int) -> Subgraph:
    """The entity and up to `limit` others within `depth` hops, and the edges among them."""
    row = await explore.neighborhood(database, id, depth, limit + 1, edges=True)
    if row is None:
        raise NotFoundError(f"id: nothing has the id {id!r}")
    # Asked for one more than the limit: if it came, the neighbourhood was cut.
    ids = [node["id"] for node in row["nodes"]][: limit + 1]
    kept = set(ids)
    edges = [e for e in row["edges"] if e["source"] in kept and e["target"] in kept]
    cut = len(row["nodes"]) > limit + 1
    title = f"neighbourhood of {id} (depth {depth})"
    return Subgraph(title, await details(database, ids), _edges(edges), cut, (id,))


async def path(database: Database, source: str, target: str, hops: int) -> Subgraph:
    row = await explore.path(database, source, target, hops)
    if row is None:
        raise NotFoundError(f"to: no path of at most {hops} hops from {source!r} to {target!r}")
    ids = [node["id"] for node in row["nodes"]]
    title = f"shortest path from {source} to {target}"
    nodes = await details(database, ids)
    return Subgraph(title, nodes, _edges(row["edges"]), False, (source, target))


async def attacks(
    database: Database, filter: listing.ListFilter, limit: int, described: str
) -> Subgraph:
    """The attacks a list filter matches in time order, with their actors, places and waves;
    an incident confirmed from several records (SAME_AS) once, with every record's sources."""
    once = replace(filter, one_per_incident=True)
    page = await listing.list_page(database, "Attack", once, "time_asc", None, limit, "identity")
    ids = [row["id"] for row in page.rows]
    [linked] = cast(list[EdgesRow], await database.read(ATTACK_LINKS, ids=ids))
    edges = linked["rows"]
    others = sorted({edge["target"] for edge in edges} - set(ids))
    nodes = await details(database, ids + others)
    title = f"attacks {described}".strip()
    return Subgraph(title, nodes, edges, page.more, tuple(ids))
