"""After neo4j-admin has imported and the server has started again: the lists the importer
cannot store empty, then the constraints, indexes and target categories every deedgraph graph
has (graph/store/constraints.py), their indexes populated before it returns."""

from __future__ import annotations

import time
from typing import LiteralString

import neo4j

from graph.ingest.datasets.offline.files import Files
from graph.settings import Connection
from graph.store.changes import Change, record
from graph.store.constraints import STATEMENTS, create_schema
from graph.store.database import Database

SECONDS = 3600.0  # index population and the list fix-ups run for minutes on millions of rows
AWAIT_INDEXES: LiteralString = "CALL db.awaitIndexes(3600)"
# Bolt answers before a large database is open: a write is retried while it is unavailable.
READY: LiteralString = "RETURN 1 AS ready"
# The importer drops a property whose list is empty; the online import writes these lists on
# every node or relationship of their kind, so a missing one is an empty one.
EMPTY_LISTS: dict[tuple[str, str], LiteralString] = {
    ("events", "tags"): """
MATCH (n:Attack|Interception|Agreement|Event) WHERE n.tags IS NULL
CALL (n) { SET n.tags = [] } IN TRANSACTIONS OF 20000 ROWS""",
    ("targets", "evidenceQuotes"): """
MATCH (n:Target) WHERE n.evidenceQuotes IS NULL
CALL (n) { SET n.evidenceQuotes = [] } IN TRANSACTIONS OF 20000 ROWS""",
    ("figures", "evidenceQuotes"): """
MATCH (n:Figure) WHERE n.evidenceQuotes IS NULL
CALL (n) { SET n.evidenceQuotes = [] } IN TRANSACTIONS OF 20000 ROWS""",
    ("supported", "quotes"): """
MATCH ()-[r:SUPPORTED_BY]->() WHERE r.quotes IS NULL
CALL (r) { SET r.quotes = [] } IN TRANSACTIONS OF 20000 ROWS""",
    ("parties", "quotes"): """
MATCH ()-[r:HAS_PARTY]->() WHERE r.quotes IS NULL
CALL (r) { SET r.quotes = [] } IN TRANSACTIONS OF 20000 ROWS""",
}


async def complete_graph(
    connection: Connection, files: Files | None, phases: dict[str, float]
) -> None:
    """After the import: the empty lists, then the schema as every import creates it."""
    database = Database.connect(connection, timeout=SECONDS)
    try:
        await database.write(READY)
        started = time.perf_counter()
        for table in files.tables if files else []:
            for column in sorted(table.empty_lists):
                await run_auto_commit(database, EMPTY_LISTS[(table.name, column)])
        phases["empty lists"] = (middle := time.perf_counter()) - started
        for statement in STATEMENTS:
            await database.write(statement)
        await database.write(AWAIT_INDEXES)
        await create_schema(database)
        phases["schema"] = time.perf_counter() - middle

        if files is not None:  # an import that landed (a failed one leaves the graph empty)
            # A bulk import fills an empty graph: one change tells whoever follows the log.
            dataset = files.dataset or None

            async def log(tx: neo4j.AsyncManagedTransaction) -> None:
                kinds = ("Attack", "Event", "Statement", "Agreement")
                await record(tx, Change("import", (), kinds, dataset))

            await database.write_transaction(log)
    finally:
        await database.close()


async def run_auto_commit(database: Database, cypher: LiteralString) -> None:
    """CALL { ... } IN TRANSACTIONS runs only outside an explicit transaction."""
    async with database.driver.session(database=database.database) as session:
        result = await session.run(neo4j.Query(cypher, timeout=SECONDS))
        await result.consume()
