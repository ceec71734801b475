"""The `deedgraph` command: run Neo4j, serve the API, load and import data. Each command
group lives in deedgraph/commands/; this module only assembles them."""

from __future__ import annotations

import sys

import typer

from deedgraph.commands import acled, backup, data, draft, export, gdelt, keys, neo4j, serve, verify
from graph.errors import DeedgraphError

app = typer.Typer(help=__doc__.split(".")[0] + ".", no_args_is_help=True, add_completion=False)
neo4j_app = typer.Typer(
    help="Run the managed Neo4j server (no Docker needed).", no_args_is_help=True
)
app.add_typer(neo4j_app, name="neo4j")
import_app = typer.Typer(help="Import data sets investigators already have.", no_args_is_help=True)
app.add_typer(import_app, name="import")
export_app = typer.Typer(
    help="Export a neighbourhood, a path or an attack list (GraphML, Cytoscape.js, CSV).",
    no_args_is_help=True,
)
app.add_typer(export_app, name="export")

neo4j_app.command("fetch")(neo4j.fetch)
neo4j_app.command("start")(neo4j.start)
neo4j_app.command("stop")(neo4j.stop)
neo4j_app.command("status")(neo4j.status)
app.command()(serve.serve)
app.command()(data.load)
app.command()(data.unload)
app.command()(serve.schema)
import_app.command("acled")(acled.import_acled)
import_app.command("gdelt")(gdelt.import_gdelt)
app.command()(data.generate)
app.command("api-key")(keys.api_key)
app.command("facts-schema")(data.facts_schema)
app.command()(verify.verify)
app.command()(draft.draft)
export_app.command("neighborhood")(export.neighborhood)
export_app.command("path")(export.path)
export_app.command("attacks")(export.attacks)
app.command()(backup.backup)
app.command()(backup.restore)


def main() -> None:
    try:
        app()
    except DeedgraphError as error:  # raised outside a command, e.g. reading settings
        typer.echo(f"deedgraph: {error}", err=True)
        sys.exit(1)
