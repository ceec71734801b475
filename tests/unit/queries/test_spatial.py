"""An area as Cypher (graph/queries/spatial.py): coordinates, radius and place travel as
parameters, the index-seekable test comes first, and the other filters still apply."""

from __future__ import annotations

from graph.domain.areas import Area, box, near_place, near_point
from graph.queries.listing import ListFilter
from graph.queries.spatial import IN_BOX, WITHIN_DISTANCE, _places

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
