"""`neo4j-admin database import full` (graph/managed/admin.py runs it) into one of the managed
server's databases while it is stopped. Its progress goes to logs/bulk-import.log in the
server's folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from graph.ingest.datasets.offline.tables import ARRAY_DELIMITER_OPTION, Table
from graph.managed.admin import admin_log, admin_prefix, run_admin
from graph.settings import ManagedServer

# neo4j-admin reads each file name as a pattern, and a comma separates files.
PLAIN_PATH = re.compile(r"^[\w./-]+$")


def import_log(server: ManagedServer, name: str = "bulk-import") -> Path:
    return admin_log(server, name)


def plain_path(path: Path) -> bool:
    return bool(PLAIN_PATH.match(str(path)))


def admin_command(
    java: str,
    server: ManagedServer,
    database: str,
    nodes: list[Table],
    relationships: list[Table],
    report: Path,
) -> list[str]:
    return admin_prefix(java, server) + import_arguments(database, nodes, relationships, report)


def import_arguments(
    database: str, nodes: list[Table], relationships: list[Table], report: Path
) -> list[str]:
    multiline = [str(t.data) for t in nodes + relationships if t.multiline and t.lines]
    command = [
        "database",
        "import",
        "full",
        database,  # first: each --nodes and --relationships takes every plain word after it
        "--overwrite-destination=true",
        "--bad-tolerance=0",  # any surprise in the files fails the import, nothing skipped
        ARRAY_DELIMITER_OPTION,
        f"--report-file={report}",
        "--verbose",  # the failure's cause, not only "Error in input data"
    ]
    if multiline:  # only files with a line break inside a value: parsed the slow way
        command += ["--multiline-fields-format=v2", "--multiline-fields=" + ",".join(multiline)]
    command += [f"--nodes={t.header},{t.data}" for t in nodes if t.lines]
    command += [f"--relationships={t.header},{t.data}" for t in relationships if t.lines]
    return command


def run_import(
    server: ManagedServer,
    database: str,
    nodes: list[Table],
    relationships: list[Table],
    folder: Path,
    log_name: str = "bulk-import",
) -> float:
    """Replace the database's files with the tables' contents (the server must be stopped);
    the seconds it took. ServerError with neo4j-admin's reason when it fails."""
    report = folder / "import.report"
    arguments = import_arguments(database, nodes, relationships, report)
    return run_admin(server, arguments, log_name, "import", cwd=folder)
