"""Every error a client sees carries extensions.code, read from the error's class
(graph/errors.py); nothing internal leaks."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from graph.errors import DeedgraphError, LoadError

logger = logging.getLogger("deedgraph.errors")

VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"


def code_for(error: GraphQLError) -> tuple[str, str, dict[str, Any]]:
    """The code, the message that may be shown, and any details for one error."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        # About the query text (validation, or a variable of the wrong type, which carries
        # the coercion's own error): safe to show.
        return VALIDATION_FAILED, error.message, {}
    if isinstance(original, LoadError):
        problems = [
            {"path": p.path, "line": p.line, "message": p.message} for p in original.problems
        ]
        return original.code, original.summary, {"problems": problems}
    if isinstance(original, DeedgraphError) and original.code != DeedgraphError.code:
        return original.code, str(original), {}
    logger.error("unexpected error in %s", error.path, exc_info=original)
    return DeedgraphError.code, "Internal error: it has been logged.", {}


class ErrorCodes(SchemaExtension):
    """Replaces each error of a result by one with a code and a message safe to show."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        result.errors = [coded_error(error) for error in result.errors]


def coded_error(error: GraphQLError) -> GraphQLError:
    """The error as a client sees it: a code, and a message safe to show."""
    code, message, details = code_for(error)
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions={**(error.extensions or {}), **details, "code": code},
    )
