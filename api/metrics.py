"""/metrics in Prometheus' text format. Each metric is documented in the README (Metrics).

With DEEDGRAPH_WORKERS > 1, `deedgraph serve` points PROMETHEUS_MULTIPROC_DIR at a fresh
folder: every worker writes its numbers there and whichever worker answers /metrics reports
the sum over all of them.
"""

from __future__ import annotations

import os
import re
import threading

from prometheus_client import (
    CONTENT_TYPE_PLAIN_0_0_4,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from starlette.requests import Request
from starlette.responses import Response

from graph.store.database import Database

PATHS = frozenset(
    {"/graphql", "/health", "/ready", "/metrics"}
    | {"/export/neighborhood", "/export/path", "/export/attacks"}
)
# Operation names come from clients: the first MAX_OPERATIONS distinct ones get their own
# label, the rest share "(other)", so a client cannot grow the metrics without bound.
MAX_OPERATIONS = 100
NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,99}")

REQUESTS = Counter(
    "deedgraph_requests",
    "HTTP requests answered, by path, GraphQL operation name and outcome code.",
    ["path", "operation", "code"],
)
DURATION = Histogram(
    "deedgraph_request_duration_seconds",
    "Time from a request's arrival to the end of its answer, by path and operation.",
    ["path", "operation"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
CYPHER = Histogram(
    "deedgraph_cypher_queries_per_request",
    "Cypher queries one GraphQL request sent to Neo4j, by operation.",
    ["operation"],
    buckets=(0, 1, 2, 3, 4, 6, 8, 12, 16, 32),
)
CONNECTIONS = Gauge(
    "deedgraph_neo4j_connections",
    "Connections in the Neo4j driver's pool, by state (in_use, idle).",
    ["state"],
    multiprocess_mode="livesum",
)
POOL_MAX = Gauge(
    "deedgraph_neo4j_pool_max_connections",
    "The most connections the Neo4j driver's pool may open (per process).",
    multiprocess_mode="livesum",
)
ROWS_WRITTEN = Counter(
    "deedgraph_import_rows_written",
    "Nodes and relationships written by the API's write mutations, by kind.",
    ["kind"],
)

RESPONSE_CACHE = Counter(
    "deedgraph_response_cache",
    "GraphQL queries the response cache answered (hit) or passed on (miss).",
    ["outcome"],
)

COMPILED = Counter(
    "deedgraph_compiled_requests",
    "GraphQL queries considered for compiling (api/compile/): answered compiled, or by the "
    "standard path, by reason (field, fragment, directive, argument, repeated, size, "
    "arguments, database, error).",
    ["outcome", "reason"],
)

_operations: set[str] = set()
_lock = threading.Lock()


def path_label(path: str) -> str:
    return path if path in PATHS else "(other)"


def operation_label(name: str | None) -> str:
    """ "" for requests that ran no GraphQL operation."""
    if name is None:
        return ""
    if name == "":
        return "(anonymous)"
    if name in _operations:
        return name
    with _lock:
        if len(_operations) < MAX_OPERATIONS and NAME.fullmatch(name):
            _operations.add(name)
            return name
    return "(other)"


def observe(path: str, operation: str | None, code: str, queries: int, seconds: float) -> None:
    """Count one answered request."""
    path = path_label(path)
    label = operation_label(operation)
    REQUESTS.labels(path, label, code).inc()
    DURATION.labels(path, label).observe(seconds)
    if operation is not None:
        CYPHER.labels(label).observe(queries)


def rows_written(nodes: int, relationships: int) -> None:
    ROWS_WRITTEN.labels("nodes").inc(nodes)
    ROWS_WRITTEN.labels("relationships").inc(relationships)


def cache_outcome(outcome: str) -> None:
    RESPONSE_CACHE.labels(outcome).inc()


def compiled_outcome(compiled: bool, reason: str = "") -> None:
    COMPILED.labels("compiled" if compiled else "fallback", reason).inc()


def observe_pool(database: Database) -> None:
    use = database.pool_use()
    CONNECTIONS.labels("in_use").set(use.in_use)
    CONNECTIONS.labels("idle").set(use.idle)
    POOL_MAX.set(use.max_size)


def exposition() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest(REGISTRY)


async def metrics(request: Request) -> Response:
    observe_pool(request.app.state.database)
    return Response(exposition(), media_type=CONTENT_TYPE_PLAIN_0_0_4)
