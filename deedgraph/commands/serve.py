"""`deedgraph serve` and `deedgraph schema`: the GraphQL API."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from deedgraph.commands.data import prepare_graph
from deedgraph.console import friendly
from graph.managed import server
from graph.managed.supervisor import Supervisor
from graph.settings import Settings


@friendly
def serve(
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (default: DEEDGRAPH_HOST).")
    ] = None,
    port: Annotated[
        int | None, typer.Option(help="Port to listen on (default: DEEDGRAPH_PORT).")
    ] = None,
    seed: Annotated[
        list[Path] | None, typer.Option(help="Facts files to load before serving (repeatable).")
    ] = None,
) -> None:
    """Serve the GraphQL API (starting the managed Neo4j when NEO4J_URI is unset, and
    restarting it if it exits)."""
    import uvicorn

    from api.app import create_app
    from api.logs import configure

    settings = Settings.from_env()
    connection = settings.connection
    host = host or settings.host
    port = port or settings.port
    configure(settings.log_level, settings.log_format)
    started = False
    supervisor: Supervisor | None = None
    metrics_dir: str | None = None
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    if connection.managed is not None:
        pid, started = server.start(connection.managed)
        if started:  # a Neo4j started by someone else is theirs to look after
            supervisor = Supervisor(connection.managed, pid)
            supervisor.start()
    try:
        for item in asyncio.run(prepare_graph(connection, seed or [])):
            typer.echo(f"deedgraph: loaded {item.path} ({item.nodes} nodes)")
        workers = f", {settings.workers} workers" if settings.workers > 1 else ""
        typer.echo(
            f"deedgraph: GraphQL at http://{host}:{port}/graphql (Neo4j {connection.uri}{workers})"
        )
        if settings.workers > 1:  # each worker builds its app from the same environment
            if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):  # api/metrics.py
                metrics_dir = tempfile.mkdtemp(prefix="deedgraph-metrics-")
                os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
            uvicorn.run(
                "api.app:create_app",
                factory=True,
                workers=settings.workers,
                host=host,
                port=port,
                log_config=None,
                access_log=False,  # one line per request, from the app (api/logs.py)
            )
        else:
            app = create_app(connection, settings)
            uvicorn.run(app, host=host, port=port, log_config=None, access_log=False)
    finally:
        if supervisor is not None:
            typer.echo("deedgraph: stopping Neo4j", err=True)
            supervisor.stop()
        if metrics_dir is not None:
            shutil.rmtree(metrics_dir, ignore_errors=True)


def schema() -> None:
    """Print the GraphQL schema (SDL), as committed in schema.graphql."""
    from api.schema import build_schema

    typer.echo(build_schema(Settings.from_env({})).as_str())


def exit_on_sigterm(signum: int, frame: object) -> None:
    # uvicorn re-raises the signal it caught once it has shut down; ending with SystemExit
    # (not the default kill) lets `serve` stop the Neo4j it started.
    raise SystemExit(0)
