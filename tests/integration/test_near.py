"""Attacks and events near a point, near a place, inside a box; and the typed vocabulary
filters. The seed report plus ACLED rows with coordinates the test writes."""

from __future__ import annotations

import csv
import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest

from graph.domain.areas import Area, Box, Circle
from graph.ingest.acled.imports import import_acled
from graph.queries import spatial
from graph.queries.keyset import Order, Position
from graph.queries.listing import ListFilter
from graph.store.database import Database
from tests.graphql_client import data, post
from tests.support import ROOT

TEMPLATE = ROOT / "tests" / "data" / "acled_2023.csv"
SUMY = (50.9077, 34.7981)
# (event id, date, place, latitude, longitude): strikes around Sumy and one in Kharkiv.
STRIKES = [
    ("NEAR1", "2025-03-19", "Sumy", *SUMY),
    ("NEAR2", "2025-03-20", "Okhtyrka", 50.3104, 34.8988),
    ("NEAR3", "2025-03-21", "Shostka", 51.8633, 33.4698),
    ("NEAR4", "2025-03-22", "Romny", 50.7497, 33.4746),
    ("NEAR5", "2025-03-23", "Lebedyn", 50.5872, 34.4846),
    ("NEAR6", "2025-03-24", "Kharkiv", 49.9935, 36.2304),
]
PROTEST = ("NEAR7", "2025-03-25", "Trostianets", 50.4814, 34.9650)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance on Neo4j's sphere: its point.distance on WGS-84 points is a
    haversine with radius 6,378,140 m (measured: Kyiv-Sumy 306.000 km; the mean radius,
    6,371.0088 km, gives 305.658 km)."""
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6378.14 * math.asin(math.sqrt(h))


def write_rows(folder: Path) -> Path:
    """ACLED rows shaped like the template file's strike (UKR1001) and protest (UKR1006)."""
    with TEMPLATE.open(newline="", encoding="utf-8") as handle:
        by_id = {row["event_id_cnty"]: row for row in csv.DictReader(handle)}
    rows = []
    for (id, date, place, lat, lon), template in [
        *((s, by_id["UKR1001"]) for s in STRIKES),
        (PROTEST, by_id["UKR1006"]),
    ]:
        kharkiv = place == "Kharkiv"
        rows.append(
            {
                **template,
                "event_id_cnty": id,
                "event_date": date,
                "admin1": "Kharkiv" if kharkiv else "Sumy",
                "admin2": "Kharkivskyi" if kharkiv else "Sumskyi",
                "admin3": "",
                "location": place,
                "latitude": str(lat),
                "longitude": str(lon),
                "notes": f"On {date}, an event in {place}.",
            }
        )
    path = folder / "near.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
async def placed(seeded: Database, tmp_path: Path) -> Database:
    summary = await import_acled(seeded, [write_rows(tmp_path)])
    assert summary.bad == [] and summary.written == len(STRIKES) + 1
    return seeded


def strikes_within(km: float) -> dict[str, float]:
    return {
        "acled:" + id: haversine_km(SUMY, (lat, lon))
        for id, _, _, lat, lon in STRIKES
        if haversine_km(SUMY, (lat, lon)) <= km
    }


