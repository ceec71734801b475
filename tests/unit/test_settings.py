"""Settings: one typed object from the environment or a mapping, errors naming the variable,
and every variable listed in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.errors import ConfigError
from graph.settings import ManagedServer, Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_neo4j_uri_means_nothing_is_managed() -> None:
    connection = Settings.from_env(
        {"NEO4J_URI": "neo4j://cluster:7687", "NEO4J_USER": "u", "NEO4J_PASSWORD": "p"}
    ).connection
    assert connection.managed is None
    assert connection.auth == ("u", "p")
    assert connection.database == "neo4j"


def test_neo4j_username_is_accepted_as_the_user() -> None:
    connection = Settings.from_env({"NEO4J_URI": "bolt://db", "NEO4J_USERNAME": "n"}).connection
    assert connection.auth == ("n", "")


def test_managed_defaults_listen_on_loopback() -> None:
    connection = Settings.from_env({"DEEDGRAPH_STATE_DIR": "/tmp/x"}).connection
    assert connection.managed is not None
    assert connection.uri == "bolt://127.0.0.1:7687"
    assert connection.managed.state_dir == Path("/tmp/x")
    assert connection.auth is None


def test_a_bad_port_is_a_clear_error_naming_the_variable() -> None:
    with pytest.raises(ConfigError, match="DEEDGRAPH_BOLT_PORT must be a whole number"):
        Settings.from_env({"DEEDGRAPH_BOLT_PORT": "seven"})


def test_a_flag_must_be_true_or_false() -> None:
    with pytest.raises(ConfigError, match="DEEDGRAPH_PRODUCTION must be true or false"):
        Settings.from_env({"DEEDGRAPH_PRODUCTION": "maybe"})


def test_limits_must_be_positive() -> None:
    with pytest.raises(ConfigError, match="DEEDGRAPH_MAX_DEPTH must be positive"):
        Settings.from_env({"DEEDGRAPH_MAX_DEPTH": "0"})


def test_production_turns_graphiql_and_introspection_off() -> None:
    settings = Settings.from_env(
        {"DEEDGRAPH_PRODUCTION": "true", "DEEDGRAPH_CORS_ORIGINS": "https://a.org, https://b.org"}
    )
    assert not settings.introspection and not settings.graphiql
    assert settings.cors_origins == ("https://a.org", "https://b.org")


def test_an_empty_variable_means_the_default() -> None:
    assert Settings.from_env({"DEEDGRAPH_QUERY_TIMEOUT": ""}).query_timeout == 5.0


def test_relative_folders_become_absolute() -> None:
    # Neo4j runs inside its state folder: a relative path would resolve twice.
    managed = ManagedServer(state_dir=Path("relative/state"), jars_dir=Path("jars"))
    assert managed.state_dir.is_absolute() and managed.state_dir.name == "state"
    assert managed.jars_dir.is_absolute()


def test_a_dotenv_file_is_read_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".env").write_text("DEEDGRAPH_PORT=9100\nDEEDGRAPH_MAX_DEPTH=7\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DEEDGRAPH_MAX_DEPTH", "12")
    settings = Settings.from_env()
    assert settings.port == 9100
    assert settings.max_depth == 12


def test_every_variable_is_in_the_readme_and_every_readme_variable_is_read() -> None:
    read = {field.alias for field in Settings.model_fields.values()}
    table = README.read_text().split("## Configuration", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`((?:NEO4J|DEEDGRAPH|OTEL)_[A-Z0-9_]+)`", table))
    # "_MAX_ALIASES"-style shorthands in the table stand for DEEDGRAPH_MAX_ALIASES.
    documented |= {"DEEDGRAPH" + short for short in re.findall(r"`(_[A-Z0-9_]+)`", table)}
    assert read - documented == set(), "read but not in the README's table"
    assert documented - read == set(), "in the README's table but never read"
