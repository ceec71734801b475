"""Unloading a source: exactly what its document contributed goes (graph/ingest/facts/
contributions.py), and the graph answers as if it had never been loaded. Facts only it
supported go; facts others support lose only its evidence and relationships; facts it defined
that others support pass to one of them; confirmations it made (SAME_AS) are undone; times
anchored on what went are derived again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString, TypedDict, cast

import neo4j

from graph.errors import NotFoundError
from graph.ingest.facts.contributions import clear, promote
from graph.ingest.facts.rederive import rederive
from graph.store.changes import Change, record
from graph.store.database import Database, run_in

LOADED: LiteralString = """
MATCH (s:Source {id: $document})
RETURN s.touched IS NOT NULL AS loaded, [(s)<-[:SUPPORTED_BY]-(n) | n.id][..1] AS cited
"""


class LoadedRow(TypedDict):
    loaded: bool
    cited: list[str]


# What the document alone supported has no evidence left once its own is taken back: it goes,
# unless another source still names it (an import's NAMED_IN). Its sources go when nothing
# cites them any more.
DROP_BARE: LiteralString = """
UNWIND $ids AS id
MATCH (n:Entity {id: id}) WHERE NOT n:Source AND NOT n:TargetCategory
  AND NOT EXISTS { (n)-[:SUPPORTED_BY|NAMED_IN]->(:Source) }
DETACH DELETE n
RETURN count(*) AS gone
"""
DROP_SOURCES: LiteralString = """
UNWIND $ids AS id
MATCH (s:Source {id: id})
WHERE (s.id = $document OR s.definedBy = $document) AND NOT EXISTS { (s)<--() }
DETACH DELETE s
"""


class GoneRow(TypedDict):
    gone: int


@dataclass(frozen=True)
class Unloaded:
    source: str
    touched: int  # facts the source defined or added to
    removed: int  # facts only it supported, now gone
    promoted: tuple[str, ...]  # facts it defined that another source now defines


async def unload(database: Database, document: str) -> Unloaded:
    """Take back everything the document contributed, in one transaction."""
    rows = cast(list[LoadedRow], await database.read(LOADED, document=document))
    if not rows:
        raise NotFoundError(f"no source with id {document!r}")
    if not rows[0]["loaded"]:
        raise NotFoundError(
            f"{document!r} is not the document of a loaded facts file (an import's dataset "
            "or an outside source is not unloaded this way)"
        )
    result: list[Unloaded] = []

    async def work(tx: neo4j.AsyncManagedTransaction) -> None:
        touched = await clear(tx, document, [], [document])
        gone = cast(list[GoneRow], await run_in(tx, DROP_BARE, ids=touched))
        await run_in(tx, DROP_SOURCES, ids=touched, document=document)
        promoted = await promote(tx, document)
        await rederive(tx, touched)
        removed = gone[0]["gone"] if gone else 0
        await record(tx, Change("unload", tuple(touched), (), document))
        result.append(Unloaded(document, len(touched), removed, tuple(promoted)))

    await database.write_transaction(work)
    return result[0]
