"""Lists of attacks or events narrowed to an area (graph/domain/areas.py): near a point, near a
place, inside a box. The other filters, the order and the keyset paging are the plain list's
(graph/queries/listing.py); only the start differs.

Two plans, chosen in the query by the area's reach: the sum of the AT degrees of the places
kept in it, read from node degrees alone (measured at 10^6 events: 36 ms for 2,329 places,
against 760 ms to expand them with a label check).

- Gather, for a quiet area: a seek on the point index (`location_point`,
  graph/store/constraints.py) finds the places inside the area, then the attacks or events
  AT them, each with the distance of its nearest such place; all of them are sorted and
  cut. The cost grows with what the area holds (measured, a synthetic world of 24,464
  attacks on 2 cores: 10 km around Kyiv 3 ms, 200 km with 1,535 attacks 52 ms).
- Scan, for a busy area (reach above overlap.BUSY): an ordered seek on the startEarliest
  index, inside a CALL so Neo4j keeps the index order and stops at the page
  (graph/queries/overlap.py), testing each candidate for a place of its in the area; only
  the page's rows are then measured. At 10^6 events, the first 50 within 50 km of the
  busiest settlement (reach 201,336) took 1.6 s gathered and 6.5 ms scanned; around a
  quiet settlement, 10 km (reach 795) gathers in 12 ms where the scan takes 126
  (bench/README.md).

Both give the same rows, order and distances (tests/integration/test_near.py runs both).
Filtering every attack by the distance of its places with no time order to stop on would
read every attack of the graph for a 10 km circle: the scan is only taken when the area
holds enough that the page is found early.

Distances are Neo4j's `point.distance` on WGS-84 points: a haversine on a sphere of radius
6,378.14 km (measured: Kyiv-Sumy 306.000 km, 305.658 km with the mean radius 6,371.009 km),
so about 0.1% longer than a mean-radius great circle.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal, LiteralString, cast

from graph.domain.areas import Area
from graph.queries.keyset import KEY_OF_ROW, Order, Page, Position, Sort, read_page
from graph.queries.listing import (
    ACTOR_LINK,
    LABELS,
    LOCATION_CHECK,
    TIME_SEEK,
    Conditions,
    CountRow,
    ListFilter,
    _conditions,
    _where,
)
from graph.queries.overlap import BUSY, LONGEST_ATTACK, LONGEST_TIMED, SEEK_BOUNDS
from graph.queries.projections import Fetched, projection
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


@dataclass
class Places:
    """An area as Cypher: where its centre comes from, the tests a place `l` in it passes
    (the index-seekable one first), and the rest of the filter as conditions on each
    candidate `n`."""

    centre: LiteralString
    tests: list[LiteralString] = field(default_factory=list)
    conditions: Conditions = field(default_factory=Conditions)

    @property
    def in_area(self) -> LiteralString:
        """The places in the area, sought on the point index."""
        return " MATCH (l:Location)" + _where(self.tests)

    @property
    def of_candidate(self) -> LiteralString:
        """The places of a candidate `n` that lie in the area, walked from `n`."""
        return " MATCH (n)-[:AT]->(l:Location)" + _where(self.tests)


def _area(label: str, filter: ListFilter, area: Area) -> Places:
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
    return Places(centre, tests, conditions)


def _places(label: str, filter: ListFilter, area: Area) -> tuple[LiteralString, Conditions]:
    """The start of the query (the places in the area, the candidates at them) and the rest
    of the filter as conditions on each candidate."""
    places = _area(label, filter, area)
    return places.centre + places.in_area + " " + AT_PLACE[label], places.conditions


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
    detail: Fetched = "full",
    *,
    backward: bool = False,
) -> NearPage:
    """A page of the attacks or events in `area`, as graph/queries/listing.list_page pages
    (the same order, cursors and `backward`: keyset.read_page), each with its distance."""
    places = _area(label, filter, area)
    conditions = places.conditions

    def query(sort: Sort) -> LiteralString:
        # Walks are tested after sorting, in order, until the page is full.
        gather = (
            places.in_area
            + " "
            + AT_PLACE[label]
            + _where(conditions.own)
            + " WITH n, min(point.distance(l.point, centre)) AS metres"
            + " WITH n, metres ORDER BY "
            + sort.order_by
            + _where(conditions.walks)
            + " WITH n, metres LIMIT $limit "
        )
        returned = (
            "RETURN collect(["
            + projection(detail)
            + ", "
            + KEY_OF_ROW[sort.kind]
            + ", metres / 1000.0]) AS rows"
        )
        if sort.kind != "time":
            return places.centre + gather + returned
        bound = sort.seek_bound(after)
        scan = (
            "MATCH (n:"
            + LABELS[label]
            + ") USING INDEX n:"
            + LABELS[label]
            + "(startEarliest)"
            + _where([TIME_SEEK[sort.descending], *([bound] if bound else []), *conditions.own])
            + " AND EXISTS {"
            + places.of_candidate
            + " } WITH n ORDER BY "
            + sort.order_by
            + _where(conditions.walks)
            + " WITH n LIMIT $limit "
        )
        conditions.params.setdefault("from", None)
        conditions.params.setdefault("to", None)
        conditions.params.update(definitely=filter.time_mode == "definitely", busy=BUSY)
        return (
            places.centre
            # The reach from degrees: no relationship to an attack or event is read.
            + " CALL (centre) {"
            + places.in_area
            + " RETURN sum(COUNT { (l)<-[:AT]-() }) AS reach }"
            + " WITH centre, reach, "
            + (LONGEST_ATTACK if label == "Attack" else LONGEST_TIMED)
            + " AS longest WITH centre, reach, "
            + SEEK_BOUNDS
            # Each plan in a CALL under its guard (as listing.py's): a guard beside a MATCH
            # may be tested after the MATCH has read everything.
            + " CALL (centre, reach, seekFrom, seekTo) {"
            " WITH centre, reach WHERE reach <= $busy CALL (centre) { "
            + gather
            + "RETURN n, metres } RETURN n, metres"
            " UNION WITH centre, reach, seekFrom, seekTo WHERE reach > $busy"
            " CALL (centre, seekFrom, seekTo) { " + scan + "RETURN n }"
            # Only the page's rows are measured: the nearest of their places in the area.
            " CALL (n, centre) {"
            + places.of_candidate
            + " RETURN min(point.distance(l.point, centre)) AS metres }"
            " RETURN n, metres } WITH n, metres ORDER BY " + sort.order_by + " " + returned
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
