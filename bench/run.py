"""Benchmark: raw Cypher (the floor) vs deedgraph vs @neo4j/graphql on one Neo4j and one
synthetic world. Usage: python bench/run.py --events 100000 [--seconds 8]. Writes
bench/results/<events>.md, .json and .png."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import neo4j

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import flame, imports, maps, mission, plans, replay
from bench.client import Client
from bench.questions import COMPILED, DEEDGRAPH, STANDARD, WALKED, Contenders, normal
from bench.report import CONTENDERS, chart, report
from graph.managed import server
from graph.settings import ManagedServer

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PEER_DIR = ROOT / "bench" / "neo4j-graphql"
QUESTIONS = (
    "entity_by_id",
    "attacks_after",
    "nested",
    "search",
    "neighbourhood",
    *mission.QUESTIONS,
    *maps.QUESTIONS,
)


# Cells not measured, and why. At 10^6 events the density floor reads every attack over
# Ukraine (3.8 s alone); sixteen at once ran out of Neo4j's transaction memory (2.8 GiB at
# heap 4g: MemoryPoolOutOfMemoryError) and ended the run.
NOT_MEASURED = {
    "density|16|raw Cypher": "sixteen concurrent scans of every attack in the box exceed Neo4j's "
    "transaction memory (heap 4g)",
}


def contenders_of(question: str) -> tuple[str, ...]:
    """The map questions are asked of deedgraph and its floor only (bench/maps.py); the
    questions deedgraph compiles also of its standard path."""
    if question in maps.QUESTIONS:
        return maps.CONTENDERS
    return (*CONTENDERS, STANDARD) if question in COMPILED else CONTENDERS


async def compiled_flags(client: Client, params: dict[str, Any]) -> dict[str, bool]:
    """Whether deedgraph's server answers each question it should compile compiled, after the
    uses that make it compile (DEEDGRAPH_COMPILE_AFTER, 3 by default): a row labelled
    deedgraph measures the compiled path only if it is."""
    flags = {}
    for question in COMPILED:
        document = (mission.DEEDGRAPH if question in mission.QUESTIONS else DEEDGRAPH)[question]
        for _ in range(4):
            body = (
                await client.post(
                    "/graphql", json={"query": document, "variables": params[question]}
                )
            ).json()
        flags[question] = (body.get("extensions") or {}).get("compiled") is True
    return flags


def wait_http(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.post(url, json={"query": "{ __typename }"}, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up")


async def parameters(driver: neo4j.AsyncDriver) -> dict[str, dict[str, Any]]:
    async def one(cypher: Any) -> Any:
        records, _, _ = await driver.execute_query(cypher, database_="neo4j")
        return records[0][0]

    actor = "syn-actor:unit-001"
    region = await one(
        "MATCH (:Actor {id: 'syn-actor:unit-001'})<-[:CARRIED_OUT_BY]-(:Attack)-[:AT]->()"
        "-[:WITHIN]->()-[:WITHIN]->(r:Location) RETURN r.id, count(*) AS n ORDER BY n DESC LIMIT 1"
    )
    attack = await one("MATCH (a:Attack {id: 'syn-attack:1000'}) RETURN a.id")
    # A settlement with ten or more attacks: a neighbourhood of 50-100 nodes, the size of a
    # drawing, complete under the limit so every engine must return the same nodes.
    quiet = await one(
        "MATCH (s:Location {kind: 'settlement'}) WHERE s.id STARTS WITH 'syn-' "
        "WITH s, COUNT { (s)<-[:AT]-() } AS n WHERE n >= 10 "
        "RETURN s.id, n ORDER BY n, s.id LIMIT 1"
    )
    return {
        "entity_by_id": {"id": attack},
        "attacks_after": {"actor": actor, "after": "2024-06-01T00:00:00.123Z"},
        "nested": {"actor": actor, "region": region},
        "search": {"text": "Aggressor Unit 001"},
        "neighbourhood": {"id": quiet},
    }


FULL_NEIGHBOURHOOD: Any = (
    "MATCH (c:Entity {id: $id}) OPTIONAL MATCH (c)-[:"
    + WALKED.replace("\n", "")
    + "*1..2]-(m:Entity) RETURN collect(DISTINCT m.id) AS ids"
)


async def complete_or_valid(
    driver: neo4j.AsyncDriver, id: str, found: dict[str, Any]
) -> dict[str, Any]:
    """Above the 100-node limit each engine may return a different 100 of the neighbours;
    then an answer is right when it has the centre plus 100 true neighbours."""
    records, _, _ = await driver.execute_query(FULL_NEIGHBOURHOOD, {"id": id}, database_="neo4j")
    full = frozenset(records[0]["ids"]) | {id}
    expected = min(len(full), 101)
    return {
        contender: "valid"
        if answer <= full and len(answer) == expected and id in answer
        else answer
        for contender, answer in found.items()
    }


async def measure(
    ask: Any, variables: dict[str, Any], clients: int, seconds: float
) -> dict[str, float]:
    latencies: list[float] = []
    stop = time.monotonic() + seconds

    async def worker() -> None:
        # At least a few requests per client, however slow the question is at this scale.
        while time.monotonic() < stop or len(latencies) < 5 * clients:
            started = time.perf_counter()
            await ask(variables)
            latencies.append((time.perf_counter() - started) * 1000)

    for _ in range(3):  # warm-up: caches, query plans, connections
        await ask(variables)
    began = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(clients)))
    return replay.figures(latencies, time.monotonic() - began)


def combine(runs: list[dict[str, float]]) -> dict[str, Any]:
    """Several runs of one cell: the median of each figure, and the spread of p50 and req/s
    (lowest, highest) so a reader sees how far one run can move."""
    combined: dict[str, Any] = {
        key: statistics.median(run[key] for run in runs) for key in ("p50", "p95", "p99", "rps")
    }
    combined["requests"] = sum(run["requests"] for run in runs)
    combined["runs"] = len(runs)
    combined["p50 spread"] = [min(run["p50"] for run in runs), max(run["p50"] for run in runs)]
    combined["rps spread"] = [min(run["rps"] for run in runs), max(run["rps"] for run in runs)]
    return combined


# Questions whose server-side profile the report shows (--flame): one of each kind of path.
FLAMED = ("entity_by_id", "attacks_after", "violations", "timeline")


@dataclasses.dataclass(frozen=True)
class Flames:
    """py-spy profiles of deedgraph's server (its pid) for `seconds` per recording; 0: none."""

    pid: int
    seconds: float
    events: int


