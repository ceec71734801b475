"""Areas checked before any query runs (graph/domain/areas.py)."""

from __future__ import annotations

import math

import pytest

from graph.domain import areas
from graph.errors import BadInputError


def test_a_circle_around_a_point_keeps_its_coordinates_and_measures_in_metres() -> None:
    circle = areas.near_point("near", 50.9, 34.8, 12.5)
    assert (circle.latitude, circle.longitude, circle.place_id) == (50.9, 34.8, None)
    assert circle.metres == 12_500


def test_the_edges_of_the_ranges_are_allowed() -> None:
    areas.near_point("near", -90, -180, areas.MAX_KM)
    areas.near_point("near", 90, 180, 0.001)
    areas.box("bbox", -90, -180, 90, 180)


@pytest.mark.parametrize(
    ("km", "allowed"), [(0, False), (-1, False), (0.5, True), (2000, True), (2000.1, False)]
)
def test_a_radius_is_more_than_nothing_and_at_most_the_cap(km: float, allowed: bool) -> None:
    if allowed:
        assert areas.near_place("nearPlace", "location:x", km).km == km
    else:
        with pytest.raises(BadInputError, match=r"^nearPlace\.km: must be more than 0"):
            areas.near_place("nearPlace", "location:x", km)


@pytest.mark.parametrize("value", [math.nan, math.inf])
def test_a_coordinate_that_is_no_number_is_refused(value: float) -> None:
    with pytest.raises(BadInputError, match=r"^near\.latitude: must be a number"):
        areas.near_point("near", value, 30, 10)


def test_a_box_upside_down_is_refused_but_one_across_the_date_line_is_not() -> None:
    with pytest.raises(BadInputError, match=r"south .* is north of north"):
        areas.box("bbox", 51, 30, 50, 31)
    wrapped = areas.box("bbox", 60, 170, 70, -170)
    assert wrapped.west > wrapped.east


def test_a_place_must_be_named() -> None:
    with pytest.raises(BadInputError, match=r"^nearPlace\.id: must name a place"):
        areas.near_place("nearPlace", "", 10)
