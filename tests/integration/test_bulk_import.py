"""`deedgraph import acled --bulk` through neo4j-admin, on a managed Neo4j of its own (the
import stops and starts it): the graph it gives is exactly the online import's, a graph with
data or a bad row under --strict changes nothing, and neo4j-admin's failures are one line."""

from __future__ import annotations

import csv
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from graph.errors import BadInputError, LoadError, ServerError
from graph.ingest.acled.imports import bulk_import_acled as bulk_import
from graph.ingest.acled.imports import import_acled
from graph.ingest.datasets.offline import offline_import, quiet
from graph.ingest.datasets.offline.files import Files
from graph.managed import server
from graph.settings import Connection, ManagedServer
from graph.store.constraints import create_schema
from graph.store.database import Database
from tests.support import DEEDGRAPH, ROOT, managed_env, managed_server

pytestmark = pytest.mark.slow  # starts, stops and restarts Neo4j servers of its own

DATA = ROOT / "tests" / "data"
NEW, OLD = DATA / "acled_2023.csv", DATA / "acled_old.csv"
# Both layouts, rows replaced by newer ones and kept against older ones, bad rows, local nights.
FILES = [NEW, OLD, DATA / "acled_night.csv", DATA / "acled_night_old.csv"]

# The graph's facts, not the change log (an online import logs its ids, a bulk one its kinds).
NODES = """
MATCH (n) WHERE NOT n:Change AND NOT n:ChangeLog
RETURN n.id AS id, labels(n) AS labels,
       [k IN keys(n) | [k, valueType(n[k]),
                        CASE WHEN n[k] IS :: ZONED DATETIME THEN toString(n[k]) ELSE n[k] END]]
       AS props
"""
RELATIONSHIPS = """
MATCH (a)-[r]->(b)
RETURN a.id AS start, type(r) AS type, b.id AS end,
       [k IN keys(r) | [k, valueType(r[k]), r[k]]] AS props
"""
SCHEMA = """
SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, owningConstraint, state
RETURN CASE type WHEN 'LOOKUP' THEN '' ELSE name END AS name, type, entityType,
       labelsOrTypes, properties, owningConstraint, state
"""
Dump = tuple[list[str], list[str], list[str]]


def listed(value: object) -> list[str]:
    assert isinstance(value, list)
    return [item if isinstance(item, str) else repr(item) for item in value]


async def dump(database: Database) -> Dump:
    """Every node (labels, and each property with its type; datetimes with their zone) by
    id, every relationship as (start, type, end, properties), and the schema: sorted."""
    nodes = [
        repr((row["id"], sorted(listed(row["labels"])), sorted(map(repr, listed(row["props"])))))
        for row in await database.read(NODES)
    ]
    relationships = [
        repr((row["start"], row["type"], row["end"], sorted(map(repr, listed(row["props"])))))
        for row in await database.read(RELATIONSHIPS)
    ]
    schema = [repr(sorted(row.items())) for row in await database.read(SCHEMA)]
    return sorted(nodes), sorted(relationships), sorted(schema)


async def dump_of(connection: Connection) -> Dump:
    database = Database.connect(connection, timeout=60)
    try:
        return await dump(database)
    finally:
        await database.close()


def managed_of(connection: Connection) -> ManagedServer:
    assert connection.managed is not None
    return connection.managed


@pytest.fixture(scope="module")
def bulk_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Connection]:
    managed = managed_server(tmp_path_factory.mktemp("bulk"))
    server.start(managed)
    try:
        yield Connection(
            uri=managed.uri, user=None, password=None, database="neo4j", managed=managed
        )
    finally:
        server.stop(managed)


@pytest.fixture
async def emptied(bulk_server: Connection) -> AsyncIterator[Connection]:
    """The bulk server running, its graph empty but for the target categories."""
    server.start(managed_of(bulk_server))
    database = Database.connect(bulk_server, timeout=60)
    try:
        await create_schema(database)
        await database.write("MATCH (n) WHERE NOT n:TargetCategory DETACH DELETE n")
    finally:
        await database.close()
    yield bulk_server


def cli(connection: Connection, *args: str) -> subprocess.CompletedProcess[str]:
    managed = managed_of(connection)
    env = managed_env(managed)
    return subprocess.run([DEEDGRAPH, *args], env=env, capture_output=True, text=True, timeout=600)