NEAR = """
query($near: NearPoint, $first: Int, $after: String, $last: Int, $before: String,
      $order: Order! = TIME_ASC) {
  attacks(filter: {near: $near}, first: $first, after: $after, last: $last, before: $before,
          order: $order) {
    edges { cursor distanceKm node { id time { startEarliest } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


def near(latitude: float, longitude: float, km: float) -> dict[str, float]:
    return {"latitude": latitude, "longitude": longitude, "km": km}


async def test_attacks_near_a_point_carry_their_distance_in_time_order(
    placed: Database, api_url: str
) -> None:
    expected = strikes_within(120)
    # Sumy, Okhtyrka, Romny and Lebedyn; not Shostka (~130 km) nor Kharkiv (~140 km).
    assert len(expected) == 4
    assert all(abs(km - 120) > 5 for km in strikes_within(500).values())  # none on the edge
    answer = data(api_url, NEAR, {"near": near(*SUMY, 120)})["attacks"]
    edges = answer["edges"]
    assert [e["node"]["id"] for e in edges] == sorted(expected)  # ids follow the dates
    for edge in edges:
        assert edge["distanceKm"] == pytest.approx(expected[edge["node"]["id"]], abs=0.001)
    times = [e["node"]["time"]["startEarliest"] for e in edges]
    assert times == sorted(times)


async def test_paging_near_a_point_walks_every_attack_once_both_ways(
    placed: Database, api_url: str
) -> None:
    whole = data(api_url, NEAR, {"near": near(*SUMY, 200), "order": "TIME_DESC"})["attacks"]
    everything = [(e["node"]["id"], e["distanceKm"]) for e in whole["edges"]]
    assert len(everything) == 6  # all six strikes: Kharkiv is ~140 km from Sumy
    forwards: list[tuple[str, float]] = []
    after = None
    while True:
        variables = {"near": near(*SUMY, 200), "first": 2, "after": after, "order": "TIME_DESC"}
        page = data(api_url, NEAR, variables)["attacks"]
        forwards += [(e["node"]["id"], e["distanceKm"]) for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert forwards == everything
    backwards: list[tuple[str, float]] = []
    before = None
    while True:
        variables = {"near": near(*SUMY, 200), "last": 4, "before": before, "order": "TIME_DESC"}
        page = data(api_url, NEAR, variables)["attacks"]
        backwards = [(e["node"]["id"], e["distanceKm"]) for e in page["edges"]] + backwards
        if not page["pageInfo"]["hasPreviousPage"]:
            break
        before = page["pageInfo"]["startCursor"]
    assert backwards == everything


async def test_a_list_near_a_point_costs_one_query_and_its_total_one_more(
    placed: Database, api_url: str
) -> None:
    body = post(api_url, NEAR, {"near": near(*SUMY, 200)})
    assert len(body["data"]["attacks"]["edges"]) == 6
    assert body["extensions"]["cypherQueries"] == 1
    counted = post(
        api_url,
        "query($near: NearPoint) { attacks(filter: {near: $near}) { totalCount "
        "edges { distanceKm node { id by { name } locations { name within { name } } } } } }",
        {"near": near(*SUMY, 200)},
    )
    assert counted["data"]["attacks"]["totalCount"] == 6
    # The list, the count, and one loader batch per nesting level: not one per attack.
    assert counted["extensions"]["cypherQueries"] <= 5, counted["extensions"]


async def test_filters_combine_with_near(placed: Database, api_url: str) -> None:
    query = (
        "query($f: Filter) { attacks(filter: $f) { totalCount edges { distanceKm node { id } } } }"
    )
    centre = near(*SUMY, 200)
    dated = data(api_url, query, {"f": {"near": centre, "start": "2025-03-22T00:00:00Z"}})
    assert {e["node"]["id"] for e in dated["attacks"]["edges"]} == {
        "acled:NEAR4",
        "acled:NEAR5",
        "acled:NEAR6",
    }
    assert dated["attacks"]["totalCount"] == 3
    kharkiv = data(api_url, query, {"f": {"near": centre, "location": "location:kharkiv-oblast"}})
    assert [e["node"]["id"] for e in kharkiv["attacks"]["edges"]] == ["acled:NEAR6"]
    [actor] = await placed.read(
        "MATCH (:Attack {acledId: 'NEAR1'})-[:CARRIED_OUT_BY {role: 'primary'}]->(a) "
        "RETURN a.id AS id"
    )
    by = data(api_url, query, {"f": {"near": centre, "actor": actor["id"]}})
    assert by["attacks"]["totalCount"] == 6


async def test_events_near_a_point_include_acled_events_at_their_place(
    placed: Database, api_url: str
) -> None:
    answer = data(
        api_url,
        "query($near: NearPoint) { events(filter: {near: $near}) "
        "{ edges { distanceKm node { id } } } }",
        {"near": near(*SUMY, 100)},
    )
    [edge] = answer["events"]["edges"]
    assert edge["node"]["id"] == "acled:NEAR7"
    assert edge["distanceKm"] == pytest.approx(haversine_km(SUMY, PROTEST[3:]), abs=0.001)


Snapshot = tuple[list[str], list[str | None], list[float | None], bool]


async def walk(
    database: Database,
    label: spatial.SpatialLabel,
    filter: ListFilter,
    area: Area,
    order: Order,
) -> tuple[list[Snapshot], list[Snapshot]]:
    """Every page of two, forwards with `after` cursors, then backwards from the last row
    with `before` cursors: ids, sort keys, distances and whether more follow."""
    walked: tuple[list[Snapshot], list[Snapshot]] = ([], [])
    cursor: Position | None = None
    for backward, pages in zip((False, True), walked, strict=True):
        while True:
            page = await spatial.list_page(
                database, label, filter, area, order, cursor, 2, "identity", backward=backward
            )
            ids = [row["id"] for row in page.rows]
            pages.append((ids, page.keys, page.distances_km, page.more))
            if ids:
                at = 0 if backward else -1
                cursor = Position(page.keys[at], ids[at])
            if not page.more or not ids:
                break
    return walked


async def test_both_area_plans_give_the_same_pages(
    placed: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Gathering at the area's places and scanning in time order (spatial.py, chosen by the
    area's reach, forced here with the threshold) answer the same rows, order, distances and
    cursors, paging both ways; the total is the count query's either way."""
    [sumy] = await placed.read(
        "MATCH (:Attack {acledId: 'NEAR1'})-[:AT]->(l:Location) RETURN l.id AS id"
    )
    [actor] = await placed.read(
        "MATCH (:Attack {acledId: 'NEAR1'})-[:CARRIED_OUT_BY {role: 'primary'}]->(a) "
        "RETURN a.id AS id"
    )
    # A strike at two places (Okhtyrka, and Sumy too): its distance is its nearest one's.
    await placed.write(
        "MATCH (two:Attack {acledId: 'NEAR2'}), (:Attack {acledId: 'NEAR1'})-[:AT]->(l) "
        "MERGE (two)-[:AT]->(l)"
    )
    circle = Circle(200, *SUMY)
    box = Box(south=50.0, west=33.0, north=52.0, east=35.0)
    ukraine = Box(south=44.0, west=22.0, north=53.0, east=41.0)
    march_21 = dt.datetime(2025, 3, 21, tzinfo=dt.UTC)
    cases: list[tuple[spatial.SpatialLabel, ListFilter, Area, Order]] = [
        ("Attack", ListFilter(), Area(circle=circle), "time_asc"),
        ("Attack", ListFilter(), Area(circle=circle), "time_desc"),
        ("Attack", ListFilter(start=march_21), Area(circle=circle), "time_asc"),
        ("Attack", ListFilter(), Area(box=box), "time_asc"),
        ("Attack", ListFilter(), Area(box=box), "time_desc"),
        (
            "Attack",
            ListFilter(start=march_21, end=march_21 + dt.timedelta(days=3), time_mode="definitely"),
            Area(box=box),
            "time_desc",
        ),
        ("Attack", ListFilter(actor=str(actor["id"])), Area(circle=circle, box=box), "time_asc"),
        (
            "Attack",
            ListFilter(location="location:sumy-oblast"),
            Area(circle=Circle(150, place_id=str(sumy["id"]))),
            "time_desc",
        ),
        # The seed's attacks too.
        ("Attack", ListFilter(), Area(circle=Circle(1000, 50.45, 30.52)), "time_asc"),
        ("Attack", ListFilter(include_retracted=True), Area(box=ukraine), "time_desc"),
        ("Event", ListFilter(), Area(circle=Circle(100, *SUMY)), "time_asc"),
        ("Event", ListFilter(), Area(box=ukraine), "time_desc"),
    ]
    for label, filter, area, order in cases:
        walks = []
        for busy in (10**9, -1):  # gather at the places; scan in time order
            monkeypatch.setattr(spatial, "BUSY", busy)
            walks.append(await walk(placed, label, filter, area, order))
        gathered, scanned = walks
        case = (label, filter, area, order)
        assert gathered[0][0][0], case  # something to compare
        assert scanned == gathered, case
        forwards = [id for ids, _, _, _ in gathered[0] for id in ids]
        backwards = [id for ids, _, _, _ in reversed(gathered[1]) for id in ids]
        assert backwards == forwards[:-1], case  # every row once, both ways
        assert await spatial.count(placed, label, filter, area) == len(forwards), case
    # The cursors were used: the busiest lists took several pages.
    monkeypatch.setattr(spatial, "BUSY", -1)
    pages, _ = await walk(placed, "Attack", ListFilter(), Area(circle=circle), "time_asc")
    assert len(pages) >= 3


