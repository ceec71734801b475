"""The list root fields: a plain list, or attacks and events narrowed to an area."""

from __future__ import annotations

import pytest

from graph.domain.areas import Area, box
from graph.errors import BadInputError
from graph.queries import lists
from graph.queries.listing import ListFilter
from graph.queries.spatial import NearPage
from tests.unit.queries.fake import Fake, database

AREA = Area(box=box("bbox", 50.0, 30.0, 51.0, 31.0))
ATTACK = {"id": "attack:wave", "labels": ["Entity", "Attack"]}


async def test_only_attacks_and_events_are_listed_in_an_area() -> None:
    with pytest.raises(BadInputError, match="attacks and events only, not Actor"):
        await lists.actors(database(Fake()), ListFilter(), "name", None, 10, area=AREA)


async def test_attacks_in_an_area_come_with_their_distance() -> None:
    fake = Fake([[ATTACK, "2025-03-19T00:00:00Z", None]])
    page = await lists.attacks(database(fake), ListFilter(), "time_asc", None, 10, area=AREA)
    assert isinstance(page, NearPage) and page.distances_km == [None]
    assert "point.withinBBox" in fake.sent[0][0]


async def test_a_plain_list_has_no_distances() -> None:
    fake = Fake([[ATTACK, "2025-03-19T00:00:00Z"]])
    page = await lists.attacks(database(fake), ListFilter(), "time_asc", None, 10)
    assert not isinstance(page, NearPage) and [r["id"] for r in page.rows] == ["attack:wave"]
