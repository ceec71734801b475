"""eventDensity without a filter is summed from the places' tallies (graph/queries/tallies.py):
the same cells as reading every event (density.scanned_rows), and never older than the last
write, against a real Neo4j holding the seed and ACLED-shaped rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.acled_csv import write
from graph.domain.areas import Area, Box
from graph.ingest.acled.imports import import_acled
from graph.queries import density
from graph.queries.listing import ListFilter
from graph.queries.tallies import rows_in
from graph.store.database import Database

UKRAINE = Box(south=44.0, west=22.0, north=53.0, east=41.0)
BOXES = [UKRAINE, Box(south=49.0, west=29.0, north=52.0, east=33.0), Box(46.0, 33.0, 49.0, 38.0)]


def keyed(rows: list[list[Any]]) -> dict[tuple[Any, ...], tuple[int, float, float]]:
    return {
        (row, col, kind, category): (int(n), float(lat), float(lon))
        for row, col, kind, category, n, lat, lon in rows
    }


def total(rows: list[list[Any]]) -> int:
    return sum(int(row[4]) for row in rows)


def same(tallied: list[list[Any]], scanned: list[list[Any]]) -> None:
    a, b = keyed(tallied), keyed(scanned)
    assert a.keys() == b.keys()
    for key, (n, lat, lon) in a.items():
        assert n == b[key][0], key
        assert lat == pytest.approx(b[key][1]) and lon == pytest.approx(b[key][2])


@pytest.fixture
async def mapped(seeded: Database, tmp_path: Path) -> Database:
    path = tmp_path / "acled.csv"
    write(path, 300)
    assert (await import_acled(seeded, [path])).written == 300
    return seeded


@pytest.mark.parametrize("degrees", [0.25, 1.40625, 5.0])
async def test_tallies_give_the_cells_reading_every_event_gives(
    mapped: Database, degrees: float
) -> None:
    counted = 0
    for label in ("Attack", "Event"):
        for box in BOXES:
            scanned = await density.scanned_rows(
                mapped, label, ListFilter(), Area(box=box), degrees
            )
            same(await rows_in(mapped, label, box, degrees), scanned)
            counted += total(scanned)
    assert counted > 300  # the whole of Ukraine's box holds every row, the others some


TWO_TOWNS = """
document: source:test-two-towns
timezone: Europe/Kyiv
sources:
  - id: source:test-two-towns
    kind: document
    title: Strikes on two towns
    text: "Drones struck Irpin and Bucha overnight on 20 March 2025."
  - id: source:test-geography
    kind: external
    title: Approximate coordinates (test gazetteer)
locations:
  - id: location:test-irpin
    name: Irpin
    kind: city
    latitude: 50.52
    longitude: 30.25
    coordinates_source: source:test-geography
    quotes: ["Irpin"]
  - id: location:test-bucha
    name: Bucha
    kind: city
    latitude: 50.55
    longitude: 30.21
    coordinates_source: source:test-geography
    quotes: ["Bucha"]
attacks:
  - id: attack:test-two-towns
    name: Drone strikes on Irpin and Bucha
    kind: incident
    category: air_drone_strike
    locations: [location:test-irpin, location:test-bucha]
    quotes: ["Drones struck Irpin and Bucha overnight"]
    time:
      text: 20 March 2025
      date: 2025-03-20
      quotes: ["20 March 2025"]
"""


async def test_an_attack_at_two_places_in_the_box_counts_once(
    database: Database, tmp_path: Path
) -> None:
    from graph.ingest.facts.loader import load

    path = tmp_path / "two-towns.facts.yaml"
    path.write_text(TWO_TOWNS)
    await load(database, [path])
    for degrees in (0.01, 1.0):  # the towns in two cells, then in one
        tallied = await rows_in(database, "Attack", UKRAINE, degrees)
        scanned = await density.scanned_rows(
            database, "Attack", ListFilter(), Area(box=UKRAINE), degrees
        )
        # Once each, though each may count it at either town.
        assert total(tallied) == total(scanned) == 1
    # A box holding one of the towns only counts it there.
    irpin = Box(south=50.50, west=30.23, north=50.53, east=30.27)
    tallied = await rows_in(database, "Attack", irpin, 0.01)
    assert total(tallied) == 1
    same(
        tallied, await density.scanned_rows(database, "Attack", ListFilter(), Area(box=irpin), 0.01)
    )


async def test_a_write_is_counted_by_the_next_question(seeded: Database, tmp_path: Path) -> None:
    before = total(await rows_in(seeded, "Attack", UKRAINE, 1.0))
    path = tmp_path / "acled.csv"
    write(path, 50)
    await import_acled(seeded, [path])
    scanned = await density.scanned_rows(seeded, "Attack", ListFilter(), Area(box=UKRAINE), 1.0)
    after = await rows_in(seeded, "Attack", UKRAINE, 1.0)
    same(after, scanned)
    assert total(after) > before


async def test_a_graph_emptied_and_written_again_is_not_answered_from_the_old_tallies(
    database: Database, tmp_path: Path
) -> None:
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    write(small, 20)
    write(large, 120)
    await import_acled(database, [large])  # one change: number 1
    assert await rows_in(database, "Attack", UKRAINE, 1.0)
    await database.write("MATCH (n) WHERE NOT n:TargetCategory DETACH DELETE n")
    await import_acled(database, [small])  # number 1 again, in a new log
    scanned = await density.scanned_rows(database, "Attack", ListFilter(), Area(box=UKRAINE), 1.0)
    same(await rows_in(database, "Attack", UKRAINE, 1.0), scanned)
