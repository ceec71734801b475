"""Import speed, from the command line as a user runs it: ACLED online into the benchmark's
world (fresh, then again over its own rows), ACLED `--bulk` into an empty managed Neo4j of
its own, and GDELT online beside them (bench/gdelt_lines.py: real GDELT 2.0 lines repeated
with new ids). Every figure is the whole command's wall time, Python start-up included."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import neo4j

RESULTS = Path(__file__).resolve().parent / "results"
BULK_PORT = 17793  # the bulk import's own managed Neo4j, beside the benchmark's


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - started, done.stdout.strip().splitlines()[-1]


def import_speed(
    rows: int,
    env: dict[str, str],
    deedgraph: Path,
    uri: str,
    again: bool = True,
    bulk: bool = True,
) -> dict[str, Any]:
    """Seconds per run, with each run's summary line (the bulk one names its phases)."""
    from bench import gdelt_lines
    from bench.acled_csv import write

    drop_imported(uri)
    found: dict[str, Any] = {"rows": rows, "summaries": {}}
    acled = RESULTS / f".acled-{rows}.csv"
    write(acled, rows)
    gdelt = gdelt_lines.write(RESULTS / f".gdelt-{rows}.CSV", rows)
    try:
        runs = [("fresh", acled, "acled")] + ([("replace", acled, "acled")] if again else [])
        runs += [("gdelt fresh", gdelt, "gdelt")]
        runs += [("gdelt replace", gdelt, "gdelt")] if again else []
        for run, path, dataset in runs:
            seconds, summary = timed([str(deedgraph), "import", dataset, str(path)], env)
            found[run], found["summaries"][run] = seconds, summary
            print(f"import {run}: {rows / seconds:,.0f} rows/s", flush=True)
        # Left in place: the next run deletes them before timing anything (run.py), and
        # deleting a million rows' nodes here would add minutes to every run.
        if bulk:
            found["bulk"], found["summaries"]["bulk"] = offline(deedgraph, acled, env)
            print(f"import bulk: {rows / found['bulk']:,.0f} rows/s", flush=True)
    finally:
        acled.unlink(missing_ok=True)
        gdelt.unlink(missing_ok=True)
        shutil.rmtree(RESULTS / "__pycache__", ignore_errors=True)
    return found


def offline(deedgraph: Path, path: Path, env: dict[str, str]) -> tuple[float, str]:
    """`import acled --bulk` into an empty managed Neo4j of its own, stopped when done."""
    with tempfile.TemporaryDirectory(prefix="bench-bulk-", dir=RESULTS.parent.parent) as state:
        own = {k: v for k, v in env.items() if k not in ("NEO4J_URI", "NEO4J_DATABASE")}
        own.update(
            DEEDGRAPH_STATE_DIR=state,
            DEEDGRAPH_BOLT_PORT=str(BULK_PORT),
            DEEDGRAPH_HTTP_PORT="0",
            DEEDGRAPH_NEO4J_HEAP="2g",
            DEEDGRAPH_NEO4J_PAGECACHE="2g",
            DEEDGRAPH_NEO4J_TX_TIMEOUT="600s",
        )
        return timed([str(deedgraph), "import", "acled", "--bulk", str(path)], own)


def drop_imported(uri: str) -> None:
    """Delete what the import measurements wrote (ids starting `acled` or `gdelt`). Its events are
    dated 2024, inside the synthetic world's time: left in place, they doubled the attacks
    that the next run's time-ordered questions read through (the mission questions' floor at
    10^5 went from 4-11 ms to 7-21 ms)."""
    with (
        neo4j.GraphDatabase.driver(
            uri, notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF
        ) as driver,
        driver.session(database="neo4j") as session,
    ):
        # The events and what hangs off them first, then the actors and places the import
        # made: one of those may carry hundreds of thousands of links (an ACLED actor's
        # attacks), and deleting it with them in one transaction ran a 10^6 world's deletion
        # out of transaction memory. Once its events are gone it has few left.
        for kinds in ("NOT n:Actor AND NOT n:Location", "true"):
            session.run(
                "MATCH (n:Entity) WHERE (n.id STARTS WITH 'acled' OR n.id STARTS WITH 'gdelt') "
                "AND " + kinds + " CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS"
            ).consume()


def lines(found: dict[str, Any]) -> list[str]:
    """The import paragraph of the results."""
    rows = found["rows"]

    def rate(run: str) -> str:
        return f"{found[run]:.1f} s = **{rows / found[run]:,.0f} rows/s**"

    out = ["", "## Imports", ""]
    again = "replace" in found
    out.append(
        f"ACLED, {rows:,} rows online (batches of 5000, two transactions at a time): into a "
        f"graph without those events {rate('fresh')}"
        + (f"; again over them, every row replacing its event, {rate('replace')}" if again else "")
        + "."
    )
    if "bulk" in found:
        phases = re.search(r"\(check .*\)$", found["summaries"]["bulk"])
        out += [
            "",
            f"ACLED `--bulk`, the same file into an empty managed Neo4j (heap 2g, page cache "
            f"2g): {rate('bulk')}" + (f"; by phase {phases.group(0)}" if phases else "") + ".",
        ]
    out += [
        "",
        f"GDELT, {rows:,} GDELT 2.0 lines online (bench/gdelt_lines.py, same batches): "
        f"fresh {rate('gdelt fresh')}"
        + (f"; again over them {rate('gdelt replace')}" if again else "")
        + ".",
    ]
    return out
