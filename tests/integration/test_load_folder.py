"""`deedgraph load DIR` against the real Neo4j: every facts file in the folder, in order, in one
transaction; a bad file names its line and leaves the graph as it was."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from graph.errors import LoadError
from graph.ingest.facts import loader
from graph.settings import Connection
from graph.store.database import Database
from tests.integration.conftest import SEED
from tests.integration.test_loader import BROKEN, snapshot
from tests.support import DEEDGRAPH, ROOT, cli_env

CONDUCT = ROOT / "tests" / "data" / "conduct.facts.yaml"  # refers to the seed's ids


def run_load(connection: Connection, *args: str) -> subprocess.CompletedProcess[str]:
    env = cli_env(NEO4J_URI=connection.uri, NEO4J_DATABASE=connection.database)
    if connection.user is not None:
        env.update(NEO4J_USER=connection.user, NEO4J_PASSWORD=connection.password or "")
    return subprocess.run(
        [DEEDGRAPH, "load", *args], env=env, capture_output=True, text=True, timeout=300
    )


def reports(folder: Path) -> Path:
    """The seed report and, in a subfolder, the document that refers to its ids; beside them
    YAML that is not facts (the seed's resolution rulebooks), which is left alone."""
    folder.mkdir()
    for path in (SEED, SEED.with_name(SEED.name.replace(".facts.yaml", ".txt"))):
        shutil.copy(path, folder)
    (folder / "later").mkdir()
    for path in (CONDUCT, CONDUCT.with_name("conduct.txt")):
        shutil.copy(path, folder / "later")
    shutil.copytree(ROOT / "seeds" / "resolution", folder / "resolution")
    return folder


async def test_a_folder_loads_every_facts_file_in_it_and_its_subfolders(
    database: Database, connection: Connection, tmp_path: Path
) -> None:
    folder = reports(tmp_path / "reports")
    result = run_load(connection, str(folder))
    assert result.returncode == 0, result.stderr
    loaded = [line for line in result.stdout.splitlines() if line.startswith("loaded ")]
    assert [line.split(":")[0] for line in loaded] == [
        f"loaded {folder / SEED.name}",
        f"loaded {folder / 'later' / 'conduct.facts.yaml'}",
    ]
    assert "2 files loaded in one transaction" in result.stdout
    documents = await database.read(
        "MATCH (s:Source) WHERE s.id IN $ids RETURN s.id AS id",
        ids=["source:report-000", "source:conduct-report"],
    )
    assert sorted(str(row["id"]) for row in documents) == [
        "source:conduct-report",
        "source:report-000",
    ]


async def test_a_folder_with_a_bad_file_names_its_lines_and_loads_nothing(
    database: Database, connection: Connection, tmp_path: Path
) -> None:
    folder = reports(tmp_path / "reports")
    shutil.copy(BROKEN, folder / "later")
    before = await snapshot(database)
    result = run_load(connection, str(folder))
    assert result.returncode == 1
    broken = folder / "later" / BROKEN.name
    assert f"{broken}:14: actors[1].kind: Input should be" in result.stderr
    assert "problem(s); nothing was loaded" in result.stderr
    assert "Traceback" not in result.stderr
    assert await snapshot(database) == before


async def test_a_folder_without_facts_files_is_refused_by_name(
    database: Database, connection: Connection, tmp_path: Path
) -> None:
    (tmp_path / "rules.yaml").write_text("a: 1\n")
    result = run_load(connection, str(tmp_path))
    assert result.returncode == 1
    assert f"{tmp_path}: (file): the folder holds no *.facts.yaml" in result.stderr


async def test_a_file_that_refers_to_a_later_file_is_told_the_order(
    database: Database, tmp_path: Path
) -> None:
    folder = reports(tmp_path / "reports")
    (folder / "later" / "conduct.facts.yaml").rename(folder / "conduct.facts.yaml")
    (folder / "later" / "conduct.txt").rename(folder / "conduct.txt")
    (folder / SEED.name).rename(folder / "later" / SEED.name)
    shutil.copy(folder / SEED.name.replace(".facts.yaml", ".txt"), folder / "later")
    before = await snapshot(database)
    with pytest.raises(LoadError) as caught:
        await loader.load(database, [folder])
    assert caught.value.problems
    assert all("a later file defines it" in p.message for p in caught.value.problems)
    assert await snapshot(database) == before


async def test_a_failure_while_writing_the_second_file_leaves_the_first_unwritten(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = reports(tmp_path / "reports")
    written: list[int] = []
    absorb = loader.absorb  # type: ignore[attr-defined]

    async def absorb_then_fail(*args: object, **kwargs: object) -> None:
        await absorb(*args, **kwargs)  # type: ignore[arg-type]
        written.append(1)
        if len(written) == 2:  # the seed is written, the second document too: now fail
            raise RuntimeError("the disk is full")

    monkeypatch.setattr(loader, "absorb", absorb_then_fail)
    before = await snapshot(database)
    with pytest.raises(RuntimeError):
        await loader.load(database, [folder])
    assert len(written) == 2
    assert await snapshot(database) == before
