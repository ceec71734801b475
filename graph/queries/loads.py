"""The sources most recently loaded or imported, read from the change log
(graph/store/changes.py): each source's latest load, submitted document or import, newest
first, leaving out a source unloaded since and one whose node is gone. The log keeps the last
10,000 changes, so a source loaded long ago and never since drops out of the list."""

from __future__ import annotations

import datetime as dt
from typing import LiteralString, TypedDict, cast

from graph.store.database import Database

# What brings a whole source in: `deedgraph load` and a seed (load), submitFacts over the API
# (submit_facts), a dataset import (import). Single facts put over the API add to a source but
# do not load it.
LOADS = ("load", "submit_facts", "import")

RECENT: LiteralString = """
MATCH (c:Change)
WHERE c.source IS NOT NULL AND c.operation IN $operations
WITH c.source AS id, max(c.seq) AS seq
WHERE NOT EXISTS {
  MATCH (u:Change) WHERE u.source = id AND u.operation = 'unload' AND u.seq > seq
}
MATCH (s:Source {id: id})
MATCH (c:Change {seq: seq})
RETURN id, c.seq AS seq, c.at AS at, c.operation AS operation, c.count AS count
ORDER BY seq DESC
LIMIT $first
"""


class LoadRow(TypedDict):
    id: str  # the source's id
    seq: int  # the change's number: later loads have higher ones
    at: dt.datetime  # when the load committed (UTC)
    operation: str  # load, submit_facts or import
    count: int  # how many ids the load wrote or changed


async def recently_loaded(database: Database, first: int) -> list[LoadRow]:
    """Query.recentlyLoaded: the `first` sources whose latest load or import is newest,
    newest first, from the change log (one read)."""
    return cast(list[LoadRow], await database.read(RECENT, operations=list(LOADS), first=first))
