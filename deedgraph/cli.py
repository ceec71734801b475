"""The `deedgraph` command: run Neo4j, serve the API, load and import data."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Awaitable, Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from graph import server
from graph.errors import DeedgraphError
from graph.settings import Connection, ManagedServer

if TYPE_CHECKING:
    from graph.loader import Loaded

app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False)
neo4j_app = typer.Typer(
    help="Run the managed Neo4j server (no Docker needed).", no_args_is_help=True
)
app.add_typer(neo4j_app, name="neo4j")
import_app = typer.Typer(help="Import data sets investigators already have.", no_args_is_help=True)
app.add_typer(import_app, name="import")

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
    connection = Connection.from_env()
    if connection.managed is None:
        fail(f"NEO4J_URI is set ({connection.uri}): that server is not managed by deedgraph")
    assert connection.managed is not None
    return connection.managed


@neo4j_app.command("fetch")
@friendly
def neo4j_fetch() -> None:
    """Download Neo4j's jars from Maven Central into the cache, if absent."""
    managed = ManagedServer.from_env()
    fetched = server.fetch_jars(managed)
    typer.echo(f"Neo4j jars {'fetched into' if fetched else 'already in'} {managed.jars_dir}")


@neo4j_app.command("start")
@friendly
def neo4j_start() -> None:
    """Start Neo4j in the background and wait until it answers."""
    managed = managed_or_fail()
    pid, started = server.start(managed)
    verb = "started" if started else "already running"
    typer.echo(f"Neo4j {verb}: pid {pid}, {managed.uri}, data in {managed.state_dir}")


@neo4j_app.command("stop")
@friendly
def neo4j_stop() -> None:
    """Shut Neo4j down cleanly."""
    managed = managed_or_fail()
    stopped = server.stop(managed)
    typer.echo("Neo4j stopped" if stopped else "Neo4j was not running")


@neo4j_app.command("status")
@friendly
def neo4j_status() -> None:
    """Say whether the managed Neo4j is running (exit code 3 when it is not)."""
    managed = managed_or_fail()
    state = server.status(managed)
    if state.running:
        typer.echo(f"running: pid {state.pid}, {state.uri}, data in {state.state_dir}")
    else:
        typer.echo(f"stopped: data in {state.state_dir}")
        raise typer.Exit(3)


