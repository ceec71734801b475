"""The response cache (api/response_cache.py) against a real Neo4j: a repeated query is
answered from it, a mutation never is, and no client reads an answer older than a write it
saw succeed, whichever worker answers: writes through the API, in-process loads and
`deedgraph load` from the command line between two reads."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import httpx

from api.app import create_app
from api.auth import digest
from graph.ingest.facts.loader import load
from graph.settings import Connection
from graph.store.database import Database
from tests.integration.conftest import EDITOR_KEY, READER_KEY
from tests.integration.test_metrics import FLEET, PUT_ACTOR
from tests.support import DEEDGRAPH, ROOT, app_settings, cli_env, running_app, serving

CONDUCT = ROOT / "tests" / "data" / "conduct.facts.yaml"  # refers to the seed's ids
NEW_STATEMENTS = {"statement:mod-denial", "statement:mod-only-military"}
STATEMENTS = "query Statements { statements(first: 100) { totalCount nodes { id } } }"
ACTORS = "query Actors($first: Int!) { actors(first: $first) { totalCount nodes { id } } }"
KEYS = f"editor-e:editor:{digest(EDITOR_KEY)},reader-r:reader:{digest(READER_KEY)}"


def ask(url: str, query: str, variables: Any = None, key: str | None = None) -> dict[str, Any]:
    # A new connection each time: with several workers, the kernel hands each to one of them.
    headers = {"X-API-Key": key} if key else {}
    response = httpx.post(
        url + "/graphql",
        json={"query": query, "variables": variables or {}},
        headers=headers,
        timeout=60,
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body


def ids(body: dict[str, Any], field: str) -> set[str]:
    return {node["id"] for node in body["data"][field]["nodes"]}


def counted(url: str, outcome: str) -> float:
    text = httpx.get(url + "/metrics", timeout=30).text
    for line in text.splitlines():
        if line.startswith(f'deedgraph_response_cache_total{{outcome="{outcome}"}}'):
            return float(line.split()[-1])
    return 0.0


def answered(url: str, operation: str) -> float:
    """Requests counted under this operation's name, whatever their path and code."""
    text = httpx.get(url + "/metrics", timeout=30).text
    return sum(
        float(line.split()[-1])
        for line in text.splitlines()
        if line.startswith("deedgraph_requests_total{") and f'operation="{operation}"' in line
    )


async def test_a_repeated_query_is_a_hit_until_a_write_and_never_a_mutation(
    seeded: Database, connection: Connection
) -> None:
    settings = app_settings({"DEEDGRAPH_RESPONSE_CACHE": "true", "DEEDGRAPH_API_KEYS": KEYS})
    with running_app(create_app(connection, settings)) as url:
        hits, misses = counted(url, "hit"), counted(url, "miss")
        named = answered(url, "Statements")
        first = ask(url, STATEMENTS)
        again = ask(url, STATEMENTS)
        assert (first["extensions"]["cache"], again["extensions"]["cache"]) == ("miss", "hit")
        assert again["data"] == first["data"] and again["extensions"]["cypherQueries"] == 0
        assert (counted(url, "hit"), counted(url, "miss")) == (hits + 1, misses + 1)
        assert answered(url, "Statements") == named + 2  # the hit under its name too
        # Another role, other variables: entries of their own.
        assert ask(url, STATEMENTS, key=READER_KEY)["extensions"]["cache"] == "miss"
        assert ask(url, ACTORS, {"first": 5})["extensions"]["cache"] == "miss"
        assert ask(url, ACTORS, {"first": 6})["extensions"]["cache"] == "miss"
        assert ask(url, ACTORS, {"first": 5})["extensions"]["cache"] == "hit"

        # A write in this process (the loader records a change): the next read computes.
        await load(seeded, [CONDUCT])
        after = ask(url, STATEMENTS)
        assert after["extensions"]["cache"] == "miss"
        assert ids(after, "statements") - ids(first, "statements") == NEW_STATEMENTS

        # A mutation is never answered from the cache, and invalidates what is there.
        before = ask(url, ACTORS, {"first": 100})
        written = ask(url, PUT_ACTOR, {"fact": FLEET}, key=EDITOR_KEY)
        assert "cache" not in written["extensions"]
        later = ask(url, ACTORS, {"first": 100})
        assert later["extensions"]["cache"] == "miss"
        assert ids(later, "actors") - ids(before, "actors") == {"actor:black-sea-fleet"}


def test_the_cache_can_be_turned_off(seeded: Database, connection: Connection) -> None:
    settings = app_settings({"DEEDGRAPH_RESPONSE_CACHE": "false"})
    with running_app(create_app(connection, settings)) as url:
        assert "cache" not in ask(url, STATEMENTS)["extensions"]
        assert "cache" not in ask(url, STATEMENTS)["extensions"]


def run_load(connection: Connection, path: Path) -> None:
    env = cli_env(NEO4J_URI=connection.uri, NEO4J_DATABASE=connection.database)
    done = subprocess.run(
        [DEEDGRAPH, "load", str(path)], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_worker_answers_from_before_a_write_it_did_not_see(
    seeded: Database, connection: Connection, tmp_path: Path
) -> None:
    env = cli_env(
        NEO4J_URI=connection.uri,
        NEO4J_DATABASE=connection.database,
        DEEDGRAPH_WORKERS="2",
        DEEDGRAPH_RESPONSE_CACHE="true",
        DEEDGRAPH_API_KEYS=KEYS,
    )
    with serving(env, tmp_path / "serve.log") as served:
        # Both workers keep the answer (20 connections reach both).
        before = [ask(served.url, STATEMENTS) for _ in range(20)]
        assert {b["extensions"]["cache"] for b in before} == {"hit", "miss"}
        assert not NEW_STATEMENTS & ids(before[0], "statements")

        # A load from the command line, acknowledged (exit 0) before the next read.
        run_load(connection, CONDUCT)
        for _ in range(20):
            assert ids(ask(served.url, STATEMENTS), "statements") >= NEW_STATEMENTS

        # A write through one worker; the other must not answer from before it.
        actors = [ask(served.url, ACTORS, {"first": 100}) for _ in range(20)]
        assert "actor:black-sea-fleet" not in ids(actors[0], "actors")
        ask(served.url, PUT_ACTOR, {"fact": FLEET}, key=EDITOR_KEY)
        for _ in range(20):
            assert "actor:black-sea-fleet" in ids(ask(served.url, ACTORS, {"first": 100}), "actors")
