"""`deedgraph load`, `generate` and `facts-schema`: bringing data in (`import acled` is in
acled.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from deedgraph.console import fail, friendly, on_graph
from deedgraph.progress import Progress
from graph.errors import LoadError
from graph.settings import Connection

if TYPE_CHECKING:
    from graph.errors import Problem
    from graph.ingest.facts.loader import Loaded
    from graph.ingest.facts.parse import Parsed
    from graph.ingest.facts.plan import Plan


@friendly
def load(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Facts files (YAML), or folders: every *.facts.yaml, *.facts.yml and "
            "*.facts.json under a folder, in order of their path."
        ),
    ],
    check_only: Annotated[
        bool, typer.Option("--check", help="Validate only; write nothing.")
    ] = False,
) -> None:
    """Validate facts files and load them: every error is reported, and nothing is written
    unless every file is valid; then all are written in one transaction. Loading the same
    file again updates it in place."""
    from graph.ingest.facts.loader import check

    try:
        if check_only:
            checked = asyncio.run(check_with_graph(Connection.from_env(), paths))
            if checked is None:
                planned, problems = check(paths)
                said = (
                    "no graph is reachable, so ids, anchors and additions outside the files "
                    "were not checked: they are on load"
                )
            else:
                (planned, problems), said = checked, "ids outside them checked against the graph"
            if problems:
                raise LoadError(problems)
            typer.echo(f"{len(planned)} file(s) valid ({said})")
            return
        connection = Connection.from_env()
        loaded = asyncio.run(prepare_graph(connection, paths))
    except LoadError as error:
        for problem in error.problems:
            typer.echo(str(problem), err=True)
        fail(f"{len(error.problems)} problem(s); nothing was loaded")
        return
    for item in loaded:
        typer.echo(f"loaded {item.path}: {item.nodes} nodes, {item.relationships} relationships")
        for warning in item.warnings:
            typer.echo(f"warning: {warning}", err=True)
    if len(loaded) > 1:
        typer.echo(f"{len(loaded)} files loaded in one transaction")


@friendly
def unload(
    source: Annotated[
        str, typer.Argument(help="A loaded document's source id, or the facts file that loaded it.")
    ],
) -> None:
    """Take back exactly what one loaded source contributed: facts only it supports go, facts
    others support lose only its evidence, its confirmations are undone. The graph then
    answers as if it had never been loaded."""
    from deedgraph.commands.verify import source_of
    from graph.ingest.facts.unload import unload as take_back

    document = source_of(source)
    connection = Connection.from_env()
    done = asyncio.run(on_graph(connection, lambda db: take_back(db, document)))
    typer.echo(
        f"unloaded {done.source}: {done.touched} facts touched, {done.removed} removed, "
        f"{len(done.promoted)} now defined by another source"
    )


async def check_with_graph(
    connection: Connection, paths: list[Path]
) -> tuple[list[tuple[Parsed, Plan]], list[Problem]] | None:
    """Check files against the graph as a load would; None when no graph answers."""
    import neo4j

    from graph.errors import DeedgraphError
    from graph.ingest.facts.loader import check_against
    from graph.store.database import Database

    try:
        database = Database.connect(connection, timeout=10)
    except (DeedgraphError, neo4j.exceptions.DriverError, OSError):
        return None
    try:
        try:
            await database.read("RETURN 1 AS one")
        except (DeedgraphError, neo4j.exceptions.DriverError, OSError):
            return None
        return await check_against(database, paths)
    finally:
        await database.close()


async def prepare_graph(connection: Connection, paths: list[Path]) -> list[Loaded]:
    """Create constraints and indexes, then load the given facts files."""
    from graph.ingest.facts.loader import load as load_files

    loaded: list[Loaded] = await on_graph(connection, lambda db: load_files(db, paths))
    return loaded


@friendly
def generate(
    events: Annotated[int, typer.Option(help="Attack incidents to generate.")] = 100_000,
    seed: Annotated[int, typer.Option(help="Same seed, same world.")] = 1,
) -> None:
    """Write a deterministic synthetic world (waves, incidents, targets, figures, agreements,
    statements) straight to Neo4j, for scale tests and benchmarks."""
    from graph.ingest.synthetic.generate import generate as generate_world

    if events < 1:
        fail("--events must be at least 1")
    show = Progress("events")
    try:
        result = asyncio.run(
            on_graph(
                Connection.from_env(),
                lambda database: generate_world(database, events, seed, progress=show),
            )
        )
    finally:
        show.close()
    typer.echo(
        f"{result.events} events, {result.written} nodes and relationships "
        f"in {result.seconds:.1f}s ({result.events / result.seconds:,.0f} events/s)"
    )


def facts_schema() -> None:
    """Print the JSON Schema of the facts-file format (docs/facts.schema.json)."""
    from graph.ingest.facts.json_schema import facts_json_schema

    typer.echo(facts_json_schema(), nl=False)
