"""Every error a client sees carries extensions.code, and nothing internal leaks."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from api.auth import ForbiddenError, UnauthenticatedError
from api.types.connections import BadInput
from graph.errors import NotFoundError, QueryTimeoutError, UnavailableError
from graph.loader import LoadError

logger = logging.getLogger("deedgraph.errors")

CODES: list[tuple[type[Exception], str]] = [
    (BadInput, "BAD_USER_INPUT"),
    (LoadError, "BAD_USER_INPUT"),
    (UnauthenticatedError, "UNAUTHENTICATED"),
    (ForbiddenError, "FORBIDDEN"),
    (NotFoundError, "NOT_FOUND"),
    (QueryTimeoutError, "TIMEOUT"),
    (UnavailableError, "UNAVAILABLE"),
]


def code_for(error: GraphQLError) -> tuple[str, str, dict[str, Any]]:
    """The code, the message that may be shown, and any details for one error."""
    original = error.original_error
    if original is None:
        # About the query text (validation, or a variable of the wrong type): safe to show.
        return "GRAPHQL_VALIDATION_FAILED", error.message, {}
    if isinstance(original, LoadError):
        problems = [
            {"path": p.path, "line": p.line, "message": p.message} for p in original.problems
        ]
        message = f"{len(problems)} problem(s) in the input; nothing was written"
        return "BAD_USER_INPUT", message, {"problems": problems}
    for kind, code in CODES:
        if isinstance(original, kind):
            return code, str(original), {}
    logger.error("unexpected error in %s", error.path, exc_info=original)
    return "INTERNAL", "Internal error: it has been logged.", {}


class ErrorCodes(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        masked = []
        for error in result.errors:
            code, message, details = code_for(error)
            masked.append(
                GraphQLError(
                    message,
                    nodes=error.nodes,
                    source=error.source,
                    positions=error.positions,
                    path=error.path,
                    original_error=None,
                    extensions={**(error.extensions or {}), **details, "code": code},
                )
            )
        result.errors = masked
