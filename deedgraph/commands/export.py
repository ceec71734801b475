"""`deedgraph export neighborhood|path|attacks`: the same exports as GET /export/..., taking
the same parameters as options, written to a file or to standard output."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from deedgraph.console import friendly
from graph.settings import Connection, Settings

if TYPE_CHECKING:
    from graph.export.render import Rendered
    from graph.export.subgraph import Subgraph

Format = Annotated[str, typer.Option("--format", help="graphml, cytoscape (JSON) or csv.")]
Output = Annotated[
    Path | None, typer.Option("--output", "-o", help="The file to write; default: stdout.")
]
Table = Annotated[
    str | None, typer.Option("--table", help="CSV only: nodes or edges (attacks: attacks).")
]


async def _export(what: str, params: dict[str, str]) -> tuple[Subgraph, Rendered]:
    from graph.export.ask import gather, parse
    from graph.export.render import render
    from graph.store.database import Database

    settings = Settings.from_env()
    ask = parse(what, params, settings.max_page_size, settings.max_export_rows)
    database = Database.connect(Connection.from_env(), timeout=600)
    try:
        subgraph = await gather(database, ask, params)
    finally:
        await database.close()
    return subgraph, render(subgraph, ask)


def _run(what: str, options: Mapping[str, object], output: Path | None) -> None:
    params = {name: str(value) for name, value in options.items() if value is not None}
    subgraph, rendered = asyncio.run(_export(what, params))
    if output is None:
        sys.stdout.buffer.write(rendered.body)
        sys.stdout.flush()
    else:
        output.write_bytes(rendered.body)
    where = output or "standard output"
    typer.echo(
        f"{subgraph.title}: {len(subgraph.nodes)} nodes, {len(subgraph.edges)} edges to {where}",
        err=True,
    )
    if subgraph.truncated:
        typer.echo("warning: cut at the limit; more matched (raise --limit)", err=True)


@friendly
def neighborhood(
    id: Annotated[str, typer.Argument(help="The entity at the centre.")],
    depth: Annotated[int | None, typer.Option(help="Hops out: 1, 2 or 3.")] = None,
    limit: Annotated[int | None, typer.Option(help="Nodes besides the centre.")] = None,
    format: Format = "cytoscape",
    table: Table = None,
    output: Output = None,
) -> None:
    """Everything around an entity, and the edges among it."""
    options = {"id": id, "depth": depth, "limit": limit, "format": format, "table": table}
    _run("neighborhood", options, output)


@friendly
def path(
    source: Annotated[str, typer.Argument(metavar="FROM", help="Where the path starts.")],
    target: Annotated[str, typer.Argument(metavar="TO", help="Where it ends.")],
    max_hops: Annotated[int | None, typer.Option(help="At most this many hops (1-6).")] = None,
    format: Format = "cytoscape",
    table: Table = None,
    output: Output = None,
) -> None:
    """The shortest connection between two entities."""
    options = {"from": source, "to": target, "maxHops": max_hops, "format": format}
    _run("path", {**options, "table": table}, output)


@friendly
def attacks(
    actor: Annotated[str | None, typer.Option(help="Carried out by (its units count).")] = None,
    location: Annotated[str | None, typer.Option(help="In this place or within it.")] = None,
    start: Annotated[str | None, typer.Option(help="From: an ISO date or moment.")] = None,
    end: Annotated[str | None, typer.Option(help="Until: an ISO date or moment.")] = None,
    time_mode: Annotated[
        str | None, typer.Option(help="definitely or possibly (default) in the window.")
    ] = None,
    kind: Annotated[str | None, typer.Option(help="wave or incident.")] = None,
    category: Annotated[str | None, typer.Option(help="An attack category.")] = None,
    target_category: Annotated[str | None, typer.Option(help="A target category hit.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many attacks.")] = None,
    format: Format = "csv",
    table: Table = None,
    output: Output = None,
) -> None:
    """The attacks a filter matches, in time order, with their actors, places and waves."""
    options = {
        "actor": actor,
        "location": location,
        "start": start,
        "end": end,
        "timeMode": time_mode,
        "kind": kind,
        "category": category,
        "targetCategory": target_category,
        "limit": limit,
        "format": format,
        "table": table,
    }
    _run("attacks", options, output)
