"""Importing ACLED exports through the shared pipeline (graph/ingest/datasets/pipeline.py):
ACLED brings its reader (records.py) and its resolver (events.py); a newer `timestamp`
replaces an older row of the same event."""

from __future__ import annotations

from pathlib import Path

from graph.ingest.acled.events import empty_graph_resolver, resolver
from graph.ingest.acled.records import ACLED_READER
from graph.ingest.datasets.batch import Batcher
from graph.ingest.datasets.offline import BulkSummary, Say, bulk_import, quiet
from graph.ingest.datasets.pipeline import Progress, Summary
from graph.ingest.datasets.write_online import import_online
from graph.settings import Connection
from graph.store.database import Database


async def import_acled(
    database: Database,
    paths: list[Path],
    strict: bool = False,
    batch_size: int = 5000,
    progress: Progress | None = None,
) -> Summary:
    batcher = Batcher(await resolver(database))
    return await import_online(database, paths, ACLED_READER, batcher, strict, batch_size, progress)


async def bulk_import_acled(
    connection: Connection,
    paths: list[Path],
    strict: bool = False,
    batch_size: int = 5000,
    progress: Progress | None = None,
    say: Say = quiet,
) -> BulkSummary:
    return await bulk_import(
        connection, paths, ACLED_READER, empty_graph_resolver, strict, batch_size, progress, say
    )
