"""The map questions: attacks counted in grid cells over Ukraine (`eventDensity`) and the
first 50 attacks within 50 km of the busiest settlement (`attacks(filter: {near: ...})`),
asked two ways:
deedgraph's GraphQL and, as the floor, the very Cypher deedgraph runs for them (captured
from graph/queries by asking them of a recorder instead of Neo4j). @neo4j/graphql is not
asked these: its Point filter answers the radius question in another order, without
distances, and a grid count would be deedgraph's Cypher again in an `@cypher` field."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, LiteralString

import neo4j

from bench.client import Client
from graph.domain.areas import Area, Box, Circle
from graph.queries import density, spatial
from graph.queries.listing import ListFilter

QUESTIONS = ("density", "radius")
CONTENDERS = ("raw Cypher", "deedgraph")

UKRAINE = {"south": 44.0, "west": 22.0, "north": 53.0, "east": 41.0}
ZOOM = 6  # cells of 1.40625 degrees: about 100 cells over Ukraine
KM = 50.0
# The settlement with the most attacks: a radius question with a full page to answer.
BUSIEST: LiteralString = (
    "MATCH (s:Location {kind: 'settlement'})<-[:AT]-(:Attack) WHERE s.point IS NOT NULL "
    "WITH s, count(*) AS n ORDER BY n DESC, s.id LIMIT 1 "
    "RETURN s.point.y AS latitude, s.point.x AS longitude"
)
SIZE = 50

DEEDGRAPH: dict[str, str] = {
    "density": "query($bbox: BoundingBox!, $zoom: Int!) { eventDensity(bbox: $bbox, "
    "zoom: $zoom, of: [ATTACK]) { cells { south west count } } }",
    "radius": "query($near: NearPoint!, $first: Int!) { attacks(filter: {near: $near}, "
    "first: $first) { edges { distanceKm node { id } } } }",
}


async def parameters(driver: neo4j.AsyncDriver) -> dict[str, dict[str, Any]]:
    records, _, _ = await driver.execute_query(BUSIEST, database_="neo4j")
    near = {"latitude": records[0]["latitude"], "longitude": records[0]["longitude"], "km": KM}
    return {"density": {"bbox": UKRAINE, "zoom": ZOOM}, "radius": {"near": near, "first": SIZE}}


class Recorder:
    """Stands in for graph.store.database.Database: keeps the Cypher a query function sends."""

    def __init__(self) -> None:
        self.sent: list[tuple[LiteralString, dict[str, Any]]] = []

    async def read_list(self, cypher: LiteralString, **params: Any) -> list[object]:
        self.sent.append((cypher, params))
        return []


def run_now(coroutine: Coroutine[Any, Any, Any]) -> None:
    """Run a query function against the Recorder, which answers at once (no event loop: the
    benchmark's own is running)."""
    try:
        coroutine.send(None)
    except StopIteration:
        return
    coroutine.close()
    raise RuntimeError("the query function waited on something other than the recorder")


def floor_cypher(question: str, variables: dict[str, Any]) -> tuple[LiteralString, dict[str, Any]]:
    recorder: Any = Recorder()
    if question == "density":
        area = Area(box=Box(**UKRAINE))
        degrees = density.degrees_of_zoom(ZOOM)
        # The floor reads every attack in the box, as one Cypher query; deedgraph answers
        # an unfiltered box from its places' tallies (graph/queries/tallies.py).
        run_now(density.scanned_rows(recorder, "Attack", ListFilter(), area, degrees))
    else:
        near = variables["near"]
        area = Area(circle=Circle(near["km"], near["latitude"], near["longitude"]))
        run_now(
            spatial.list_page(
                recorder, "Attack", ListFilter(), area, "time_asc", None, SIZE, "identity"
            )
        )
    cypher, params = recorder.sent[0]
    return cypher, params


def from_floor(question: str, rows: list[Any]) -> Any:
    if question == "density":
        cells: dict[tuple[float, float], int] = {}
        degrees = density.degrees_of_zoom(ZOOM)
        for row, col, _kind, _category, count, _lat, _lon in rows:
            cell = density.Cell(row, col, degrees)
            key = (round(cell.south, 6), round(cell.west, 6))
            cells[key] = cells.get(key, 0) + count
        return cells
    return [(triple[0]["id"], round(triple[2], 3)) for triple in rows[:SIZE]]


def from_deedgraph(question: str, data: dict[str, Any]) -> Any:
    if question == "density":
        return {
            (round(c["south"], 6), round(c["west"], 6)): c["count"]
            for c in data["eventDensity"]["cells"]
        }
    return [(e["node"]["id"], round(e["distanceKm"], 3)) for e in data["attacks"]["edges"]]


def asker(
    driver: neo4j.AsyncDriver,
    database: str,
    client: Client,
    contender: str,
    question: str,
) -> Callable[[dict[str, Any]], Awaitable[Any]]:
    if contender == "raw Cypher":

        async def raw(variables: dict[str, Any]) -> Any:
            cypher, params = floor_cypher(question, variables)
            records, _, _ = await driver.execute_query(
                cypher, params, database_=database, routing_=neo4j.RoutingControl.READ
            )
            return from_floor(question, records[0]["rows"])

        return raw

    async def http(variables: dict[str, Any]) -> Any:
        query = DEEDGRAPH[question]
        response = await client.post("/graphql", json={"query": query, "variables": variables})
        body = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise RuntimeError(f"deedgraph {question}: {response.status_code} {body}")
        return from_deedgraph(question, body["data"])

    return http
