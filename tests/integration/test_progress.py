"""Imports through the real CLI against the real Neo4j, their output not a terminal: progress
comes as plain lines a log keeps (the bar drawn on a terminal: tests/unit/deedgraph)."""

from __future__ import annotations

import re
import subprocess

from graph.settings import Connection
from graph.store.database import Database
from tests.support import DEEDGRAPH, ROOT, cli_env

DATA = ROOT / "tests" / "data"
LINE = re.compile(
    r"^progress: ([\d,]+)/([\d,]+) (\w+) \(\d+%\), [\d,]+ \3/s, \d+:\d\d elapsed, "
    r"(done|\d+:\d\d left|time left unknown)$"
)


def run(connection: Connection, *args: str) -> subprocess.CompletedProcess[str]:
    env = cli_env(NEO4J_URI=connection.uri, NEO4J_DATABASE=connection.database)
    if connection.user is not None:
        env.update(NEO4J_USER=connection.user, NEO4J_PASSWORD=connection.password or "")
    return subprocess.run([DEEDGRAPH, *args], env=env, capture_output=True, text=True, timeout=300)


def progress_lines(stderr: str) -> list[re.Match[str]]:
    assert "\r" not in stderr and "\x1b" not in stderr  # nothing drawn for a terminal
    lines = [line for line in stderr.splitlines() if line.startswith("progress: ")]
    matches = [LINE.match(line) for line in lines]
    assert lines and all(matches), stderr
    return [m for m in matches if m is not None]


async def test_an_acled_import_logs_plain_progress_lines_ending_with_every_row(
    database: Database, connection: Connection
) -> None:
    files = [DATA / "acled_2023.csv", DATA / "acled_old.csv"]
    result = run(connection, "import", "acled", "--batch-size", "2", *map(str, files))
    assert result.returncode == 1, result.stderr  # acled_2023.csv has three bad rows
    lines = progress_lines(result.stderr)
    assert {m[3] for m in lines} == {"rows"}
    rows = int(result.stdout.split(" rows in ")[0])
    assert int(lines[-1][1].replace(",", "")) == rows
    assert lines[-1][4] == "done"


async def test_generating_a_world_logs_plain_progress_lines_in_events(
    database: Database, connection: Connection
) -> None:
    result = run(connection, "generate", "--events", "500", "--seed", "2")
    assert result.returncode == 0, result.stderr
    lines = progress_lines(result.stderr)
    assert {m[3] for m in lines} == {"events"}
    assert lines[-1][1] == lines[-1][2] == "500" and lines[-1][4] == "done"
