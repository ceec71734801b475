"""An area as Cypher (graph/queries/spatial.py): coordinates, radius and place travel as
parameters, the index-seekable test comes first, and the other filters still apply."""

from __future__ import annotations

import asyncio
from typing import Any

from graph.domain.areas import Area, box, near_place, near_point
from graph.queries.keyset import Order, Position
from graph.queries.listing import ListFilter
from graph.queries.overlap import BUSY
from graph.queries.spatial import IN_BOX, WITHIN_DISTANCE, _places, list_page

HOSTILE = "x' }) DETACH DELETE n //"


def test_a_circle_around_a_point_passes_every_value_as_a_parameter() -> None:
    area = Area(circle=near_point("near", 50.9077, 34.7981, 12.5))
    start, conditions = _places("Attack", ListFilter(actor=HOSTILE, location=HOSTILE), area)
    text = start + " ".join(conditions.own + conditions.walks)
    assert "50.9077" not in text and "34.7981" not in text and "12500" not in text
    assert HOSTILE not in text
    assert conditions.params["metres"] == 12_500
    assert conditions.params["actor"] == conditions.params["location"] == HOSTILE
    # The distance test first: the point index seeks on it.
    assert start.index(WITHIN_DISTANCE) < start.index("l.retracted IS NULL")


def test_a_place_is_looked_up_by_parameter_and_a_box_joins_the_circle() -> None:
    area = Area(circle=near_place("nearPlace", HOSTILE, 5), box=box("bbox", 50, 30, 51, 31))
    start, conditions = _places("Event", ListFilter(include_retracted=True), area)
    assert HOSTILE not in start and conditions.params["nearPlace"] == HOSTILE
    assert WITHIN_DISTANCE in start and IN_BOX in start
    assert "l.retracted" not in start  # retracted places count when retracted facts are asked
    assert start.endswith("MATCH (n:Event)-[:AT]->(l)")


def test_a_box_alone_has_no_centre_to_measure_from() -> None:
    start, conditions = _places("Attack", ListFilter(), Area(box=box("bbox", 50, 30, 51, 31)))
    assert start.startswith("WITH null AS centre")
    assert {"south", "west", "north", "east"} <= set(conditions.params)


class Recorder:
    """Stands in for the database: keeps the Cypher list_page sends."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, dict[str, Any]]] = []

    async def read_list(self, cypher: str, **params: Any) -> list[object]:
        self.sent.append((cypher, params))
        return []


def sent(order: Order, after: Position | None = None) -> tuple[str, dict[str, Any]]:
    recorder: Any = Recorder()
    area = Area(circle=near_point("near", 50.9077, 34.7981, 50))
    asyncio.run(list_page(recorder, "Attack", ListFilter(), area, order, after, 50, "identity"))
    [(cypher, params)] = recorder.sent
    return cypher, params


def test_a_time_ordered_page_chooses_gather_or_scan_by_the_areas_reach() -> None:
    cypher, params = sent("time_desc", Position("2025-03-19T00:00:00Z", "attack:x"))
    assert params["busy"] == BUSY and params["limit"] == 51
    # The reach from degrees, then each plan under its guard.
    assert "sum(COUNT { (l)<-[:AT]-() }) AS reach" in cypher
    assert "WHERE reach <= $busy" in cypher and "WHERE reach > $busy" in cypher
    # The scan seeks in time order from the cursor, inside a CALL, testing the area per
    # candidate; the page's rows alone are measured.
    scan = cypher.split("WHERE reach > $busy", 1)[1]
    assert "CALL (centre, seekFrom, seekTo) { MATCH (n:Attack) USING INDEX" in scan
    assert "n.startEarliest <= seekTo AND n.startEarliest <= datetime($afterKey)" in scan
    assert "EXISTS { MATCH (n)-[:AT]->(l:Location) WHERE " + WITHIN_DISTANCE in scan
    assert "min(point.distance(l.point, centre))" in scan.split("LIMIT $limit", 1)[1]


def test_a_page_in_name_order_gathers_at_the_places() -> None:
    cypher, params = sent("name")
    assert "reach" not in cypher and "busy" not in params
    assert "ORDER BY toLower(n.name) ASC" in cypher
