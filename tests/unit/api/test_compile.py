"""The compiler's subset, its Cypher and its shaping, without a database (the answers are
compared with the standard path's in tests/integration/test_compiled.py)."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from api.compile.catalogue import RELATIONS, Catalogue
from api.compile.compiler import Plan, Unsupported
from api.compile.documents import CompiledDocuments
from api.compile.shape import Violation, answer_of
from api.schema import build_schema
from api.types.build import KINDS
from graph.settings import Settings

SETTINGS = Settings.from_env({"DEEDGRAPH_COMPILE_AFTER": "3"})
SCHEMA = build_schema(SETTINGS)


def documents(trusted: frozenset[str] = frozenset()) -> CompiledDocuments:
    return CompiledDocuments(SCHEMA, SETTINGS, trusted)


def test_the_relations_table_says_what_each_resolver_does() -> None:
    catalogue = Catalogue(SCHEMA)
    assert catalogue.relations == RELATIONS  # each field is as the table says in the schema
    convert = SCHEMA.config.name_converter
    for (kind, name), relation in RELATIONS.items():
        fields = KINDS[kind].__strawberry_definition__.fields  # type: ignore[attr-defined]
        [field] = [f for f in fields if convert.get_graphql_name(f) == name]
        source = inspect.getsource(field.base_resolver.wrapped_func)
        reach = "first" if relation.single else "related"
        call = f'answer({reach}(info, outgoing(self.row, "{relation.type}"), {relation.kind}))'
        assert call in source, (kind, name)


def test_a_document_is_compiled_after_its_uses_or_at_once_when_trusted() -> None:
    document = '{ attack(id: "a") { id } }'
    compiler = documents()
    assert [compiler.plan(document, None, "h") for _ in range(2)] == [None, None]
    assert isinstance(compiler.plan(document, None, "h"), Plan)
    assert isinstance(documents(frozenset({"h"})).plan(document, None, "h"), Plan)


def reason(document: str) -> object:
    found = documents(frozenset({"h"})).plan(document, None, "h")
    return found.message if isinstance(found, Unsupported) else found


def test_what_is_not_compiled_says_why_and_invalid_documents_are_left_alone() -> None:
    assert reason('{ path(fromId: "a", toId: "b") { nodes { id } } }') == (
        "Query.path is not compiled"
    )
    assert reason('{ attack(id: "a") { sources { quotes } } }') == "Attack.sources is not compiled"
    assert reason('{ node(id: "a") { ... on Attack { kind } } }') == "fragments are not compiled"
    assert reason('{ node(id: "a") { id @skip(if: true) } }') == "directives are not compiled"
    assert reason('{ node(id: "a") { id id } }') == "id is asked for twice"
    assert reason('{ node(id: "a") { kind } }') is None  # invalid: the standard path's errors
    assert reason('mutation { retract(id: "a", reason: "r") { id } }') is None


def test_no_text_of_a_request_reaches_the_cypher() -> None:
    hostile = "x'}) MATCH (n) DETACH DELETE n //"
    document = 'query($id: ID!) { evil: attack(id: "HOSTILE") { id } node(id: $id) { id } }'
    document = document.replace("HOSTILE", hostile)
    plan = documents(frozenset({"h"})).plan(document, None, "h")
    assert isinstance(plan, Plan)
    assert hostile not in plan.cypher and "evil" not in plan.cypher
    assert "$p0" in plan.cypher and "$p1" in plan.cypher


def shaped(document: str, record: list[Any]) -> object:
    plan = documents(frozenset({"h"})).plan(document, None, "h")
    assert isinstance(plan, Plan)
    return answer_of(tuple((r.response_name, r.shape) for r in plan.roots), record)


def test_related_entities_are_kept_as_the_resolvers_keep_them() -> None:
    attack = ["Attack", "Entity"]
    actor = ["Actor", "Entity"]
    document = '{ attack(id: "a") { name geoPrecision by { name } partOf { id } } __typename }'
    record = [
        [
            [
                attack,
                True,  # a root field's entity is shown retracted
                True,
                ["wave", None, None],
                2.0,
                [
                    [actor, None, True, ["kept", None, None]],
                    [actor, True, True, ["retracted", None, None]],
                    [attack, None, True, ["another kind", None, None]],
                    [actor, None, False, ["not an entity", None, None]],
                ],
                [attack, True, True, "a retracted wave"],  # only the first is looked at
            ]
        ]
    ]
    assert shaped(document, record) == {
        "attack": {"name": "wave", "geoPrecision": 2, "by": [{"name": "kept"}], "partOf": None},
        "__typename": "Query",
    }
    assert shaped('{ actor(id: "a") { id } }', [[[attack, None, True, "a"]]]) == {"actor": None}
    figure = ["Figure", "Entity"]
    assert shaped(
        '{ node(id: "f") { name __typename } }', [[[figure, None, True, [None, "hit", 2]]]]
    ) == {"node": {"name": "2 hit", "__typename": "Figure"}}


def test_what_would_be_an_error_is_left_to_the_standard_path() -> None:
    with pytest.raises(Violation):
        shaped('{ attack(id: "a") { geoPrecision } }', [[[["Attack"], None, True, 2**40]]])
    with pytest.raises(Violation):
        shaped('{ attack(id: "a") { id } }', [[[["Attack"], None, True, None]]])
