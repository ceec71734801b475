"""The change feed (graph/store/follow.py) across another log: after a backup is restored its
log numbers go back, and the feed still hands out the restore and what follows it."""

from __future__ import annotations

import asyncio

import neo4j

from graph.store import changes
from graph.store.changes import Change, record, restored
from graph.store.database import Database
from graph.store.follow import ChangeFeed


async def logged(database: Database, change: Change) -> int:
    async def work(tx: neo4j.AsyncManagedTransaction) -> int:
        return await record(tx, change)

    return await database.write_transaction(work)


async def test_a_restored_log_is_followed_from_its_restore(database: Database) -> None:
    for n in range(3):
        await logged(database, Change("put", (f"attack:{n}",), ("Attack",)))
    epoch, before = await changes.mark(database)
    feed = ChangeFeed(database, interval=0.05)
    stream = feed.follow()
    first = asyncio.ensure_future(anext(stream))
    await asyncio.sleep(0.3)  # the feed has joined and seen the log as it is
    # A backup taken at the first change, restored: its log, then the restore's change.
    await database.write(
        "MATCH (log:ChangeLog) SET log.seq = 1 WITH log MATCH (c:Change) WHERE c.seq > 1 "
        "DETACH DELETE c"
    )

    async def restore(tx: neo4j.AsyncManagedTransaction) -> int:
        return await restored(tx, "backup.dump")

    seq = await database.write_transaction(restore)
    assert seq == 2 < before  # numbers the feed has already seen, in another log
    new_epoch, _ = await changes.mark(database)
    assert new_epoch != epoch
    change = await asyncio.wait_for(first, 10)
    assert (change["operation"], change["seq"], change["source"]) == ("restore", 2, "backup.dump")
    await logged(database, Change("put", ("attack:after",), ("Attack",)))
    after = await asyncio.wait_for(anext(stream), 10)
    assert after["ids"] == ["attack:after"] and after["seq"] == 3
    await stream.aclose()  # type: ignore[attr-defined]