async def benchmark(
    uri: str, urls: dict[str, str], seconds: float, runs: int, flames: Flames
) -> dict[str, Any]:
    """`urls`: deedgraph's (no response cache), the peer's, deedgraph's with its cache, and
    deedgraph's on its standard path only."""
    async with (
        neo4j.AsyncGraphDatabase.driver(
            uri,
            auth=None,
            max_connection_pool_size=32,
            # The same setting deedgraph uses: the floor does not pay for notifications either.
            notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF,
        ) as driver,
        Client(urls["deedgraph"]) as ours,
        Client(urls["peer"]) as peer,
        Client(urls["cached"]) as cached,
        Client(urls["standard"]) as standard,
        Client(urls["hop"]) as hop,
    ):
        contenders = Contenders(driver, "neo4j", ours, peer, standard)
        params = {
            **await parameters(driver),
            **await mission.parameters(driver),
            **await maps.parameters(driver),
        }
        answers: dict[str, Any] = {}
        for question in QUESTIONS:
            raw = {
                c: await contenders.asker(c, question)(params[question])
                for c in contenders_of(question)
            }
            found = {c: normal(question, answer) for c, answer in raw.items()}
            if question == "neighbourhood":
                found = await complete_or_valid(driver, params[question]["id"], found)
            floor = found["raw Cypher"]
            for contender, answer in found.items():
                if answer != floor:
                    raise SystemExit(
                        f"{question}: {contender} answered differently from raw Cypher:\n"
                        f"  {answer!r}\n  {floor!r}"
                    )
            answers[question] = {
                "equal": True,
                # Items in the floor's answer (an entity by id is one).
                "size": 1 if question == "entity_by_id" else len(raw["raw Cypher"]),
            }
        profiles_of_floor: dict[str, Any] = {}
        for question in QUESTIONS:
            try:
                profiles_of_floor[question] = await plans.profiled(
                    driver, "neo4j", question, params[question]
                )
            except Exception as error:  # a PROFILE is not worth the run
                profiles_of_floor[question] = {"failed": f"{type(error).__name__}: {error}"}
        hops = {}
        for clients in (1, 16):  # the floor under any Python server here (bench/hop.py)

            async def hop_ask(variables: dict[str, Any]) -> Any:
                return (await hop.post("/graphql", json=variables)).content

            hops[clients] = combine(
                [await measure(hop_ask, {"query": "{ a }"}, clients, seconds) for _ in range(runs)]
            )
            print(f"HTTP hop alone c={clients:<2} p50 {hops[clients]['p50']:.2f} ms", flush=True)
        compiled = await compiled_flags(ours, params)
        print(f"compiled: {compiled}", flush=True)
        timings: dict[str, Any] = {}
        for question in QUESTIONS:
            for clients in (1, 16):
                for contender in contenders_of(question):
                    cell = f"{question}|{clients}|{contender}"
                    if cell in NOT_MEASURED:
                        timings[cell] = {"skipped": NOT_MEASURED[cell]}
                        continue
                    ask = contenders.asker(contender, question)
                    variables = params[question]
                    try:
                        result = combine(
                            [await measure(ask, variables, clients, seconds) for _ in range(runs)]
                        )
                    except Exception as error:  # one failing cell does not lose the run
                        timings[cell] = {"skipped": f"failed: {type(error).__name__}: {error}"}
                        print(f"{cell}: {timings[cell]['skipped']}", flush=True)
                        continue
                    timings[cell] = result
                    print(
                        f"{question:14} c={clients:<2} {contender:15} "
                        f"p50 {result['p50']:7.2f} ms  {result['rps']:8.1f} req/s",
                        flush=True,
                    )
        profiles: dict[str, Any] = {}
        for question in FLAMED if flames.seconds else ():
            svg = RESULTS / f"flame-{flames.events}-{question}.svg"
            try:
                ask = contenders.asker("deedgraph", question)
                profiles[question] = await flame.profile(
                    flames.pid, ask, params[question], flames.seconds, svg
                )
            except Exception as error:  # a profile is not worth the run
                profiles[question] = {"failed": f"{type(error).__name__}: {error}"}
            print(f"flame {question}: {profiles[question]}", flush=True)
        with_cache = dataclasses.replace(contenders, deedgraph=cached)
        dashboard: dict[str, Any] = {}
        for name, chosen, contender in (
            ("deedgraph, cache on", with_cache, "deedgraph"),
            ("deedgraph, cache off", contenders, "deedgraph"),
            ("@neo4j/graphql", contenders, "@neo4j/graphql"),
        ):
            asks = [
                (chosen.asker(contender, q), params[q])
                for q in QUESTIONS
                if contender in contenders_of(q)
            ]
            dashboard[name] = {
                **combine([await replay.replay(asks, seconds) for _ in range(runs)]),
                "questions": len(asks),
            }
            print(f"dashboard {name:22} {dashboard[name]['rps']:8.1f} req/s", flush=True)
        return {
            "parameters": params,
            "answers": answers,
            "compiled": compiled,
            "hop": hops,
            "plans": profiles_of_floor,
            "flames": profiles,
            "timings": timings,
            "dashboard": dashboard,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=3.0, help="per run of a cell")
    parser.add_argument("--runs", type=int, default=3, help="runs per cell; the median is kept")
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument(
        "--bulk",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also time ACLED --bulk into an empty Neo4j of its own",
    )
    parser.add_argument(
        "--import-again",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also time each import again over its own rows (every row replacing its event)",
    )
    parser.add_argument(
        "--flame",
        type=float,
        default=10.0,
        help="seconds per py-spy recording of deedgraph's server (bench/flame.py); 0: none",
    )
    parser.add_argument("--state", default=str(ROOT / ".deedgraph-bench"))
    parser.add_argument("--bolt-port", type=int, default=17790, help="the benchmark's Neo4j")
    args = parser.parse_args()

    managed = ManagedServer(
        state_dir=Path(args.state).absolute(),
        jars_dir=ManagedServer.from_env().jars_dir,
        bolt_port=args.bolt_port,
        http_port=0,
        heap="4g",
        pagecache="6g",
        transaction_timeout="600s",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "DEEDGRAPH_"))}
    env.update(NEO4J_URI=managed.uri, NEO4J_DATABASE="neo4j")
    deedgraph = ROOT / ".venv" / "bin" / "deedgraph"
    processes: list[subprocess.Popen[bytes]] = []
    server.start(managed)
    try:
        marker = Path(args.state) / f"world-{args.events}-{args.seed}"
        with quiet_driver(managed.uri) as driver:
            count = driver.execute_query(
                "MATCH (a:Attack {kind: 'incident'}) WHERE a.id STARTS WITH 'syn-' "
                "RETURN count(a) AS n",
                database_="neo4j",
            ).records[0]["n"]
        if count != args.events or not marker.exists():
            subprocess.run(
                [
                    str(deedgraph),
                    "generate",
                    "--events",
                    str(args.events),
                    "--seed",
                    str(args.seed),
                ],
                env=env,
                check=True,
            )
            marker.touch()
        imports.drop_imported(managed.uri)  # left by earlier runs, or one stopped while importing
        mission.write_peer_type_defs(PEER_DIR)
        if not (PEER_DIR / "node_modules").exists():
            subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PEER_DIR, check=True)
        processes.append(
            subprocess.Popen(
                [str(deedgraph), "serve", "--port", "18790"],
                # No background warm-up: it would run beside the first cells; every cell
                # warms up with 3 requests of its own, for every contender alike. No response
                # cache: every cell repeats one question, which would measure the cache alone.
                env={
                    **env,
                    "DEEDGRAPH_LOG_LEVEL": "WARNING",
                    "DEEDGRAPH_QUERY_TIMEOUT": "30",
                    "DEEDGRAPH_WARM_UP": "false",
                    "DEEDGRAPH_RESPONSE_CACHE": "false",
                },
            )
        )
        processes.append(  # the same server with its response cache, for the dashboard replay
            subprocess.Popen(
                [str(deedgraph), "serve", "--port", "18792"],
                env={
                    **env,
                    "DEEDGRAPH_LOG_LEVEL": "WARNING",
                    "DEEDGRAPH_QUERY_TIMEOUT": "30",
                    "DEEDGRAPH_WARM_UP": "false",
                },
            )
        )
        processes.append(  # the same server on its standard path only
            subprocess.Popen(
                [str(deedgraph), "serve", "--port", "18793"],
                env={
                    **env,
                    "DEEDGRAPH_LOG_LEVEL": "WARNING",
                    "DEEDGRAPH_QUERY_TIMEOUT": "30",
                    "DEEDGRAPH_WARM_UP": "false",
                    "DEEDGRAPH_RESPONSE_CACHE": "false",
                    "DEEDGRAPH_COMPILE": "false",
                },
            )
        )
        processes.append(
            subprocess.Popen(
                ["node", "server.mjs"],
                cwd=PEER_DIR,
                env={**env, "PORT": "18791", "NODE_ENV": "production"},
            )
        )
        wait_http("http://127.0.0.1:18790/graphql")
        wait_http("http://127.0.0.1:18791/graphql")
        wait_http("http://127.0.0.1:18792/graphql")
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "bench.hop", "--port", "18794"], cwd=ROOT, env=env
            )
        )
        wait_http("http://127.0.0.1:18793/graphql")
        wait_http("http://127.0.0.1:18794/graphql")
        urls = {
            "hop": "http://127.0.0.1:18794",
            "standard": "http://127.0.0.1:18793",
            "deedgraph": "http://127.0.0.1:18790",
            "peer": "http://127.0.0.1:18791",
            "cached": "http://127.0.0.1:18792",
        }
        flames = Flames(processes[0].pid, args.flame, args.events)
        RESULTS.mkdir(parents=True, exist_ok=True)
        data = asyncio.run(benchmark(managed.uri, urls, args.seconds, args.runs, flames))
        if args.import_rows:
            data["import"] = imports.import_speed(
                args.import_rows,
                env,
                deedgraph,
                managed.uri,
                again=args.import_again,
                bulk=args.bulk,
            )
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
        server.stop(managed)
    settings = {
        "date": dt.date.today().isoformat(),
        "machine": f"{os.cpu_count()} CPUs, {platform.machine()}, Linux, Python "
        f"{platform.python_version()}, Neo4j 5.26.30 Community (heap 4g, page cache 6g)",
        "notes": (
            f"Each cell: {args.runs} runs of {args.seconds:g} s of closed-loop requests, each "
            "after 3 warm-up requests; the median run's figures, with the spread of p50 and "
            "req/s over the runs. Clients run on the same 2 cores as Neo4j and the servers. "
            "deedgraph: uvicorn, one worker. @neo4j/graphql 7.6.3 on Node "
            f"{node_version()}, graphql-http. HTTP contenders are asked through bench/client.py "
            "(keep-alive HTTP/1.1 on asyncio streams): httpx, used before, cost the clients "
            "about 1 ms of CPU per request on these shared cores."
        ),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"{args.events}"
    stem.with_suffix(".json").write_text(
        json.dumps({**data, "settings": settings}, indent=2, default=str)
    )
    stem.with_suffix(".md").write_text(report(args.events, data, settings))
    chart(args.events, data, stem.with_suffix(".png"))
    print(stem.with_suffix(".md").read_text())


def node_version() -> str:
    return subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()


def quiet_driver(uri: str) -> neo4j.Driver:
    """A driver that asks the server for no notifications, as the API's does: asked of an empty
    or half-built world, a query about labels not there yet printed one warning each."""
    return neo4j.GraphDatabase.driver(
        uri, notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF
    )


if __name__ == "__main__":
    main()