async def test_near_a_place_measures_from_its_coordinates(placed: Database, api_url: str) -> None:
    [sumy] = await placed.read(
        "MATCH (:Attack {acledId: 'NEAR1'})-[:AT]->(l:Location) RETURN l.id AS id"
    )
    query = (
        "query($place: NearPlace) { attacks(filter: {nearPlace: $place}) "
        "{ edges { distanceKm node { id } } } }"
    )
    by_place = data(api_url, query, {"place": {"id": sumy["id"], "km": 120}})
    by_point = data(api_url, NEAR, {"near": near(*SUMY, 120)})
    assert [(e["node"]["id"], e["distanceKm"]) for e in by_place["attacks"]["edges"]] == [
        (e["node"]["id"], e["distanceKm"]) for e in by_point["attacks"]["edges"]
    ]
    # The seed's wave is at Ukraine, whose point is the country's (49.0, 31.4).
    country = data(api_url, query, {"place": {"id": "location:ukraine", "km": 1}})
    assert [(e["node"]["id"], e["distanceKm"]) for e in country["attacks"]["edges"]] == [
        ("attack:2025-03-19-overnight-wave", 0.0)
    ]


async def test_near_an_unknown_place_or_one_without_coordinates_is_a_coded_error(
    placed: Database, api_url: str
) -> None:
    query = "query($place: NearPlace) { attacks(filter: {nearPlace: $place}) { nodes { id } } }"
    body = post(api_url, query, {"place": {"id": "location:atlantis", "km": 10}})
    [error] = body["errors"]
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert error["message"] == "filter.nearPlace.id: no location with id 'location:atlantis'"
    assert body["extensions"]["cypherQueries"] == 2  # the empty page, then the check
    body = post(api_url, query, {"place": {"id": "location:sumy-oblast", "km": 10}})
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "'location:sumy-oblast' has no coordinates" in error["message"]
    body = post(api_url, query, {"place": {"id": "actor:russia", "km": 10}})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_a_box_keeps_what_lies_inside_it_without_distances(
    placed: Database, api_url: str
) -> None:
    query = (
        "query($f: Filter) { attacks(filter: $f) { totalCount edges { distanceKm node { id } } } }"
    )
    # Latitudes 50.5 to 51.0, longitudes 34 to 35: Sumy and Lebedyn; not Okhtyrka (50.31).
    box = {"south": 50.5, "west": 34.0, "north": 51.0, "east": 35.0}
    answer = data(api_url, query, {"f": {"bbox": box}})["attacks"]
    assert {e["node"]["id"] for e in answer["edges"]} == {"acled:NEAR1", "acled:NEAR5"}
    assert answer["totalCount"] == 2
    assert all(e["distanceKm"] is None for e in answer["edges"])
    # With a circle too, a place must lie in both; distances are measured again.
    both = data(api_url, query, {"f": {"bbox": box, "near": near(50.5872, 34.4846, 10)}})
    [edge] = both["attacks"]["edges"]
    assert edge["node"]["id"] == "acled:NEAR5" and edge["distanceKm"] == pytest.approx(0, abs=1e-6)
    # West east of east: the box wraps the 180th meridian, so it holds nothing here.
    wrapped = {"south": 50.5, "west": 179.0, "north": 51.0, "east": -179.0}
    assert data(api_url, query, {"f": {"bbox": wrapped}})["attacks"]["totalCount"] == 0


