"""The change log: every write (a load, an unload, an import, a mutation, a retraction, a
restore) records one Change in its own transaction, numbered in commit order. Readers that
keep state across requests follow it: a response cache drops what is older than the last
change it saw, and subscriptions stream what was added, changed or retracted. Because the log
lives in Neo4j, writes made by another process (the command line, another API worker) are
seen the same way.

Changes are numbered through one ChangeLog node that every write locks for the moment of its
increment: writes are rare beside reads, and the order is what readers need."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import LiteralString, TypedDict, cast

import neo4j

from graph.store.database import Database, run_in

# The ids a change names, at most: an import of a million rows says how many, not which.
MOST_IDS = 1000
# Changes kept: readers far behind start again from the present.
KEPT = 10_000

RECORD: LiteralString = """
MERGE (log:ChangeLog {key: 'changes'})
ON CREATE SET log.epoch = randomUUID()
SET log.seq = coalesce(log.seq, 0) + 1
CREATE (c:Change {seq: log.seq, at: datetime(), operation: $operation, ids: $ids,
                  kinds: $kinds, count: $count, source: $source})
WITH log
OPTIONAL MATCH (old:Change) WHERE old.seq <= log.seq - $kept
DETACH DELETE old
RETURN log.seq AS seq
"""

LATEST: LiteralString = "OPTIONAL MATCH (log:ChangeLog {key: 'changes'}) RETURN log.seq AS seq"
# A log made again (the graph emptied, then written) numbers its changes from 1 again: its
# epoch tells its numbers from the old log's.
MARK: LiteralString = (
    "OPTIONAL MATCH (log:ChangeLog {key: 'changes'}) RETURN log.epoch AS epoch, log.seq AS seq"
)

# A restored backup brings its log back, numbers and epoch included: a reader that kept an
# answer numbered after the backup was taken would take the restored log's next changes for
# the ones it saw. The restore gives the log a new epoch, and logs itself.
RENEW: LiteralString = """
MERGE (log:ChangeLog {key: 'changes'})
SET log.epoch = randomUUID()
"""
# The last restore in the log (0 when there was none).
LAST_RESTORE: LiteralString = """
OPTIONAL MATCH (c:Change) WHERE c.operation = 'restore'
RETURN coalesce(max(c.seq), 0) AS seq
"""

SINCE: LiteralString = """
MATCH (c:Change) WHERE c.seq > $after
RETURN c.seq AS seq, c.at AS at, c.operation AS operation, c.ids AS ids, c.kinds AS kinds,
       c.count AS count, c.source AS source
ORDER BY c.seq
LIMIT $limit
"""


class SeqRow(TypedDict):
    seq: int | None


class MarkRow(TypedDict):
    epoch: str | None
    seq: int | None


class ChangeRow(TypedDict):
    seq: int
    at: dt.datetime
    operation: str  # 'load', 'unload', 'import', 'put', 'retract', 'restore', ...
    ids: list[str]  # at most MOST_IDS of them
    kinds: list[str]  # the labels of what changed: Attack, Statement, ...
    count: int  # how many ids changed in all
    source: str | None  # the document or dataset, when one did it


@dataclass(frozen=True)
class Change:
    operation: str
    ids: tuple[str, ...]
    kinds: tuple[str, ...]
    source: str | None = None


async def record(tx: neo4j.AsyncManagedTransaction, change: Change) -> int:
    """Log the change in the write's transaction: seen when, and only when, it commits."""
    rows = cast(
        list[SeqRow],
        await run_in(
            tx,
            RECORD,
            operation=change.operation,
            ids=list(change.ids[:MOST_IDS]),
            kinds=sorted(set(change.kinds)),
            count=len(change.ids),
            source=change.source,
            kept=KEPT,
        ),
    )
    return int(rows[0]["seq"] or 0)


async def restored(tx: neo4j.AsyncManagedTransaction, source: str | None) -> int:
    """A restore's change: the log's new epoch, and the change itself."""
    await run_in(tx, RENEW)
    return await record(tx, Change("restore", (), (), source))


async def last_restore(database: Database) -> int:
    rows = cast(list[SeqRow], await database.read(LAST_RESTORE))
    return int(rows[0]["seq"] or 0)


async def latest(database: Database) -> int:
    """The number of the last change committed (0 before any)."""
    rows = cast(list[SeqRow], await database.read(LATEST))
    return int(rows[0]["seq"] or 0) if rows else 0


async def mark(database: Database) -> tuple[str | None, int]:
    """The log's epoch and the number of its last change: unlike the number alone, never the
    same for two different states of the log (a restored backup's log gets a new epoch)."""
    rows = cast(list[MarkRow], await database.read(MARK))
    return (rows[0]["epoch"], int(rows[0]["seq"] or 0)) if rows else (None, 0)


async def since(database: Database, after: int, limit: int = 100) -> list[ChangeRow]:
    """The changes committed after `after`, oldest first."""
    return cast(list[ChangeRow], await database.read(SINCE, after=after, limit=limit))
