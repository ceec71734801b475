"""`deedgraph neo4j ...`: the managed Neo4j server on its own."""

from __future__ import annotations

import typer

from deedgraph.console import friendly, managed_or_fail
from graph.managed import jars, server
from graph.settings import Settings


@friendly
def fetch() -> None:
    """Download Neo4j's jars from Maven Central into the cache, if absent."""
    managed = Settings.from_env().managed_server
    fetched = jars.fetch_jars(managed)
    typer.echo(f"Neo4j jars {'fetched into' if fetched else 'already in'} {managed.jars_dir}")


@friendly
def start() -> None:
    """Start Neo4j in the background and wait until it answers."""
    managed = managed_or_fail()
    pid, started = server.start(managed)
    verb = "started" if started else "already running"
    typer.echo(f"Neo4j {verb}: pid {pid}, {managed.uri}, data in {managed.state_dir}")


@friendly
def stop() -> None:
    """Shut Neo4j down cleanly."""
    managed = managed_or_fail()
    stopped = server.stop(managed)
    typer.echo("Neo4j stopped" if stopped else "Neo4j was not running")


@friendly
def status() -> None:
    """Say whether the managed Neo4j is running (exit code 3 when it is not)."""
    managed = managed_or_fail()
    state = server.status(managed)
    if state.running:
        typer.echo(f"running: pid {state.pid}, {state.uri}, data in {state.state_dir}")
    else:
        typer.echo(f"stopped: data in {state.state_dir}")
        raise typer.Exit(3)
