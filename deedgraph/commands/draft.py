"""`deedgraph draft REPORT.txt`: a facts file drafted from a report, every fact marked
`drafted: {rule, confidence}` for review, using the graph (when one answers) for ids, anchors
and attacks it already holds."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from deedgraph.console import fail, friendly
from graph.settings import Connection

if TYPE_CHECKING:
    from draft.lookup import Snapshot


@friendly
def draft(
    report: Annotated[Path, typer.Argument(help="The report's text (UTF-8).", exists=True)],
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the facts file here (default: stdout).")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date or moment, ISO 8601 (else read from a date line)."),
    ] = None,
    timezone: Annotated[
        str | None, typer.Option(help="IANA zone the report's times are meant in.")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Title (else the first line).")] = None,
    url: Annotated[str | None, typer.Option(help="The report's address.")] = None,
    publisher: Annotated[str | None, typer.Option(help="Outlet (else the byline).")] = None,
    no_graph: Annotated[
        bool, typer.Option("--no-graph", help="Draft without asking the graph.")
    ] = False,
) -> None:
    """Draft a facts file from a report: review it, then `deedgraph load --check` and load."""
    from draft import NoGraph, draft_report, read_report

    day = None
    if published:
        try:  # a date, or a moment with its offset: its local day is the publication day
            day = dt.datetime.fromisoformat(published).date()
        except ValueError:
            fail(f"--published: {published!r} is not an ISO date or moment (YYYY-MM-DD)")
    text_file = None
    if out is not None:
        text_file = os.path.relpath(report.resolve(), out.resolve().parent)
    parsed = read_report(
        report.read_text(encoding="utf-8"), report.stem.removesuffix(".txt"),
        title=title, publisher=publisher, url=url, published=day, timezone=timezone,
        text_file=text_file,
    )  # fmt: skip
    graph = (
        NoGraph() if no_graph else asyncio.run(snapshot(Connection.from_env(), parsed.published))
    )
    result = draft_report(parsed, graph)
    if not graph.reachable and not no_graph:
        result.notes.append("no graph is reachable: every fact is drafted as new")
    if out is None:
        typer.echo(result.yaml(), nl=False)
    else:
        out.write_text(result.yaml(), encoding="utf-8")
    typer.echo(result.summary() + f"\n({result.seconds:.2f} s)", err=out is None)


async def snapshot(connection: Connection, day: dt.date | None) -> Snapshot:
    """The graph's names and the attacks of the report's days; NoGraph if none answers."""
    import neo4j

    from api.drafting import graph_snapshot
    from draft.lookup import NoGraph
    from graph.errors import DeedgraphError
    from graph.store.database import Database

    try:
        database = Database.connect(connection, timeout=10)
    except (DeedgraphError, neo4j.exceptions.DriverError, OSError):
        return NoGraph()
    try:
        return await graph_snapshot(database, day)
    except (DeedgraphError, neo4j.exceptions.DriverError, OSError):
        return NoGraph()
    finally:
        await database.close()
