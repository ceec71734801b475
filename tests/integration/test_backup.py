"""`deedgraph backup` and `restore` through the real CLI, on a managed Neo4j of their own: the
graph comes back exactly, and every refusal (a running server, an external one, a graph with
data, a file that is no backup) changes nothing."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from graph.managed import server
from graph.settings import Connection, ManagedServer
from graph.store import changes
from graph.store.constraints import create_schema
from graph.store.database import Database
from tests.integration.conftest import SEED
from tests.integration.test_loader import snapshot
from tests.support import DEEDGRAPH, free_port, managed_env, managed_server

pytestmark = pytest.mark.slow  # starts and stops Neo4j servers of its own

Snapshot = tuple[list[Any], list[Any]]


def cli(managed: ManagedServer, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = managed_env(managed, **env)
    return subprocess.run(
        [DEEDGRAPH, *args], env=environment, capture_output=True, text=True, timeout=600
    )


def connection_to(managed: ManagedServer) -> Connection:
    return Connection(uri=managed.uri, user=None, password=None, database="neo4j", managed=managed)


async def graph_of(managed: ManagedServer) -> Snapshot:
    """The graph of a stopped server, started to look and stopped again."""
    server.start(managed)
    try:
        database = Database.connect(connection_to(managed), timeout=60)
        try:
            return await snapshot(database)
        finally:
            await database.close()
    finally:
        server.stop(managed)


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ManagedServer]:
    """A managed Neo4j holding the seed report, running."""
    managed = managed_server(tmp_path_factory.mktemp("original"))
    server.start(managed)
    try:
        result = cli(managed, "load", str(SEED))
        assert result.returncode == 0, result.stderr
        yield managed
    finally:
        server.stop(managed)


@pytest.fixture(scope="module")
async def seed_graph(original: ManagedServer) -> Snapshot:
    """The original's graph, read while it runs (each start costs seconds)."""
    server.start(original)
    database = Database.connect(connection_to(original), timeout=60)
    try:
        return await snapshot(database)
    finally:
        await database.close()


@pytest.fixture(scope="module")
def dump(
    original: ManagedServer, seed_graph: Snapshot, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    server.stop(original)
    target = tmp_path_factory.mktemp("backups") / "seed.dump"
    result = cli(original, "backup", str(target))
    assert result.returncode == 0, result.stderr
    assert f"backed up to {target}" in result.stdout
    return target


def test_a_running_server_is_not_backed_up_and_no_file_is_left(
    original: ManagedServer, tmp_path: Path
) -> None:
    server.start(original)
    target = tmp_path / "while-running.dump"
    result = cli(original, "backup", str(target))
    assert result.returncode == 1
    assert "the managed Neo4j is running (pid" in result.stderr
    assert "`deedgraph neo4j stop`" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_external_neo4j_is_refused_for_both(original: ManagedServer, tmp_path: Path) -> None:
    uri = {"NEO4J_URI": original.uri}
    for command in ("backup", "restore"):
        result = cli(original, command, str(tmp_path / "x.dump"), **uri)
        assert result.returncode == 1
        assert f"NEO4J_URI is set ({original.uri})" in result.stderr
    assert list(tmp_path.iterdir()) == []


async def test_a_backup_restored_into_a_new_folder_gives_the_same_graph(
    original: ManagedServer, seed_graph: Snapshot, dump: Path, tmp_path: Path
) -> None:
    before = seed_graph
    elsewhere = replace(original, state_dir=tmp_path / "elsewhere", bolt_port=free_port())
    result = cli(elsewhere, "restore", str(dump))
    assert result.returncode == 0, result.stderr
    assert await graph_of(elsewhere) == before
    assert len(before[0]) > 50  # the seed report, not an empty graph twice


async def log_of(managed: ManagedServer) -> tuple[str | None, int, str]:
    """A stopped server's change log: its epoch, its last number and that change's operation."""
    server.start(managed)
    try:
        database = Database.connect(connection_to(managed), timeout=60)
        try:
            epoch, seq = await changes.mark(database)
            [last] = await changes.since(database, seq - 1)
            return epoch, seq, last["operation"]
        finally:
            await database.close()
    finally:
        server.stop(managed)


async def test_a_restored_log_has_a_new_epoch_and_logs_the_restore(
    original: ManagedServer, dump: Path, tmp_path: Path
) -> None:
    again = replace(original, state_dir=tmp_path / "again", bolt_port=free_port())
    result = cli(again, "restore", str(dump))
    assert result.returncode == 0, result.stderr
    epoch, seq, operation = await log_of(again)
    original_epoch, original_seq, _ = await log_of(original)
    # API workers that kept answers numbered in the original's log drop them (a new epoch),
    # and subscribers are handed the restore.
    assert epoch != original_epoch
    assert (seq, operation) == (original_seq + 1, "restore")


def test_a_backup_is_not_written_over_an_existing_file_unless_forced(
    original: ManagedServer, dump: Path
) -> None:
    written = dump.read_bytes()
    dump.write_bytes(b"keep me")
    try:
        result = cli(original, "backup", str(dump))
        assert result.returncode == 1 and "exists already" in result.stderr
        assert dump.read_bytes() == b"keep me"
    finally:
        dump.write_bytes(written)


async def test_a_restore_over_data_needs_force_and_a_bad_file_changes_nothing(
    original: ManagedServer, seed_graph: Snapshot, dump: Path, tmp_path: Path
) -> None:
    other = replace(original, state_dir=tmp_path / "other", bolt_port=free_port())
    server.start(other)
    try:
        database = Database.connect(connection_to(other), timeout=60)
        try:
            await create_schema(database)
            await database.write("CREATE (:Entity:Actor {id: 'actor:kept', name: 'Kept'})")
        finally:
            await database.close()
    finally:
        server.stop(other)

    not_a_backup = tmp_path / "notes.dump"
    not_a_backup.write_text("not a dump\n")
    failed = cli(other, "restore", "--force", str(not_a_backup))
    assert failed.returncode == 1
    assert f"neo4j-admin could not load {not_a_backup}" in failed.stderr
    assert "the graph is as it was" in failed.stderr and "Traceback" not in failed.stderr
    # The refusal counts the graph: the node is still there after the failed load.
    refused = cli(other, "restore", str(dump))
    assert refused.returncode == 1
    assert "the graph holds 1 node(s) besides the target categories" in refused.stderr
    assert "--force" in refused.stderr

    forced = cli(other, "restore", "--force", str(dump))
    assert forced.returncode == 0, forced.stderr
    assert await graph_of(other) == seed_graph
