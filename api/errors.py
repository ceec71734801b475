"""Every error a client sees carries extensions.code, and nothing internal leaks."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from api.types.connections import BadInput
from graph.errors import NotFoundError, QueryTimeoutError, UnavailableError

logger = logging.getLogger("deedgraph.errors")

CODES: list[tuple[type[Exception], str]] = [
    (BadInput, "BAD_USER_INPUT"),
    (NotFoundError, "NOT_FOUND"),
    (QueryTimeoutError, "TIMEOUT"),
    (UnavailableError, "UNAVAILABLE"),
]


def code_for(error: GraphQLError) -> tuple[str, str]:
    """The code and the message that may be shown for one error."""
    original = error.original_error
    if original is None:
        return "GRAPHQL_VALIDATION_FAILED", error.message  # about the query text: safe to show
    for kind, code in CODES:
        if isinstance(original, kind):
            return code, str(original)
    logger.error("unexpected error in %s", error.path, exc_info=original)
    return "INTERNAL", "Internal error: it has been logged."


class ErrorCodes(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        masked = []
        for error in result.errors:
            code, message = code_for(error)
            masked.append(
                GraphQLError(
                    message,
                    nodes=error.nodes,
                    source=error.source,
                    positions=error.positions,
                    path=error.path,
                    original_error=None,
                    extensions={**(error.extensions or {}), "code": code},
                )
            )
        result.errors = masked
