"""Reading ahead of the writer: a child process parses and resolves the next batches while
Neo4j writes earlier ones (write_online.py), or while offline/files.py writes them as CSV.

A process, not a thread: parsing and resolving cost about 90 µs a row, and in a thread that
time was taken from the driver, which waited for the interpreter lock while Neo4j waited for
the next batch (100,000 rows: 34 s with a thread; the writes alone took 24 s).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import multiprocessing.queues
import pickle
import queue
from collections.abc import AsyncIterator, Iterator
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, TypeVar, cast

T = TypeVar("T")
POLL = 1.0  # seconds between checks that the reader is still alive


if TYPE_CHECKING:
    # Items, the error that stopped the reader, or None at the end.
    Handoff = multiprocessing.queues.Queue[object]


def produce(items: Iterator[object], handoff: Handoff) -> None:
    """In the child: hand each item over, then None; or the error that stopped it."""
    try:
        for item in items:
            handoff.put(item)
        handoff.put(None)
    except BaseException as error:
        try:
            pickle.dumps(error)
        except Exception:  # an error that cannot cross processes is told in words
            error = RuntimeError(f"{type(error).__name__}: {error}")
        handoff.put(error)


def take(handoff: Handoff, child: BaseProcess) -> object:
    """The next item (None at the end), waiting while the reader lives."""
    while True:
        try:
            item = handoff.get(timeout=POLL)
        except queue.Empty:
            if not child.is_alive():
                message = f"the reader process ended (exit code {child.exitcode})"
                raise RuntimeError(message) from None
            continue
        if isinstance(item, BaseException):
            raise item
        return item


async def read_ahead(items: Iterator[T], depth: int = 2) -> AsyncIterator[T]:
    """Yield the items, produced in a child process up to `depth` ahead. The child is forked,
    so it starts with the parent's resolvers as they are; `items` must not be started yet."""
    context = multiprocessing.get_context("fork")
    handoff: Handoff = context.Queue(maxsize=depth)
    child = context.Process(target=produce, args=(items, handoff), name="import-reader")
    child.daemon = True
    child.start()
    try:
        while (item := await asyncio.to_thread(take, handoff, child)) is not None:
            yield cast(T, item)
    finally:
        if child.is_alive():
            child.terminate()
        child.join(timeout=10)
        handoff.close()
