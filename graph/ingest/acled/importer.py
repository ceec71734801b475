"""Import ACLED exports: a newer `timestamp` replaces an older row of the same event.

Reading and writing overlap: a child process parses and resolves the next batches while Neo4j
writes earlier ones (graph/ingest/acled/reader.py, writing.py).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import neo4j

from graph.ingest.acled.batch import Batch, Batcher, Resolver
from graph.ingest.acled.gazetteer import Gazetteer
from graph.ingest.acled.pending import Pending
from graph.ingest.acled.problems import RowsRejected
from graph.ingest.acled.reader import read_ahead
from graph.ingest.acled.records import read
from graph.ingest.acled.roster import Roster
from graph.ingest.acled.rows import BadRow, Event
from graph.ingest.acled.source_file import count_lines
from graph.ingest.acled.writing import Writers, write_batch
from graph.ingest.resolve.actors import Actors
from graph.ingest.resolve.places import default_places
from graph.ingest.resolve.targets import default_rules
from graph.store.database import Database


@dataclass
class Summary:
    rows: int = 0
    written: int = 0
    stale: int = 0
    places: int = 0  # created: the graph had no node for them
    actors: int = 0
    resolutions: int = 0  # names from the file tied to a node, each with how
    targets: int = 0  # inferred from the notes
    bad: list[tuple[Path, BadRow]] = field(default_factory=list)  # refused files too
    seconds: float = 0.0

    @property
    def rejected(self) -> int:
        """Bad rows, not counting files refused whole."""
        return sum(1 for _, row in self.bad if not row.refused)

    @property
    def refused(self) -> list[Path]:
        """Files that are not exports, or could not be read to the end."""
        return [path for path, row in self.bad if row.refused]

    @property
    def imported(self) -> int:
        """Rows that became events, written or older than the graph's."""
        return self.rows - self.rejected

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


@dataclass
class Parsed:
    """What the reader made of a stretch of rows: a batch to write, and the rest counted."""

    rows: int
    batch: Batch
    bad: list[tuple[Path, BadRow]]


def parse(paths: list[Path], batch_size: int, batcher: Batcher) -> Iterator[Parsed]:
    for path in paths:
        events: list[Event] = []
        rows = 0
        bad: list[tuple[Path, BadRow]] = []
        for item in read(path):
            if isinstance(item, BadRow):
                bad.append((path, item))
                rows += not item.refused
            else:
                rows += 1
                events.append(item)
                if len(events) == batch_size:
                    yield Parsed(rows, batcher.batch(events), bad)
                    events, rows, bad = [], 0, []
        if rows or bad:
            yield Parsed(rows, batcher.batch(events), bad)


async def resolver(database: Database) -> Resolver:
    """Resolution against what the graph holds now: two queries, before the first row."""
    pending = Pending()
    places = default_places()
    gazetteer = Gazetteer(places, pending)
    await gazetteer.load(database)
    roster = Roster(Actors(), places, gazetteer)
    await roster.load(database)
    return Resolver(gazetteer, roster, default_rules())


def count_rows(paths: list[Path]) -> int:
    """Data rows to expect, for progress (quoted line breaks make it an upper bound)."""
    return sum(count_lines(path) for path in paths)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Parsing makes millions of small dicts that live for one batch; at the cyclic
    collector's default thresholds, rescanning them took a fifth of the parse time."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 50)
    try:
        yield
    finally:
        gc.set_threshold(*before)


async def import_acled(
    database: Database,
    paths: list[Path],
    strict: bool = False,
    batch_size: int = 5000,
    progress: Callable[[int, int, float], None] | None = None,
) -> Summary:
    with fewer_collections():
        return await _import(database, paths, strict, batch_size, progress)


async def _import(
    database: Database,
    paths: list[Path],
    strict: bool,
    batch_size: int,
    progress: Callable[[int, int, float], None] | None,
) -> Summary:
    summary = Summary()
    started = time.perf_counter()
    total = count_rows(paths)
    batcher = Batcher(await resolver(database))

    def take(part: Parsed) -> None:
        summary.rows += part.rows
        summary.bad.extend(part.bad)
        shared = part.batch.shared
        summary.places += len(shared.places)
        summary.actors += len(shared.actors)
        summary.resolutions += len(shared.resolutions)
        events = (row for rows in part.batch.events.values() for row in rows)
        summary.targets += sum(len(row["targets"]) for row in events)

    def report() -> None:
        if progress:
            progress(summary.rows, max(total, summary.rows), time.perf_counter() - started)

    if strict:  # all or nothing: every row read first, every batch in one transaction
        parts = list(parse(paths, batch_size, batcher))
        for part in parts:
            take(part)
        if summary.bad:
            raise RowsRejected(summary.bad)

        async def everything(tx: neo4j.AsyncManagedTransaction) -> int:
            return sum([await write_batch(tx, part.batch) for part in parts])

        summary.written = await database.write_transaction(everything)
        report()
    else:
        writers = Writers(database)
        try:
            async for part in read_ahead(parse(paths, batch_size, batcher)):
                take(part)
                if len(part.batch):
                    summary.written += await writers.write(part.batch)
                report()
        except BaseException:
            await writers.abandon()
            raise
        summary.written += await writers.finish()
    summary.stale = summary.imported - summary.written
    summary.seconds = time.perf_counter() - started
    return summary
