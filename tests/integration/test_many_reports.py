"""Many reports, one story: a follow-up report anchors on the seed's call, adds its own count
and words to the seed's overnight wave, and confirms an ACLED row as the seed's railway strike.
Asked through the real API; then unloading the follow-up restores every seed answer exactly."""

# ruff: noqa: UP031 (GraphQL documents read best with their braces as written)
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
from typing import Any

import httpx
import pytest

from graph.errors import LoadError
from graph.ingest.acled.imports import import_acled
from graph.ingest.facts.loader import load
from graph.ingest.facts.unload import unload
from graph.settings import Connection
from graph.store.database import Database
from tests.graphql_client import data
from tests.support import DEEDGRAPH, ROOT, cli_env

FOLLOWUP = ROOT / "tests" / "data" / "followup" / "followup.facts.yaml"
NIGHT = ROOT / "tests" / "data" / "acled_night.csv"
WAVE = "attack:2025-03-19-overnight-wave"
RAILWAY = "attack:2025-03-19-dnipropetrovsk-railway"
HALT = "agreement:energy-infrastructure-halt"

# The seed's answers that the follow-up must not change once it is unloaded.
ANSWERS = {
    "wave": """{ node(id: "%s") { id name ... on Attack { kind category
        time { text startEarliest endLatest } figures { id metric weapon value reportedBy { id } }
        sources { source { id } quotes aspect } } } }"""
    % WAVE,
    "violations": """{ agreementViolations(agreementId: "%s") {
        attack { id } party { role actor { id } } definitelyAfter } }"""
    % HALT,
    "after": """{ attacksAfter(agreementId: "%s") { attack { id } definitelyAfter } }""" % HALT,
    "statements": "{ statements(first: 100) { nodes { id name time { startEarliest } } } }",
    "actor": """{ actor(id: "actor:volodymyr-zelenskyy") { id name
        statements { id } } }""",
    "railway": """{ node(id: "%s") { id ... on Attack { sources { source { id } quotes } } } }"""
    % RAILWAY,
    "stats": """{ stats { weapons { weapon launched intercepted lostAsDecoys }
        attacksPerRegionPerDay { regionId day attacks } } }""",
    "timeline": """{ timeline(entityId: "location:dnipropetrovsk-oblast") { entity { id } } }""",
}


def answers(url: str) -> dict[str, Any]:
    return {name: data(url, query) for name, query in ANSWERS.items()}


@pytest.fixture
async def night(seeded: Database) -> Database:
    await import_acled(seeded, [NIGHT])
    return seeded


