"""The warm-up asks every analysis through both of its plans, and the service starts it in the
background without making anyone wait for it."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest

from api.app import create_app
from graph.queries.warm_up import PLANS, warm_up
from graph.settings import Connection, Settings
from graph.store.database import Database, query_counter
from tests.support import running_app


async def test_the_warm_up_asks_each_analysis_through_each_plan(seeded: Database) -> None:
    counter = [0]
    token = query_counter.set(counter)
    try:
        seconds = await warm_up(seeded)
    finally:
        query_counter.reset(token)
    # The subjects, their loading (whole, and their incoming links), then four analyses
    # (attacks after, violations, statements against actions, a timeline) through each plan.
    assert counter[0] == 1 + 2 + 4 * len(PLANS)
    assert seconds > 0


async def test_on_an_empty_graph_there_is_nothing_to_ask(database: Database) -> None:
    counter = [0]
    token = query_counter.set(counter)
    try:
        await warm_up(database)
    finally:
        query_counter.reset(token)
    assert counter[0] == 1


async def test_the_service_warms_up_in_the_background_and_says_so(
    seeded: Database, connection: Connection, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(connection, Settings.from_env({}))
    with caplog.at_level(logging.INFO, logger="deedgraph.app"), running_app(app) as url:
        assert httpx.get(url + "/health", timeout=30).status_code == 200
        for _ in range(600):  # it logs when done: up to a minute on a cold Neo4j
            if any("warmed up" in r.getMessage() for r in caplog.records):
                break
            await asyncio.sleep(0.1)
    assert any("analyses warmed up in" in r.getMessage() for r in caplog.records)
