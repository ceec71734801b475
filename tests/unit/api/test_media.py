"""Which media type an answer gets, and what counts as failing before execution
(api/media.py)."""

from __future__ import annotations

import pytest
from graphql import GraphQLError
from strawberry.types import ExecutionResult

from api.media import (
    GRAPHQL_RESPONSE,
    JSON,
    coded,
    failed_before_execution,
    negotiate,
    request_error,
)


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (None, JSON),
        ("", JSON),
        ("*/*", JSON),
        ("application/json", JSON),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE}", JSON),
        (f"application/json;q=0.5, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        ("text/html, */*;q=0.1", JSON),
        ("text/csv", None),
        (f"{GRAPHQL_RESPONSE};q=0", None),
    ],
)
def test_the_client_gets_its_preferred_media_type(accept: str | None, media: str | None) -> None:
    assert negotiate(accept) == media


def test_an_error_without_a_path_and_no_data_failed_before_execution() -> None:
    assert failed_before_execution(ExecutionResult(data=None, errors=[GraphQLError("Syntax")]))


def test_an_error_in_a_field_is_an_execution_error() -> None:
    error = GraphQLError("boom", path=["attack"])
    assert not failed_before_execution(ExecutionResult(data=None, errors=[error]))
    assert not failed_before_execution(ExecutionResult(data={"a": 1}, errors=[GraphQLError("x")]))


def test_an_uncoded_syntax_error_is_a_parse_failure_and_others_keep_their_code() -> None:
    errors = coded(
        [
            {"message": "Syntax Error: Expected Name, found <EOF>."},
            {"message": "Cannot query field 'nope' on type 'Query'."},
            {"message": "Not found", "extensions": {"code": "NOT_FOUND"}},
        ]
    )
    codes = [error["extensions"]["code"] for error in errors]
    assert codes == ["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "NOT_FOUND"]


@pytest.mark.parametrize(
    ("status", "message", "code"),
    [
        (400, "Unable to parse request body as JSON", "INVALID_JSON"),
        (400, "Batching is not enabled", "BATCH_NOT_SUPPORTED"),
        (415, "Unsupported content type", "UNSUPPORTED_MEDIA_TYPE"),
        (405, "mutations are not allowed when using GET", "METHOD_NOT_ALLOWED"),
        (400, "No GraphQL query found in the request", "BAD_REQUEST"),
    ],
)
def test_a_refusal_is_a_coded_json_error(status: int, message: str, code: str) -> None:
    answered, body = request_error(status, message)
    assert answered == status
    assert body["errors"][0]["extensions"]["code"] == code
