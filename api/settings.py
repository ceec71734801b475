"""Settings of the HTTP service, read from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from api.auth import ApiKey, keys_from_env
from graph.errors import ConfigError


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if raw == "":
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} must be true or false, got {raw!r}")


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, got {raw!r}")
    return value


@dataclass(frozen=True)
class ApiSettings:
    query_timeout: float = 5.0
    production: bool = False
    max_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    max_page_size: int = 500
    max_body_bytes: int = 1_000_000
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    log_level: str = "INFO"
    api_keys: tuple[ApiKey, ...] = field(default_factory=tuple)
    reads_need_key: bool = False

    @property
    def graphiql(self) -> bool:
        return not self.production

    @property
    def introspection(self) -> bool:
        return not self.production

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ApiSettings:
        env = os.environ if env is None else env
        origins = env.get("DEEDGRAPH_CORS_ORIGINS", "")
        return cls(
            query_timeout=_number(env, "DEEDGRAPH_QUERY_TIMEOUT", 5.0),
            production=_flag(env, "DEEDGRAPH_PRODUCTION", False),
            max_depth=int(_number(env, "DEEDGRAPH_MAX_DEPTH", 10)),
            max_aliases=int(_number(env, "DEEDGRAPH_MAX_ALIASES", 15)),
            max_tokens=int(_number(env, "DEEDGRAPH_MAX_TOKENS", 2000)),
            max_page_size=int(_number(env, "DEEDGRAPH_MAX_PAGE_SIZE", 500)),
            max_body_bytes=int(_number(env, "DEEDGRAPH_MAX_BODY_BYTES", 1_000_000)),
            cors_origins=tuple(o.strip() for o in origins.split(",") if o.strip()),
            log_level=(env.get("DEEDGRAPH_LOG_LEVEL") or "INFO").upper(),
            api_keys=keys_from_env(env),
            reads_need_key=_flag(env, "DEEDGRAPH_READS_NEED_KEY", False),
        )
