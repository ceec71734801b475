"""`deedgraph import gdelt`: GDELT event files into the graph, with the same progress, problem
summary, rejects file and exit status as `deedgraph import acled`."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from deedgraph.commands.acled import run_import
from deedgraph.console import friendly, on_graph
from graph.settings import Connection

if TYPE_CHECKING:
    from deedgraph.progress import Progress
    from graph.ingest.datasets.pipeline import Summary


@friendly
def import_gdelt(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="GDELT event files: 2.0 exports (61 columns), 1.0 daily files (58) or "
            "back-files (57); tab-separated, no header; plain, .zip or .gz."
        ),
    ],
    strict: Annotated[
        bool, typer.Option("--strict", help="All or nothing: any bad row imports nothing.")
    ] = False,
    rejects: Annotated[
        Path | None,
        typer.Option(
            "--rejects",
            help="Write every bad row to this CSV file: GDELT's columns by name, then its line "
            "and the reason.",
        ),
    ] = None,
    batch_size: Annotated[int, typer.Option(help="Events per UNWIND batch.")] = 5000,
) -> None:
    """Import GDELT events (CAMEO-coded from news): statements, agreements, attacks and other
    events between the same actors and places as ACLED and the reports, each marked
    machine-coded with a confidence. A newer DATEADDED wins for the same GLOBALEVENTID. The
    CAMEO table is seeds/resolution/cameo.yaml. Cite GDELT where you use its data.

    Exit status: 0 when every row was imported, 1 when some rows were rejected, 2 when nothing
    was imported (every row bad, --strict with a bad row, or a file that is not GDELT's)."""
    from graph.ingest.gdelt.imports import import_gdelt as run_gdelt
    from graph.ingest.gdelt.records import columns_of

    def run(show: Progress) -> tuple[Summary, str]:
        summary = asyncio.run(
            on_graph(
                Connection.from_env(),
                lambda database: run_gdelt(database, paths, strict, batch_size, show),
            )
        )
        return summary, ""

    run_import(run, rejects, columns_of, "targets inferred")
