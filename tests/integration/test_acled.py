"""ACLED import on small files shaped like real exports, both layouts, with broken rows."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from graph.errors import LoadError
from graph.ingest.acled.imports import import_acled
from graph.settings import Connection
from graph.store.database import Database
from tests.acled_files import old_2016, today_row, write_rows
from tests.graphql_client import data
from tests.integration.test_loader import snapshot
from tests.support import DEEDGRAPH, ROOT, cli_env

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


# Files as investigators have them (tests/acled_files.py writes them; no real ACLED rows).


def run_import(connection: Connection, *args: str) -> subprocess.CompletedProcess[str]:
    """The real `deedgraph import acled` against the test's Neo4j."""
    env = cli_env(NEO4J_URI=connection.uri, NEO4J_DATABASE=connection.database)
    if connection.user is not None:
        env.update(NEO4J_USER=connection.user, NEO4J_PASSWORD=connection.password or "")
    command = [DEEDGRAPH, "import", "acled", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


async def test_a_2016_export_imports_with_todays_types_and_keeps_the_old_ones(
    database: Database, tmp_path: Path
) -> None:
    summary = await import_acled(database, [old_2016(tmp_path / "nigeria_2016.csv")])
    assert (summary.rows, summary.written, summary.bad) == (5, 5, [])
    assert await labels(database) == {"Attack": 2, "Event": 3}
    types = await database.read(
        "MATCH (e:Entity) WHERE e.acledId IS NOT NULL RETURN e.acledId AS id, "
        "e.eventType AS type, e.originalEventType AS old, e.kind AS kind ORDER BY id"
    )
    assert [(t["id"], t["type"], t["old"]) for t in types] == [
        ("NGA1", "Battles", "Battle-No change of territory"),
        ("NGA2", "Protests", "Riots/Protests"),
        ("NGA3", "Riots", "Riots/Protests"),
        ("NGA4", "Explosions/Remote violence", "Remote violence"),
        ("NGA5", "Strategic developments", "Headquarters or base established"),
    ]
    [ally] = await database.read(
        "MATCH (:Attack {acledId: 'NGA1'})-[:CARRIED_OUT_BY {role: 'associated'}]->(a) "
        "RETURN a.name AS name"
    )
    assert ally == {"name": "Civilian JTF"}  # from the old ally_actor_1
    [day] = await database.read(
        "MATCH (a:Attack {acledId: 'NGA1'}) RETURN a.timeText AS text, "
        "toString(date(a.endLatest)) AS day"
    )
    assert day == {"text": "13/01/2016", "day": "2016-01-13"}  # day first, as the file says


async def test_a_spreadsheet_saved_file_with_short_dates_imports_every_row(
    database: Database, tmp_path: Path
) -> None:
    dates = ["31-Jul-24", "5-Aug-24", "1-Aug-24"]
    rows = [today_row(n, event_date=date) for n, date in enumerate(dates, 1)]
    path = write_rows(tmp_path / "saved.csv", rows, delimiter=";", line_end="\r\n", bom=True)
    summary = await import_acled(database, [path])
    assert (summary.written, summary.bad) == (3, [])
    found = await database.read(
        "MATCH (a:Attack) RETURN a.acledId AS id, a.timeText AS text, "
        "toString(date(a.endLatest)) AS day ORDER BY id"
    )
    assert found == [
        {"id": "UKR1", "text": "31-Jul-24", "day": "2024-07-31"},
        {"id": "UKR2", "text": "5-Aug-24", "day": "2024-08-05"},
        {"id": "UKR3", "text": "1-Aug-24", "day": "2024-08-01"},
    ]


async def test_an_r_export_creates_no_actor_or_place_named_na(
    database: Database, tmp_path: Path
) -> None:
    rows = [
        today_row(n, actor2="NA", inter2="NA", assoc_actor_1="NA", admin3="NA", tags="NA")
        for n in range(1, 4)
    ]
    rows[1].update(location="NA", admin2="NA", latitude="NA", longitude="NA", fatalities="NA")
    summary = await import_acled(database, [write_rows(tmp_path / "from_r.csv", rows)])
    assert (summary.written, summary.bad) == (3, [])
    named_na = await database.read(
        "MATCH (n:Entity) WHERE n.name IN ['NA', 'N/A'] OR n.id ENDS WITH '/na' RETURN n.id AS id"
    )
    assert named_na == []
    against = await database.read("MATCH (:Attack)-[:AGAINST]->(x) RETURN count(x) AS n")
    assert against == [{"n": 0}]
    [place] = await database.read(
        "MATCH (:Attack {acledId: 'UKR2'})-[:AT]->(l) RETURN l.kind AS kind"
    )
    assert place == {"kind": "region"}  # nothing below Sumy region was named


async def test_a_day_first_file_with_two_digit_years_imports_every_row(
    database: Database, tmp_path: Path
) -> None:
    # Every date but the last could be either way round; the last settles the file.
    dates = [f"0{d}-0{m}-19" for d in range(1, 8) for m in range(1, 4)] + ["31-12-19"]
    rows = [today_row(n, event_date=date, year="2019") for n, date in enumerate(dates, 1)]
    summary = await import_acled(database, [write_rows(tmp_path / "dayfirst.csv", rows)])
    assert (summary.written, summary.bad) == (len(dates), [])
    [first] = await database.read(
        "MATCH (a:Attack {acledId: 'UKR3'}) RETURN toString(date(a.endLatest)) AS day"
    )
    assert first == {"day": "2019-03-01"}  # 01-03-19: 1 March


async def test_exit_status_is_0_when_every_row_imported(
    database: Database, connection: Connection, tmp_path: Path
) -> None:
    path = write_rows(tmp_path / "good.csv", [today_row(1), today_row(2)])
    result = run_import(connection, str(path))
    assert result.returncode == 0, result.stderr
    assert " 2 events written" in result.stdout and "0 bad" in result.stdout


async def test_one_repeated_problem_is_told_once_and_rejected_rows_can_be_fixed_and_imported(
    database: Database, connection: Connection, tmp_path: Path
) -> None:
    rows = [today_row(n, event_date="05-06-19", year="2019") for n in range(1, 41)]
    rows += [today_row(41, latitude="north"), today_row(42)]
    path = write_rows(tmp_path / "mixed.csv", rows)
    rejects = tmp_path / "rejects.csv"
    result = run_import(connection, str(path), "--rejects", str(rejects))
    assert result.returncode == 1, result.stderr  # some rows were rejected
    told = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
    assert told == [
        f"{path}: 40 rows: event_date '05-06-19' is ambiguous: day and month could be either "
        "way round, and no date in the file has a part above 12 to settle it (or dates settle "
        "it both ways) (lines 2-41)",
        f"{path}: 1 row: latitude 'north' is not a number (line 42)",
    ]
    assert "41 rejected row(s) written to" in result.stderr
    assert "1 events written" in result.stdout and "41 bad" in result.stdout
    # Fixed in the rejects file (dates written ISO, the latitude given), it imports whole.
    text = rejects.read_text(encoding="utf-8").replace("05-06-19", "2019-06-05")
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(text.replace(",north,", ",50.9,"), encoding="utf-8")
    again = run_import(connection, str(fixed))
    assert again.returncode == 0, again.stderr
    count = await database.read("MATCH (a:Attack) RETURN count(a) AS n")
    assert count == [{"n": 42}]


async def test_exit_status_is_2_when_nothing_was_imported_or_the_file_is_not_an_export(
    database: Database, connection: Connection, tmp_path: Path
) -> None:
    all_bad = write_rows(
        tmp_path / "all_bad.csv", [today_row(1, actor1=""), today_row(2, actor1="NA")]
    )
    result = run_import(connection, str(all_bad))
    assert result.returncode == 2, result.stderr
    assert f"{all_bad}: 2 rows: actor1 missing (lines 2-3)" in result.stderr
    not_export = tmp_path / "people.csv"
    not_export.write_text("name,age\nAda,36\n", encoding="utf-8")
    result = run_import(connection, str(not_export))
    assert result.returncode == 2, result.stderr
    assert f"{not_export}: refused: not an ACLED export: no column event_id_cnty" in result.stderr
    strict = run_import(connection, "--strict", str(all_bad))
    assert strict.returncode == 2 and "nothing was imported (--strict)" in strict.stderr
    assert await database.read("MATCH (a:Attack) RETURN count(a) AS n") == [{"n": 0}]
