"""Lists of attacks or events narrowed to an area (graph/domain/areas.py): near a point, near a
place, inside a box. The other filters, the order and the keyset paging are the plain list's
(graph/queries/listing.py); only the start differs.

The query starts from the places: a seek on the point index (`location_point`,
graph/store/constraints.py) finds the places inside the area, then the attacks or events
AT them, each with the distance of its nearest such place. Filtering every attack by the
distance of its places instead would read every attack of the graph for a 10 km circle.
The page is then sorted and cut like a plain list gathered from an anchor: the cost grows
with what the area holds (measured, a synthetic world of 24,464 attacks on 2 cores: 10 km
around Kyiv 3 ms, 200 km with 1,535 attacks 52 ms, 2,000 km with 20,000 attacks 145 ms). A
time-ordered scan for busy areas, as listing.py has for busy anchors, is not written yet.

Distances are Neo4j's `point.distance` on WGS-84 points: a haversine on a sphere of radius
6,378.14 km (measured: Kyiv-Sumy 306.000 km, 305.658 km with the mean radius 6,371.009 km),
so about 0.1% longer than a mean-radius great circle.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal, LiteralString, cast

from graph.domain.areas import Area
from graph.queries.entities import PROJECTIONS, Detail
from graph.queries.keyset import KEY_OF_ROW, Order, Page, Position, Sort, read_page
from graph.queries.listing import (
    ACTOR_LINK,
    LOCATION_CHECK,
    Conditions,
    CountRow,
    ListFilter,
    _conditions,
    _where,
)
from graph.store.database import Database

# Kinds of entity that have places of their own (AT): facts-file attacks and events, and
# ACLED's events of both labels, whose place is their AT too.
SpatialLabel = Literal["Attack", "Event"]
SPATIAL_LABELS: tuple[SpatialLabel, ...] = ("Attack", "Event")
AT_PLACE: dict[str, LiteralString] = {
    "Attack": "MATCH (n:Attack)-[:AT]->(l)",
    "Event": "MATCH (n:Event)-[:AT]->(l)",
}
# The centre each place's distance is measured from: given coordinates, a place's own point
# (only a place that has one: no rows otherwise, and the caller then says why), or none
# (a box alone; every distance is then null).
CENTRE_OF_POINT: LiteralString = (
    "WITH point({latitude: $latitude, longitude: $longitude}) AS centre"
)
CENTRE_OF_PLACE: LiteralString = (
    "MATCH (c:Entity {id: $nearPlace}) WHERE c:Location AND c.point IS NOT NULL "
    "AND c.retracted IS NULL WITH c.point AS centre"
)
NO_CENTRE: LiteralString = "WITH null AS centre"
WITHIN_DISTANCE: LiteralString = "point.distance(l.point, centre) <= $metres"
IN_BOX: LiteralString = (
    "point.withinBBox(l.point, point({latitude: $south, longitude: $west}), "
    "point({latitude: $north, longitude: $east}))"
)
PLACE_KEPT: LiteralString = "l.retracted IS NULL"
# The actor filter tested from each candidate upwards (the places are the anchor here): the
# walk's far end has no label, so the planner cannot start there and fan out through a side.
ACTOR_UP: dict[str, LiteralString] = {
    label: "EXISTS { MATCH "
    + ACTOR_LINK[label].replace("(:Entity {id: $actor})", "(top)")
    + " WHERE top.id = $actor }"
    for label in SPATIAL_LABELS
}


def _places(label: str, filter: ListFilter, area: Area) -> tuple[LiteralString, Conditions]:
    """The start of the query (the places in the area, the candidates at them) and the rest
    of the filter as conditions on each candidate."""
    # Actor and place are tested per candidate, not used as anchors.
    conditions = _conditions(label, replace(filter, actor=None, location=None))
    params = conditions.params
    if filter.actor is not None:
        conditions.walks.append(ACTOR_UP[label])
        params["actor"] = filter.actor
    if filter.location is not None:
        conditions.walks.append(LOCATION_CHECK[label])
        params["location"] = filter.location
    tests: list[LiteralString] = [] if filter.include_retracted else [PLACE_KEPT]
    centre = NO_CENTRE
    circle, box = area.circle, area.box
    if circle is not None:
        tests.insert(0, WITHIN_DISTANCE)  # first: the index seek it allows
        params["metres"] = circle.metres
        if circle.place_id is not None:
            centre = CENTRE_OF_PLACE
            params["nearPlace"] = circle.place_id
        else:
            centre = CENTRE_OF_POINT
            params.update(latitude=circle.latitude, longitude=circle.longitude)
    if box is not None:
        tests.insert(0 if circle is None else 1, IN_BOX)
        params.update(south=box.south, west=box.west, north=box.north, east=box.east)
    start = centre + " MATCH (l:Location)" + _where(tests) + " " + AT_PLACE[label]
    return start, conditions


@dataclass(frozen=True)
class NearPage(Page):
    # Each row's distance to the centre in km (its nearest place in the area); None without
    # a centre (a box alone).
    distances_km: list[float | None]


async def list_page(
    database: Database,
    label: SpatialLabel,
    filter: ListFilter,
    area: Area,
    order: Order,
    after: Position | None,
    limit: int,
    detail: Detail = "full",
    *,
    backward: bool = False,
) -> NearPage:
    """A page of the attacks or events in `area`, as graph/queries/listing.list_page pages
    (the same order, cursors and `backward`: keyset.read_page), each with its distance."""
    start, conditions = _places(label, filter, area)

    def query(sort: Sort) -> LiteralString:
        return (
            start
            + _where(conditions.own)
            + " WITH n, min(point.distance(l.point, centre)) AS metres"
            + " WITH n, metres ORDER BY "
            + sort.order_by
            + _where(conditions.walks)
            + " WITH n, metres LIMIT $limit RETURN collect(["
            + PROJECTIONS[detail]
            + ", "
            + KEY_OF_ROW[sort.kind]
            + ", metres / 1000.0]) AS rows"
        )

    page, found = await read_page(
        database,
        label,
        order,
        after,
        limit,
        conditions.own,
        conditions.params,
        query,
        backward=backward,
    )
    return NearPage(
        rows=page.rows,
        keys=page.keys,
        more=page.more,
        distances_km=[cast(float | None, row[2]) for row in found],
    )


async def count(database: Database, label: SpatialLabel, filter: ListFilter, area: Area) -> int:
    start, conditions = _places(label, filter, area)
    cypher = (
        start
        + _where(conditions.own)
        + " WITH DISTINCT n"
        + _where(conditions.walks)
        + " RETURN count(n) AS total"
    )
    rows = cast(list[CountRow], await database.read(cypher, **conditions.params))
    return rows[0]["total"]
