"""What every command shares: errors as one line (never a traceback), and connecting to the
graph for one piece of work. Progress is drawn by deedgraph/progress.py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from graph.errors import DeedgraphError
from graph.settings import Connection, ManagedServer, Settings

if TYPE_CHECKING:
    from graph.store.database import Database

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"deedgraph: {message}", err=True)
    raise typer.Exit(code)


def friendly(command: F) -> F:
    """Show deedgraph's own errors as one line, never as a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DeedgraphError as error:
            fail(str(error))
        except KeyboardInterrupt:
            fail("interrupted", 130)

    return wrapper  # type: ignore[return-value]


def managed_or_fail() -> ManagedServer:
    connection = Settings.from_env().connection
    if connection.managed is None:
        fail(f"NEO4J_URI is set ({connection.uri}): that server is not managed by deedgraph")
    assert connection.managed is not None
    return connection.managed


async def on_graph(connection: Connection, work: Callable[[Database], Awaitable[T]]) -> T:
    """Connect, create constraints and indexes (idempotent), run the work, disconnect."""
    from graph.store.constraints import create_schema
    from graph.store.database import Database

    # Bulk work: one transaction may run for minutes (the API's limit is seconds).
    database = Database.connect(connection, timeout=600)
    try:
        await create_schema(database)
        return await work(database)
    finally:
        await database.close()
