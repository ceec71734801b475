"""Entity projections: temporal values cross Bolt as text and come back as Python values."""

from __future__ import annotations

import datetime as dt

from graph.queries.entities import entities_by_ids
from graph.queries.keyset import Position
from graph.queries.listing import ListFilter, list_page
from graph.store.database import Database

KYIV_WINTER = dt.timezone(dt.timedelta(hours=2))


async def test_times_and_days_come_back_as_python_values(database: Database) -> None:
    await database.write(
        "CREATE (:Entity:Agreement {id: 'g1', name: 'Truce',"
        " startEarliest: datetime('2025-03-18T21:00:00.123456789Z'),"
        " endLatest: datetime({year: 2025, month: 3, day: 19, timezone: 'Europe/Kyiv'}),"
        " inForceStartEarliest: datetime('2025-03-19T00:00:00+02:00')})"
        "-[:SUPPORTED_BY {quotes: ['q']}]->"
        "(:Entity:Source {id: 's1', title: 'Report', published: date('2025-03-19')})"
    )
    await database.write(
        "MATCH (g:Entity {id: 'g1'}) "
        "CREATE (:Retraction {at: datetime('2025-04-01T08:30:00Z'), by: 'ed', reason: 'r'})"
        "-[:RETRACTS]->(g)"
    )
    found = await entities_by_ids(database, ["g1", "s1"])
    agreement, source = found["g1"], found["s1"]

    assert agreement["startEarliest"] == dt.datetime(2025, 3, 18, 21, 0, 0, 123456, dt.UTC)
    assert agreement["endLatest"] == dt.datetime(2025, 3, 19, tzinfo=KYIV_WINTER)
    assert agreement["inForceStartEarliest"] == dt.datetime(2025, 3, 19, tzinfo=KYIV_WINTER)
    # Within its bounds: a missing latest start is its latest end (graph/queries/projections.py).
    assert agreement["startLatest"] == agreement["endLatest"]
    assert agreement["inForceStartLatest"] is None  # other absent properties stay empty
    assert agreement["retractions"][0]["at"] == dt.datetime(2025, 4, 1, 8, 30, tzinfo=dt.UTC)
    assert agreement["evidence"][0]["source"]["published"] == dt.date(2025, 3, 19)
    assert source["published"] == dt.date(2025, 3, 19)


async def test_a_page_keeps_its_order_in_one_record(database: Database) -> None:
    await database.write(
        "UNWIND range(1, 30) AS i "
        "CREATE (:Entity:Attack {id: 'a' + i, name: 'Strike ' + i,"
        " startEarliest: datetime('2025-01-01T00:00Z') + duration({hours: 31 - i}),"
        " endLatest: datetime('2025-01-02T12:00Z')})"
    )
    first = await list_page(database, "Attack", ListFilter(), "time_asc", None, 5, "plain")
    after = Position(first.keys[-1], first.rows[-1]["id"])
    page = await list_page(database, "Attack", ListFilter(), "time_asc", after, 10, "plain")
    assert [row["id"] for row in page.rows] == [f"a{i}" for i in range(25, 15, -1)]
    assert page.more
    starts = [row.get("startEarliest") for row in page.rows]
    assert all(isinstance(s, dt.datetime) for s in starts)
    assert starts == sorted(s for s in starts if s is not None)