async def test_a_follow_up_builds_on_the_seed_and_unloading_it_restores_every_answer(
    night: Database, api_url: str
) -> None:
    before = answers(api_url)
    assert {v["attack"]["id"] for v in before["violations"]["agreementViolations"]} >= {RAILWAY}
    [loaded] = await load(night, [FOLLOWUP])
    assert WAVE in loaded.ids

    # Its statement's time derives from the seed's call: a day after it, on Kyiv's clock.
    statement = data(
        api_url,
        '{ node(id: "statement:zelenskyy-150-drones") { ... on Statement { time { anchorId '
        "startEarliest endLatest external externalBecause } } } }",
    )["node"]["time"]
    call = data(
        api_url,
        '{ node(id: "event:trump-putin-call") { ... on Event { time { startEarliest } } } }',
    )["node"]["time"]
    assert statement["anchorId"] == "event:trump-putin-call"
    assert statement["startEarliest"] > call["startEarliest"]
    assert statement["external"] is True  # the call's date is outside knowledge
    assert "event:trump-putin-call" in statement["externalBecause"]

    # The wave answers two sources, each with its own words; the seed's fields stay its own.
    wave = data(
        api_url,
        '{ node(id: "%s") { name ... on Attack { corroboration { sources independentSources '
        "sourceIds } versions { source { id } name quotes } disagreements { kind about "
        "claims { value source { id } reporterId quotes } } } } }" % WAVE,
    )["node"]
    assert wave["name"] == before["wave"]["node"]["name"]
    assert wave["corroboration"]["sources"] == 2
    assert wave["corroboration"]["independentSources"] == 2
    assert {v["source"]["id"] for v in wave["versions"]} == {
        "source:report-000",
        "source:test-followup-0319",
    }
    [figure] = [d for d in wave["disagreements"] if d["kind"] == "figure"]
    assert figure["about"] == "launched (drone)"
    claims = {c["value"]: c for c in figure["claims"]}
    assert set(claims) == {"145", "150"}
    assert claims["150"]["source"]["id"] == "source:test-followup-0319"
    assert claims["150"]["reporterId"] == "actor:volodymyr-zelenskyy"
    assert claims["145"]["reporterId"] == "actor:ukrainian-air-force"
    assert claims["150"]["quotes"] == ["150 drones were launched overnight"]

    # The same disagreement from the root field, paged.
    root = data(
        api_url,
        '{ disagreements(kinds: ["figure"], first: 1) { totalCount edges { cursor node { '
        "kind factId claims { value } } } pageInfo { hasNextPage } } }",
    )["disagreements"]
    assert root["edges"][0]["node"]["factId"] == WAVE
    about = data(api_url, '{ disagreements(about: "%s") { nodes { kind about } } }' % WAVE)[
        "disagreements"
    ]["nodes"]
    assert {"kind": "figure", "about": "launched (drone)"} in about

    # The railway strike and the ACLED row are one incident: counted once, with both sources.
    violations = data(api_url, ANSWERS["violations"])["agreementViolations"]
    attacks = [v["attack"]["id"] for v in violations]
    assert "acled:UKR2001" not in attacks and RAILWAY in attacks
    after = [a["attack"]["id"] for a in data(api_url, ANSWERS["after"])["attacksAfter"]]
    assert "acled:UKR2001" not in after and after.count(RAILWAY) == 1
    railway = data(
        api_url,
        '{ node(id: "%s") { ... on Attack { sameIncident { recordId confirmedIn note } '
        "corroboration { sourceIds } } } }" % RAILWAY,
    )["node"]
    assert [c["recordId"] for c in railway["sameIncident"]] == ["acled:UKR2001"]
    assert railway["sameIncident"][0]["confirmedIn"] == "source:test-followup-0319"
    # Both reports, the dataset, and the outlets the dataset's row cites.
    assert set(railway["corroboration"]["sourceIds"]) == {
        "source:report-000",
        "source:test-followup-0319",
        "source:acled",
        "source:acled-cited/ukrzaliznytsia",
        "source:acled-cited/suspilne",
    }

    # Stats and timelines count the incident once, and one count per source of a figure: the
    # wave's launched drones stay the Air Force's 145 of the seed, not 145 + 150.
    assert (
        data(api_url, ANSWERS["stats"])["stats"]["weapons"] == before["stats"]["stats"]["weapons"]
    )
    days = data(api_url, ANSWERS["stats"])["stats"]["attacksPerRegionPerDay"]
    before_days = before["stats"]["stats"]["attacksPerRegionPerDay"]
    assert sum(d["attacks"] for d in days) == sum(d["attacks"] for d in before_days) - 1
    items = [i["entity"]["id"] for i in data(api_url, ANSWERS["timeline"])["timeline"]]
    assert "acled:UKR2001" not in items and RAILWAY in items
    assert "acled:UKR2001" in [i["entity"]["id"] for i in before["timeline"]["timeline"]]

    # What rests on one source alone: the seed's Kyiv-region strike, not the wave or the
    # railway strike any more.
    alone = data(api_url, "{ attacks(filter: {singleSource: true}, first: 100) { nodes { id } } }")
    alone_ids = {n["id"] for n in alone["attacks"]["nodes"]}
    assert "attack:2025-03-19-kyiv-oblast" in alone_ids
    assert WAVE not in alone_ids and RAILWAY not in alone_ids
    single = data(
        api_url,
        '{ agreementViolations(agreementId: "%s", singleSource: true) { attack { id } } }' % HALT,
    )["agreementViolations"]
    assert RAILWAY not in {v["attack"]["id"] for v in single}
    single_after = data(
        api_url, '{ attacksAfter(agreementId: "%s", singleSource: true) { attack { id } } }' % HALT
    )["attacksAfter"]
    assert {a["attack"]["id"] for a in single_after} <= alone_ids | {
        i for i in after if i.startswith("acled:")
    }
    assert WAVE not in {a["attack"]["id"] for a in single_after}

    # An export lists the incident once, with every record's sources.
    exported = httpx.get(
        api_url + "/export/attacks",
        params={"actor": "actor:russian-armed-forces", "format": "csv"},
        timeout=60,
    )
    assert exported.status_code == 200
    table = {row["id"]: row for row in csv.DictReader(io.StringIO(exported.text))}
    assert "acled:UKR2001" not in table and RAILWAY in table
    assert {"source:acled", "source:test-followup-0319", "source:report-000"} <= set(
        json.loads(table[RAILWAY]["sources"])
    )

    # The follow-up's review lists what it adds to the seed's facts and where it differs.
    review = data(
        api_url,
        '{ sourceReview(sourceId: "source:test-followup-0319") { additions { factId definedBy } '
        "disagreements { kind factId } } }",
    )["sourceReview"]
    added = {a["factId"]: a["definedBy"] for a in review["additions"]}
    assert added[WAVE] == "source:report-000" and added[RAILWAY] == "source:report-000"
    assert "statement:zelenskyy-150-drones" not in added  # its own
    assert {"kind": "figure", "factId": WAVE} in review["disagreements"]

    # Unloading the follow-up restores every seed answer exactly.
    done = await unload(night, "source:test-followup-0319")
    assert done.removed >= 2  # its statement and its figure
    assert answers(api_url) == before
    assert data(api_url, '{ node(id: "statement:zelenskyy-150-drones") { id } }')["node"] is None


