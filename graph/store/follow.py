"""Following the change log (graph/store/changes.py) for live subscribers: one poller per
process, running only while someone listens, asks Neo4j one cheap question every interval
(`since(last seen)`: an index seek on Change.seq that usually returns nothing) and hands
each committed change to every subscriber whose filters it passes.

A subscriber hears only of changes committed after it joined: the poller's position when
it joins (read from the log first if the poller was idle). Because the log is written in
the write's own transaction, a change is heard after its write has committed, never before,
whichever process wrote it.

Filters: `kinds` keeps changes that touched one of those labels; `within` keeps the ids
located in a place or a place inside it (a change with none of them is not sent),
asked in one query per batch for every watched place at once (graph/queries/placed.py).

A subscriber that falls behind by more than QUEUE changes is ended with SubscriberLagging
rather than holding changes in memory without bound."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from graph.errors import DeedgraphError
from graph.queries import placed
from graph.store import changes
from graph.store.changes import ChangeRow
from graph.store.database import Database

logger = logging.getLogger("deedgraph.follow")

BATCH = 20  # changes read per poll (each names at most changes.MOST_IDS ids)
QUEUE = 200  # changes a subscriber may have waiting before it is ended


class SubscriberLagging(DeedgraphError):
    """The subscriber did not take its changes fast enough; it may subscribe again."""

    code = "LAGGING"


@dataclass(eq=False)
class Subscriber:
    kinds: frozenset[str] | None
    within: str | None
    queue: asyncio.Queue[ChangeRow | None] = field(
        default_factory=lambda: asyncio.Queue(maxsize=QUEUE)
    )
    lagging: bool = False

    def offer(self, change: ChangeRow) -> None:
        try:
            self.queue.put_nowait(change)
        except asyncio.QueueFull:
            self.lagging = True
            self.queue.get_nowait()  # room for the end marker
            self.queue.put_nowait(None)


def narrowed(
    change: ChangeRow, subscriber: Subscriber, placed_ids: set[str] | None
) -> ChangeRow | None:
    """The change as this subscriber sees it, or None when its filters leave nothing."""
    kinds = subscriber.kinds
    if kinds is not None and not kinds.intersection(change["kinds"]):
        return None
    if placed_ids is None:
        return change
    ids = [id for id in change["ids"] if id in placed_ids]
    if not ids:
        return None
    return {**change, "ids": ids, "count": len(ids)}


class ChangeFeed:
    """The process's one poller and its subscribers."""

    def __init__(self, database: Database, interval: float = 0.3) -> None:
        self.database = database
        self.interval = interval
        self.subscribers: set[Subscriber] = set()
        self.seen = 0
        self.epoch: str | None = None  # of the log `seen` numbers a change in
        self.task: asyncio.Task[None] | None = None
        self.lock = asyncio.Lock()
        self.polls = 0  # questions asked of the log, for tests and metrics

    async def join(self, kinds: frozenset[str] | None, within: str | None) -> Subscriber:
        async with self.lock:
            if self.task is None or self.task.done():
                self.epoch, self.seen = await changes.mark(self.database)
                # A context of its own: the poller's queries are no request's.
                self.task = asyncio.create_task(self.poll(), context=contextvars.Context())
            subscriber = Subscriber(kinds, within)
            self.subscribers.add(subscriber)
            return subscriber

    async def leave(self, subscriber: Subscriber) -> None:
        async with self.lock:
            self.subscribers.discard(subscriber)
            if not self.subscribers and self.task is not None:
                self.task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self.task
                self.task = None

    async def follow(
        self, kinds: frozenset[str] | None = None, within: str | None = None
    ) -> AsyncIterator[ChangeRow]:
        """The changes committed from now on that pass the filters, as they come."""
        subscriber = await self.join(kinds, within)
        try:
            while True:
                change = await subscriber.queue.get()
                if change is None:
                    raise SubscriberLagging(
                        f"more than {QUEUE} changes were waiting for this subscription; "
                        "subscribe again (and read what was missed through the lists)"
                    )
                yield change
        finally:
            await self.leave(subscriber)

    async def poll(self) -> None:
        backoff = self.interval
        while True:
            await asyncio.sleep(backoff)
            try:
                found = await self.step()
            except Exception as error:  # Neo4j away: keep trying, more slowly
                logger.warning("following the change log failed: %s", error)
                backoff = min(backoff * 2, 10.0)
                continue
            backoff = 0.0 if found == BATCH else self.interval  # more waiting: read on

    async def step(self) -> int:
        """Read one batch after what was seen, and hand it out; returns how many were read."""
        self.polls += 1
        epoch, _ = await changes.mark(self.database)
        if epoch != self.epoch:
            # Another log: a backup restored (its numbers went back; the restore's change is
            # the first to hand out) or the graph emptied and written again (from its start).
            self.seen = max(await changes.last_restore(self.database) - 1, 0)
            self.epoch = epoch
        batch = await changes.since(self.database, self.seen, BATCH)
        if not batch:
            return 0
        listening = list(self.subscribers)
        places = sorted({s.within for s in listening if s.within is not None})
        inside: dict[str, set[str]] = {}
        if places:
            ids = list(dict.fromkeys(id for change in batch for id in change["ids"]))
            inside = await placed.inside(self.database, ids, places)
        for change in batch:
            for subscriber in listening:
                there = None if subscriber.within is None else inside.get(subscriber.within, set())
                seen = narrowed(change, subscriber, there)
                if seen is not None and not subscriber.lagging:
                    subscriber.offer(seen)
        self.seen = batch[-1]["seq"]
        return len(batch)
