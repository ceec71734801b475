"""Related lists past their cap say so (api/extensions/truncation.py), and one busy kind of
relationship cannot crowd another out of the list."""

from __future__ import annotations

import pytest

from graph.queries import entities
from graph.store.database import Database
from tests.graphql_client import post

BUSY_UNIT = """
CREATE (u:Entity:Actor {id: 'actor:busy-unit', name: 'Busy unit'})
CREATE (s:Entity:Statement {id: 'statement:busy-unit', name: 'A word from the unit',
  startEarliest: datetime('2025-01-01T00:00Z'), endLatest: datetime('2025-01-02T00:00Z')})
CREATE (s)-[:MADE_BY]->(u)
WITH u
UNWIND range(1, $attacks) AS i
CREATE (a:Entity:Attack {id: 'attack:busy-' + i, name: 'Strike ' + i,
  startEarliest: datetime('2025-01-01T00:00Z') + duration({hours: i}),
  endLatest: datetime('2025-01-01T01:00Z') + duration({hours: i})})
CREATE (a)-[:CARRIED_OUT_BY]->(u)
"""

QUERY = '{ actor(id: "actor:busy-unit") { attacks { id } statements { id } } }'


async def test_a_list_past_its_cap_says_how_many_there_are(
    database: Database, api_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entities, "RELATED_CAP", 5)  # the server runs in this process
    await database.write(BUSY_UNIT, attacks=12)
    body = post(api_url, QUERY)
    actor = body["data"]["actor"]
    assert len(actor["attacks"]) == 5
    assert [s["id"] for s in actor["statements"]] == ["statement:busy-unit"]
    [note] = body["extensions"]["truncated"]
    assert note["path"] == ["actor", "attacks"]
    assert (note["shown"], note["total"]) == (5, 12)
    assert "attacks(filter" in note["rest"]


async def test_a_list_under_its_cap_says_nothing(database: Database, api_url: str) -> None:
    await database.write(BUSY_UNIT, attacks=3)
    body = post(api_url, QUERY)
    assert len(body["data"]["actor"]["attacks"]) == 3
    assert "truncated" not in body["extensions"]
