"""ACLED import on small files shaped like real exports, both layouts, with broken rows."""

from __future__ import annotations

import pytest

from graph.errors import LoadError
from graph.ingest.acled.importer import import_acled
from graph.store.database import Database
from tests.graphql_client import data
from tests.integration.test_loader import snapshot
from tests.support import ROOT

NEW = ROOT / "tests" / "data" / "acled_2023.csv"
OLD = ROOT / "tests" / "data" / "acled_old.csv"


async def labels(database: Database) -> dict[str, int]:
    rows = await database.read(
        "MATCH (n:Entity) WHERE n.acledId IS NOT NULL "
        "UNWIND labels(n) AS label WITH label WHERE label <> 'Entity' "
        "RETURN label, count(*) AS n"
    )
    return {str(row["label"]): int(str(row["n"])) for row in rows}


async def test_2023_layout_with_bad_rows_reported(database: Database) -> None:
    summary = await import_acled(database, [NEW])
    assert summary.rows == 9
    assert summary.written == 6 and summary.stale == 0
    bad = {row.line: row.reason for _, row in summary.bad}
    assert set(bad) == {8, 9, 10}
    assert "event_date" in bad[8]
    assert "latitude: 'north' is not a number" in bad[9]
    assert "event_id_cnty: missing" in bad[10]
    # Interceptions are not strikes; agreements are agreements; a protest is an event.
    assert await labels(database) == {"Attack": 3, "Interception": 1, "Agreement": 1, "Event": 1}


async def test_places_actors_sources_time_and_figures(database: Database) -> None:
    await import_acled(database, [NEW])
    [sumy] = await database.read(
        "MATCH (a:Attack {acledId: 'UKR1001'})-[:AT]->(l:Location)-[:WITHIN*]->(c:Location "
        "{kind: 'country'}) RETURN l.name AS place, l.point.latitude AS lat, c.name AS country, "
        "a.category AS category, a.timePrecision AS precision"
    )
    assert sumy == {
        "place": "Sumy",
        "lat": 50.9077,
        "country": "Ukraine",
        "category": "air_drone_strike",
        "precision": "day",
    }
    chain = await database.read(
        "MATCH p = (:Location {id: 'acled-place:ua-59/sumskyi/sumy-community/sumy'})"
        "-[:WITHIN*]->(:Location) RETURN [n IN nodes(p) | n.kind] AS kinds ORDER BY length(p) "
        "DESC LIMIT 1"
    )
    assert chain == [{"kinds": ["settlement", "community", "district", "region", "country"]}]
    roles = await database.read(
        "MATCH (:Attack {acledId: 'UKR1002'})-[r:CARRIED_OUT_BY]->(a) "
        "RETURN a.name AS actor, r.role AS role ORDER BY role"
    )
    assert roles == [
        {"actor": "Air Force of Russia", "role": "associated"},
        {"actor": "Military Forces of Russia (2000-)", "role": "primary"},
    ]
    cited = await database.read(
        "MATCH (:Attack {acledId: 'UKR1001'})-[:SUPPORTED_BY {aspect: 'cited'}]->(s) "
        "RETURN s.name AS name ORDER BY name"
    )
    assert [r["name"] for r in cited] == ["Suspilne", "Ukrinform"]
    [week] = await database.read(
        "MATCH (a:Attack {acledId: 'UKR1003'}) RETURN toString(date(a.startEarliest)) AS s, "
        "toString(date(a.endLatest)) AS e, a.timePrecision AS p"
    )
    # The local week in Ukraine's zones, in UTC: it starts the evening before, UTC's date.
    assert week == {"s": "2025-03-14", "e": "2025-03-21", "p": "week"}
    [killed] = await database.read(
        "MATCH (:Attack {acledId: 'UKR1003'})-[:HAS_FIGURE]->(f {metric: 'killed'}) "
        "RETURN f.value AS value"
    )
    assert killed == {"value": 2}
    parties = await database.read(
        "MATCH (:Agreement {acledId: 'UKR1005'})-[p:HAS_PARTY]->(a) RETURN count(a) AS n"
    )
    assert parties == [{"n": 2}]


async def test_older_layout_and_newer_timestamp_wins(database: Database) -> None:
    await import_acled(database, [NEW])
    summary = await import_acled(database, [OLD])
    assert summary.bad == [] and summary.rows == 3
    assert summary.written == 2 and summary.stale == 1  # UKR1001's row is older
    [kharkiv] = await database.read(
        "MATCH (a:Attack {acledId: 'UKR0901'})-[:CARRIED_OUT_BY {role: 'primary'}]->(x) "
        "RETURN toString(date(a.startEarliest)) AS s, toString(date(a.endLatest)) AS e, "
        "x.acledInter AS inter"
    )
    assert kharkiv == {"s": "2022-02-28", "e": "2022-03-31", "inter": "External/Other forces"}
    rows = await database.read(
        "MATCH (a:Attack) WHERE a.acledId IN ['UKR1001', 'UKR1002'] "
        "RETURN a.acledId AS id, a.description AS notes ORDER BY id"
    )
    assert "two hospitals" in str(rows[0]["notes"])  # the newer row stayed
    assert str(rows[1]["notes"]).startswith("A NEWER version")  # the newer row replaced


async def test_strict_is_all_or_nothing(database: Database) -> None:
    before = await snapshot(database)
    with pytest.raises(LoadError) as caught:
        await import_acled(database, [NEW], strict=True)
    assert [problem.line for problem in caught.value.problems] == [8, 9, 10]
    assert await snapshot(database) == before
    summary = await import_acled(database, [OLD], strict=True)
    assert summary.written == 3


async def test_importing_twice_changes_nothing(database: Database) -> None:
    await import_acled(database, [NEW, OLD])
    first = await snapshot(database)
    await import_acled(database, [NEW, OLD])
    assert await snapshot(database) == first


async def test_batches_written_side_by_side_give_the_same_graph(database: Database) -> None:
    # One event per batch: two batches are written at once, later batches link to places
    # and actors earlier ones created, and OLD's newer rows must wait for NEW's to land.
    whole = await import_acled(database, [NEW, OLD])
    expected = await snapshot(database)
    await database.write("MATCH (n) WHERE NOT n:TargetCategory DETACH DELETE n")
    pieces = await import_acled(database, [NEW, OLD], batch_size=1)
    assert await snapshot(database) == expected
    assert (pieces.written, pieces.stale, pieces.rows) == (whole.written, whole.stale, whole.rows)


async def test_imported_events_answer_over_graphql(database: Database, api_url: str) -> None:
    await import_acled(database, [NEW])
    answer = data(
        api_url,
        '{ attacks(filter: {location: "location:iso/ua-59"}) '
        "{ nodes { id by { name } sources { quotes source { title } } } } }",
    )
    [attack] = answer["attacks"]["nodes"]
    assert attack["id"] == "acled:UKR1001"
    assert attack["by"][0]["name"] == "Military Forces of Russia (2000-)"
    quotes = [q for e in attack["sources"] for q in e["quotes"]]
    assert any("two hospitals" in q for q in quotes)
