"""Every setting deedgraph reads, in one typed object: from the environment, or from a `.env`
file in the working directory (the environment wins). Each field's alias is its variable's
name, and each is listed in the README's configuration table (a unit test checks both ways).

    settings = Settings()                      # os.environ, then .env
    settings = Settings.from_env({"NEO4J_URI": "neo4j://db:7687"})   # exactly this mapping
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from pydantic import Field, PositiveFloat, PositiveInt, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from graph.errors import ConfigError

NEO4J_VERSION = "5.26.30"

# pydantic's error types, said the way an operator reads them.
PLAIN_ERRORS = {
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "bool_parsing": "must be true or false",
    "greater_than": "must be positive",
}


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
        return Settings.from_env(env).managed_server


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
        return Settings.from_env(env).connection


class Settings(BaseSettings):
    """deedgraph's configuration. Defaults suit a laptop: a managed Neo4j on 127.0.0.1."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
        frozen=True,
        populate_by_name=True,
    )
    PREFIX: ClassVar[str] = "DEEDGRAPH_"

    # Where Neo4j is.
    neo4j_uri: str | None = Field(None, alias="NEO4J_URI")
    neo4j_user: str | None = Field(None, alias="NEO4J_USER")
    neo4j_username: str | None = Field(None, alias="NEO4J_USERNAME")
    neo4j_password: str | None = Field(None, alias="NEO4J_PASSWORD")
    neo4j_database: str = Field("neo4j", alias="NEO4J_DATABASE")
    # The managed Neo4j.
    state_dir: Path = Field(Path(".deedgraph"), alias="DEEDGRAPH_STATE_DIR")
    bolt_port: int = Field(7687, ge=1, le=65535, alias="DEEDGRAPH_BOLT_PORT")
    http_port: int = Field(7474, ge=0, le=65535, alias="DEEDGRAPH_HTTP_PORT")
    neo4j_heap: str = Field("1g", alias="DEEDGRAPH_NEO4J_HEAP")
    neo4j_pagecache: str = Field("512m", alias="DEEDGRAPH_NEO4J_PAGECACHE")
    neo4j_jars: Path | None = Field(None, alias="DEEDGRAPH_NEO4J_JARS")
    neo4j_tx_timeout: str = Field("60s", alias="DEEDGRAPH_NEO4J_TX_TIMEOUT")
    neo4j_start_timeout: PositiveFloat = Field(120.0, alias="DEEDGRAPH_NEO4J_START_TIMEOUT")
    # The HTTP service.
    host: str = Field("127.0.0.1", alias="DEEDGRAPH_HOST")
    port: int = Field(8000, ge=1, le=65535, alias="DEEDGRAPH_PORT")
    workers: PositiveInt = Field(1, alias="DEEDGRAPH_WORKERS")
    query_timeout: PositiveFloat = Field(5.0, alias="DEEDGRAPH_QUERY_TIMEOUT")
    production: bool = Field(False, alias="DEEDGRAPH_PRODUCTION")
    max_depth: PositiveInt = Field(10, alias="DEEDGRAPH_MAX_DEPTH")
    max_aliases: PositiveInt = Field(15, alias="DEEDGRAPH_MAX_ALIASES")
    max_tokens: PositiveInt = Field(2000, alias="DEEDGRAPH_MAX_TOKENS")
    max_page_size: PositiveInt = Field(500, alias="DEEDGRAPH_MAX_PAGE_SIZE")
    max_export_rows: PositiveInt = Field(10_000, alias="DEEDGRAPH_MAX_EXPORT_ROWS")
    warm_up: bool = Field(True, alias="DEEDGRAPH_WARM_UP")
    max_body_bytes: PositiveInt = Field(1_000_000, alias="DEEDGRAPH_MAX_BODY_BYTES")
    max_draft_chars: PositiveInt = Field(50_000, alias="DEEDGRAPH_MAX_DRAFT_CHARS")
    cors_origins_text: str = Field("", alias="DEEDGRAPH_CORS_ORIGINS")
    log_level: str = Field("INFO", alias="DEEDGRAPH_LOG_LEVEL")
    log_format: Literal["json", "text"] | None = Field(None, alias="DEEDGRAPH_LOG_FORMAT")
    # The OpenTelemetry SDK reads its other OTEL_* variables itself.
    otlp_endpoint: str | None = Field(None, alias="OTEL_EXPORTER_OTLP_ENDPOINT")
    api_keys_text: str = Field("", alias="DEEDGRAPH_API_KEYS")
    api_keys_file: Path | None = Field(None, alias="DEEDGRAPH_API_KEYS_FILE")
    reads_need_key: bool = Field(False, alias="DEEDGRAPH_READS_NEED_KEY")
    explorer_dir: Path | None = Field(None, alias="DEEDGRAPH_EXPLORER_DIR")
    trusted_documents: Path | None = Field(None, alias="DEEDGRAPH_TRUSTED_DOCUMENTS")
    # api/execution.py: plain leaves completed without graphql-core's general machinery.
    fast_path: bool = Field(True, alias="DEEDGRAPH_FAST_PATH")
    # api/compile/: documents in the compiled subset answered by one Cypher query each, once
    # trusted or asked this many times.
    compile: bool = Field(True, alias="DEEDGRAPH_COMPILE")
    compile_after: PositiveInt = Field(3, alias="DEEDGRAPH_COMPILE_AFTER")
    # api/response_cache.py: answers to queries kept until a change is committed.
    response_cache: bool = Field(True, alias="DEEDGRAPH_RESPONSE_CACHE")
    response_cache_ttl: PositiveFloat = Field(300.0, alias="DEEDGRAPH_RESPONSE_CACHE_TTL")
    response_cache_size: PositiveInt = Field(1000, alias="DEEDGRAPH_RESPONSE_CACHE_SIZE")
    # Subscriptions (WebSocket, graphql-transport-ws): limits per process and per connection,
    # and how often the change log is read while someone listens.
    max_connections: PositiveInt = Field(100, alias="DEEDGRAPH_MAX_WS_CONNECTIONS")
    max_subscriptions: PositiveInt = Field(10, alias="DEEDGRAPH_MAX_SUBSCRIPTIONS")
    changes_poll: PositiveFloat = Field(0.3, alias="DEEDGRAPH_CHANGES_POLL_SECONDS")

    @field_validator("log_level")
    @classmethod
    def upper_case(cls, value: str) -> str:
        return value.upper()

    @field_validator("log_format", mode="before")
    @classmethod
    def lower_case(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from exactly this mapping (None: the process environment and .env)."""
        try:
            if env is None:
                return cls()
            # model_validate alone still merged in os.environ and .env (pydantic-settings'
            # sources): a caller's NEO4J_URI leaked into a mapping that did not name it.
            given = {key: value for key, value in env.items() if value != ""}
            return _Exactly.model_validate(given)
        except ValidationError as error:
            raise ConfigError(config_message(error)) from None

    @property
    def cors_origins(self) -> tuple[str, ...]:
        return tuple(o.strip() for o in self.cors_origins_text.split(",") if o.strip())

    @property
    def graphiql(self) -> bool:
        return not self.production

    @property
    def introspection(self) -> bool:
        return not self.production

    @property
    def managed_server(self) -> ManagedServer:
        jars = self.neo4j_jars.absolute() if self.neo4j_jars else default_jars_dir(os.environ)
        return ManagedServer(
            state_dir=self.state_dir.absolute(),
            jars_dir=jars,
            bolt_port=self.bolt_port,
            http_port=self.http_port,
            heap=self.neo4j_heap,
            pagecache=self.neo4j_pagecache,
            transaction_timeout=self.neo4j_tx_timeout,
            start_timeout=self.neo4j_start_timeout,
        )

    @property
    def connection(self) -> Connection:
        if self.neo4j_uri:
            return Connection(
                uri=self.neo4j_uri,
                user=self.neo4j_user or self.neo4j_username,
                password=self.neo4j_password,
                database=self.neo4j_database,
                managed=None,
            )
        managed = self.managed_server
        return Connection(
            uri=managed.uri, user=None, password=None, database=self.neo4j_database, managed=managed
        )


class _Exactly(Settings):
    """Settings read from the mapping given and nothing else."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


def config_message(error: ValidationError) -> str:
    """The first problem, named by its variable: 'DEEDGRAPH_BOLT_PORT must be a whole number,
    got 'seven''."""
    aliases = {name: field.alias or name for name, field in Settings.model_fields.items()}
    problems = []
    for item in error.errors(include_url=False):
        name = str(item["loc"][0]) if item["loc"] else "a setting"
        variable = aliases.get(name, name)
        reason = PLAIN_ERRORS.get(item["type"], str(item["msg"]))
        problems.append(f"{variable} {reason}, got {item.get('input')!r}")
    return "; ".join(problems)
