"""API keys: stored hashed outside the repo; the editor role may write, readers only read."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from starlette.requests import HTTPConnection

from graph.errors import ConfigError

Role = Literal["reader", "editor"]
ROLES: tuple[Role, ...] = ("reader", "editor")
HEX_DIGEST = re.compile(r"[0-9a-fA-F]{64}")


@dataclass(frozen=True)
class ApiKey:
    name: str
    role: Role
    digest: str  # sha256 of the key, hex


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key(name: str, role: Role) -> tuple[str, str]:
    """A fresh random key and the line that stores it (name:role:sha256)."""
    key = "dg_" + secrets.token_urlsafe(32)
    return key, f"{name}:{role}:{digest(key)}"


def parse_keys(text: str, origin: str) -> tuple[ApiKey, ...]:
    keys = []
    for number, raw in enumerate(text.replace(",", "\n").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, _, rest = line.partition(":")
        role, _, hashed = rest.partition(":")
        if role not in ROLES or not HEX_DIGEST.fullmatch(hashed) or not name:
            raise ConfigError(
                f"{origin}, entry {number}: expected name:role:sha256 with role reader or "
                "editor (make one with `deedgraph api-key NAME`)"
            )
        keys.append(ApiKey(name, role, hashed.lower()))
    return tuple(keys)


def configured_keys(text: str, path: Path | None) -> tuple[ApiKey, ...]:
    """The keys of DEEDGRAPH_API_KEYS (`text`) and of DEEDGRAPH_API_KEYS_FILE (`path`)."""
    keys = parse_keys(text, "DEEDGRAPH_API_KEYS")
    if path is not None:
        try:
            text = path.read_text()
        except OSError as error:
            raise ConfigError(f"DEEDGRAPH_API_KEYS_FILE: cannot read {path}: {error}") from None
        keys += parse_keys(text, str(path))
    return keys


def presented_key(connection: HTTPConnection) -> str | None:
    header = connection.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return connection.headers.get("x-api-key") or None


def authenticate(keys: tuple[ApiKey, ...], presented: str | None) -> ApiKey | None:
    """The key that matches, compared in constant time; None for no or an unknown key."""
    if presented is None:
        return None
    hashed = digest(presented)
    found = None
    for key in keys:
        if hmac.compare_digest(key.digest, hashed):
            found = key
    return found
