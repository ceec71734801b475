"""Live updates: `changes` over graphql-transport-ws against a real uvicorn and Neo4j, with a
plain WebSocket client speaking the protocol as any frontend's library does."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import websockets
from websockets.exceptions import ConnectionClosed

from api.app import create_app
from api.auth import digest
from graph.ingest.acled.imports import import_acled
from graph.ingest.facts.loader import load
from graph.settings import Connection
from graph.store.database import Database
from tests.integration.conftest import EDITOR_KEY, READER_KEY
from tests.support import ROOT, app_settings, running_app

FOLLOWUP = ROOT / "tests" / "data" / "followup" / "followup.facts.yaml"
CHANGES = (
    "subscription($kinds: [String!], $within: ID) { changes(kinds: $kinds, within: $within) "
    "{ seq operation ids kinds count source } }"
)
WAIT = 20.0  # seconds a change may take to arrive on a shared, busy machine
SETTLE = 1.5  # seconds for a new subscription's first read of the log (poll: 0.2 s)


class Socket:
    """One graphql-transport-ws connection: subscribe by id, read each id's messages."""

    def __init__(self, ws: websockets.ClientConnection) -> None:
        self.ws = ws
        self.waiting: dict[str, list[dict[str, Any]]] = {}

    async def subscribe(self, id: str, variables: dict[str, Any] | None = None) -> None:
        payload = {"query": CHANGES, "variables": variables or {}}
        await self.ws.send(json.dumps({"id": id, "type": "subscribe", "payload": payload}))

    async def message(self, id: str, timeout: float = WAIT) -> dict[str, Any]:
        async with asyncio.timeout(timeout):
            while not self.waiting.get(id):
                message = json.loads(await self.ws.recv())
                if message["type"] == "ping":
                    await self.ws.send(json.dumps({"type": "pong"}))
                    continue
                self.waiting.setdefault(message.get("id", ""), []).append(message)
        return self.waiting[id].pop(0)

    async def silent(self, id: str, seconds: float) -> bool:
        try:
            await self.message(id, seconds)
        except TimeoutError:
            return True
        return False


@asynccontextmanager
async def connected(
    url: str, payload: dict[str, Any] | None = None, headers: dict[str, str] | None = None
) -> AsyncIterator[Socket]:
    async with websockets.connect(
        url.replace("http://", "ws://") + "/graphql",
        subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
        additional_headers=headers,
    ) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": payload or {}}))
        frame = await asyncio.wait_for(ws.recv(), WAIT)
        assert isinstance(frame, str), "graphql-transport-ws messages are text frames"
        ack = json.loads(frame)
        assert ack["type"] == "connection_ack", ack
        yield Socket(ws)


async def close_code(url: str, payload: dict[str, Any] | None = None) -> int | None:
    """The close code of a connection that is refused (None if it is acknowledged)."""
    try:
        async with connected(url, payload):
            return None
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None


def settings(**env: str) -> dict[str, str]:
    keys = f"editor-e:editor:{digest(EDITOR_KEY)},reader-r:reader:{digest(READER_KEY)}"
    return {"DEEDGRAPH_API_KEYS": keys, "DEEDGRAPH_CHANGES_POLL_SECONDS": "0.2", **env}


@pytest.fixture(scope="module")
def live_url(connection: Connection) -> Iterator[str]:
    """Reads need a key here; at most 3 connections, 2 subscriptions a connection."""
    env = settings(
        DEEDGRAPH_READS_NEED_KEY="true",
        DEEDGRAPH_MAX_WS_CONNECTIONS="3",
        DEEDGRAPH_MAX_SUBSCRIPTIONS="2",
    )
    with running_app(create_app(connection, app_settings(env))) as url:
        yield url


READER = {"Authorization": f"Bearer {READER_KEY}"}


def editor(url: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(
        url + "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {EDITOR_KEY}"},
        timeout=60,
    )
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body


def put_place(url: str, id: str, within: str) -> None:
    """A new settlement inside `within`, told by an external source (no quotes needed)."""
    source = {"id": "source:gazetteer", "kind": "external", "title": "A gazetteer"}
    editor(url, "mutation($s: SourceInput!) { putSource(source: $s) { ids } }", {"s": source})
    fact = {"id": id, "name": "New Town", "kind": "settlement", "within": within}
    put = (
        "mutation($f: LocationInput!) "
        '{ putLocation(sourceId: "source:gazetteer", fact: $f) { ids } }'
    )
    editor(url, put, {"f": fact})


