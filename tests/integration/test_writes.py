"""Writes over the API: keys and roles, validation like the loader, audit, retraction."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.auth import digest
from graph.settings import Connection, Settings
from graph.store.database import Database
from tests.integration.conftest import EDITOR_KEY, READER_KEY
from tests.integration.test_loader import snapshot
from tests.support import ROOT, running_app

SOURCE = "source:report-000"


def call(url: str, query: str, variables: dict[str, Any], key: str | None) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    response = httpx.post(
        url + "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


PUT_ACTOR = """
mutation($source: ID!, $fact: JSON!) {
  putActor(sourceId: $source, fact: $fact) { ids nodes relationships }
}
"""
BLACK_SEA_FLEET = {
    "id": "actor:black-sea-fleet",
    "name": "Black Sea Fleet",
    "kind": "military_unit",
    "part_of": ["actor:russian-armed-forces"],
    "quotes": ["a potential ceasefire in the Black Sea"],
}
MUTATIONS: dict[str, tuple[str, dict[str, Any]]] = {
    "submitFacts": ("mutation($d: String!) { submitFacts(document: $d) { ids } }", {"d": "x"}),
    "putSource": ("mutation($s: JSON!) { putSource(source: $s) { ids } }", {"s": {}}),
    "retract": ('mutation { retract(id: "actor:russia", reason: "test") { by } }', {}),
    **{
        name: (
            "mutation($f: JSON!) { " + name + '(sourceId: "' + SOURCE + '", fact: $f) { ids } }',
            {"f": {}},
        )
        for name in (
            "putActor",
            "putLocation",
            "putEvent",
            "putStatement",
            "putAgreement",
            "putAttack",
        )
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
    settings = Settings.from_env({"DEEDGRAPH_API_KEYS": keys, "DEEDGRAPH_READS_NEED_KEY": "1"})
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
    fact = {**BLACK_SEA_FLEET, "kind": "navy", "quotes": ["the fleet sailed"]}
    fact["part_of"] = ["actor:atlantis"]
    body = call(keyed_api_url, PUT_ACTOR, {"source": SOURCE, "fact": fact}, EDITOR_KEY)
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    paths = {p["path"] for p in error["extensions"]["problems"]}
    assert "fact.kind" in paths
    body = call(
        keyed_api_url,
        PUT_ACTOR,
        {
            "source": SOURCE,
            "fact": {
                **BLACK_SEA_FLEET,
                "quotes": ["the fleet sailed"],
                "part_of": ["actor:atlantis"],
            },
        },
        EDITOR_KEY,
    )
    problems = {p["path"]: p["message"] for p in body["errors"][0]["extensions"]["problems"]}
    assert "quote not found" in problems["fact.quotes[0]"]
    assert "neither in this file nor in the graph" in problems["fact.part_of[0]"]
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