@app.command()
@friendly
def serve(
    host: Annotated[str, typer.Option(envvar="DEEDGRAPH_HOST", help="Address to listen on.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(envvar="DEEDGRAPH_PORT", help="Port to listen on.")] = 8000,
    seed: Annotated[
        list[Path] | None, typer.Option(help="Facts files to load before serving (repeatable).")
    ] = None,
) -> None:
    """Serve the GraphQL API (starting the managed Neo4j when NEO4J_URI is unset)."""
    import uvicorn

    from api.app import create_app
    from api.logging import configure
    from api.settings import ApiSettings

    connection = Connection.from_env()
    settings = ApiSettings.from_env()
    configure(settings.log_level)
    started = False
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    if connection.managed is not None:
        _, started = server.start(connection.managed)
    try:
        for item in asyncio.run(_prepare_graph(connection, seed or [])):
            typer.echo(f"deedgraph: loaded {item.path} ({item.nodes} nodes)")
        typer.echo(f"deedgraph: GraphQL at http://{host}:{port}/graphql (Neo4j {connection.uri})")
        uvicorn.run(create_app(connection, settings), host=host, port=port, log_config=None)
    finally:
        if started and connection.managed is not None:
            typer.echo("deedgraph: stopping Neo4j", err=True)
            server.stop(connection.managed)


@app.command()
@friendly
def load(
    paths: Annotated[list[Path], typer.Argument(help="Facts files (YAML) to load.")],
    check_only: Annotated[
        bool, typer.Option("--check", help="Validate only; write nothing.")
    ] = False,
) -> None:
    """Validate facts files and load them: every error is reported, and nothing is written
    unless every file is valid. Loading the same file again updates it in place."""
    from graph.loader import LoadError, check

    try:
        if check_only:
            _, problems = check(paths)
            if problems:
                raise LoadError(problems)
            typer.echo(f"{len(paths)} file(s) valid (ids defined outside them are checked on load)")
            return
        connection = Connection.from_env()
        loaded = asyncio.run(_prepare_graph(connection, paths))
    except LoadError as error:
        for problem in error.problems:
            typer.echo(str(problem), err=True)
        fail(f"{len(error.problems)} problem(s); nothing was loaded")
        return
    for item in loaded:
        typer.echo(f"loaded {item.path}: {item.nodes} nodes, {item.relationships} relationships")


async def _on_graph(connection: Connection, work: Callable[[Any], Awaitable[T]]) -> T:
    """Connect, create constraints and indexes (idempotent), run the work, disconnect."""
    from graph.database import Database
    from graph.schema import create_schema

    # Bulk work: one transaction may run for minutes (the API's limit is seconds).
    database = Database.connect(connection, timeout=600)
    try:
        await create_schema(database)
        return await work(database)
    finally:
        await database.close()


async def _prepare_graph(connection: Connection, paths: list[Path]) -> list[Loaded]:
    """Create constraints and indexes, then load the given facts files."""
    from graph.loader import load as load_files

    loaded: list[Loaded] = await _on_graph(connection, lambda db: load_files(db, paths))
    return loaded


def _progress(unit: str) -> Callable[[int, int, float], None]:
    def show(done: int, total: int, seconds: float) -> None:
        rate = done / seconds if seconds else 0.0
        typer.echo(f"\r  {done}/{total} {unit} ({rate:,.0f}/s)", nl=False, err=True)

    return show


@app.command()
def schema() -> None:
    """Print the GraphQL schema (SDL), as committed in schema.graphql."""
    from api.schema import build_schema
    from api.settings import ApiSettings

    typer.echo(build_schema(ApiSettings()).as_str())


@import_app.command("acled")
@friendly
def import_acled(
    paths: Annotated[list[Path], typer.Argument(help="ACLED CSV exports (2023 or older layout).")],
    strict: Annotated[
        bool, typer.Option("--strict", help="All or nothing: any bad row imports nothing.")
    ] = False,
    batch_size: Annotated[int, typer.Option(help="Events per UNWIND batch.")] = 5000,
) -> None:
    """Import ACLED events: attacks, interceptions and agreements with their actors, places
    and sources. Bad rows are reported with their line; a newer `timestamp` wins."""
    from graph.acled.importer import AcledImportError, import_acled

    progress = _progress("events written")
    try:
        summary = asyncio.run(
            _on_graph(
                Connection.from_env(),
                lambda database: import_acled(database, paths, strict, batch_size, progress),
            )
        )
    except AcledImportError as error:
        for path, bad in error.bad:
            typer.echo(f"{path}:{bad}", err=True)
        fail(str(error))
        return
    typer.echo("", err=True)
    for path, bad in summary.bad:
        typer.echo(f"{path}:{bad}", err=True)
    typer.echo(
        f"{summary.rows} rows in {summary.seconds:.1f}s ({summary.rows_per_second:,.0f} rows/s): "
        f"{summary.written} events written, {summary.stale} older than the graph's, "
        f"{summary.not_modelled} of types not modelled, {len(summary.bad)} bad"
    )


@app.command()
@friendly
def generate(
    events: Annotated[int, typer.Option(help="Attack incidents to generate.")] = 100_000,
    seed: Annotated[int, typer.Option(help="Same seed, same world.")] = 1,
) -> None:
    """Write a deterministic synthetic world (waves, incidents, targets, figures, agreements,
    statements) straight to Neo4j, for scale tests and benchmarks."""
    from graph.synthetic import generate as generate_world

    if events < 1:
        fail("--events must be at least 1")
    progress = _progress("events")
    result = asyncio.run(
        _on_graph(
            Connection.from_env(),
            lambda database: generate_world(database, events, seed, progress=progress),
        )
    )
    typer.echo("", err=True)
    typer.echo(
        f"{result.events} events, {result.written} nodes and relationships "
        f"in {result.seconds:.1f}s ({result.events / result.seconds:,.0f} events/s)"
    )


@app.command("api-key")
def api_key(
    name: Annotated[str, typer.Argument(help="Who the key is for (recorded on every write).")],
    role: Annotated[str, typer.Option(help="reader or editor (editors may write).")] = "editor",
) -> None:
    """Make an API key: the key goes to its holder, the stored line (hashed) goes into
    DEEDGRAPH_API_KEYS_FILE or DEEDGRAPH_API_KEYS, never into the repository."""
    from api.auth import ROLES, new_key

    if role not in ROLES:
        fail(f"--role must be one of {', '.join(ROLES)}, got {role!r}")
    key, line = new_key(name, role)  # type: ignore[arg-type]
    typer.echo(f"key (give it to {name}; it is not stored): {key}")
    typer.echo(f"line for DEEDGRAPH_API_KEYS_FILE: {line}")


@app.command("facts-schema")
def facts_schema() -> None:
    """Print the JSON Schema of the facts-file format (docs/facts.schema.json)."""
    from graph.facts.schema_export import facts_json_schema

    typer.echo(facts_json_schema(), nl=False)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    # uvicorn re-raises the signal it caught once it has shut down; ending with SystemExit
    # (not the default kill) lets `serve` stop the Neo4j it started.
    raise SystemExit(0)


def main() -> None:
    try:
        app()
    except DeedgraphError as error:  # raised outside a command, e.g. reading settings
        typer.echo(f"deedgraph: {error}", err=True)
        sys.exit(1)
