"""The API's contract: committed SDL, bounded Cypher per request, clear client errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from api.schema import build_schema
from graph.settings import Settings
from graph.store.database import Database
from tests.graphql_client import post
from tests.support import ROOT

NESTED = """
{
  attacks(first: 500) {
    edges { node {
      id by { name partOf { name statements { text speaker { name } } } }
      locations { name within { name within { name } } }
      targets { name category { key broader { key } } location { name } }
      figures { value reportedBy { name } statement { text } locations { name } }
      incidents { id targets { name } }
      partOf { id }
      sources { quotes source { title } }
    } }
  }
}
"""


def test_committed_schema_matches_the_code() -> None:
    committed = (ROOT / "schema.graphql").read_text()
    assert committed.strip() == build_schema(Settings.from_env({})).as_str().strip()


async def test_nested_request_runs_a_bounded_number_of_queries(
    seeded: Database, api_url: str
) -> None:
    body = post(api_url, NESTED)
    assert "errors" not in body, body.get("errors")
    assert len(body["data"]["attacks"]["edges"]) == 5
    # One list query plus one loader batch per nesting level, whatever the number of items.
    # (A level's loads can fall into two batches when their parents arrive at different
    # times: a cold first run counted 8 where the next counted 7. Hence a bound, not a count.)
    first = body["extensions"]["cypherQueries"]
    assert first <= 8, first

    from graph.ingest.facts.loader import load
    from tests.integration.conftest import SEED

    copy = SEED.read_text().replace("attack:2025-03-19", "attack:copy-2025-03-19")
    copy = copy.replace("figure:", "figure-copy:")
    # Another document: a file is known by its document, and a reload replaces what it said.
    copy = copy.replace("source:report-000", "source:report-copy")
    path = SEED.with_name("copy.facts.yaml")
    try:
        # Twice the attacks: the query count must not grow with the result size.
        path.write_text(copy)
        await load(seeded, [path])
    finally:
        path.unlink(missing_ok=True)
    body = post(api_url, NESTED)
    assert len(body["data"]["attacks"]["edges"]) == 10
    assert body["extensions"]["cypherQueries"] <= 8, body["extensions"]["cypherQueries"]


async def test_client_mistakes_are_bad_user_input(seeded: Database, api_url: str) -> None:
    body = post(api_url, "{ attacks(first: 100000) { edges { cursor } } }")
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "first: must be between 0 and 500" in error["message"]
    body = post(api_url, '{ neighborhood(id: "actor:russia", depth: 9) { nodes { id } } }')
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    body = post(api_url, '{ attacks(after: "not-a-cursor") { edges { cursor } } }')
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_validation_errors_say_what_was_wrong(api_url: str) -> None:
    body = post(api_url, "{ attacks { edges { node { colour } } } }")
    [error] = body["errors"]
    assert "Cannot query field 'colour' on type 'Attack'" in error["message"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_unknown_ids_are_null_not_errors(seeded: Database, api_url: str) -> None:
    body = post(
        api_url, '{ actor(id: "actor:nobody") { id } nodes(ids: ["actor:russia", "x:y"]) { id } }'
    )
    assert body["data"] == {"actor": None, "nodes": [{"id": "actor:russia"}, None]}


async def test_pagination_walks_every_item_once(seeded: Database, api_url: str) -> None:
    seen: list[str] = []
    after = None
    while True:
        body = post(
            api_url,
            "query($after: String) { attacks(first: 2, after: $after) { "
            "edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }",
            {"after": after},
        )
        page = body["data"]["attacks"]
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == 5 and len(set(seen)) == 5


async def test_unknown_ids_in_questions_are_not_found(seeded: Database, api_url: str) -> None:
    body = post(
        api_url, '{ agreementViolations(agreementId: "agreement:none") { reasons { time } } }'
    )
    [error] = body["errors"]
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert error["message"] == "agreementId: no agreement with id 'agreement:none'"


async def test_walks_name_an_unknown_start_and_cost_one_query(
    seeded: Database, api_url: str
) -> None:
    body = post(api_url, '{ neighborhood(id: "actor:russia") { nodes { id } } }')
    assert {"id": "actor:russia"} in body["data"]["neighborhood"]["nodes"]
    assert body["extensions"]["cypherQueries"] == 1
    drawn = post(api_url, '{ neighborhood(id: "actor:russia") { nodes { id } edges { id } } }')
    assert drawn["data"]["neighborhood"]["nodes"] == body["data"]["neighborhood"]["nodes"]
    assert drawn["data"]["neighborhood"]["edges"]  # asked for, so walked
    body = post(api_url, '{ neighborhood(id: "actor:nobody") { nodes { id } } }')
    [error] = body["errors"]
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert error["message"] == "id: no entity with id 'actor:nobody'"
    body = post(api_url, '{ path(fromId: "actor:russia", toId: "x:y") { nodes { id } } }')
    [error] = body["errors"]
    assert error["message"] == "toId: no entity with id 'x:y'"


async def test_unexpected_failures_are_masked_as_internal(database: Database, api_url: str) -> None:
    # Data written by another tool, not in deedgraph's shape: resolving it fails inside.
    await database.write("CREATE (:Entity:Attack {id: 'attack:broken', startEarliest: 'Tuesday'})")
    body = post(api_url, '{ attack(id: "attack:broken") { id name } }')
    [error] = body["errors"]
    assert error["extensions"]["code"] == "INTERNAL"
    assert error["message"] == "Internal error: it has been logged."
    assert "ValueError" not in str(body) and "Tuesday" not in str(body)


async def test_a_figure_by_id_asked_for_its_id(seeded: Database, api_url: str) -> None:
    # Figures have no name of their own; an id-only fetch must not need one.
    [figure] = await seeded.read("MATCH (f:Figure) RETURN f.id AS id LIMIT 1")
    body = post(api_url, "query($id: ID!) { node(id: $id) { id } }", {"id": figure["id"]})
    assert body["data"] == {"node": {"id": figure["id"]}}


async def test_lists_fetch_only_what_the_selection_needs(seeded: Database, api_url: str) -> None:
    # Plain fields, then relationships, then provenance: each answer agrees with the others,
    # and a fragment (whose fields are not looked into) still gets everything.
    identity = post(api_url, "{ attacks { nodes { __typename id typeName } } }")
    plain = post(api_url, "{ attacks { nodes { id name time { startEarliest } } } }")
    links = post(api_url, "{ attacks { nodes { id name by { id name } } } }")
    full = post(api_url, "{ attacks { nodes { id sources { quotes } } } }")
    fragment = post(api_url, "{ attacks { nodes { id ... on Attack { sources { quotes } } } } }")
    ids = [a["id"] for a in plain["data"]["attacks"]["nodes"]]
    assert len(ids) == 5
    assert identity["data"]["attacks"]["nodes"] == [
        {"__typename": "Attack", "id": id, "typeName": "Attack"} for id in ids
    ]
    assert [a["id"] for a in links["data"]["attacks"]["nodes"]] == ids
    assert all(a["by"] for a in links["data"]["attacks"]["nodes"])
    assert all(a["sources"] for a in full["data"]["attacks"]["nodes"])
    assert fragment["data"] == full["data"]
    kinds = post(api_url, '{ search(text: "hospitals") { entity { __typename id } } }')
    hits = post(api_url, '{ search(text: "hospitals") { entity { id sources { quotes } } } }')
    assert [h["entity"]["id"] for h in kinds["data"]["search"]] == [
        h["entity"]["id"] for h in hits["data"]["search"]
    ]
    found = {h["entity"]["id"]: h["entity"]["sources"] for h in hits["data"]["search"]}
    assert found["attack:2025-03-19-sumy-hospitals/target/medical"]  # facts carry their quotes


HALT = "agreement:energy-infrastructure-halt"
# Each analysis twice: selecting only what its items are, and selecting more of them.
ANALYSES: dict[str, tuple[str, Callable[[dict[str, Any]], list[Any]]]] = {
    "attacksAfter": (
        f'attacksAfter(agreementId: "{HALT}") {{ attack {{ __typename id {{}} }} }}',
        lambda d: [r["attack"] for r in d["attacksAfter"]],
    ),
    "agreementViolations": (
        f'agreementViolations(agreementId: "{HALT}") '
        "{ attack { id {} } party { actor { id {} } } agreementStatement { id {} } }",
        lambda d: [
            (r["attack"], r["party"]["actor"], r["agreementStatement"])
            for r in d["agreementViolations"]
        ],
    ),
    "statementsVersusActions": (
        'statementsVersusActions(actorId: "actor:russia") '
        "{ statement { id {} } agreement { id {} } action { id {} } }",
        lambda d: [
            (r["statement"], r["agreement"], r["action"]) for r in d["statementsVersusActions"]
        ],
    ),
    "timeline": (
        'timeline(entityId: "actor:russia") { entity { __typename id {} } }',
        lambda d: [r["entity"] for r in d["timeline"]],
    ),
}


def without_retracted(value: object) -> object:
    """An answer with the richer selection's extra field taken out."""
    if isinstance(value, dict):
        return {k: without_retracted(v) for k, v in value.items() if k != "retracted"}
    if isinstance(value, list | tuple):
        return [without_retracted(v) for v in value]
    return value


