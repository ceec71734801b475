"""`neo4j-admin database import full`, run from the same Maven jars as the managed server
(graph/managed/server.py), into one of its databases while it is stopped.

Its progress goes to logs/bulk-import.log in the server's folder; when it fails, the cause is
taken from its error output (the innermost "Caused by" of --verbose) and raised as one
ServerError, never as a Java stack trace.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

from graph.errors import ServerError
from graph.ingest.acled.bulk_csv import ARRAY_DELIMITER_OPTION, Table
from graph.managed.jars import fetch_jars, find_java
from graph.managed.server import JVM_FLAGS, write_config
from graph.settings import ManagedServer

ADMIN_ENTRY_POINT = "org.neo4j.cli.AdminTool"
FRAME = re.compile(r"^\s*(at |\.\.\. \d+ more)")
EXCEPTION_PREFIX = re.compile(r"^(Caused by: )?([\w.$]+(Exception|Error): )+")
# neo4j-admin reads each file name as a pattern, and a comma separates files.
PLAIN_PATH = re.compile(r"^[\w./-]+$")


def import_log(server: ManagedServer, name: str = "bulk-import") -> Path:
    return server.state_dir / "logs" / f"{name}.log"


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
    multiline = [str(t.data) for t in nodes + relationships if t.multiline and t.lines]
    command = [
        java,
        f"-Xmx{server.heap}",
        *JVM_FLAGS,
        "-cp",
        str(server.jars_dir / "*"),
        ADMIN_ENTRY_POINT,
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
    fetch_jars(server)
    conf = write_config(server).parent
    log = import_log(server, log_name)
    log.parent.mkdir(parents=True, exist_ok=True)
    report = folder / "import.report"
    command = admin_command(find_java(), server, database, nodes, relationships, report)
    environment = {**os.environ, "NEO4J_HOME": str(server.state_dir), "NEO4J_CONF": str(conf)}
    started = time.perf_counter()
    with log.open("w") as out:
        result = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
            cwd=folder,
        )
    if result.returncode != 0:
        with log.open("a") as out:
            out.write(result.stderr)
        raise ServerError(
            f"neo4j-admin could not import ({failure_message(result.stderr)}); "
            f"its output is in {log}"
        )
    return time.perf_counter() - started


def failure_message(errors: str) -> str:
    """The innermost cause neo4j-admin gives, its continuation lines joined; else its first
    lines. Java's stack frames and exception class names are left out."""
    blocks: list[list[str]] = []
    current: list[str] | None = None
    for line in errors.splitlines():
        if not line.strip() or FRAME.match(line):
            current = None
        elif current is not None and line[:1] in (" ", "\t"):
            current.append(line.strip())
        else:
            current = [line.strip()]
            blocks.append(current)
    causes = [block for block in blocks if block[0].startswith("Caused by:")]
    if causes:
        chosen = causes[-1]
    else:
        chosen = [line for block in blocks for line in block if not line.startswith("WARNING")]
        chosen = chosen[:4]
    text = "; ".join(chosen) or "no error output"
    return EXCEPTION_PREFIX.sub("", text)