def awkward(folder: Path) -> Path:
    """NEW's first row again, as another event whose text holds what CSV must escape (quotes,
    commas, line breaks, ACLED's own ';'), with tags, and an associated actor named twice."""
    with NEW.open(newline="", encoding="utf-8") as handle:
        row = next(csv.DictReader(handle))
    row.update(
        event_id_cnty="UKR9999",
        notes='Drones hit a "school", then\nthe hospital;\r\n'
        'no one was hurt, C:\\\\ said \\"so\\".',
        tags="crowd size=no report; local administrators",
        source='Kyiv "Independent"; Suspilne, Sumy',
        assoc_actor_1="Air Force of Russia; Air Force of Russia",
    )
    path = folder / "awkward.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    return path


async def test_bulk_import_gives_exactly_the_graph_of_the_online_import(
    database: Database, emptied: Connection, tmp_path: Path
) -> None:
    files = [*FILES, awkward(tmp_path)]
    online = await import_acled(database, files)
    expected = await dump(database)
    result = cli(emptied, "import", "acled", "--bulk", *map(str, files))
    assert result.returncode == 1, result.stderr  # NEW has bad rows: some were rejected
    assert await dump_of(emptied) == expected
    # The summary is the online one's, counted the same way, with the speed.
    assert result.stdout.startswith(f"{online.rows} rows in ")
    assert f"{online.written} events written, {online.stale} older than the graph's" in (
        result.stdout
    )
    assert f"{online.places} places and {online.actors} actors created" in result.stdout
    assert f"{online.targets} targets inferred" in result.stdout and "rows/s" in result.stdout
    for path, bad in online.bad:  # each problem once, with its line
        assert f"{path}: 1 row: " in result.stderr and f"(line {bad.line})" in result.stderr
    assert server.status(managed_of(emptied)).running  # started again, as it was


async def test_a_graph_with_data_is_refused_and_left_as_it_was(emptied: Connection) -> None:
    database = Database.connect(emptied, timeout=60)
    try:
        await import_acled(database, [OLD])
    finally:
        await database.close()
    before = await dump_of(emptied)
    pid = server.status(managed_of(emptied)).pid
    with pytest.raises(BadInputError, match=r"holds \d+ node.*without --bulk adds"):
        await bulk_import(emptied, [NEW])
    assert await dump_of(emptied) == before
    assert server.status(managed_of(emptied)).pid == pid  # never stopped


async def test_bad_rows_under_strict_import_nothing_and_stop_nothing(emptied: Connection) -> None:
    before = await dump_of(emptied)
    pid = server.status(managed_of(emptied)).pid
    with pytest.raises(LoadError) as caught:
        await bulk_import(emptied, [NEW], strict=True)
    assert [(problem.file, problem.line) for problem in caught.value.problems] == [
        (str(NEW), 8),
        (str(NEW), 9),
        (str(NEW), 10),
    ]
    assert "nothing was imported (--strict)" in caught.value.summary
    assert await dump_of(emptied) == before
    assert server.status(managed_of(emptied)).pid == pid


async def test_a_failing_neo4j_admin_is_one_line_and_leaves_an_empty_running_graph(
    emptied: Connection, tmp_path: Path
) -> None:
    before = await dump_of(emptied)
    files = Files(tmp_path)
    files.relationships["links"].write(
        {":START_ID": "category:civilian", ":END_ID": "nowhere", ":TYPE": "AT"}
    )
    files.close()
    managed = managed_of(emptied)
    server.stop(managed)
    with pytest.raises(ServerError) as caught:
        await offline_import(emptied, managed, files, tmp_path, True, quiet)
    message = str(caught.value)
    assert message.startswith("neo4j-admin could not import (")
    assert "referring to missing node nowhere" in message and "\tat " not in message
    assert message.endswith("the graph is empty, as it was before")
    assert server.status(managed).running
    assert await dump_of(emptied) == before


async def test_a_stopped_server_is_imported_into_and_left_stopped(tmp_path: Path) -> None:
    managed = managed_server(tmp_path / "fresh")
    connection = Connection(
        uri=managed.uri, user=None, password=None, database="neo4j", managed=managed
    )
    try:
        summary = await bulk_import(connection, [OLD])
        assert summary.written == 3 and summary.bad == []
        assert not server.status(managed).running
        server.start(managed)
        database = Database.connect(connection, timeout=60)
        try:
            rows = await database.read("MATCH (a:Attack) RETURN count(a) AS n")
        finally:
            await database.close()
        assert rows == [{"n": 3}]
    finally:
        server.stop(managed)
