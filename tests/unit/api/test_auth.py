"""API keys: stored as sha256 digests in name:role:digest entries, every malformed entry a
ConfigError that names it, and a presented key matched to its entry."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from starlette.requests import HTTPConnection

from api.auth import (
    ApiKey,
    authenticate,
    configured_keys,
    digest,
    new_key,
    parse_keys,
    presented_key,
)
from graph.errors import ConfigError

ORIGIN = "DEEDGRAPH_API_KEYS"


def entry(name: str, role: str, key: str) -> str:
    return f"{name}:{role}:{digest(key)}"


def connection_with(headers: dict[str, str]) -> HTTPConnection:
    raw = [(name.lower().encode(), value.encode()) for name, value in headers.items()]
    return HTTPConnection({"type": "http", "headers": raw})


def test_a_digest_is_the_sha256_hex_of_the_key() -> None:
    assert digest("dg_secret") == hashlib.sha256(b"dg_secret").hexdigest()
    assert len(digest("x")) == 64


def test_a_new_keys_line_parses_back_to_its_name_role_and_digest() -> None:
    key, line = new_key("alice", "editor")
    [parsed] = parse_keys(line, ORIGIN)
    assert parsed == ApiKey("alice", "editor", digest(key))
    assert key.startswith("dg_") and key not in line


def test_new_keys_differ() -> None:
    assert new_key("a", "reader")[0] != new_key("a", "reader")[0]


def test_entries_may_be_separated_by_commas_or_lines_with_comments() -> None:
    text = "# keys\n" + entry("a", "reader", "k1") + ", " + entry("b", "editor", "k2") + "\n\n"
    assert [(k.name, k.role) for k in parse_keys(text, ORIGIN)] == [
        ("a", "reader"),
        ("b", "editor"),
    ]


def test_an_upper_case_digest_is_read_in_lower_case() -> None:
    [key] = parse_keys(f"a:reader:{digest('k').upper()}", ORIGIN)
    assert key.digest == digest("k")


@pytest.mark.parametrize(
    "bad",
    [
        "alice",
        "alice:reader",
        "alice:admin:" + "0" * 64,
        ":reader:" + "0" * 64,
        "alice:reader:" + "0" * 63,
        "alice:reader:" + "0" * 65,
    ],
)
def test_a_malformed_entry_is_a_config_error_naming_it(bad: str) -> None:
    text = entry("first", "reader", "k") + "\n" + bad
    with pytest.raises(ConfigError, match=f"^{ORIGIN}, entry 2: expected name:role:sha256"):
        parse_keys(text, ORIGIN)


def test_a_digest_that_is_not_hex_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        parse_keys("alice:reader:" + "z" * 64, ORIGIN)


def test_configured_keys_join_the_variable_and_the_file(tmp_path: Path) -> None:
    path = tmp_path / "keys"
    path.write_text("# editors\n" + entry("bob", "editor", "k2") + "\n", encoding="utf-8")
    keys = configured_keys(entry("alice", "reader", "k1"), path)
    assert [k.name for k in keys] == ["alice", "bob"]


def test_a_malformed_entry_in_the_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "keys"
    path.write_text("oops\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=f"^{path}, entry 1"):
        configured_keys("", path)


def test_an_unreadable_keys_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="DEEDGRAPH_API_KEYS_FILE: cannot read"):
        configured_keys("", tmp_path / "missing")


def test_no_keys_configured_is_an_empty_tuple() -> None:
    assert configured_keys("", None) == ()


def test_authenticate_finds_the_key_that_matches() -> None:
    keys = parse_keys(entry("alice", "reader", "k1") + "," + entry("bob", "editor", "k2"), ORIGIN)
    found = authenticate(keys, "k2")
    assert found is not None and (found.name, found.role) == ("bob", "editor")


def test_authenticate_rejects_an_unknown_or_missing_key() -> None:
    keys = parse_keys(entry("alice", "reader", "k1"), ORIGIN)
    assert authenticate(keys, "k2") is None
    assert authenticate(keys, None) is None
    assert authenticate((), "k1") is None


def test_a_key_comes_as_a_bearer_token_or_an_x_api_key_header() -> None:
    assert presented_key(connection_with({"Authorization": "Bearer  dg_1 "})) == "dg_1"
    assert presented_key(connection_with({"X-API-Key": "dg_2"})) == "dg_2"
    assert presented_key(connection_with({"Authorization": "Bearer "})) is None
    assert presented_key(connection_with({})) is None
