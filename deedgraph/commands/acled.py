"""`deedgraph import acled`: ACLED exports into the graph, online or through neo4j-admin, with
bad rows told once per problem and an exit status a script can act on."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from deedgraph.console import fail, friendly, on_graph
from deedgraph.progress import Progress
from graph.errors import LoadError
from graph.settings import Connection

if TYPE_CHECKING:
    from graph.ingest.datasets.pipeline import Summary
    from graph.ingest.datasets.rows import BadRow

ALL_IMPORTED, SOME_REJECTED, NOTHING_IMPORTED = 0, 1, 2


def exit_status(summary: Summary) -> int:
    if summary.refused or summary.imported == 0:
        return NOTHING_IMPORTED
    return SOME_REJECTED if summary.rejected else ALL_IMPORTED


def tell_problems(
    bad: list[tuple[Path, BadRow]], rejects: Path | None, columns: Callable[[Path], list[str]]
) -> None:
    """Each distinct problem once on standard error; every bad row to `rejects`, under the
    columns the dataset's reader names for each file."""
    from graph.ingest.datasets.problems import groups, write_rejects

    for group in groups(bad):
        typer.echo(str(group), err=True)
    if rejects is not None:
        written = write_rejects(rejects, bad, columns)
        typer.echo(f"{written:,} rejected row(s) written to {rejects}", err=True)


@friendly
def import_acled(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="ACLED CSV exports, any layout from 2015 on; .csv, .gz, or a .zip holding one CSV."
        ),
    ],
    strict: Annotated[
        bool, typer.Option("--strict", help="All or nothing: any bad row imports nothing.")
    ] = False,
    rejects: Annotated[
        Path | None,
        typer.Option(
            "--rejects",
            help="Write every bad row to this CSV file: its original columns, then its line "
            "and the reason. Fix them there and import that file again.",
        ),
    ] = None,
    batch_size: Annotated[int, typer.Option(help="Events per UNWIND batch.")] = 5000,
    bulk: Annotated[
        bool,
        typer.Option(
            "--bulk",
            help="Load an EMPTY graph through neo4j-admin's offline importer (about twice as "
            "fast on a million rows); only the managed Neo4j, and a graph with data is "
            "refused. A running managed Neo4j (`deedgraph neo4j start` or `deedgraph serve`) "
            "is stopped for the import and started again: the API is unavailable meanwhile.",
        ),
    ] = False,
) -> None:
    """Import ACLED events: attacks, interceptions and agreements with their actors, places
    and sources. A newer `timestamp` wins. Bad rows are told once per problem, with a count
    and their lines.

    Exit status: 0 when every row was imported, 1 when some rows were rejected, 2 when nothing
    was imported (every row bad, --strict with a bad row, or a file that is not an export)."""
    from graph.ingest.acled.imports import import_acled
    from graph.ingest.acled.records import header_of

    def run(show: Progress) -> tuple[Summary, str]:
        if bulk:
            from graph.ingest.acled.imports import bulk_import_acled

            done = asyncio.run(
                bulk_import_acled(Connection.from_env(), paths, strict, batch_size, show, show.say)
            )
            timing = " (" + ", ".join(f"{k} {s:.1f}s" for k, s in done.phases.items()) + ")"
            return done, timing
        summary = asyncio.run(
            on_graph(
                Connection.from_env(),
                lambda database: import_acled(database, paths, strict, batch_size, show),
            )
        )
        return summary, ""

    run_import(run, rejects, header_of, "targets inferred from notes")


def run_import(
    run: Callable[[Progress], tuple[Summary, str]],
    rejects: Path | None,
    columns: Callable[[Path], list[str]],
    targets: str,
) -> None:
    """Any dataset's import as the user sees it: progress, each problem once, the rejects
    file, a summary line and the exit status. `run` imports, with where the time went."""
    from graph.ingest.datasets.problems import RowsRejected

    show = Progress("rows")  # a bar on a terminal, plain lines in a log
    try:
        summary, timing = run(show)
    except RowsRejected as error:
        show.close()
        tell_problems(error.bad, rejects, columns)
        fail(error.summary, NOTHING_IMPORTED)
        return
    except LoadError as error:
        show.close()
        for problem in error.problems:
            typer.echo(str(problem), err=True)
        fail(error.summary, NOTHING_IMPORTED)
        return
    finally:
        show.close()
    tell_problems(summary.bad, rejects, columns)
    typer.echo(
        f"{summary.rows} rows in {summary.seconds:.1f}s ({summary.rows_per_second:,.0f} rows/s): "
        f"{summary.written} events written, {summary.stale} older than the graph's, "
        f"{summary.rejected} bad; {summary.places} places and {summary.actors} actors created, "
        f"{summary.resolutions} names resolved (see `resolutions` on any entity), "
        f"{summary.targets} {targets}{timing}"
    )
    if status := exit_status(summary):
        raise typer.Exit(status)
