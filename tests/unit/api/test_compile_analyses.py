"""The compiled analyses' subset and shaping, without a database (their answers are compared
with the standard path's in tests/integration/test_compiled_analyses.py)."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from graphql import GraphQLObjectType

from api.compile.analyses import QUESTIONS, ROWS, AnalysisPlan, Named, Nested
from api.compile.compiler import Unsupported
from api.compile.rows import entity, made
from tests.unit.api.planned import SCHEMA, planned

QUERY = SCHEMA._schema.query_type


def plan(document: str) -> AnalysisPlan | str | None:
    return planned(document, AnalysisPlan)


def test_each_question_takes_its_resolvers_arguments() -> None:
    """The compiled path calls the question with the resolver's own converted arguments: an
    argument added to one and not the other would fail here, not fall back in silence."""
    assert QUERY is not None
    for root, question in QUESTIONS.items():
        definition = QUERY.fields[root].extensions["strawberry-definition"]
        arguments = {a.python_name for a in definition.arguments} - {"first"}
        taken = set(inspect.signature(question).parameters) - {"database"}
        assert taken == arguments, root


def test_the_row_table_names_fields_of_each_row_type() -> None:
    assert QUERY is not None
    for root in QUESTIONS:
        row_type: Any = QUERY.fields[root].type
        row_type = row_type.of_type.of_type.of_type  # [Row!]!
        assert row_type.name in ROWS, root
    for type_name, table in ROWS.items():
        graphql_type = SCHEMA._schema.type_map[type_name]
        assert isinstance(graphql_type, GraphQLObjectType)
        for name, how in table.items():
            assert name in graphql_type.fields, (type_name, name)
            if isinstance(how, Nested):
                nested = SCHEMA._schema.type_map[how.type]
                assert isinstance(nested, GraphQLObjectType)
                assert set(how.fields) <= set(nested.fields)
            if isinstance(how, Named) and how.required:  # the row is left out without it
                assert str(graphql_type.fields[name].type).endswith("!"), (type_name, name)


def test_what_is_not_compiled_under_an_analysis_says_why() -> None:
    halt = 'agreementId: "a"'
    assert plan(f"{{ attacksAfter({halt}) {{ attack {{ name }} }} }}") == (
        "AttackAfter.attack: only what an entity is (its id) is compiled"
    )
    assert plan(f"{{ agreementViolations({halt}) {{ attackEvidence {{ quotes }} }} }}") == (
        "Violation.attackEvidence is not compiled"
    )
    assert plan(f"{{ agreementViolations({halt}) {{ party {{ evidence {{ quotes }} }} }} }}") == (
        "Party.evidence is not compiled"
    )
    assert plan(f'{{ attacksAfter({halt}) {{ id }} attack(id: "a") {{ id }} }}') is None  # invalid
    assert plan(f'{{ attacksAfter({halt}) {{ hoursAfter }} attack(id: "a") {{ id }} }}') == (
        "one analysis per compiled document"
    )
    compiled = plan('{ __typename t: timeline(entityId: "a") { entity { id } } }')
    assert isinstance(compiled, AnalysisPlan)
    assert compiled.root.response_name == "t" and compiled.root.typenames == ("__typename",)


ATTACK = {"id": "a1", "labels": ["Attack", "Entity"], "retracted": None}
GONE = {"id": "a2", "labels": ["Attack", "Entity"], "retracted": True}
ACTOR = {"id": "r", "labels": ["Actor", "Entity"], "retracted": None}
IDENTITIES: dict[str, Any] = {str(e["id"]): e for e in (ATTACK, GONE, ACTOR)}


def test_an_entity_a_row_names_is_shown_only_when_of_its_kind_and_not_retracted() -> None:
    assert entity(IDENTITIES, "a1", "Attack") == ("a1", "Attack")
    assert entity(IDENTITIES, "a1", "Entity") == ("a1", "Attack")
    assert entity(IDENTITIES, "a2", "Attack") is None
    assert entity(IDENTITIES, "r", "Attack") is None
    assert entity(IDENTITIES, None, "Statement") is None
    with pytest.raises(Unsupported):  # the standard path loads what the rows do not carry
        entity(IDENTITIES, "unknown", "Attack")


def test_a_row_is_shaped_with_the_standard_paths_coercions() -> None:
    compiled = plan(
        '{ statementsVersusActions(actorId: "r") { kind: __typename relation timing '
        "action { id typeName } agreement { id } targets { id } } }"
    )
    assert isinstance(compiled, AnalysisPlan)
    row = {
        "relation": "contradicts",
        "timing": "possibly after",
        "action": "a1",
        "agreement": "r",  # not an agreement: null
        "targets": ["a2", "a1"],  # a retracted one and one of another kind: none shown
    }
    assert made(compiled.fields, row, IDENTITIES) == {
        "kind": "StatementVersusAction",
        "relation": "CONTRADICTS",
        "timing": "possibly after",
        "action": {"id": "a1", "typeName": "Attack"},
        "agreement": None,
        "targets": [],
    }