async def test_reloading_the_anchor_derives_the_follow_ups_time_again(
    night: Database, tmp_path: Any
) -> None:
    seeded = night
    await load(seeded, [FOLLOWUP])
    before: list[dict[str, dt.datetime]] = await seeded.read(  # type: ignore[assignment]
        "MATCH (s:Statement {id: 'statement:zelenskyy-150-drones'}) RETURN s.startEarliest AS t"
    )
    seed = (ROOT / "seeds" / "000_28cd22a57464658d.facts.yaml").read_text()
    moved = tmp_path / "seed.facts.yaml"
    moved.write_text(seed.replace("date: 2025-03-18", "date: 2025-03-17", 1))
    (tmp_path / "000_28cd22a57464658d.txt").write_text(
        (ROOT / "seeds" / "000_28cd22a57464658d.txt").read_text()
    )
    await load(seeded, [moved])
    after: list[dict[str, dt.datetime]] = await seeded.read(  # type: ignore[assignment]
        "MATCH (s:Statement {id: 'statement:zelenskyy-150-drones'}) RETURN s.startEarliest AS t"
    )
    moved_by = before[0]["t"] - after[0]["t"]
    assert moved_by == dt.timedelta(days=1)


async def test_a_fact_listed_to_add_to_must_be_in_the_graph(database: Database) -> None:
    with pytest.raises(LoadError) as raised:
        await load(database, [FOLLOWUP])
    messages = [str(p) for p in raised.value.problems]
    assert any(
        "followup.facts.yaml" in m and WAVE in m and "neither in this file nor in the graph" in m
        for m in messages
    ), messages
    assert await database.read("MATCH (n:Statement) RETURN count(n) AS n") == [{"n": 0}]


