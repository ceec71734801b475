"""Where deedgraph's Python side spends its time under load: py-spy samples the server while
16 clients ask one question, once as a flame graph (bench/results/flame-<events>-<question>.svg)
and once as collapsed stacks, summed here by the package that was running (the leaf frame):
graphql-core, Strawberry, the Neo4j driver, the HTTP server, deedgraph's own code...

py-spy reads the server's memory from outside (ptrace): root, or CAP_SYS_PTRACE. It samples
without pausing the server (--nonblocking), so the load runs as in a timed cell."""

from __future__ import annotations

import asyncio
import collections
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from bench.questions import Ask

# Installed packages by their top-level name, as the report names them.
PACKAGES = {
    "graphql": "graphql-core",
    "strawberry": "Strawberry",
    "neo4j": "Neo4j driver",
    "uvicorn": "HTTP server (uvicorn, h11, httptools)",
    "h11": "HTTP server (uvicorn, h11, httptools)",
    "httptools": "HTTP server (uvicorn, h11, httptools)",
    "starlette": "Starlette",
    "prometheus_client": "metrics (prometheus_client)",
    "opentelemetry": "tracing (OpenTelemetry)",
}


def py_spy() -> str:
    found = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(found).exists():
        raise RuntimeError("py-spy is not installed: pip install -e '.[bench]'")
    return found


async def sampled(
    pid: int, ask: Ask, variables: dict[str, Any], seconds: float, options: list[str]
) -> None:
    """py-spy records the process for `seconds` while 16 clients keep asking."""
    recorder = await asyncio.create_subprocess_exec(
        py_spy(),
        "record",
        "--pid",
        str(pid),
        "--duration",
        str(int(seconds)),
        "--rate",
        "200",
        "--nonblocking",
        *options,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    stop = time.monotonic() + seconds + 1

    async def client() -> None:
        while time.monotonic() < stop:
            await ask(variables)

    await asyncio.gather(*(client() for _ in range(16)))
    _, error = await recorder.communicate()
    if recorder.returncode != 0:
        raise RuntimeError(f"py-spy failed: {error.decode(errors='replace').strip()}")


def package_of(frame: str) -> str:
    """The package of a frame written `function (/full/path.py:line)`."""
    path = frame.rpartition(" (")[2]
    if "site-packages/" in path:
        top = path.split("site-packages/", 1)[1].split("/", 1)[0].split(".", 1)[0]
        return PACKAGES.get(top, top)
    if "/asyncio/" in path:
        return "asyncio"
    if "/lib/python3" in path:
        return "Python's standard library"
    for own in ("api", "graph"):
        if f"/{own}/" in path:
            return f"deedgraph {own}/"
    return "other"


def shares(collapsed: str) -> dict[str, float]:
    """Each package's share of the samples, by the frame that was running (collapsed stacks:
    `frame;frame;...;leaf count` per line)."""
    counts: collections.Counter[str] = collections.Counter()
    for line in collapsed.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        counts[package_of(stack.rsplit(";", 1)[-1])] += int(count)
    total = sum(counts.values()) or 1
    return {name: n / total for name, n in counts.most_common()}


async def profile(
    pid: int, ask: Ask, variables: dict[str, Any], seconds: float, svg: Path
) -> dict[str, Any]:
    """A flame graph written to `svg`, and the shares of a second recording."""
    await sampled(pid, ask, variables, seconds, ["--format", "flamegraph", "--output", str(svg)])
    raw = svg.with_suffix(".txt")
    options = ["--format", "raw", "--full-filenames", "--output", str(raw)]
    await sampled(pid, ask, variables, seconds, options)
    found = shares(raw.read_text())
    raw.unlink()
    return {"svg": svg.name, "shares": found}


def lines(profiles: dict[str, Any]) -> list[str]:
    """The report's section: each question's shares, largest first."""
    if not profiles:
        return []
    out = [
        "",
        "## Where deedgraph's Python time goes (py-spy, 16 clients)",
        "",
        "Samples of the server's process by the package whose code was running (bench/flame.py); "
        "the flame graphs are beside this file.",
        "",
        "| question | flame graph | shares of the samples |",
        "| --- | --- | --- |",
    ]
    for question, found in profiles.items():
        if "failed" in found:
            out.append(f"| {question} | - | not measured: {found['failed']} |")
            continue
        parts = ", ".join(f"{name} {share:.0%}" for name, share in found["shares"].items())
        out.append(f"| {question} | [{found['svg']}]({found['svg']}) | {parts} |")
    return out
