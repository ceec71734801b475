"""Every example in docs/queries runs over HTTP against the seeded graph, with right answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.store.database import Database
from tests.graphql_client import data
from tests.support import ROOT

QUERIES = ROOT / "docs" / "queries"


def run(api_url: str, name: str) -> dict[str, Any]:
    return data(api_url, (QUERIES / f"{name}.graphql").read_text())


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.graphql")), ids=lambda p: p.stem)
async def test_every_example_answers_without_errors(
    seeded: Database, api_url: str, path: Path
) -> None:
    assert data(api_url, path.read_text())


async def test_attacks_after_the_energy_halt(seeded: Database, api_url: str) -> None:
    answer = run(api_url, "attacks-after")["attacksAfter"]
    ids = {item["attack"]["id"] for item in answer}
    assert ids == {
        "attack:2025-03-19-overnight-wave",
        "attack:2025-03-19-kyiv-oblast",
        "attack:2025-03-19-sumy-hospitals",
        "attack:2025-03-19-dnipropetrovsk-structures",
        "attack:2025-03-19-dnipropetrovsk-railway",
    }
    # Both times rest on the call's day, the attacks' on Kyiv's clock: their bounds overlap.
    assert not any(item["definitelyAfter"] for item in answer)
    assert all(item["attack"]["by"][0]["name"] == "Russian forces" for item in answer)


async def test_the_wave_that_targeted_energy_and_the_railway_energy_strike_break_the_halt(
    seeded: Database, api_url: str
) -> None:
    violations = run(api_url, "agreement-violations")["agreementViolations"]
    by_id = {v["attack"]["id"]: v for v in violations}
    assert set(by_id) == {
        "attack:2025-03-19-overnight-wave",  # "targeting energy infrastructure"
        "attack:2025-03-19-dnipropetrovsk-railway",
    }
    violation = by_id["attack:2025-03-19-dnipropetrovsk-railway"]
    assert violation["definitelyAfter"] is False
    assert [t["category"]["key"] for t in violation["matchedTargets"]] == [
        "railway_energy_infrastructure"
    ]
    assert violation["party"]["role"] == "accepted"
    assert violation["party"]["actor"]["name"] == "Russia"
    assert "both sides had agreed" in violation["party"]["evidence"]["quotes"][0]
    statement = violation["agreementStatement"]
    assert statement["speaker"]["name"] == "White House"
    assert any("cessation of attacks on energy" in q for q in statement["sources"][0]["quotes"])
    quotes = [q for e in violation["attackEvidence"] for q in e["quotes"]]
    assert any("two strikes on its energy infrastructure" in q for q in quotes)
    assert "energy_infrastructure" in violation["reasons"]["scope"]


async def test_russia_says_versus_does(seeded: Database, api_url: str) -> None:
    pairs = run(api_url, "statements-versus-actions")["statementsVersusActions"]
    assert {(p["relation"], p["statement"]["id"], p["action"]["id"]) for p in pairs} == {
        (
            "CONTRADICTS",
            "statement:white-house-announcement",
            "attack:2025-03-19-dnipropetrovsk-railway",
        ),
        ("CONTRADICTS", "statement:white-house-announcement", "attack:2025-03-19-overnight-wave"),
    }


async def test_zelenskyys_accusation_is_borne_out(seeded: Database, api_url: str) -> None:
    answer = data(
        api_url,
        '{ statementsVersusActions(actorId: "actor:ukraine") { relation statement { id } '
        "action { id } } }",
    )["statementsVersusActions"]
    assert {(p["relation"], p["statement"]["id"], p["action"]["id"]) for p in answer} == {
        ("BEARS_OUT", "statement:zelenskyy-accusation", "attack:2025-03-19-overnight-wave")
    }


async def test_timeline_is_in_time_order(seeded: Database, api_url: str) -> None:
    items = run(api_url, "timeline")["timeline"]
    ids = [item["entity"]["id"] for item in items]
    assert ids.index("agreement:30-day-ceasefire") < ids.index("event:trump-putin-call")
    assert ids.index("event:trump-putin-call") < ids.index("attack:2025-03-19-overnight-wave")
    call = next(i for i in items if i["entity"]["id"] == "event:trump-putin-call")
    assert call["entity"]["time"]["external"] is True


async def test_neighborhood_is_drawable(seeded: Database, api_url: str) -> None:
    graph = run(api_url, "neighborhood")["neighborhood"]
    ids = {node["id"] for node in graph["nodes"]}
    assert "location:sumy-oblast" in ids and "actor:russian-armed-forces" in ids
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    edges = {(e["source"], e["type"], e["target"]) for e in graph["edges"]}
    assert ("attack:2025-03-19-sumy-hospitals", "AT", "location:sumy-oblast") in edges


async def test_path_connects_trump_to_the_railway_strike(seeded: Database, api_url: str) -> None:
    graph = run(api_url, "path")["path"]
    ids = [node["id"] for node in graph["nodes"]]
    assert ids[0] == "actor:donald-trump"
    assert ids[-1] == "attack:2025-03-19-dnipropetrovsk-railway"
    assert len(graph["edges"]) == len(ids) - 1


async def test_stats_for_a_dashboard(seeded: Database, api_url: str) -> None:
    stats = run(api_url, "stats")["stats"]
    by_region = {row["region"]: row["attacks"] for row in stats["attacksPerRegionPerDay"]}
    assert by_region == {"Dnipropetrovsk region": 2, "Kyiv region": 1, "Sumy region": 1}
    weapons = {row["weapon"]: row for row in stats["weapons"]}
    assert weapons["drone"]["launched"] == 145
    assert weapons["attack_drone"]["intercepted"] == 72
    assert weapons["decoy_drone"]["lostAsDecoys"] == 56


async def test_search_ranks_sumy_first(seeded: Database, api_url: str) -> None:
    hits = run(api_url, "search")["search"]
    assert hits[0]["entity"]["id"] in {
        "location:sumy-oblast",
        "attack:2025-03-19-sumy-hospitals",
        "attack:2025-03-19-sumy-hospitals/target/medical",
    }
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


async def test_region_filter_includes_districts_inside(seeded: Database, api_url: str) -> None:
    attacks = run(api_url, "attacks-in-region")["attacks"]
    assert attacks["totalCount"] == 1
    [edge] = attacks["edges"]
    figures = {f["metric"]: f for f in edge["node"]["figures"]}
    assert figures["houses_damaged"]["value"] == 36
    assert figures["houses_damaged"]["reportedBy"]["name"] == "Kyiv regional police"
    assert figures["injured"]["qualifier"] == "at_least"


async def test_statements_have_speakers_and_quotes(seeded: Database, api_url: str) -> None:
    statements = run(api_url, "who-said-what")["statements"]["nodes"]
    assert len(statements) == 7
    assert all(s["speaker"] and s["sources"][0]["quotes"] for s in statements)
    starts = [s["time"]["startEarliest"] for s in statements]
    assert starts == sorted(starts)
