"""The dashboard replay: every question of the benchmark asked in turn, as a dashboard's panels
ask theirs, by 16 clients at once (each starting at a different question). Three lines:
deedgraph with its response cache (api/response_cache.py; every hit still reads the change
log's head first), deedgraph without it, and @neo4j/graphql over the questions it answers.
The cache line is what a dashboard refreshing the same panels sees; the other two are the
price of the same requests answered afresh."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Sequence
from typing import Any

from bench.questions import Ask

CLIENTS = 16


async def replay(
    asks: Sequence[tuple[Ask, dict[str, Any]]], seconds: float, clients: int = CLIENTS
) -> dict[str, float]:
    """Requests per second and latencies of `clients` clients cycling through `asks`."""
    latencies: list[float] = []
    for ask, variables in asks:  # warm-up: plans, connections, and the cache's first fill
        await ask(variables)
    stop = time.monotonic() + seconds

    async def client(offset: int) -> None:
        turn = offset
        while time.monotonic() < stop:
            ask, variables = asks[turn % len(asks)]
            started = time.perf_counter()
            await ask(variables)
            latencies.append((time.perf_counter() - started) * 1000)
            turn += 1

    began = time.monotonic()
    await asyncio.gather(*(client(i) for i in range(clients)))
    return figures(latencies, time.monotonic() - began)


def figures(latencies: list[float], elapsed: float) -> dict[str, float]:
    """A run's figures: requests, p50/p95/p99 in ms, and requests per second."""
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "p50": statistics.median(latencies),
        "p95": cuts[94],
        "p99": cuts[98],
        "rps": len(latencies) / elapsed,
    }


def lines(found: dict[str, dict[str, float]], questions: dict[str, int]) -> list[str]:
    """The replay's table for the results, with the ratio the issue's target names."""
    out = [
        "",
        "## Dashboard replay",
        "",
        f"{CLIENTS} clients, each asking every question of the benchmark in turn "
        "(bench/replay.py): deedgraph with its response cache on and off, and "
        "@neo4j/graphql over the questions it answers.",
        "",
        "| contender | questions | p50 ms | p95 ms | req/s |",
        "| --- | --- | --- | --- | --- |",
    ]
    for contender, t in found.items():
        out.append(
            f"| {contender} | {questions[contender]} | {t['p50']:.2f} | {t['p95']:.2f} | "
            f"{t['rps']:.1f} |"
        )
    cached, peer = found.get("deedgraph, cache on"), found.get("@neo4j/graphql")
    if cached and peer:
        out += ["", f"Cache on against the peer: **{cached['rps'] / peer['rps']:.1f}x** its req/s."]
    return out
