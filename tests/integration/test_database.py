"""The one place queries are sent: time limits, errors users can act on, rows as Python values."""

from __future__ import annotations

import datetime as dt

import pytest
from neo4j.exceptions import ClientError

from graph.errors import QueryTimeoutError
from graph.settings import Connection
from graph.store.database import Database

SLOW = "UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 0 RETURN count(x) AS n"


async def test_a_read_cannot_write(database: Database) -> None:
    with pytest.raises(ClientError) as refused:
        await database.read("CREATE (:Probe)")
    assert refused.value.code == "Neo.ClientError.Statement.AccessMode"
    assert await database.read("MATCH (n:Probe) RETURN count(n) AS n") == [{"n": 0}]


async def test_a_read_past_its_limit_is_stopped_by_the_server(connection: Connection) -> None:
    database = Database.connect(connection, timeout=0.5)
    try:
        with pytest.raises(QueryTimeoutError, match="longer than its time limit"):
            await database.read(SLOW)
        assert await database.read("RETURN 1 AS ok") == [{"ok": 1}]  # the session is usable
    finally:
        await database.close()


async def test_rows_come_back_as_python_values(database: Database) -> None:
    await database.write(
        "CREATE (:Probe {at: datetime('2025-03-18T21:00Z'), every: duration('PT6H')})"
    )
    [row] = await database.read(
        "MATCH (n:Probe) RETURN n, n.at AS at, n.every AS every, [1, 'a', null] AS mixed"
    )
    moment = dt.datetime(2025, 3, 18, 21, 0, tzinfo=dt.UTC)
    assert row["at"] == moment and row["every"] == "PT6H"
    assert row["n"] == {"at": moment, "every": "PT6H"}  # a node is its properties
    assert row["mixed"] == [1, "a", None]
    assert await database.read_list("UNWIND [3, 1, 2] AS x RETURN collect(x) AS rows") == [3, 1, 2]
