"""The synthetic world: deterministic, skewed, clustered, and with violations to find."""

from __future__ import annotations

from graph.ingest.synthetic.generate import generate
from graph.queries.agreements import agreement_violations
from graph.store.database import Database
from tests.integration.test_loader import snapshot


async def test_same_seed_same_world(database: Database) -> None:
    result = await generate(database, 300, seed=7, chunk=100)
    assert result.events == 300
    [count] = await database.read("MATCH (a:Attack {kind: 'incident'}) RETURN count(a) AS n")
    assert count == {"n": 300}
    first = await snapshot(database)
    await generate(database, 300, seed=7, chunk=100)  # replaces the earlier world
    assert await snapshot(database) == first
    await generate(database, 300, seed=8, chunk=100)
    assert await snapshot(database) != first


async def test_activity_is_skewed_and_clustered(database: Database) -> None:
    await generate(database, 2000, seed=3)
    units = await database.read(
        "MATCH (a:Attack {kind: 'incident'})-[:CARRIED_OUT_BY]->(u:Actor) "
        "RETURN u.id AS unit, count(a) AS n ORDER BY n DESC"
    )
    counts = [int(str(unit["n"])) for unit in units]
    assert counts[0] > 5 * counts[len(counts) // 2]
    regions = await database.read(
        "MATCH (a:Attack {kind: 'incident'})-[:AT]->()-[:WITHIN*2]->(r:Location {kind: 'region'}) "
        "RETURN r.id AS region, count(a) AS n ORDER BY n DESC"
    )
    top_three = sum(int(str(r["n"])) for r in regions[:3])
    assert top_three > 0.4 * 2000


async def test_some_attacks_violate_agreements(database: Database) -> None:
    await generate(database, 3000, seed=5)
    agreements = await database.read("MATCH (g:Agreement) RETURN g.id AS id")
    found = [
        row for g in agreements for row in await agreement_violations(database, str(g["id"]), 500)
    ]
    assert found
    assert all(row["role"] == "accepted" for row in found)