async def test_the_unload_command_takes_a_facts_file(
    night: Database, connection: Connection
) -> None:
    seeded = night
    await load(seeded, [FOLLOWUP])
    env = cli_env(NEO4J_URI=connection.uri, NEO4J_DATABASE=connection.database)
    verified = subprocess.run(
        [DEEDGRAPH, "verify", str(FOLLOWUP)], env=env, capture_output=True, text=True, timeout=120
    )
    assert verified.returncode == 0, verified.stderr
    assert "Adds to facts other sources defined (2)" in verified.stdout
    assert f"  {WAVE} figure, launched (drone): 145 (source:report-000); 150" in verified.stdout
    done = subprocess.run(
        [DEEDGRAPH, "unload", str(FOLLOWUP)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "unloaded source:test-followup-0319" in done.stdout
    rows = await seeded.read("MATCH (f:Figure) WHERE f.value = 150 RETURN count(f) AS n")
    assert rows == [{"n": 0}]


async def test_an_editor_unloads_a_source_over_the_api_and_a_retracted_anchor_is_named(
    night: Database, keyed_api_url: str
) -> None:
    from tests.integration.conftest import EDITOR_KEY
    from tests.integration.test_writes import call

    await load(night, [FOLLOWUP])
    retract = 'mutation { retract(id: "event:trump-putin-call", reason: "test") { by } }'
    assert call(keyed_api_url, retract, {}, EDITOR_KEY)["data"]["retract"]["by"] == "editor-e"
    time = await night.read(
        "MATCH (s:Statement {id: 'statement:zelenskyy-150-drones'}) "
        "RETURN s.timeExternalBecause AS because"
    )
    assert time == [
        {"because": "it is relative to event:trump-putin-call, whose time was retracted"}
    ]
    unload = (
        'mutation { unloadSource(sourceId: "source:test-followup-0319") '
        "{ sourceId touched removed promoted } }"
    )
    done = call(keyed_api_url, unload, {}, EDITOR_KEY)["data"]["unloadSource"]
    assert done["sourceId"] == "source:test-followup-0319"
    assert done["touched"] >= 4 and done["removed"] >= 2 and done["promoted"] == []
    again = call(keyed_api_url, unload, {}, EDITOR_KEY)
    assert again["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_one_fact_put_over_the_api_leaves_the_rest_of_its_document_as_it_was(
    night: Database, keyed_api_url: str
) -> None:
    from tests.integration.conftest import EDITOR_KEY
    from tests.integration.test_writes import call

    ask = '{ node(id: "%s") { ... on Attack { by { id } locations { id } targets { id } } } }'
    wave_before = data(keyed_api_url, ask % WAVE)
    railway_before = data(keyed_api_url, ask % RAILWAY)
    # The seed's document confirms its railway strike as the ACLED row, with its own words,
    # through the typed input: only what it adds, the rest of the strike as it was.
    put = """mutation($f: AttackInput!) {
      putAttack(sourceId: "source:report-000", fact: $f) { ids } }"""
    fact = {
        "id": RAILWAY,
        "quotes": ["two strikes on its energy infrastructure in the Dnipropetrovsk region"],
        "sameAs": [{"id": "acled:UKR2001", "note": "the same substation near Dnipro"}],
    }
    body = call(keyed_api_url, put, {"f": fact}, EDITOR_KEY)
    assert "errors" not in body, body["errors"]
    assert data(keyed_api_url, ask % WAVE) == wave_before
    assert data(keyed_api_url, ask % RAILWAY) == railway_before
    confirmed = data(
        keyed_api_url,
        '{ node(id: "%s") { ... on Attack { sameIncident { recordId } } } }' % RAILWAY,
    )["node"]["sameIncident"]
    assert confirmed == [{"recordId": "acled:UKR2001"}]


async def test_unloading_the_first_source_leaves_the_second_ones_words_and_nothing_else(
    night: Database,
) -> None:
    await load(night, [FOLLOWUP])
    done = await unload(night, "source:report-000")
    assert WAVE in done.promoted
    rows = await night.read(
        "MATCH (a:Attack {id: $id}) RETURN a.name AS name, a.definedBy AS by, "
        "[(a)-[:SUPPORTED_BY]->(s) | s.id] AS sources, [(a)-[:HAS_FIGURE]->(f) | f.value] AS n",
        id=WAVE,
    )
    # The follow-up named no wave: no name without its source stays behind.
    assert rows == [
        {
            "name": None,
            "by": "source:test-followup-0319",
            "sources": ["source:test-followup-0319"],
            "n": [150],
        }
    ]
    gone = await night.read(
        "MATCH (a:Attack {id: 'attack:2025-03-19-kyiv-oblast'}) RETURN count(a) AS n"
    )
    assert gone == [{"n": 0}]
    because = await night.read(
        "MATCH (s:Statement {id: 'statement:zelenskyy-150-drones'}) "
        "RETURN s.timeExternalBecause AS because"
    )
    assert "no longer in the graph" in str(because[0]["because"])


def test_check_reads_references_from_the_graph_when_it_can_and_says_when_it_cannot(
    connection: Connection, tmp_path: Any
) -> None:
    env = cli_env(NEO4J_URI=connection.uri, NEO4J_DATABASE=connection.database)
    missing = tmp_path / "missing.facts.yaml"
    missing.write_text(
        FOLLOWUP.read_text().replace("attack:2025-03-19-overnight-wave", "attack:no-such-wave")
    )
    (tmp_path / "followup.txt").write_text((FOLLOWUP.parent / "followup.txt").read_text())
    checked = subprocess.run(
        [DEEDGRAPH, "load", "--check", str(missing)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode != 0
    assert "'attack:no-such-wave' is neither in this file nor in the graph" in checked.stderr
    assert "missing.facts.yaml:" in checked.stderr
    away = cli_env(NEO4J_URI="bolt://127.0.0.1:9", NEO4J_DATABASE="neo4j")
    offline = subprocess.run(
        [DEEDGRAPH, "load", "--check", str(missing)],
        env=away,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert offline.returncode == 0, offline.stderr
    assert "no graph is reachable" in offline.stdout
