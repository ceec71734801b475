"""The graph says what the report says, and nothing more: times marked external all the way
down and read in local time, only the roles the words support, what the report leaves vague
kept vague, claims about conduct set against actions, and a reload that forgets what the file
no longer says."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from graph.ingest.facts.loader import load
from graph.store.database import Database
from tests.graphql_client import data
from tests.integration.conftest import SEED
from tests.support import ROOT

CONDUCT = ROOT / "tests" / "data" / "conduct.facts.yaml"
HALT = "agreement:energy-infrastructure-halt"


def time_of(api_url: str, field: str, id: str) -> dict[str, Any]:
    query = (
        f'{{ {field}(id: "{id}") {{ time {{ external externalBecause zone '
        "startEarliest endLatest } } }"
    )
    time: dict[str, Any] = data(api_url, query)[field]["time"]
    return time


async def test_every_time_resting_on_the_outside_date_of_the_call_is_external(
    seeded: Database, api_url: str
) -> None:
    call = time_of(api_url, "event", "event:trump-putin-call")
    assert call["external"] and "source:external-calendar" in call["externalBecause"]
    for field, id in (
        ("agreement", HALT),
        ("statement", "statement:white-house-announcement"),
        ("attack", "attack:2025-03-19-overnight-wave"),
        ("attack", "attack:2025-03-19-dnipropetrovsk-railway"),  # through the wave
        ("statement", "statement:railway-report"),
    ):
        time = time_of(api_url, field, id)
        assert time["external"] is True, id
        assert (
            "event:trump-putin-call" in time["externalBecause"]
            or "attack:" in (time["externalBecause"])
        )
    talks = time_of(api_url, "event", "event:saudi-arabia-talks")
    assert talks["external"] and "year" in talks["externalBecause"]


async def test_dates_are_read_in_local_time(seeded: Database, api_url: str) -> None:
    call = time_of(api_url, "event", "event:trump-putin-call")
    # 18 March in Moscow (UTC+3) or Washington (UTC-4).
    assert call["zone"] == "America/New_York Europe/Moscow"
    assert call["startEarliest"].startswith("2025-03-17T21:00:00")
    assert call["endLatest"].startswith("2025-03-19T03:59:59")
    talks = time_of(api_url, "event", "event:saudi-arabia-talks")
    assert talks["startEarliest"].startswith("2025-03-10T21:00:00")  # Riyadh, UTC+3
    wave = time_of(api_url, "attack", "attack:2025-03-19-overnight-wave")
    assert wave["zone"] == "Europe/Kyiv"
    assert wave["startEarliest"].startswith("2025-03-18T21:00:00")


async def test_overlapping_bounds_make_after_only_possible(seeded: Database, api_url: str) -> None:
    answer = data(
        api_url,
        f'{{ attacksAfter(agreementId: "{HALT}") {{ attack {{ id }} definitelyAfter }} }}',
    )["attacksAfter"]
    assert answer and all(item["definitelyAfter"] is False for item in answer)
    definitely = data(
        api_url,
        f'{{ attacksAfter(agreementId: "{HALT}", mode: DEFINITELY) {{ attack {{ id }} }} }}',
    )["attacksAfter"]
    assert definitely == []


async def test_each_actor_has_one_role_and_only_the_one_the_words_support(
    seeded: Database, api_url: str
) -> None:
    query = '{ agreement(id: "%s") { parties { role actor { id } } } }'
    talks = data(api_url, query % "agreement:black-sea-ceasefire-talks")["agreement"]
    assert talks["parties"] == [{"role": "announced", "actor": {"id": "actor:united-states"}}]
    ceasefire = data(api_url, query % "agreement:30-day-ceasefire")["agreement"]
    roles = [(p["actor"]["id"], p["role"]) for p in ceasefire["parties"]]
    assert sorted(roles) == [
        ("actor:russia", "rejected"),
        ("actor:ukraine", "accepted"),
        ("actor:united-states", "proposer"),
    ]


async def test_what_the_report_leaves_vague_stays_vague(seeded: Database, api_url: str) -> None:
    wave = data(
        api_url,
        '{ attack(id: "attack:2025-03-19-overnight-wave") { '
        "targets { status category { key } } "
        "figures { metric value attribution locationsPartial reportedBy { id } } } }",
    )["attack"]
    targeted = {t["category"]["key"] for t in wave["targets"] if t["status"] == "targeted"}
    assert targeted == {"energy_infrastructure", "residential"}
    [injured] = [f for f in wave["figures"] if f["metric"] == "injured"]
    assert injured == {
        "metric": "injured",
        "value": None,
        "attribution": "unattributed",
        "locationsPartial": False,
        "reportedBy": None,
    }
    [intercepted] = [f for f in wave["figures"] if f["metric"] == "intercepted"]
    assert intercepted["locationsPartial"] is True
    region = data(api_url, '{ location(id: "location:kyiv-oblast") { latitude aliases } }')
    assert region["location"] == {"latitude": None, "aliases": ["Kyiv Oblast"]}


async def test_the_targeted_energy_infrastructure_breaks_the_halt(
    seeded: Database, api_url: str
) -> None:
    answer = data(
        api_url,
        f'{{ agreementViolations(agreementId: "{HALT}") {{ attack {{ id }} definitelyAfter }} }}',
    )["agreementViolations"]
    ids = {row["attack"]["id"] for row in answer}
    assert ids == {"attack:2025-03-19-overnight-wave", "attack:2025-03-19-dnipropetrovsk-railway"}
    assert all(row["definitelyAfter"] is False for row in answer)


async def test_denials_and_claims_about_conduct_meet_the_attacks(
    seeded: Database, api_url: str
) -> None:
    await load(seeded, [CONDUCT])
    answer = data(
        api_url,
        '{ statementsVersusActions(actorId: "actor:russia") { relation timing reason '
        "statement { id } action { id } targets { id category { key } } } }",
    )["statementsVersusActions"]
    pairs = {(r["statement"]["id"], r["action"]["id"]): r for r in answer if r["statement"]}
    denial = pairs[("statement:mod-denial", "attack:2025-03-19-dnipropetrovsk-railway")]
    assert denial["relation"] == "CONTRADICTS"
    assert denial["timing"] in ("possibly during", "definitely during")
    assert [t["category"]["key"] for t in denial["targets"]] == ["railway_energy_infrastructure"]
    assert "did not strike energy_infrastructure" in denial["reason"]
    hospitals = pairs[("statement:mod-only-military", "attack:2025-03-19-sumy-hospitals")]
    assert hospitals["relation"] == "CONTRADICTS"
    assert "medical" in hospitals["reason"]
    depot = pairs[("statement:mod-only-military", "attack:2025-03-19-kharkiv-depot")]
    assert depot["relation"] == "BEARS_OUT"
    assert [t["category"]["key"] for t in depot["targets"]] == ["military"]
    assert ("statement:mod-denial", "attack:2025-03-19-kharkiv-depot") not in pairs


async def test_a_reload_forgets_what_the_file_no_longer_says(
    seeded: Database, tmp_path: Path
) -> None:
    figure = "attack:2025-03-19-kyiv-oblast/injured"
    assert await seeded.read("MATCH (f:Figure {id: $id}) RETURN f.id AS id", id=figure)
    document = yaml.safe_load(SEED.read_text())
    [kyiv] = [a for a in document["attacks"] if a["id"] == "attack:2025-03-19-kyiv-oblast"]
    kyiv["figures"] = [f for f in kyiv["figures"] if f["metric"] != "injured"]
    edited = tmp_path / "seed.facts.yaml"
    edited.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))
    shutil.copy(SEED.with_suffix("").with_suffix(".txt"), tmp_path)
    await load(seeded, [edited])
    assert await seeded.read("MATCH (f:Figure {id: $id}) RETURN f.id AS id", id=figure) == []
    assert await seeded.read(
        "MATCH (a:Attack {id: 'attack:2025-03-19-kyiv-oblast'})-[:HAS_FIGURE]->(f) "
        "RETURN count(f) AS n"
    ) == [{"n": 2}]


async def test_a_fact_another_source_supports_keeps_that_source(
    seeded: Database, tmp_path: Path
) -> None:
    await load(seeded, [CONDUCT])
    await seeded.write(
        "MATCH (l:Location {id: 'location:kharkiv-oblast'}), "
        "(s:Source {id: 'source:conduct-report'}) "
        "CREATE (l)-[:SUPPORTED_BY {quotes: ['near Kharkiv'], aspect: 'existence', "
        "external: false}]->(s)"
    )
    document = yaml.safe_load(SEED.read_text())
    document["locations"] = [
        p for p in document["locations"] if p["id"] != "location:kharkiv-oblast"
    ]
    for attack in document["attacks"]:
        for figure in attack.get("figures", []):
            if "location:kharkiv-oblast" in figure.get("locations", []):
                figure["locations"].remove("location:kharkiv-oblast")
    edited = tmp_path / "seed.facts.yaml"
    edited.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))
    shutil.copy(SEED.with_suffix("").with_suffix(".txt"), tmp_path)
    await load(seeded, [edited])
    rows = await seeded.read(
        "MATCH (l:Location {id: 'location:kharkiv-oblast'})-[:SUPPORTED_BY]->(s) "
        "RETURN s.id AS source"
    )
    assert rows == [{"source": "source:conduct-report"}]
