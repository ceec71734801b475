"""Running neo4j-admin for --bulk: the command line it gets, its failures told in one line
without Java's stack, and the refusal of a database deedgraph does not manage."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import BadInputError
from graph.ingest.datasets.offline import managed_only
from graph.ingest.datasets.offline.admin import admin_command, plain_path
from graph.ingest.datasets.offline.tables import Table
from graph.managed.admin import failure_message
from graph.settings import Connection, ManagedServer

VERBOSE_FAILURE = """\
Critical error occurred! Shutting down the import...
Error in input data

WARNING Import failed. The store files in /s/data/databases/neo4j are left as they are.
org.neo4j.cli.CommandFailedException: Error importing csv file.
\tat org.neo4j.importer.ImportCommand$Base.doExecute(ImportCommand.java:560)
\tat picocli.CommandLine.execute(CommandLine.java:2174)
Caused by: org.neo4j.importer.FileImporter$CsvImportException: org.neo4j.internal.batchimport\
.input.InputException: ERROR in input
  data source: BufferedCharSeeker[source:/tmp/x/links.csv, position:16, line:1]
  original error: a (global id space)-[AT]->zzz (global id space) referring to missing node zzz
\tat org.neo4j.importer.FileImporter.andPrintError(FileImporter.java:306)
\t... 13 more
"""


def test_a_failure_is_told_by_its_innermost_cause_without_java_frames() -> None:
    message = failure_message(VERBOSE_FAILURE)
    assert message == (
        "ERROR in input; data source: BufferedCharSeeker[source:/tmp/x/links.csv, position:16, "
        "line:1]; original error: a (global id space)-[AT]->zzz (global id space) referring "
        "to missing node zzz"
    )


def test_a_failure_without_a_cause_is_told_by_its_first_lines() -> None:
    message = failure_message("Invalid database name 'x y'.\n\tat org.neo4j.Foo(Foo.java:1)\n")
    assert message == "Invalid database name 'x y'."


def test_the_command_names_the_database_first_and_only_files_with_lines(tmp_path: Path) -> None:
    server = ManagedServer(state_dir=tmp_path / "state", jars_dir=tmp_path / "jars", heap="512m")
    events = Table(tmp_path, "events", ["id:ID", "description"])
    events.write({"id": "a", "description": "two\nlines"})
    empty = Table(tmp_path, "figures", ["id:ID"])
    links = Table(tmp_path, "links", [":START_ID", ":END_ID", ":TYPE"])
    links.write({":START_ID": "a", ":END_ID": "a", ":TYPE": "SELF"})
    command = admin_command("java", server, "neo4j", [events, empty], [links], tmp_path / "report")
    assert command[command.index("full") + 1] == "neo4j"
    assert "-Xmx512m" in command and "org.neo4j.cli.AdminTool" in command
    assert f"--nodes={events.header},{events.data}" in command
    assert f"--relationships={links.header},{links.data}" in command
    assert not any(str(empty.data) in part for part in command)
    assert f"--multiline-fields={events.data}" in command  # links has no line break


def test_paths_neo4j_admin_would_read_as_patterns_are_not_plain() -> None:
    assert plain_path(Path("/tmp/deedgraph-bulk-x1_y/state"))
    assert not plain_path(Path("/tmp/my data (copy)"))
    assert not plain_path(Path("/tmp/a,b"))


def test_an_external_neo4j_is_refused_with_the_online_import_named() -> None:
    external = Connection(
        uri="neo4j://db.example:7687", user="u", password="p", database="neo4j", managed=None
    )
    with pytest.raises(BadInputError, match=r"NEO4J_URI is set.*without --bulk"):
        managed_only(external)
