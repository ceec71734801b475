"""Importing GDELT event files through the shared pipeline (graph/ingest/datasets/pipeline.py):
GDELT brings its reader (records.py), its code tables (tables.py) and its resolver
(events.py); a newer DATEADDED replaces an older row of the same GLOBALEVENTID."""

from __future__ import annotations

from pathlib import Path

from graph.ingest.datasets.batch import Batcher
from graph.ingest.datasets.pipeline import Progress, Summary
from graph.ingest.datasets.write_online import import_online
from graph.ingest.gdelt.events import resolver
from graph.ingest.gdelt.records import GDELT_READER
from graph.store.database import Database


async def import_gdelt(
    database: Database,
    paths: list[Path],
    strict: bool = False,
    batch_size: int = 5000,
    progress: Progress | None = None,
) -> Summary:
    batcher = Batcher(await resolver(database))
    return await import_online(database, paths, GDELT_READER, batcher, strict, batch_size, progress)