@pytest.mark.parametrize(
    ("filter", "message"),
    [
        ({"near": near(50, 30, 0)}, "filter.near.km: must be more than 0 and at most 2,000"),
        ({"near": near(50, 30, 2001)}, "filter.near.km: must be more than 0 and at most 2,000"),
        ({"near": near(91, 30, 10)}, "filter.near.latitude: a latitude is between -90 and 90"),
        ({"near": near(50, 181, 10)}, "filter.near.longitude: a longitude is between"),
        ({"nearPlace": {"id": "location:ukraine", "km": -1}}, "filter.nearPlace.km: must be"),
        (
            {"near": near(50, 30, 10), "nearPlace": {"id": "location:ukraine", "km": 10}},
            "filter.nearPlace: give near or nearPlace, not both",
        ),
        (
            {"bbox": {"south": 51, "west": 30, "north": 50, "east": 31}},
            "filter.bbox: south (51.0) is north of north (50.0)",
        ),
        (
            {"bbox": {"south": 50, "west": -200, "north": 51, "east": 31}},
            "filter.bbox.west: a longitude is between -180 and 180",
        ),
    ],
)
async def test_areas_out_of_range_are_bad_user_input(
    api_url: str, filter: dict[str, Any], message: str
) -> None:
    body = post(
        api_url, "query($f: Filter) { attacks(filter: $f) { nodes { id } } }", {"f": filter}
    )
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"].startswith(message), error["message"]
    assert body["extensions"]["cypherQueries"] == 0  # refused before any query


