"""Where Neo4j is and how to run it, read from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.errors import ConfigError

NEO4J_VERSION = "5.26.30"


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None


def default_jars_dir(env: Mapping[str, str]) -> Path:
    cache = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "deedgraph" / f"neo4j-{NEO4J_VERSION}"


@dataclass(frozen=True)
class ManagedServer:
    """A Neo4j that deedgraph starts itself from Maven Central's jars."""

    state_dir: Path
    jars_dir: Path
    bolt_port: int = 7687
    http_port: int = 7474  # 0 turns HTTP (and Neo4j Browser) off
    heap: str = "1g"
    pagecache: str = "512m"
    transaction_timeout: str = "60s"
    start_timeout: float = 120.0

    def __post_init__(self) -> None:
        # Neo4j runs with the state folder as its working directory: relative paths would
        # resolve twice.
        object.__setattr__(self, "state_dir", self.state_dir.absolute())
        object.__setattr__(self, "jars_dir", self.jars_dir.absolute())

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ManagedServer:
        env = os.environ if env is None else env
        jars = env.get("DEEDGRAPH_NEO4J_JARS")
        return cls(
            state_dir=Path(env.get("DEEDGRAPH_STATE_DIR") or ".deedgraph").absolute(),
            jars_dir=Path(jars).absolute() if jars else default_jars_dir(env),
            bolt_port=_int(env, "DEEDGRAPH_BOLT_PORT", 7687),
            http_port=_int(env, "DEEDGRAPH_HTTP_PORT", 7474),
            heap=env.get("DEEDGRAPH_NEO4J_HEAP") or "1g",
            pagecache=env.get("DEEDGRAPH_NEO4J_PAGECACHE") or "512m",
            transaction_timeout=env.get("DEEDGRAPH_NEO4J_TX_TIMEOUT") or "60s",
            start_timeout=_float(env, "DEEDGRAPH_NEO4J_START_TIMEOUT", 120.0),
        )


@dataclass(frozen=True)
class Connection:
    """How to reach Neo4j: an external server (NEO4J_URI) or the managed one."""

    uri: str
    user: str | None
    password: str | None
    database: str
    managed: ManagedServer | None

    @property
    def auth(self) -> tuple[str, str] | None:
        if self.user is None:
            return None
        return (self.user, self.password or "")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Connection:
        env = os.environ if env is None else env
        database = env.get("NEO4J_DATABASE") or "neo4j"
        uri = env.get("NEO4J_URI")
        if uri:
            return cls(
                uri=uri,
                user=env.get("NEO4J_USER") or env.get("NEO4J_USERNAME"),
                password=env.get("NEO4J_PASSWORD"),
                database=database,
                managed=None,
            )
        managed = ManagedServer.from_env(env)
        return cls(uri=managed.uri, user=None, password=None, database=database, managed=managed)
