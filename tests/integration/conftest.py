"""One real Neo4j for the whole session (managed, or NEO4J_URI when set); a clean graph per test."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from api.app import create_app
from graph.managed import server
from graph.settings import Connection
from graph.store.constraints import create_schema
from graph.store.database import Database
from tests.support import ROOT, app_settings, managed_server, running_app


@pytest.fixture(scope="session")
def connection(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Connection]:
    if os.environ.get("NEO4J_URI"):
        yield Connection.from_env()
        return
    managed = managed_server(Path(tmp_path_factory.mktemp("neo4j")))
    server.start(managed)
    try:
        yield Connection(
            uri=managed.uri, user=None, password=None, database="neo4j", managed=managed
        )
    finally:
        server.stop(managed)


@pytest.fixture(scope="session")
async def session_database(connection: Connection) -> AsyncIterator[Database]:
    database = Database.connect(connection, timeout=30)
    await create_schema(database)
    yield database
    await database.close()


@pytest.fixture
async def database(session_database: Database) -> Database:
    """The session's database, emptied before the test."""
    await session_database.write("MATCH (n) WHERE NOT n:TargetCategory DETACH DELETE n")
    return session_database


@pytest.fixture(scope="session")
def api_url(connection: Connection) -> Iterator[str]:
    """A real uvicorn serving deedgraph against the session's Neo4j."""
    with running_app(create_app(connection, app_settings({}))) as url:
        yield url


SEED = ROOT / "seeds" / "000_28cd22a57464658d.facts.yaml"


@pytest.fixture
async def seeded(database: Database) -> Database:
    """A clean graph holding the seed report."""
    from graph.ingest.facts.loader import load

    await load(database, [SEED])
    return database


EDITOR_KEY = "dg_test-editor-key"
READER_KEY = "dg_test-reader-key"


@pytest.fixture(scope="session")
def keyed_api_url(connection: Connection) -> Iterator[str]:
    """deedgraph with one editor and one reader key (stored hashed, as in production)."""
    from api.auth import digest

    keys = f"editor-e:editor:{digest(EDITOR_KEY)},reader-r:reader:{digest(READER_KEY)}"
    settings = app_settings({"DEEDGRAPH_API_KEYS": keys})
    with running_app(create_app(connection, settings)) as url:
        yield url


@pytest.fixture(scope="session")
def drafting_url(connection: Connection) -> Iterator[str]:
    """deedgraph with an editor key and room for a shared machine: a draft's load writes a
    whole report in one transaction, which ran past the default 5 s beside other test runs."""
    from api.auth import digest

    settings = app_settings(
        {"DEEDGRAPH_API_KEYS": f"editor-e:editor:{digest(EDITOR_KEY)}",
         "DEEDGRAPH_QUERY_TIMEOUT": "60"}
    )  # fmt: skip
    with running_app(create_app(connection, settings)) as url:
        yield url
