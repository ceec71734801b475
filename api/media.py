"""GraphQL over HTTP's two answer media types, and which one a request gets.

`application/graphql-response+json` (the spec's own) lets status codes speak: a request that
fails before execution (unparsable, invalid, bad variables) is a 400 without `data`.
`application/json` (the legacy type, the default with no Accept or with `*/*`) answers every
well-formed request with 200, as older clients expect.
"""

from __future__ import annotations

from typing import Any

from strawberry.types import ExecutionResult

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"


def negotiate(accept: str | None) -> str | None:
    """The media type to answer with: the client's most preferred of the two (ties go to the
    first listed), JSON when it names neither but accepts anything, None when it accepts
    neither (406)."""
    if not accept:
        return JSON
    best: tuple[float, int, str] | None = None
    for index, part in enumerate(accept.split(",")):
        kind, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        media = {
            GRAPHQL_RESPONSE: GRAPHQL_RESPONSE,
            JSON: JSON,
            "application/*": JSON,
            "*/*": JSON,
        }.get(kind.lower())
        if media is None or quality <= 0:
            continue
        if best is None or quality > best[0]:
            best = (quality, index, media)
    return best[2] if best else None


def failed_before_execution(result: ExecutionResult) -> bool:
    """Parse, validation and variable errors: no data, and no error with a path."""
    errors = result.errors or []
    return result.data is None and bool(errors) and all(error.path is None for error in errors)


def coded(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every error carries extensions.code; those the schema extension did not see (the
    document did not parse) are coded here."""
    for error in errors:
        extensions = error.setdefault("extensions", {})
        if "code" not in extensions:
            message = str(error.get("message", ""))
            extensions["code"] = (
                PARSE_FAILED if message.startswith("Syntax Error") else VALIDATION_FAILED
            )
    return errors


def request_error(status: int, message: str) -> tuple[int, dict[str, Any]]:
    """The JSON body of a request refused before GraphQL saw it (bad JSON, wrong method or
    content type, a batch): the spec's status with a coded error."""
    code = {
        405: "METHOD_NOT_ALLOWED",
        406: "NOT_ACCEPTABLE",
        413: "PAYLOAD_TOO_LARGE",
        415: "UNSUPPORTED_MEDIA_TYPE",
    }.get(status, "BAD_REQUEST")
    if message.startswith("Unable to parse request body as JSON"):
        code = "INVALID_JSON"
    elif message.startswith("Unknown persisted document"):
        code = "PERSISTED_QUERY_NOT_FOUND"
    elif message.startswith("Only trusted documents"):
        code = "TRUSTED_DOCUMENT_REQUIRED"
    elif message.startswith("Batching is not enabled"):
        code = "BATCH_NOT_SUPPORTED"
        message = "Send one operation per request: batches (a JSON array) are not supported"
    return status, {"errors": [{"message": message, "extensions": {"code": code}}]}
