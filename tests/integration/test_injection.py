"""Injection strings through every string argument of every field: harmless, never a 500."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLNamedType,
    GraphQLScalarType,
    build_schema,
    get_named_type,
    is_composite_type,
    is_list_type,
    is_non_null_type,
)

from graph.store.database import Database
from tests.integration.conftest import EDITOR_KEY
from tests.integration.test_loader import snapshot
from tests.support import ROOT

PAYLOADS = [
    "' OR 1=1 //",
    'actor:russia"}) MATCH (n) DETACH DELETE n //',
    "actor:russia'}) WITH 1 AS x MATCH (n) SET n.pwned = true RETURN x //",
    "x` ]->() DETACH DELETE n //",
    "\\u0027; CALL dbms.shutdown() //",
    "*:* OR name:*",
    "$id ${__proto__} {{7*7}}",
    "\x00\x1b[31m",
]
SAFE_CODES = {"BAD_USER_INPUT", "NOT_FOUND", "GRAPHQL_VALIDATION_FAILED"}
STRINGISH = {"String", "ID"}


def default(type_: Any) -> Any:
    named = get_named_type(type_)
    if is_list_type(type_.of_type if is_non_null_type(type_) else type_):
        return []
    if isinstance(named, GraphQLEnumType):
        return next(iter(named.values))
    return {
        "ID": "none:none",  # never an existing id, so no write can succeed by accident
        "String": "x",
        "Int": 1,
        "Float": 1.0,
        "Boolean": False,
        "DateTime": "2025-03-18T00:00:00+00:00",
        "JSON": {},
    }.get(named.name)


def selection(type_: GraphQLNamedType) -> str:
    return " { __typename }" if is_composite_type(type_) else ""


def cases() -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(operation, field, argument path, variables) with one payload slot each."""
    schema = build_schema((ROOT / "schema.graphql").read_text())
    for operation, root in (("query", schema.query_type), ("mutation", schema.mutation_type)):
        assert root is not None
        for name, field in root.fields.items():
            yield from field_cases(operation, name, field)


def field_cases(
    operation: str, name: str, field: GraphQLField
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    args: dict[str, GraphQLArgument] = field.args
    header = ", ".join(f"${arg}: {spec.type}" for arg, spec in args.items())
    call = ", ".join(f"{arg}: ${arg}" for arg in args)
    text = (
        f"{operation}{'(' + header + ')' if header else ''} "
        f"{{ {name}{'(' + call + ')' if call else ''}{selection(get_named_type(field.type))} }}"
    )
    base = {arg: default(spec.type) for arg, spec in args.items()}
    for arg, spec in args.items():
        named = get_named_type(spec.type)
        if isinstance(named, GraphQLScalarType) and named.name in STRINGISH:
            many = is_list_type(spec.type.of_type if is_non_null_type(spec.type) else spec.type)
            yield text, name, arg, {**base, arg: ["{}"] if many else "{}"}
        elif isinstance(named, GraphQLScalarType) and named.name == "JSON":
            fact = {
                "id": "{}",
                "name": "{}",
                "title": "{}",
                "text": "{}",
                "kind": "state",
                "quotes": ["{}"],
            }
            yield text, name, arg, {**base, arg: fact}
        elif isinstance(named, GraphQLInputObjectType):
            for key, inner in named.fields.items():
                if get_named_type(inner.type).name in STRINGISH:
                    yield text, name, f"{arg}.{key}", {**base, arg: {key: "{}"}}


def fill(value: Any, payload: str) -> Any:
    if value == "{}":
        return payload
    if isinstance(value, list):
        return [fill(item, payload) for item in value]
    if isinstance(value, dict):
        return {key: fill(item, payload) for key, item in value.items()}
    return value


async def test_injection_strings_change_nothing_and_never_500(
    seeded: Database, keyed_api_url: str
) -> None:
    before = await snapshot(seeded)
    tried = 0
    with httpx.Client(headers={"Authorization": f"Bearer {EDITOR_KEY}"}, timeout=30) as client:
        for text, field, arg, variables in cases():
            for payload in PAYLOADS:
                response = client.post(
                    keyed_api_url + "/graphql",
                    json={"query": text, "variables": fill(variables, payload)},
                )
                where = f"{field}({arg}={payload!r})"
                assert response.status_code == 200, (where, response.text)
                for error in response.json().get("errors", []):
                    code = error["extensions"]["code"]
                    assert code in SAFE_CODES, (where, error)
                    assert "Traceback" not in error["message"], where
                tried += 1
    assert tried > 300
    assert await snapshot(seeded) == before
    assert await seeded.read("MATCH (n) WHERE n.pwned IS NOT NULL RETURN n") == []
