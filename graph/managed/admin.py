"""neo4j-admin, run from the same Maven jars as the managed server (server.py) against its
state folder: the bulk import (graph/ingest/datasets/offline/admin.py), dumps and loads (backup.py).
Every one of these needs the server stopped.

Its output goes to logs/<name>.log in the server's folder; when it fails, the cause is taken
from its error output (the innermost "Caused by" of --verbose) and raised as one ServerError,
never as a Java stack trace.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path
from typing import IO

from graph.errors import ServerError
from graph.managed.jars import fetch_jars, find_java
from graph.managed.server import JVM_FLAGS, write_config
from graph.settings import ManagedServer

ADMIN_ENTRY_POINT = "org.neo4j.cli.AdminTool"
FRAME = re.compile(r"^\s*(at |\.\.\. \d+ more)")
EXCEPTION_PREFIX = re.compile(r"^(Caused by: )?([\w.$]+(Exception|Error): )+")


def admin_log(server: ManagedServer, name: str) -> Path:
    return server.state_dir / "logs" / f"{name}.log"


def admin_prefix(java: str, server: ManagedServer) -> list[str]:
    """`neo4j-admin` as a java command line: the arguments follow."""
    return [
        java,
        f"-Xmx{server.heap}",
        *JVM_FLAGS,
        "-cp",
        str(server.jars_dir / "*"),
        ADMIN_ENTRY_POINT,
    ]


def run_admin(
    server: ManagedServer,
    arguments: list[str],
    log_name: str,
    what: str,
    stdin: IO[bytes] | None = None,
    stdout: IO[bytes] | None = None,
    cwd: Path | None = None,
) -> float:
    """Run neo4j-admin with the server's configuration; the seconds it took. Its standard
    output goes to `stdout` when given (a dump), else to the log. ServerError saying it could
    not `what` ("import", "dump") with neo4j-admin's reason when it fails."""
    fetch_jars(server)
    conf = write_config(server).parent
    log = admin_log(server, log_name)
    log.parent.mkdir(parents=True, exist_ok=True)
    command = admin_prefix(find_java(), server) + arguments
    environment = {**os.environ, "NEO4J_HOME": str(server.state_dir), "NEO4J_CONF": str(conf)}
    started = time.perf_counter()
    with log.open("wb") as out:
        result = subprocess.run(
            command,
            stdin=stdin if stdin is not None else subprocess.DEVNULL,
            stdout=stdout if stdout is not None else out,
            stderr=subprocess.PIPE,
            env=environment,
            cwd=cwd or server.state_dir,
        )
        errors = result.stderr.decode(errors="replace")
        out.write(result.stderr)
    if result.returncode != 0:
        raise ServerError(
            f"neo4j-admin could not {what} ({failure_message(errors)}); its output is in {log}"
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