async def test_analyses_selecting_ids_cost_one_query_and_name_the_same_entities(
    seeded: Database, api_url: str
) -> None:
    for name, (selection, items) in ANALYSES.items():
        lean = post(api_url, "{ " + selection.replace(" {}", "") + " }")
        assert "errors" not in lean, (name, lean.get("errors"))
        assert lean["extensions"]["cypherQueries"] == 1, name
        rich = post(api_url, "{ " + selection.replace(" {}", " retracted") + " }")
        assert "errors" not in rich, (name, rich.get("errors"))
        assert rich["extensions"]["cypherQueries"] > 1, name  # these load the entities
        assert items(lean["data"]), name  # the seed answers each question
        assert without_retracted(items(lean["data"])) == without_retracted(items(rich["data"])), (
            name
        )


async def test_an_empty_analysis_still_tells_an_unknown_anchor_from_an_empty_answer(
    seeded: Database, api_url: str
) -> None:
    # Rows prove the anchor exists; only an empty answer asks whether it does.
    later = '{ timeline(entityId: "actor:russia", start: "2100-01-01T00:00:00Z") { relations } }'
    body = post(api_url, later)
    assert body["data"] == {"timeline": []}
    assert body["extensions"]["cypherQueries"] == 2  # the empty answer, then the check
    # An entity of another kind is no anchor, even though it exists.
    body = post(api_url, '{ attacksAfter(agreementId: "actor:russia") { hoursAfter } }')
    assert body["errors"][0]["message"] == "agreementId: no agreement with id 'actor:russia'"
    body = post(api_url, f'{{ statementsVersusActions(actorId: "{HALT}") {{ reason }} }}')
    assert body["errors"][0]["message"] == f"actorId: no actor with id '{HALT}'"
