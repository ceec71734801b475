"""Writes over the API: keys and roles, validation like the loader, audit, retraction."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.auth import digest
from graph.settings import Connection
from graph.store.database import Database
from tests.integration.conftest import EDITOR_KEY, READER_KEY
from tests.integration.test_loader import snapshot
from tests.support import ROOT, app_settings, running_app

SOURCE = "source:report-000"


def call(url: str, query: str, variables: dict[str, Any], key: str | None) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    response = httpx.post(
        url + "/graphql",
        json={"query": query, "variables": variables},
        headers=headers,
        timeout=60,  # the machine may be shared with other test runs
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


PUT_ACTOR = """
mutation($source: ID!, $fact: ActorInput!) {
  putActor(sourceId: $source, fact: $fact) { ids nodes relationships }
}
"""
BLACK_SEA_FLEET = {
    "id": "actor:black-sea-fleet",
    "name": "Black Sea Fleet",
    "kind": "military_unit",
    "partOf": ["actor:russian-armed-forces"],
    "quotes": ["a potential ceasefire in the Black Sea"],
}
WHEN = {"text": "that day", "date": "2025-03-18"}
# The least each typed input takes: enough to pass GraphQL's checks and reach the key check.
LEAST: dict[str, tuple[str, dict[str, Any]]] = {
    "putActor": ("ActorInput", {"id": "actor:x", "name": "X", "kind": "state"}),
    "putLocation": ("LocationInput", {"id": "location:x", "name": "X", "kind": "country"}),
    "putEvent": ("EventInput", {"id": "event:x", "name": "X", "kind": "talks", "time": WHEN}),
    "putStatement": (
        "StatementInput",
        {"id": "statement:x", "kind": "claim", "speaker": "actor:x", "text": "X", "time": WHEN},
    ),
    "putAgreement": (
        "AgreementInput",
        {"id": "agreement:x", "name": "X", "kind": "other", "status": "proposed", "time": WHEN},
    ),
    "putAttack": (
        "AttackInput",
        {"id": "attack:x", "name": "X", "kind": "wave", "category": "attack", "time": WHEN},
    ),
}
MUTATIONS: dict[str, tuple[str, dict[str, Any]]] = {
    "submitFacts": ("mutation($d: String!) { submitFacts(document: $d) { ids } }", {"d": "x"}),
    "putSource": (
        "mutation($s: SourceInput!) { putSource(source: $s) { ids } }",
        {"s": {"id": "source:x", "kind": "external", "title": "X"}},
    ),
    "retract": ('mutation { retract(id: "actor:russia", reason: "test") { by } }', {}),
    "unloadSource": ('mutation { unloadSource(sourceId: "source:report-000") { touched } }', {}),
    **{
        name: (
            f'mutation($f: {kind}!) {{ {name}(sourceId: "{SOURCE}", fact: $f) {{ ids }} }}',
            {"f": least},
        )
        for name, (kind, least) in LEAST.items()
    },
}


def test_every_mutation_is_covered_here() -> None:
    from graphql import build_schema

    schema = build_schema((ROOT / "schema.graphql").read_text())
    assert schema.mutation_type is not None
    assert set(schema.mutation_type.fields) == set(MUTATIONS)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
async def test_every_mutation_needs_an_editor_key(
    seeded: Database, keyed_api_url: str, name: str
) -> None:
    query, variables = MUTATIONS[name]
    before = await snapshot(seeded)
    anonymous = call(keyed_api_url, query, variables, None)
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    reader = call(keyed_api_url, query, variables, READER_KEY)
    assert reader["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await snapshot(seeded) == before


def test_a_wrong_key_is_refused_with_401(keyed_api_url: str) -> None:
    response = httpx.post(
        keyed_api_url + "/graphql",
        json={"query": "{ version }"},
        headers={"X-API-Key": "dg_wrong"},
    )
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_reads_can_require_a_key(connection: Connection) -> None:
    keys = f"r:reader:{digest(READER_KEY)}"
    settings = app_settings({"DEEDGRAPH_API_KEYS": keys, "DEEDGRAPH_READS_NEED_KEY": "1"})
    with running_app(create_app(connection, settings)) as url:
        assert httpx.post(url + "/graphql", json={"query": "{ version }"}).status_code == 401
        answer = call(url, "{ version }", {}, READER_KEY)
        assert answer["data"]["version"]


async def test_an_editor_adds_and_updates_a_fact_idempotently(
    seeded: Database, keyed_api_url: str
) -> None:
    variables = {"source": SOURCE, "fact": BLACK_SEA_FLEET}
    first = call(keyed_api_url, PUT_ACTOR, variables, EDITOR_KEY)
    assert "errors" not in first, first
    assert "actor:black-sea-fleet" in first["data"]["putActor"]["ids"]
    after_first = await snapshot(seeded)
    again = call(keyed_api_url, PUT_ACTOR, variables, EDITOR_KEY)
    assert again["data"] == first["data"]
    nodes, relationships = await snapshot(seeded)
    audit_free = [n for n in nodes if "Audit" not in n["labels"]]
    assert audit_free == [n for n in after_first[0] if "Audit" not in n["labels"]]
    assert relationships == after_first[1]
    [fleet] = await seeded.read(
        "MATCH (a:Actor {id: 'actor:black-sea-fleet'})-[:PART_OF]->(p) RETURN p.id AS parent"
    )
    assert fleet == {"parent": "actor:russian-armed-forces"}
    audits = await seeded.read(
        "MATCH (a:Audit {operation: 'put_actors'}) RETURN a.by AS by, a.ids AS ids"
    )
    assert len(audits) == 2 and all(a["by"] == "editor-e" for a in audits)
    assert all("actor:black-sea-fleet" in str(a["ids"]) for a in audits)


async def test_a_bad_fact_is_refused_with_every_problem(
    seeded: Database, keyed_api_url: str
) -> None:
    before = await snapshot(seeded)
    navy = {**BLACK_SEA_FLEET, "kind": "navy"}
    body = call(keyed_api_url, PUT_ACTOR, {"source": SOURCE, "fact": navy}, EDITOR_KEY)
    [error] = body["errors"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "'navy'" in error["message"] and ".kind" in error["message"]
    body = call(
        keyed_api_url,
        PUT_ACTOR,
        {
            "source": SOURCE,
            "fact": {
                **BLACK_SEA_FLEET,
                "quotes": ["the fleet sailed"],
                "partOf": ["actor:atlantis"],
            },
        },
        EDITOR_KEY,
    )
    problems = {p["path"]: p["message"] for p in body["errors"][0]["extensions"]["problems"]}
    assert "quote not found" in problems["fact.quotes[0]"]
    assert "neither in this file nor in the graph" in problems["fact.partOf[0]"]
    missing = call(
        keyed_api_url, PUT_ACTOR, {"source": "source:nope", "fact": BLACK_SEA_FLEET}, EDITOR_KEY
    )
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert await snapshot(seeded) == before


async def test_submit_facts_takes_a_whole_document(database: Database, keyed_api_url: str) -> None:
    import yaml

    document = yaml.safe_load((ROOT / "seeds" / "000_28cd22a57464658d.facts.yaml").read_text())
    for source in document["sources"]:
        if source.pop("text_file", None):
            source["text"] = (ROOT / "seeds" / "000_28cd22a57464658d.txt").read_text()
    text = json.dumps(document, default=str)
    query = "mutation($d: String!) { submitFacts(document: $d) { nodes relationships } }"
    body = call(keyed_api_url, query, {"d": text}, EDITOR_KEY)
    assert body["data"]["submitFacts"] == {"nodes": 66, "relationships": 224}

    sneaky = text.replace('"text": ', '"text_file": "../../etc/passwd", "x": ', 1)
    refused = call(keyed_api_url, query, {"d": sneaky}, EDITOR_KEY)
    assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_retracted_facts_drop_out_but_keep_their_history(
    seeded: Database, keyed_api_url: str
) -> None:
    railway = "attack:2025-03-19-dnipropetrovsk-railway"
    query = 'mutation($id: ID!) { retract(id: $id, reason: "duplicate report") { by reason } }'
    body = call(keyed_api_url, query, {"id": railway}, EDITOR_KEY)
    assert body["data"]["retract"] == {"by": "editor-e", "reason": "duplicate report"}

    violations = call(
        keyed_api_url,
        '{ agreementViolations(agreementId: "agreement:energy-infrastructure-halt") '
        "{ attack { id } } }",
        {},
        None,
    )
    broken = {v["attack"]["id"] for v in violations["data"]["agreementViolations"]}
    assert broken == {"attack:2025-03-19-overnight-wave"}  # the railway strike dropped out
    listed = call(keyed_api_url, "{ attacks { nodes { id } } }", {}, None)
    assert railway not in {a["id"] for a in listed["data"]["attacks"]["nodes"]}
    asked = call(
        keyed_api_url, "{ attacks(filter: {includeRetracted: true}) { nodes { id } } }", {}, None
    )
    assert railway in {a["id"] for a in asked["data"]["attacks"]["nodes"]}
    # Related lists drop it too, whether they select only ids (answered from the relationship
    # rows, without fetching the attacks) or more (fetched through the loader).
    for selection, queries in (("id", 1), ("id name", 2)):
        body = call(
            keyed_api_url,
            '{ actor(id: "actor:russian-armed-forces") { attacks { ' + selection + " } } }",
            {},
            None,
        )
        attacks = body["data"]["actor"]["attacks"]
        assert railway not in {a["id"] for a in attacks} and len(attacks) >= 2
        assert body["extensions"]["cypherQueries"] == queries + 1  # + the incoming batch
    node = call(
        keyed_api_url,
        "query($id: ID!) { node(id: $id) { retracted retractions { by reason at } } }",
        {"id": railway},
        None,
    )
    assert node["data"]["node"]["retracted"] is True
    [history] = node["data"]["node"]["retractions"]
    assert history["by"] == "editor-e" and history["reason"] == "duplicate report"
    unknown = call(keyed_api_url, query, {"id": "attack:none"}, EDITOR_KEY)
    assert unknown["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_analyses_drop_retracted_anchors_and_parties(
    seeded: Database, keyed_api_url: str
) -> None:
    retract = 'mutation($id: ID!) { retract(id: $id, reason: "test") { by } }'
    halt = "agreement:energy-infrastructure-halt"
    # A retracted party is no actor, whether the answer selects only its id (read from the
    # analysis's own rows) or more of it (loaded).
    call(keyed_api_url, retract, {"id": "actor:russia"}, EDITOR_KEY)
    for selection in ("id", "id name"):
        body = call(
            keyed_api_url,
            "query($id: ID!) { agreementViolations(agreementId: $id) "
            f"{{ party {{ actor {{ {selection} }} }} }} }}",
            {"id": halt},
            None,
        )
        parties = [v["party"]["actor"] for v in body["data"]["agreementViolations"]]
        assert parties and parties == [None] * len(parties), (selection, parties)
    call(keyed_api_url, retract, {"id": halt}, EDITOR_KEY)
    for question in ("attacksAfter", "agreementViolations"):
        body = call(
            keyed_api_url, f'{{ {question}(agreementId: "{halt}") {{ __typename }} }}', {}, None
        )
        assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND", question
    body = call(keyed_api_url, '{ timeline(entityId: "actor:russia") { relations } }', {}, None)
    assert body["errors"][0]["message"] == "entityId: no entity with id 'actor:russia'"


PUT_ATTACK = """
mutation($source: ID!, $fact: AttackInput!) {
  putAttack(sourceId: $source, fact: $fact) { ids }
}
"""
RAILWAY_HIT = {
    "id": "attack:typed-railway-hit",
    "name": "Railway energy infrastructure hit",
    "kind": "incident",
    "category": "combined_missile_drone_strike",
    "partOf": "attack:2025-03-19-overnight-wave",
    "by": ["actor:russian-armed-forces"],
    "time": {
        "text": "overnight",
        "start": {"earliest": "2025-03-18T22:00:00+02:00", "latest": "2025-03-19T05:00:00+02:00"},
        "zone": ["Europe/Kyiv"],
        "precision": "hour",
        "quotes": ["The strikes, which occurred overnight"],
    },
    "targets": [
        {
            "name": "Railway networks",
            "category": "railway",
            "quotes": ["have resulted in damage to homes and railway networks"],
        }
    ],
    "figures": [
        {
            "metric": "launched",
            "weapon": "drone",
            "value": 145,
            "reportedBy": "actor:ukrainian-air-force",
            "quotes": ["145 drones of various types"],
        }
    ],
    "quotes": ["The strikes, which occurred overnight"],
}
READ_ATTACK = """
query($id: ID!) {
  node(id: $id) {
    ... on Attack {
      kind category partOf { id } by { id }
      time { startEarliest startLatest precision zone }
      targets { status category { id } }
      figures { metric value weapon qualifier }
    }
  }
}
"""


async def test_a_typed_attack_is_written_with_its_time_targets_and_figures(
    seeded: Database, keyed_api_url: str
) -> None:
    body = call(keyed_api_url, PUT_ATTACK, {"source": SOURCE, "fact": RAILWAY_HIT}, EDITOR_KEY)
    assert "errors" not in body, body
    attack = call(keyed_api_url, READ_ATTACK, {"id": RAILWAY_HIT["id"]}, None)["data"]["node"]
    wave = call(keyed_api_url, READ_ATTACK, {"id": RAILWAY_HIT["partOf"]}, None)["data"]["node"]
    assert attack["kind"] == "incident" and attack["partOf"] == {"id": RAILWAY_HIT["partOf"]}
    assert attack["by"] == [{"id": "actor:russian-armed-forces"}]
    assert wave["kind"] == "wave"
    assert attack["time"]["startEarliest"] == "2025-03-18T20:00:00+00:00"
    assert attack["time"]["startLatest"] == "2025-03-19T03:00:00+00:00"
    assert attack["time"]["precision"] == "hour"
    # Left out, the models' defaults apply: a target was hit, a figure is exact.
    assert attack["targets"] == [{"status": "hit", "category": {"id": "category:railway"}}]
    [figure] = attack["figures"]
    assert figure["value"] == 145 and figure["weapon"] == "drone"
    assert figure["qualifier"] == "exact"


async def test_a_typed_agreement_keeps_its_duration_parties_and_roles(
    seeded: Database, keyed_api_url: str
) -> None:
    agreement = {
        "id": "agreement:typed-energy-truce",
        "name": "A 30-day halt on energy strikes",
        "kind": "moratorium",
        "status": "agreed",
        "time": {
            "text": "March 18",
            "date": "2025-03-18",
            "quotes": ["Following the conversation"],
        },
        "duration": "P30D",
        "scope": ["energy_infrastructure"],
        "parties": [
            {
                "actor": "actor:russia",
                "role": "accepted",
                "quotes": ["both sides had agreed to initiate peace efforts"],
            }
        ],
        "quotes": ["starting with a cessation of attacks on energy and infrastructure facilities"],
    }
    query = (
        "mutation($s: ID!, $f: AgreementInput!) { putAgreement(sourceId: $s, fact: $f) { ids } }"
    )
    body = call(keyed_api_url, query, {"s": SOURCE, "f": agreement}, EDITOR_KEY)
    assert "errors" not in body, body
    read = call(
        keyed_api_url,
        "query($id: ID!) { node(id: $id) { ... on Agreement { "
        "duration parties { role actor { id } } } } }",
        {"id": agreement["id"]},
        None,
    )["data"]["node"]
    assert read["duration"] == "P30D"
    assert read["parties"] == [{"role": "accepted", "actor": {"id": "actor:russia"}}]
    late = {**agreement, "duration": "a month"}
    refused = call(keyed_api_url, query, {"s": SOURCE, "f": late}, EDITOR_KEY)
    [problem] = refused["errors"][0]["extensions"]["problems"]
    assert problem["path"] == "fact.duration"


async def test_a_typed_source_can_be_added_and_then_quoted(
    database: Database, keyed_api_url: str
) -> None:
    text = "The mayor said the bridge was struck twice before dawn."
    source = {"id": "source:bridge-note", "title": "A note", "text": text}
    query = "mutation($s: SourceInput!) { putSource(source: $s) { ids } }"
    body = call(keyed_api_url, query, {"s": source}, EDITOR_KEY)
    assert body["data"]["putSource"]["ids"] == ["source:bridge-note"]
    fact = {"id": "actor:mayor", "name": "The mayor", "kind": "person", "quotes": ["The mayor"]}
    put = call(keyed_api_url, PUT_ACTOR, {"source": "source:bridge-note", "fact": fact}, EDITOR_KEY)
    assert "actor:mayor" in put["data"]["putActor"]["ids"]
    wrong = {**fact, "quotes": ["The governor"]}
    refused = call(
        keyed_api_url, PUT_ACTOR, {"source": "source:bridge-note", "fact": wrong}, EDITOR_KEY
    )
    assert refused["errors"][0]["extensions"]["problems"][0]["path"] == "fact.quotes[0]"


async def test_the_readmes_typed_mutation_runs_as_written(
    seeded: Database, keyed_api_url: str
) -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Writing over the API", 1)[1].split("\n## ", 1)[0]
    query = section.split("```graphql\n", 1)[1].split("```", 1)[0]
    variables = json.loads(section.split("```json\n", 1)[1].split("```", 1)[0])
    body = call(keyed_api_url, query, variables, EDITOR_KEY)
    assert "errors" not in body, body
    assert variables["fact"]["id"] in body["data"]["putAttack"]["ids"]
    [hit] = await seeded.read(
        "MATCH (a:Attack {id: $id})-[:PART_OF]->(w) RETURN w.id AS wave",
        id=variables["fact"]["id"],
    )
    assert hit == {"wave": "attack:2025-03-19-overnight-wave"}
