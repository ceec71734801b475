from __future__ import annotations

from pathlib import Path

import pytest

from api.settings import ApiSettings
from graph.errors import ConfigError
from graph.settings import Connection


def test_neo4j_uri_means_nothing_is_managed() -> None:
    connection = Connection.from_env(
        {"NEO4J_URI": "neo4j://cluster:7687", "NEO4J_USER": "u", "NEO4J_PASSWORD": "p"}
    )
    assert connection.managed is None
    assert connection.auth == ("u", "p")
    assert connection.database == "neo4j"


def test_managed_defaults_listen_on_loopback() -> None:
    connection = Connection.from_env({"DEEDGRAPH_STATE_DIR": "/tmp/x", "HOME": "/root"})
    assert connection.managed is not None
    assert connection.uri == "bolt://127.0.0.1:7687"
    assert connection.managed.state_dir == Path("/tmp/x")
    assert connection.auth is None


def test_bad_port_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="DEEDGRAPH_BOLT_PORT must be a whole number"):
        Connection.from_env({"DEEDGRAPH_BOLT_PORT": "seven"})


def test_api_settings_from_env() -> None:
    settings = ApiSettings.from_env(
        {"DEEDGRAPH_PRODUCTION": "true", "DEEDGRAPH_CORS_ORIGINS": "https://a.org, https://b.org"}
    )
    assert not settings.introspection and not settings.graphiql
    assert settings.cors_origins == ("https://a.org", "https://b.org")
    with pytest.raises(ConfigError, match="DEEDGRAPH_PRODUCTION"):
        ApiSettings.from_env({"DEEDGRAPH_PRODUCTION": "maybe"})


def test_relative_folders_become_absolute() -> None:
    # Neo4j runs inside its state folder: a relative path would resolve twice.
    from graph.settings import ManagedServer

    managed = ManagedServer(state_dir=Path("relative/state"), jars_dir=Path("jars"))
    assert managed.state_dir.is_absolute() and managed.state_dir.name == "state"
    assert managed.jars_dir.is_absolute()
