"""The results of a benchmark run, as bench/results/<events>.md and .png: the table of every
cell against the floor, the dashboard replay and the imports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench import flame, imports, plans, replay
from bench.questions import STANDARD

CONTENDERS = ("raw Cypher", "deedgraph", "@neo4j/graphql")


def report(events: int, data: dict[str, Any], settings: dict[str, Any]) -> str:
    lines = [
        f"# Benchmark: {events:,} synthetic events",
        "",
        f"Measured {settings['date']} on {settings['machine']}. {settings['notes']}",
        "",
        "Answers were checked equal across the contenders before timing (the map questions, "
        "density and radius, are asked of deedgraph and its raw-Cypher floor only: "
        "bench/maps.py) "
        "(search: equal scores and equal ids above the lowest score; neighbourhood: a "
        "settlement whose 2-hop neighbourhood is complete under the limit).",
        "",
        "| question | clients | contender | p50 ms (spread) | p95 ms | p99 ms | req/s (spread) "
        "| p50 vs floor |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    timings = data["timings"]
    for key, t in timings.items():
        question, clients, contender = key.split("|")
        if "skipped" in t:
            lines.append(f"| {question} | {clients} | {contender} | not measured: {t['skipped']} |")
            continue
        floor = timings[f"{question}|{clients}|raw Cypher"].get("p50")
        low, high = t.get("p50 spread", (t["p50"], t["p50"]))
        slow, fast = t.get("rps spread", (t["rps"], t["rps"]))
        lines.append(
            f"| {question} | {clients} | {contender} | {t['p50']:.2f} ({low:.2f}-{high:.2f}) | "
            f"{t['p95']:.2f} | {t['p99']:.2f} | {t['rps']:.1f} ({slow:.0f}-{fast:.0f}) | "
            + (f"{t['p50'] / floor:.2f}x |" if floor else "- |")
        )
    lines += [
        "",
        "Answer sizes (items in the checked answer): "
        + ", ".join(f"{q} {a['size']}" for q, a in data["answers"].items())
        + ".",
    ]
    compiled = data.get("compiled")
    if compiled:
        lines += [
            "",
            "Compiled on deedgraph's server (extensions.compiled after its warm-up): "
            + ", ".join(f"{q} {'yes' if flag else 'no'}" for q, flag in compiled.items())
            + f". The `{STANDARD}` rows are the same questions of a server with "
            "DEEDGRAPH_COMPILE=false.",
        ]
    hop = data.get("hop")
    if hop:
        one, many = hop.get("1") or hop.get(1), hop.get("16") or hop.get(16)
        lines += [
            "",
            "The HTTP hop alone (bench/hop.py: uvicorn and Starlette answering a stored answer, "
            "no GraphQL, no Neo4j, asked by the same client): p50 "
            f"{one['p50']:.2f} ms at 1 client, {many['rps']:,.0f} req/s at 16: no Python "
            "server here answers an HTTP request faster.",
        ]
    lines += plans.lines(data.get("plans") or {})
    lines += flame.lines(data.get("flames") or {})
    if "dashboard" in data:
        lines += replay.lines(
            data["dashboard"], {k: v["questions"] for k, v in data["dashboard"].items()}
        )
    if "import" in data:
        lines += imports.lines(data["import"])
        if data.get("import note"):  # imports carried over from an earlier run, and why
            lines += ["", data["import note"]]
    return "\n".join(lines) + "\n"


def chart(events: int, data: dict[str, Any], path: Path) -> None:
    """p50 at one client and req/s at 16, per question (in the order they were asked) and
    contender, on log scales."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    questions = list(data["answers"])
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
    width = 0.2
    for axis, clients, metric, title in (
        (axes[0], 1, "p50", "p50 latency, 1 client (ms)"),
        (axes[1], 16, "rps", "throughput, 16 clients (req/s)"),
    ):
        for i, contender in enumerate((*CONTENDERS, STANDARD)):
            values = [
                data["timings"].get(f"{q}|{clients}|{contender}", {}).get(metric, 0.0)
                for q in questions
            ]
            axis.bar([x + i * width for x in range(len(questions))], values, width, label=contender)
        axis.set_xticks([x + 1.5 * width for x in range(len(questions))], questions, rotation=15)
        axis.set_title(title)
        axis.set_yscale("log")
    axes[0].legend()
    fig.suptitle(f"deedgraph benchmark, {events:,} events")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
