"""Live updates in Chromium with graphql-ws, the graphql-transport-ws client frontends use
(npm, tests/live_client with its lock file; `make live-client`)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from api.app import create_app
from graph.settings import Connection
from graph.store.database import Database
from tests.browser import chromium_page, snap
from tests.integration.conftest import READER_KEY
from tests.integration.test_subscriptions import CHANGES, SETTLE, put_place, settings
from tests.support import ROOT, app_settings, running_app

UMD = ROOT / "tests" / "live_client" / "node_modules" / "graphql-ws" / "umd" / "graphql-ws.js"

# Subscribes as a page would; what it hears, and how its connection closed, on `window`.
SUBSCRIBE = """
({url, key, query, variables}) => {
  window.heard = []; window.failed = []; window.closedWith = null; window.acked = false;
  const client = graphqlWs.createClient({
    url,
    connectionParams: key ? {Authorization: 'Bearer ' + key} : {},
    retryAttempts: 0,
    lazy: false,
    on: {
      connected: () => { window.acked = true; },
      closed: (event) => { window.closedWith = event.code; },
    },
  });
  client.subscribe({query, variables}, {
    next: (message) => window.heard.push(message),
    error: (error) => window.failed.push(String(error && (error.code || error.message || error))),
    complete: () => {},
  });
}
"""


@pytest.fixture(scope="module")
def browser_url(connection: Connection) -> Iterator[str]:
    env = settings(DEEDGRAPH_READS_NEED_KEY="true")
    with running_app(create_app(connection, app_settings(env))) as url:
        yield url


async def subscribe(page: Any, url: str, key: str | None, variables: dict[str, Any]) -> None:
    await page.goto(url + "/health")  # the API's own origin, as the explorer's page is
    await page.add_script_tag(path=str(UMD))
    await page.evaluate(
        SUBSCRIBE,
        {
            "url": url.replace("http://", "ws://") + "/graphql",
            "key": key,
            "query": CHANGES,
            "variables": variables,
        },
    )


async def test_a_page_with_graphql_ws_hears_a_new_place_once_it_is_written(
    seeded: Database, browser_url: str
) -> None:
    async with chromium_page() as page:
        await subscribe(page, browser_url, READER_KEY, {"within": "location:sumy-oblast"})
        await page.wait_for_function("window.acked || window.closedWith !== null")
        assert await page.evaluate("[window.closedWith, window.failed]") == [None, []]
        await asyncio.sleep(SETTLE)
        await asyncio.to_thread(
            put_place, browser_url, "location:browser-far", "location:odesa-oblast"
        )
        await asyncio.to_thread(
            put_place, browser_url, "location:browser-town", "location:sumy-oblast"
        )
        await page.wait_for_function(
            "window.heard.length > 0 || window.failed.length > 0 || window.closedWith !== null",
            timeout=20_000,
        )
        heard = await page.evaluate("window.heard")
        assert heard, await page.evaluate("[window.closedWith, window.failed]")
        await snap(page, "subscription-graphql-ws")
    change = heard[0]["data"]["changes"]
    assert change["operation"] == "put"
    assert change["ids"] == ["location:browser-town"]
    assert "Location" in change["kinds"]


async def test_a_page_without_a_key_is_refused_when_reads_need_one(browser_url: str) -> None:
    async with chromium_page() as page:
        await subscribe(page, browser_url, None, {})
        await page.wait_for_function("window.closedWith !== null", timeout=20_000)
        assert await page.evaluate("window.closedWith") == 4403
        assert await page.evaluate("window.heard") == []
