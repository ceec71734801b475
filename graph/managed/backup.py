"""A backup of the managed database in one file, and a restore from it: neo4j-admin's
`database dump` and `database load` (admin.py), which work only on a stopped server.

Refused, with nothing changed: an external Neo4j (NEO4J_URI: back it up with its own tools),
a running managed server (it holds the files open), a backup over an existing file and a
restore over a graph with data, unless forced. The dump is written beside its target under
another name and renamed when complete, so a failed backup leaves no half file; a restore
moves the database's folders aside first and puts them back when the load fails (neo4j-admin
empties the destination before it reads the archive: a file that is no backup would leave an
empty graph).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import LiteralString, cast

import neo4j

from graph.errors import BadInputError, ServerError
from graph.managed import server
from graph.managed.admin import run_admin
from graph.settings import Connection, ManagedServer
from graph.store.changes import restored
from graph.store.database import Database

NODES_BESIDES_CATEGORIES: LiteralString = """
MATCH (n) WHERE NOT n:TargetCategory RETURN count(n) AS nodes
"""


@dataclass(frozen=True)
class Archive:
    path: Path
    bytes: int
    seconds: float


def managed_and_stopped(connection: Connection, doing: str) -> ManagedServer:
    managed = connection.managed
    if managed is None:
        raise BadInputError(
            f"NEO4J_URI is set ({connection.uri}): {doing} works only on the Neo4j deedgraph "
            "manages (NEO4J_URI unset); use that server's own neo4j-admin or backup tools"
        )
    state = server.status(managed)
    if state.running:
        raise BadInputError(
            f"the managed Neo4j is running (pid {state.pid}): neo4j-admin cannot {doing} a "
            "database the server holds open. Stop it first (`deedgraph neo4j stop`, or end "
            "`deedgraph serve`), then start it again afterwards"
        )
    return managed


def store(managed: ManagedServer, database: str) -> Path:
    return managed.state_dir / "data" / "databases" / database


def backup(connection: Connection, target: Path, *, force: bool = False) -> Archive:
    """Dump the managed database into one file."""
    managed = managed_and_stopped(connection, "back up")
    if not store(managed, connection.database).exists():
        raise BadInputError(
            f"there is no database {connection.database!r} in {managed.state_dir} to back up"
        )
    if target.is_dir():
        raise BadInputError(f"{target} is a folder: name the backup file to write")
    if target.exists() and not force:
        raise BadInputError(f"{target} exists already: name another file, or pass --force")
    if not target.parent.is_dir():
        raise BadInputError(f"{target.parent} is not a folder: make it first")
    # --to-stdout would be simpler, but neo4j-admin writes its banner to standard output too.
    with tempfile.TemporaryDirectory(prefix=".deedgraph-backup-", dir=target.parent) as folder:
        arguments = [
            "database",
            "dump",
            f"--to-path={folder}",
            "--verbose",
            connection.database,
        ]
        seconds = run_admin(managed, arguments, "backup", "dump the database")
        os.replace(Path(folder) / f"{connection.database}.dump", target)
    return Archive(target, target.stat().st_size, seconds)


async def nodes_in(connection: Connection) -> int:
    """Nodes besides the target categories (which a new graph has), the server started
    for the count and stopped again."""
    assert connection.managed is not None
    server.start(connection.managed)
    try:
        database = Database.connect(connection, timeout=60)
        try:
            [row] = await database.read(NODES_BESIDES_CATEGORIES)
        finally:
            await database.close()
    finally:
        server.stop(connection.managed)
    return cast(int, row["nodes"])


async def restore(connection: Connection, source: Path, *, force: bool = False) -> Archive:
    """Replace the managed database with a backup; a graph with data only with `force`."""
    managed = managed_and_stopped(connection, "restore")
    if not source.is_file():
        raise BadInputError(f"{source} is not a backup file (`deedgraph backup FILE` makes one)")
    if store(managed, connection.database).exists() and not force:
        nodes = await nodes_in(connection)
        if nodes:
            raise BadInputError(
                f"the graph holds {nodes:,} node(s) besides the target categories: a restore "
                "replaces them all. Back them up first (`deedgraph backup FILE`), then pass "
                "--force to restore over them"
            )
    started = time.perf_counter()
    with put_back_on_failure(managed, connection.database), source.open("rb") as archive:
        arguments = [
            "database",
            "load",
            "--from-stdin",
            "--overwrite-destination=true",
            "--verbose",
            connection.database,
        ]
        try:
            run_admin(managed, arguments, "restore", f"load {source}", stdin=archive)
        except ServerError as error:
            raise ServerError(f"{error}; the graph is as it was") from None
    await log_restore(connection, source.name)
    return Archive(source, source.stat().st_size, time.perf_counter() - started)


async def log_restore(connection: Connection, source: str) -> None:
    """The restored log's new epoch and its restore change (changes.restored), the server
    started for them and stopped again: API workers still running drop the answers they
    kept, and subscribers are told."""
    assert connection.managed is not None
    server.start(connection.managed)
    try:
        database = Database.connect(connection, timeout=60)
        try:

            async def work(tx: neo4j.AsyncManagedTransaction) -> None:
                await restored(tx, source)

            await database.write_transaction(work)
        finally:
            await database.close()
    finally:
        server.stop(connection.managed)


@contextmanager
def put_back_on_failure(managed: ManagedServer, database: str) -> Iterator[None]:
    """The database's store and transaction logs moved aside for the work, and back in place
    when it fails or is interrupted; deleted when it succeeds."""
    data = managed.state_dir / "data"
    folders = [data / "databases" / database, data / "transactions" / database]
    moved: list[tuple[Path, Path]] = []
    for folder in folders:
        if folder.exists():
            kept = folder.with_name(f".{folder.name}.before-restore")
            shutil.rmtree(kept, ignore_errors=True)
            folder.rename(kept)
            moved.append((folder, kept))
    try:
        yield
    except BaseException:
        for folder, kept in moved:
            shutil.rmtree(folder, ignore_errors=True)
            kept.rename(folder)
        raise
    for _, kept in moved:
        shutil.rmtree(kept, ignore_errors=True)
