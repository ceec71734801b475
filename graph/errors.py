"""Every error deedgraph raises on purpose: its message is written for the person who ran the
command or sent the request, and its `code` is what an API client sees in
`errors[].extensions.code`.

    DeedgraphError (INTERNAL)
    ├── ConfigError                  a setting has a value that cannot be used
    ├── ServerError                  the managed Neo4j could not be fetched, started or stopped
    ├── UnavailableError (UNAVAILABLE)   Neo4j cannot be reached right now; try again
    ├── QueryTimeoutError (TIMEOUT)      a query ran past its time limit and was stopped
    ├── NotFoundError (NOT_FOUND)        nothing has the id that was asked for
    ├── BadInputError (BAD_USER_INPUT)   a client mistake in the arguments
    │   ├── LoadError                       input with problems listed by file, line and field
    │   └── BulkValueError                  a value the offline (--bulk) importer cannot take
    └── AccessError
        ├── UnauthenticatedError (UNAUTHENTICATED)  no valid key came with a request needing one
        └── ForbiddenError (FORBIDDEN)              the key's role may not do this

Anything that is not a DeedgraphError is a bug: clients see INTERNAL and the server logs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


class DeedgraphError(Exception):
    """Base class: the message is safe to show to a user as it is."""

    code: ClassVar[str] = "INTERNAL"
    # The HTTP status of an answer that is this error alone (an export, not a GraphQL
    # result, which says its errors inside a 200).
    http_status: ClassVar[int] = 500

    def is_retryable(self) -> bool:
        """Whether the same request may succeed if sent again unchanged."""
        return False


class ConfigError(DeedgraphError):
    """A setting has a value that cannot be used."""


class ServerError(DeedgraphError):
    """The managed Neo4j could not be fetched, started or stopped."""


class UnavailableError(DeedgraphError):
    """Neo4j cannot be reached right now."""

    code = "UNAVAILABLE"
    http_status = 503

    def is_retryable(self) -> bool:
        return True


class QueryTimeoutError(DeedgraphError):
    """A query ran longer than its time limit and was stopped by the server."""

    code = "TIMEOUT"
    http_status = 504


class NotFoundError(DeedgraphError):
    """Nothing has the id that was asked for."""

    code = "NOT_FOUND"
    http_status = 404


class BadInputError(DeedgraphError):
    """A client mistake in the arguments: the message says which and why."""

    code = "BAD_USER_INPUT"
    http_status = 400


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, said where it is: file, line and field path."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path or '(file)'}: {self.message}"


class LoadError(BadInputError):
    """Input with one or more problems (a facts file, an ACLED export, a write); nothing was
    written. The message is the summary; `problems` says what and where, one by one."""

    def __init__(self, problems: list[Problem], summary: str | None = None) -> None:
        self.problems = problems
        self.summary = summary or f"{len(problems)} problem(s) in the input; nothing was written"
        super().__init__("\n".join(str(p) for p in problems))


class BulkValueError(BadInputError):
    """A value in the user's file that the offline importer (--bulk) cannot take as it is; the
    message says which and how to import it anyway (without --bulk)."""


class AccessError(DeedgraphError):
    """The request may not do what it asks with the credentials it came with."""


class UnauthenticatedError(AccessError):
    """No valid API key came with a request that needs one."""

    code = "UNAUTHENTICATED"
    http_status = 401


class ForbiddenError(AccessError):
    """The API key is valid but its role may not do this."""

    code = "FORBIDDEN"
    http_status = 403
