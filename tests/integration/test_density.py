"""eventDensity: attacks and events counted in grid cells, against a real Neo4j holding
ACLED-shaped rows the test writes (the benchmark's generator: 24 oblasts' settlements)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.acled_csv import write
from graph.ingest.acled.imports import import_acled
from graph.store.database import Database
from tests.graphql_client import data, post

ROWS = 400
UKRAINE = {"south": 44.0, "west": 22.0, "north": 53.0, "east": 41.0}
DENSITY = """
query($bbox: BoundingBox!, $zoom: Int, $km: Float, $filter: Filter, $of: [DensityOf!]) {
  eventDensity(bbox: $bbox, zoom: $zoom, cellKm: $km, filter: $filter, of: $of) {
    cellDegrees totalCount
    cells { south west north east latitude longitude meanLatitude meanLongitude count
            kinds { key count } categories { key count } }
  }
}
"""
TOTALS = """
query($filter: Filter) {
  attacks(filter: $filter, first: 0) { totalCount }
  events(filter: $filter, first: 0) { totalCount }
}
"""


@pytest.fixture
async def acled(database: Database, tmp_path: Path) -> Database:
    path = tmp_path / "acled.csv"
    write(path, ROWS)
    summary = await import_acled(database, [path])
    assert summary.bad == [] and summary.written == ROWS
    return database


def density(url: str, **variables: Any) -> dict[str, Any]:
    answer: dict[str, Any] = data(url, DENSITY, {"bbox": UKRAINE, **variables})["eventDensity"]
    return answer


def totals(url: str, filter: dict[str, Any]) -> int:
    found = data(url, TOTALS, {"filter": filter})
    return int(found["attacks"]["totalCount"] + found["events"]["totalCount"])


async def test_the_cells_counts_add_up_to_the_lists_total_for_the_same_box(
    acled: Database, api_url: str
) -> None:
    answer = density(api_url, km=50.0)
    assert answer["totalCount"] == sum(c["count"] for c in answer["cells"])
    # Not every row becomes an attack or an event (the importer files some otherwise).
    assert 0 < answer["totalCount"] == totals(api_url, {"bbox": UKRAINE})
    for cell in answer["cells"]:
        assert sum(k["count"] for k in cell["kinds"]) == cell["count"]
        assert sum(c["count"] for c in cell["categories"]) <= cell["count"]


async def test_the_counts_add_up_under_a_filter_too(acled: Database, api_url: str) -> None:
    spring = {"start": "2024-03-01T00:00:00Z", "end": "2024-05-31T23:59:59Z"}
    answer = density(api_url, zoom=6, filter=spring)
    assert 0 < answer["totalCount"] < ROWS
    assert answer["totalCount"] == totals(api_url, {**spring, "bbox": UKRAINE})
    strikes = density(api_url, km=100.0, filter={"category": "air_drone_strike"}, of=["ATTACK"])
    listed = data(
        api_url,
        "query($f: Filter) { attacks(filter: $f, first: 0) { totalCount } }",
        {"f": {"category": "air_drone_strike", "bbox": UKRAINE}},
    )["attacks"]["totalCount"]
    assert 0 < strikes["totalCount"] == listed
    for cell in strikes["cells"]:
        assert cell["categories"] == [{"key": "air_drone_strike", "count": cell["count"]}]


async def test_each_cell_holds_exactly_what_lies_inside_its_bounds(
    acled: Database, api_url: str
) -> None:
    answer = density(api_url, km=30.0, of=["ATTACK"])
    assert len(answer["cells"]) > 5
    for cell in answer["cells"]:
        assert cell["south"] < cell["north"] and cell["west"] < cell["east"]
        assert cell["south"] <= cell["meanLatitude"] <= cell["north"]
        assert cell["west"] <= cell["meanLongitude"] <= cell["east"]
        assert cell["latitude"] == pytest.approx((cell["south"] + cell["north"]) / 2)
        assert cell["north"] - cell["south"] == pytest.approx(answer["cellDegrees"])
        box = {k: cell[k] for k in ("south", "west", "north", "east")}
        inside = data(
            api_url,
            "query($f: Filter) { attacks(filter: $f, first: 0) { totalCount } }",
            {"f": {"bbox": box}},
        )["attacks"]["totalCount"]
        assert inside == cell["count"], cell


async def test_a_grid_of_too_many_cells_is_refused_with_a_clear_error(
    acled: Database, api_url: str
) -> None:
    world = {"south": -90.0, "west": -180.0, "north": 90.0, "east": 180.0}
    body = post(api_url, DENSITY, {"bbox": world, "km": 10.0})
    error = body["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "more than 10,000" in error["message"]
    coarse = density(api_url, zoom=2)  # the whole box in a cell or two
    assert coarse["totalCount"] == totals(api_url, {"bbox": UKRAINE})
    assert len(coarse["cells"]) <= 2


@pytest.mark.parametrize(
    ("variables", "words"),
    [
        ({}, "give zoom or cellKm"),
        ({"zoom": 5, "km": 10.0}, "give zoom or cellKm"),
        ({"zoom": 40}, "zoom: must be between 0 and 24"),
        ({"km": -1.0}, "cellKm: must be more than 0"),
        ({"km": 50.0, "filter": {"bbox": UKRAINE}}, "filter.bbox"),
        ({"km": 50.0, "filter": {"kind": "protest"}, "of": ["ATTACK"]}, "not a kind of Attack"),
        ({"km": 50.0, "bbox": {**UKRAINE, "south": 60.0}}, "is north of north"),
    ],
)
async def test_a_mistaken_density_question_is_a_client_error_naming_the_argument(
    api_url: str, variables: dict[str, Any], words: str
) -> None:
    body = post(api_url, DENSITY, {"bbox": UKRAINE, **variables})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", body
    assert words in body["errors"][0]["message"]
