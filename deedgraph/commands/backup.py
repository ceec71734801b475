"""`deedgraph backup` and `restore`: the managed database in one file, and back."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from deedgraph.console import friendly
from graph.settings import Connection


@friendly
def backup(
    path: Annotated[Path, typer.Argument(help="The file to write, e.g. deedgraph.dump.")],
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
) -> None:
    """Back the managed Neo4j's graph up into one file (neo4j-admin database dump). The
    server must be stopped: `deedgraph neo4j stop` first."""
    from graph.managed.backup import backup as dump

    archive = dump(Connection.from_env(), path, force=force)
    typer.echo(f"backed up to {archive.path}: {archive.bytes:,} bytes in {archive.seconds:.1f}s")


@friendly
def restore(
    path: Annotated[Path, typer.Argument(help="A file `deedgraph backup` wrote.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace a graph that holds data.")
    ] = False,
) -> None:
    """Replace the managed Neo4j's graph with a backup (neo4j-admin database load). The
    server must be stopped; a graph with data is replaced only with --force."""
    from graph.managed.backup import restore as load

    archive = asyncio.run(load(Connection.from_env(), path, force=force))
    typer.echo(
        f"restored from {archive.path} ({archive.bytes:,} bytes) in {archive.seconds:.1f}s; "
        "start Neo4j with `deedgraph neo4j start` or `deedgraph serve`"
    )
