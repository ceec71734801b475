"""What a client sees of an error: the code of its class, its message when it is meant for
the client, the problems of a refused load, and nothing of an unexpected exception."""

from __future__ import annotations

import inspect
import logging

import pytest
from graphql import GraphQLError

from api.extensions.error_codes import VALIDATION_FAILED, code_for
from graph import errors
from graph.errors import DeedgraphError, LoadError, NotFoundError, Problem

SUBCLASSES = sorted(
    (
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, DeedgraphError) and cls is not LoadError
    ),
    key=lambda cls: cls.__name__,
)
GENERIC = "Internal error: it has been logged."


def raised(error: Exception) -> GraphQLError:
    return GraphQLError("resolver failed", original_error=error, path=["attack"])


@pytest.mark.parametrize("cls", SUBCLASSES, ids=lambda cls: cls.__name__)
def test_each_deedgraph_error_maps_to_its_class_code(cls: type[DeedgraphError]) -> None:
    code, _, details = code_for(raised(cls("what went wrong")))
    assert code == cls.code
    assert details == {}


@pytest.mark.parametrize(
    "cls",
    [cls for cls in SUBCLASSES if cls.code != "INTERNAL"],
    ids=lambda cls: cls.__name__,
)
def test_a_client_facing_error_keeps_its_message(cls: type[DeedgraphError]) -> None:
    assert code_for(raised(cls("first: too large")))[1] == "first: too large"


@pytest.mark.parametrize(
    "cls",
    [cls for cls in SUBCLASSES if cls.code == "INTERNAL"],
    ids=lambda cls: cls.__name__,
)
def test_an_internal_deedgraph_error_hides_its_message(cls: type[DeedgraphError]) -> None:
    assert code_for(raised(cls("password=hunter2")))[1] == GENERIC


def test_a_load_error_is_bad_user_input_with_its_problems() -> None:
    error = LoadError(
        [
            Problem("api", 4, "actors[0].kind", "got 'empire'"),
            Problem("api", None, "document", "not a source"),
        ]
    )
    code, message, details = code_for(raised(error))
    assert code == "BAD_USER_INPUT"
    assert message == "2 problem(s) in the input; nothing was written"
    assert details == {
        "problems": [
            {"path": "actors[0].kind", "line": 4, "message": "got 'empire'"},
            {"path": "document", "line": None, "message": "not a source"},
        ]
    }


def test_an_unexpected_exception_is_internal_logged_and_not_shown(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="deedgraph.errors"):
        code, message, details = code_for(raised(KeyError("neo4j://user:secret@db")))
    assert (code, message, details) == ("INTERNAL", GENERIC, {})
    assert "secret" not in message
    [record] = caplog.records
    assert record.name == "deedgraph.errors" and record.exc_info is not None
    assert "['attack']" in record.getMessage()


def test_a_known_error_is_not_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="deedgraph.errors"):
        code_for(raised(NotFoundError("id: no attack with id 'x'")))
    assert caplog.records == []


def test_an_error_without_an_original_is_a_validation_failure() -> None:
    error = GraphQLError("Cannot query field 'nme' on type 'Actor'.")
    assert code_for(error) == (VALIDATION_FAILED, error.message, {})
    assert VALIDATION_FAILED == "GRAPHQL_VALIDATION_FAILED"


def test_a_variable_of_the_wrong_value_is_a_validation_failure_shown_to_the_client() -> None:
    coercion = GraphQLError("Value 'navy' does not exist in 'ActorKind' enum.")
    error = GraphQLError(
        "Variable '$fact' got invalid value 'navy' at 'fact.kind'.", original_error=coercion
    )
    code, message, _ = code_for(error)
    assert code == VALIDATION_FAILED
    assert "'navy'" in message and "fact.kind" in message