async def test_a_subscriber_hears_of_a_load_after_it_committed_with_its_ids_and_kinds(
    seeded: Database, live_url: str
) -> None:
    await import_acled(seeded, [ROOT / "tests" / "data" / "acled_night.csv"])  # followup's match
    async with connected(live_url, READER) as socket:
        await socket.subscribe("all")
        await asyncio.sleep(SETTLE)
        await load(seeded, [FOLLOWUP])
        message = await socket.message("all")
    assert message["type"] == "next", message
    change = message["payload"]["data"]["changes"]
    assert change["operation"] == "load"
    assert change["source"] == "source:test-followup-0319"
    assert "attack:2025-03-19-overnight-wave" in change["ids"]
    assert {"Attack", "Statement"} <= set(change["kinds"])
    assert change["count"] >= len(change["ids"])


async def test_a_change_is_heard_only_once_what_it_names_can_be_read(
    seeded: Database, live_url: str
) -> None:
    async with connected(live_url, READER) as socket:
        await socket.subscribe("puts", {"kinds": ["Location"]})
        await asyncio.sleep(SETTLE)
        writing = asyncio.create_task(
            asyncio.to_thread(put_place, live_url, "location:new-town", "location:sumy-oblast")
        )
        message = await socket.message("puts")
        # The moment it is heard, the new place is there for any reader.
        seen = httpx.post(
            live_url + "/graphql",
            json={"query": '{ location(id: "location:new-town") { id } }'},
            headers=READER,
            timeout=30,
        ).json()
        await writing
    change = message["payload"]["data"]["changes"]
    assert change["operation"] == "put" and "location:new-town" in change["ids"]
    assert seen["data"]["location"] == {"id": "location:new-town"}


async def test_kinds_and_within_leave_out_what_the_subscriber_did_not_ask_for(
    seeded: Database, live_url: str
) -> None:
    async with connected(live_url, READER) as socket:
        await socket.subscribe("sumy", {"within": "location:sumy-oblast"})
        await socket.subscribe("figures", {"kinds": ["Figure"]})
        await asyncio.sleep(SETTLE)
        await asyncio.to_thread(put_place, live_url, "location:far-town", "location:odesa-oblast")
        await asyncio.to_thread(put_place, live_url, "location:near-town", "location:sumy-oblast")
        message = await socket.message("sumy")
        change = message["payload"]["data"]["changes"]
        assert change["ids"] == ["location:near-town"], change  # not far-town, in Odesa
        assert await socket.silent("figures", 1.0)  # no figure was written
        assert await socket.silent("sumy", 0.5)


async def test_within_an_unknown_place_is_an_error_not_a_silent_stream(live_url: str) -> None:
    async with connected(live_url, READER) as socket:
        await socket.subscribe("nowhere", {"within": "location:atlantis"})
        message = await socket.message("nowhere")
        await socket.subscribe("bad", {"kinds": ["not a label"]})
        bad = await socket.message("bad")
    assert message["type"] in ("error", "next"), message
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "NOT_FOUND", errors
    bad_errors = bad["payload"] if bad["type"] == "error" else bad["payload"]["errors"]
    assert bad_errors[0]["extensions"]["code"] == "BAD_USER_INPUT", bad_errors


async def test_a_client_without_a_valid_key_is_refused_when_reads_need_one(
    live_url: str,
) -> None:
    assert await close_code(live_url) == 4403
    assert await close_code(live_url, {"Authorization": "Bearer dg_wrong"}) == 4403
    assert await close_code(live_url, {"apiKey": READER_KEY}) is None


async def test_subscriptions_beyond_a_connections_limit_are_refused(live_url: str) -> None:
    async with connected(live_url, READER) as socket:
        await socket.subscribe("one")
        await socket.subscribe("two")
        await socket.subscribe("three")
        refused = await socket.message("three")
    assert refused["type"] == "error"
    assert "limit" in refused["payload"][0]["message"].lower()


async def test_connections_beyond_the_limit_are_closed_with_4429(live_url: str) -> None:
    async with (
        connected(live_url, READER),
        connected(live_url, READER),
        connected(live_url, READER),
    ):
        assert await close_code(live_url, READER) == 4429
    # Closed connections free their places.
    assert await close_code(live_url, READER) is None


async def test_the_legacy_graphql_ws_protocol_is_not_spoken(live_url: str) -> None:
    with pytest.raises((ConnectionClosed, websockets.InvalidStatus, websockets.InvalidHandshake)):
        async with websockets.connect(
            live_url.replace("http://", "ws://") + "/graphql",
            subprotocols=[websockets.Subprotocol("graphql-ws")],
        ) as ws:
            await ws.send(json.dumps({"type": "connection_init", "payload": READER}))
            await asyncio.wait_for(ws.recv(), WAIT)


async def test_a_subscription_over_plain_http_is_refused_with_a_client_error(
    live_url: str,
) -> None:
    response = httpx.post(
        live_url + "/graphql", json={"query": CHANGES}, headers=READER, timeout=30
    )
    assert 400 <= response.status_code < 500 or "errors" in response.json()
    assert response.status_code != 500
