"""One import pipeline for every dataset, by job:

- reading rows: each dataset's own reader (graph/ingest/acled/records.py,
  graph/ingest/gdelt/records.py) yields records or bad rows;
- resolving names: shared (gazetteer.py, roster.py), collected as additions (additions.py)
  and turned into batches of event rows (batch.py), in a child process reading ahead
  (read_ahead.py);
- writing online, in transactions (write_online.py, event_writes.py), or offline through neo4j-admin
  (offline/);
- telling problems once each, with a rejects file (problems.py).

This module holds what the writers share: the parse loop and the summary it counts into.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic

from graph.ingest.datasets.batch import Batch, Batcher, R
from graph.ingest.datasets.rows import BadRow
from graph.ingest.datasets.source_file import count_lines

Progress = Callable[[int, int, float], None]  # rows read, rows expected, seconds


@dataclass(frozen=True)
class Reader(Generic[R]):
    """A dataset's reading job: every row of a file in order, a record or a bad row (a file
    that cannot be read is one refused bad row)."""

    read: Callable[[Path], Iterator[R | BadRow]]
    header: bool  # the first line names the columns (progress counts the lines after it)
    columns: Callable[[Path], list[str]]  # the column names --rejects writes


@dataclass
class Parsed:
    """What the reader made of a stretch of rows: a batch to write, and the rest counted."""

    rows: int
    batch: Batch
    bad: list[tuple[Path, BadRow]]


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

    def take(self, part: Parsed) -> None:
        """Count a parsed stretch, whichever writer writes it."""
        self.rows += part.rows
        self.bad.extend(part.bad)
        additions = part.batch.additions
        self.places += len(additions.places)
        self.actors += len(additions.actors)
        self.resolutions += len(additions.resolutions)
        events = (row for rows in part.batch.events.values() for row in rows)
        self.targets += sum(len(row["targets"]) for row in events)


def parse(
    paths: list[Path], reader: Reader[R], batch_size: int, batcher: Batcher[R]
) -> Iterator[Parsed]:
    for path in paths:
        records: list[R] = []
        rows = 0
        bad: list[tuple[Path, BadRow]] = []
        for item in reader.read(path):
            if isinstance(item, BadRow):
                bad.append((path, item))
                rows += not item.refused
            else:
                rows += 1
                records.append(item)
                if len(records) == batch_size:
                    yield Parsed(rows, batcher.batch(records), bad)
                    records, rows, bad = [], 0, []
        if rows or bad:
            yield Parsed(rows, batcher.batch(records), bad)


def count_rows(paths: list[Path], header: bool = True) -> int:
    """Data rows to expect, for progress (quoted line breaks make it an upper bound)."""
    return sum(count_lines(path, header) for path in paths)


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
