"""One async driver per process, and the only place queries are sent through it."""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, LiteralString, TypeVar, cast

import neo4j
import neo4j.graph
import neo4j.time
from neo4j.exceptions import (
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph.errors import QueryTimeoutError, UnavailableError
from graph.settings import Connection

T = TypeVar("T")
# What a query returns before its caller names the shape: each query module casts the rows
# to the TypedDict written beside its Cypher (e.g. AttackAfterRow in graph/queries/agreements.py).
Record = dict[str, object]

# Counts queries sent in the current context (one HTTP request, one CLI command): the N+1 guard.
query_counter: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "query_counter", default=None
)

BACKSTOP = 5.0  # seconds past a query's own limit before the client gives up on the server

TIMEOUT_CODES = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    # A transaction stopped by its timeout while waiting for a lock says this instead.
    "Neo.ClientError.Transaction.LockClientStopped",
)


PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def native(value: object) -> object:
    """Neo4j's temporal values as Python's; durations as ISO 8601 text; nodes and
    relationships as their properties. Exact type checks first: this runs on every value of
    every result (Record.data() does the same walk through slower abstract-class checks)."""
    kind = type(value)
    if kind in PLAIN_TYPES:
        return value
    if kind is dict:
        return {key: native(item) for key, item in cast(dict[str, object], value).items()}
    if kind is list:
        return [native(item) for item in cast(list[object], value)]
    if isinstance(value, (neo4j.graph.Node, neo4j.graph.Relationship)):
        return native(dict(value))
    if isinstance(value, neo4j.time.Duration):
        return value.iso_format()
    if isinstance(value, (neo4j.time.DateTime, neo4j.time.Date, neo4j.time.Time)):
        return value.to_native()
    return value


def native_record(record: neo4j.Record) -> Record:
    return {key: native(value) for key, value in zip(record.keys(), record, strict=True)}


def _count() -> None:
    counter = query_counter.get()
    if counter is not None:
        counter[0] += 1


def translate(error: Exception) -> Exception:
    """Turn driver errors that a user can act on into deedgraph's own."""
    if isinstance(error, ClientError) and error.code in TIMEOUT_CODES:
        return QueryTimeoutError("the query took longer than its time limit and was stopped")
    if isinstance(error, (ServiceUnavailable, SessionExpired)):
        return UnavailableError("the graph database is unavailable; try again shortly")
    if isinstance(error, DriverError) and not isinstance(error, Neo4jError):
        return UnavailableError("the graph database is unavailable; try again shortly")
    return error


@dataclass(frozen=True)
class PoolUse:
    in_use: int
    idle: int
    max_size: int


class Database:
    """Runs Cypher against one named database with a server-side time limit per query."""

    def __init__(self, driver: neo4j.AsyncDriver, database: str, timeout: float = 5.0) -> None:
        self.driver = driver
        self.database = database
        self.timeout = timeout

    @classmethod
    def connect(cls, connection: Connection, timeout: float = 5.0) -> Database:
        driver = neo4j.AsyncGraphDatabase.driver(
            connection.uri,
            auth=connection.auth,
            connection_acquisition_timeout=timeout,
            connection_timeout=min(timeout, 5.0),
            max_transaction_retry_time=timeout,
            # Queries name labels and types a graph may not have yet; the server's
            # notifications about them cost a log line each on every request.
            notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF,
        )
        return cls(driver, connection.database, timeout)

    async def close(self) -> None:
        await self.driver.close()

    async def ping(self, timeout: float = 2.0) -> bool:
        try:
            async with asyncio.timeout(timeout):
                await self.read("RETURN 1 AS ok")
        except Exception:  # anything at all means "not ready"
            return False
        return True

    def pool_use(self) -> PoolUse:
        """The driver's connections now. The driver keeps no public count: this reads its
        pool (neo4j 6.x: `_pool.connections`, address -> connections with `in_use`) and
        reports nothing in use if a later driver changes that."""
        pool = getattr(self.driver, "_pool", None)
        config = getattr(pool, "pool_config", None)
        max_size = int(getattr(config, "max_connection_pool_size", 0))
        in_use = idle = 0
        for connections in list(getattr(pool, "connections", {}).values()):
            for connection in list(connections):
                if getattr(connection, "in_use", False):
                    in_use += 1
                else:
                    idle += 1
        return PoolUse(in_use, idle, max_size)

    async def read(self, cypher: LiteralString, **params: Any) -> list[Record]:
        return await self._run(cypher, params, neo4j.RoutingControl.READ)

    async def read_list(self, cypher: LiteralString, **params: Any) -> list[object]:
        """The rows of a query that returns them all in one list: `RETURN collect(...) AS rows`.
        The driver spends about 50 µs on every record it receives, and next to nothing on
        each item of a list inside one record."""
        records = await self.read(cypher, **params)
        return cast(list[object], records[0]["rows"]) if records else []

    async def write(self, cypher: LiteralString, **params: Any) -> list[Record]:
        return await self._run(cypher, params, neo4j.RoutingControl.WRITE)

    async def _run(
        self, cypher: LiteralString, params: dict[str, Any], routing: neo4j.RoutingControl
    ) -> list[Record]:
        _count()
        try:
            # The server ends the query at its timeout; the client-side limit is a backstop
            # for a server that does not answer at all.
            async with asyncio.timeout(self.timeout + BACKSTOP):
                query = neo4j.Query(cypher, timeout=self.timeout)
                if routing is neo4j.RoutingControl.READ:
                    records = await self._auto_commit(query, params)
                else:  # a managed transaction: retried on deadlocks and other transient errors
                    records, _, _ = await self.driver.execute_query(
                        query, params, routing_=routing, database_=self.database
                    )
        except TimeoutError:
            raise QueryTimeoutError("the database did not answer within its time limit") from None
        except Exception as error:
            raise translate(error) from error
        return [native_record(record) for record in records]

    async def _auto_commit(self, query: neo4j.Query, params: dict[str, Any]) -> list[neo4j.Record]:
        """A read in one round trip: a managed transaction adds a COMMIT exchange (0.2 ms of
        a 0.7 ms lookup), and its retries are for the write conflicts a read cannot have."""
        async with self.driver.session(
            database=self.database, default_access_mode=neo4j.READ_ACCESS
        ) as session:
            result = await session.run(query, params)
            return [record async for record in result]

    async def write_transaction(
        self,
        work: Callable[[neo4j.AsyncManagedTransaction], Awaitable[T]],
        timeout: float | None = None,
    ) -> T:
        """Run several statements as one transaction: all of them land, or none."""

        # A wrapper carries the time limit, so the caller's function is not marked by it.
        @neo4j.unit_of_work(timeout=timeout or self.timeout)
        async def time_limited(tx: neo4j.AsyncManagedTransaction) -> T:
            return await work(tx)

        try:
            async with self.driver.session(database=self.database) as session:
                return await session.execute_write(time_limited)
        except Exception as error:
            raise translate(error) from error


async def run_in(
    tx: neo4j.AsyncManagedTransaction, cypher: LiteralString, **params: Any
) -> list[Record]:
    """Run one statement inside a transaction and fetch its rows."""
    _count()
    result = await tx.run(cypher, params)
    return [native_record(record) async for record in result]