async def test_only_attacks_and_events_take_an_area(api_url: str) -> None:
    body = post(
        api_url, "{ actors(filter: {near: {latitude: 50, longitude: 30, km: 5}}) { nodes { id } } }"
    )
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == "filter: near, nearPlace and bbox narrow attacks and events only"


async def test_vocabulary_filters_are_enums_of_their_words(seeded: Database, api_url: str) -> None:
    railway = data(api_url, "{ attacks(filter: {targetCategory: railway}) { nodes { id } } }")
    assert "attack:2025-03-19-dnipropetrovsk-railway" in [
        a["id"] for a in railway["attacks"]["nodes"]
    ]
    # Variables still take the words answers return.
    waves = data(
        api_url,
        "query($kind: EntityKind) { attacks(filter: {kind: $kind}) { nodes { id kind } } }",
        {"kind": "wave"},
    )
    assert [a["kind"] for a in waves["attacks"]["nodes"]] == ["wave"]
    agreed = data(api_url, "{ agreements(filter: {status: in_force}) { nodes { status } } }")
    assert all(a["status"] == "in_force" for a in agreed["agreements"]["nodes"])
    # A word outside the vocabulary, or a string where an enum goes, is refused unrun.
    for wrong in ("category: nonsense", 'category: "missile_attack"', "targetCategory: railways"):
        body = post(api_url, "{ attacks(filter: {" + wrong + "}) { nodes { id } } }")
        [error] = body["errors"]
        assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED", wrong
        assert "data" not in body or body["data"] is None
    body = post(
        api_url,
        "query($c: AttackCategory) { attacks(filter: {category: $c}) { nodes { id } } }",
        {"c": "missiles"},
    )
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    # A kind word of another kind of entity is named as such.
    body = post(api_url, "{ actors(filter: {kind: wave}) { nodes { id } } }")
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"].startswith("filter.kind: 'wave' is not a kind of Actor; one of: state")


async def test_the_readmes_near_example_runs_as_written(placed: Database, api_url: str) -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("### Near a place, inside a box", 1)[1].split("\n## ", 1)[0]
    query = section.split("```graphql\n", 1)[1].split("```", 1)[0]
    answer = data(api_url, query, {"after": None})["attacks"]
    # Sumy itself; Lebedyn (42 km) and Okhtyrka (67 km) are farther than 30 km.
    assert [(e["node"]["id"], e["distanceKm"]) for e in answer["edges"]] == [("acled:NEAR1", 0.0)]
