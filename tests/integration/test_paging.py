"""Keyset cursors over HTTP (graph/queries/keyset.py, api/types/connections.py): pages that
neither skip nor repeat a row when others write between two fetches, and paging backwards."""

from __future__ import annotations

from typing import Any

import pytest

from graph.queries import listing
from graph.store.database import Database
from tests.graphql_client import data, post

PAGE = """
query($first: Int, $after: String, $last: Int, $before: String, $order: Order) {
  attacks(filter: {actor: "actor:test-unit"}, first: $first, after: $after, last: $last,
          before: $before, order: $order) {
    edges { cursor node { id } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""

WRITE = """
MERGE (u:Entity:Actor {id: 'actor:test-unit'}) SET u.name = 'Test unit'
WITH u
UNWIND $hours AS hour
CREATE (a:Entity:Attack {id: 'attack:t' + toString(1000 + hour), name: 'Strike ' + hour,
  startEarliest: datetime('2025-01-01T00:00Z') + duration({hours: hour}),
  endLatest: datetime('2025-01-01T00:30Z') + duration({hours: hour}), spanSeconds: 1800})
CREATE (a)-[:CARRIED_OUT_BY]->(u)
"""


async def write(database: Database, *hours: int) -> None:
    await database.write(WRITE, hours=list(hours))


def page(api_url: str, **variables: Any) -> dict[str, Any]:
    answer: dict[str, Any] = data(api_url, PAGE, variables)["attacks"]
    return answer


def ids(answer: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in answer["edges"]]


@pytest.fixture(params=["gather", "scan"])
def plan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both list plans (graph/queries/listing.py): the server runs in this process."""
    monkeypatch.setattr(listing, "BUSY", 10**9 if request.param == "gather" else -1)
    return str(request.param)


async def test_a_write_between_two_pages_neither_repeats_nor_skips_a_row(
    database: Database, api_url: str, plan: str
) -> None:
    await write(database, *range(10, 40))
    first = page(api_url, first=10)
    assert ids(first) == [f"attack:t{1000 + h}" for h in range(10, 20)]
    # An earlier attack written now would shift every offset by one; a later one comes after.
    await write(database, 1, 45)
    seen = ids(first)
    cursor = first["pageInfo"]["endCursor"]
    while True:
        answer = page(api_url, first=10, after=cursor)
        seen += ids(answer)
        assert answer["pageInfo"]["hasPreviousPage"]
        if not answer["pageInfo"]["hasNextPage"]:
            break
        cursor = answer["pageInfo"]["endCursor"]
    expected = [f"attack:t{1000 + h}" for h in [*range(10, 40), 45]]
    assert seen == expected


async def test_paging_backwards_from_the_end_gives_the_same_rows_in_the_same_order(
    database: Database, api_url: str, plan: str
) -> None:
    await write(database, *range(0, 25))
    forwards = ids(page(api_url, first=25))
    last = page(api_url, last=10)
    assert ids(last) == forwards[-10:]
    assert last["pageInfo"]["hasPreviousPage"] and not last["pageInfo"]["hasNextPage"]
    before = page(api_url, last=10, before=last["pageInfo"]["startCursor"])
    assert ids(before) == forwards[5:15]
    assert before["pageInfo"]["hasNextPage"]
    rest = page(api_url, last=10, before=before["pageInfo"]["startCursor"])
    assert ids(rest) == forwards[:5]
    assert not rest["pageInfo"]["hasPreviousPage"]


async def test_a_descending_list_pages_backwards_too(database: Database, api_url: str) -> None:
    await write(database, *range(0, 12))
    down = ids(page(api_url, first=12, order="TIME_DESC"))
    assert down == [f"attack:t{1000 + h}" for h in range(11, -1, -1)]
    last = page(api_url, last=4, order="TIME_DESC")
    assert ids(last) == down[-4:]


async def test_a_cursor_for_another_order_is_refused(database: Database, api_url: str) -> None:
    await write(database, 1, 2)
    cursor = page(api_url, first=1)["pageInfo"]["endCursor"]
    body = post(api_url, PAGE, {"first": 1, "after": cursor, "order": "TIME_DESC"})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "order" in body["errors"][0]["message"]


async def test_first_and_last_together_are_refused(database: Database, api_url: str) -> None:
    body = post(api_url, PAGE, {"first": 1, "last": 1})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
