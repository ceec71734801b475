"""Writing offline (`deedgraph import acled --bulk`): a dataset's files into an EMPTY managed
database through neo4j-admin's offline importer, giving the graph the online import would
(graph/ingest/datasets/write_online.py).

Rows are parsed and resolved as online (the same reader and Batcher, in a child process
reading ahead), written as CSV files (files.py, tables.py), and imported with the server
stopped (admin.py); finish.py completes the graph after.
Then the server starts, the lists the importer cannot store empty are set, and the schema is
created. A running server is stopped and started again; a stopped one is left stopped.
Nothing changes when the graph holds data, when the database is not the managed one, or when
a row is bad under --strict.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import LiteralString, cast

from graph.errors import BadInputError, ServerError
from graph.ingest.datasets.batch import Batcher, R, Resolver
from graph.ingest.datasets.offline.admin import plain_path, run_import
from graph.ingest.datasets.offline.files import Files
from graph.ingest.datasets.offline.finish import READY, complete_graph
from graph.ingest.datasets.pipeline import (
    Progress,
    Reader,
    Summary,
    count_rows,
    fewer_collections,
    parse,
)
from graph.ingest.datasets.problems import RowsRejected
from graph.ingest.datasets.read_ahead import read_ahead
from graph.managed import server
from graph.settings import Connection, ManagedServer
from graph.store.database import Database

NOT_CATEGORIES: LiteralString = """
MATCH (n) WHERE NOT n:TargetCategory RETURN count(n) AS nodes
"""


@dataclass
class BulkSummary(Summary):
    phases: dict[str, float] = field(default_factory=dict)  # seconds, by step


Say = Callable[[str], None]


def quiet(message: str) -> None:
    pass


def managed_only(connection: Connection) -> ManagedServer:
    if connection.managed is None:
        raise BadInputError(
            f"NEO4J_URI is set ({connection.uri}): --bulk writes the database's files with "
            "neo4j-admin, so it works only on the Neo4j deedgraph manages (NEO4J_URI unset); "
            "import without --bulk to add the rows to that server"
        )
    return connection.managed


async def nodes_besides_categories(connection: Connection) -> int:
    database = Database.connect(connection, timeout=60)
    try:
        await database.write(READY)
        [row] = await database.read(NOT_CATEGORIES)
        return cast(int, row["nodes"])
    finally:
        await database.close()


async def refuse_unless_empty(connection: Connection) -> None:
    nodes = await nodes_besides_categories(connection)
    if nodes:
        raise BadInputError(
            f"the graph already holds {nodes:,} node(s) besides the target categories: --bulk "
            "only loads an empty graph (it replaces the database's files); an import without "
            "--bulk adds the rows to a graph that has data"
        )


async def check_empty(connection: Connection, managed: ManagedServer, running: bool) -> None:
    """Refuse a graph with data; a stopped server with a database is started to look."""
    store = managed.state_dir / "data" / "databases" / connection.database
    if running:
        await refuse_unless_empty(connection)
    elif store.exists():
        server.start(managed)
        try:
            await refuse_unless_empty(connection)
        finally:
            server.stop(managed)


async def write_files(
    folder: Path,
    paths: list[Path],
    reader: Reader[R],
    resolver: Resolver[R],
    batch_size: int,
    summary: Summary,
    progress: Progress | None,
) -> Files:
    """Parse, resolve and write every row; the files, closed and final."""
    started = time.perf_counter()
    total = count_rows(paths, reader.header)
    files = Files(folder)
    try:
        with fewer_collections():
            batcher = Batcher(resolver)
            async for part in read_ahead(parse(paths, reader, batch_size, batcher)):
                summary.take(part)
                files.add(part.batch)
                if progress:
                    seconds = time.perf_counter() - started
                    progress(summary.rows, max(total, summary.rows), seconds)
    finally:
        files.close()
    files.finish()
    return files


async def bulk_import(
    connection: Connection,
    paths: list[Path],
    reader: Reader[R],
    resolver: Callable[[], Resolver[R]],
    strict: bool = False,
    batch_size: int = 5000,
    progress: Progress | None = None,
    say: Say = quiet,
) -> BulkSummary:
    """`resolver` makes the dataset's resolver for an empty graph (no queries: the graph is
    checked to be empty first)."""
    managed = managed_only(connection)
    running = server.status(managed).running
    summary = BulkSummary()
    began = time.perf_counter()

    def lap(step: str, since: float) -> float:
        now = time.perf_counter()
        summary.phases[step] = summary.phases.get(step, 0.0) + now - since
        return now

    await check_empty(connection, managed, running)
    mark = lap("check", began)
    managed.state_dir.mkdir(parents=True, exist_ok=True)
    parent = managed.state_dir if plain_path(managed.state_dir) else None
    with tempfile.TemporaryDirectory(prefix="deedgraph-bulk-", dir=parent) as folder:
        files = await write_files(
            Path(folder), paths, reader, resolver(), batch_size, summary, progress
        )
        summary.written = files.written.events
        summary.stale = summary.imported - summary.written
        mark = lap("parse and write CSV", mark)
        if strict and summary.bad:
            raise RowsRejected(summary.bad)
        if summary.written:
            if running:  # written meanwhile, through the API say
                await refuse_unless_empty(connection)
                say("stopping Neo4j for the offline import")
                server.stop(managed)
            mark = lap("stop", mark)
            await offline_import(connection, managed, files, Path(folder), running, say)
            mark = lap("neo4j-admin", mark)
            say("starting Neo4j")
            server.start(managed)
            mark = lap("start", mark)
            say("setting empty lists, creating constraints and indexes")
            await complete_graph(connection, files, summary.phases)
            if not running:  # left as it was found
                mark = time.perf_counter()
                server.stop(managed)
                lap("stop", mark)
    summary.seconds = time.perf_counter() - began
    return summary


async def offline_import(
    connection: Connection,
    managed: ManagedServer,
    files: Files,
    folder: Path,
    running: bool,
    say: Say,
) -> None:
    """neo4j-admin, and when it fails: an empty database again (a failed import leaves its
    files unusable), the server as it was, and the reason."""
    say(f"neo4j-admin: importing {sum(t.lines for t in files.tables):,} lines of CSV")
    nodes, relationships = list(files.nodes.values()), list(files.relationships.values())
    try:
        run_import(managed, connection.database, nodes, relationships, folder)
    except BaseException as error:
        reason = str(error) if isinstance(error, ServerError) else "interrupted"
        try:
            categories = [files.nodes["categories"]]
            run_import(managed, connection.database, categories, [], folder, "bulk-restore")
            server.start(managed)
            await complete_graph(connection, None, {})
            if not running:
                server.stop(managed)
        except Exception as again:
            raise ServerError(
                f"{reason}; restoring an empty database failed too: {again}"
            ) from None
        if isinstance(error, ServerError):
            raise ServerError(f"{reason}; the graph is empty, as it was before") from None
        raise
