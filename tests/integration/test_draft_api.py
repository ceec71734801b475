"""`draftFacts` through the real API: a draft of the seed report's text, its quotes at their
places in the text, nothing written; limits and bad input as coded errors; a loaded draft's
facts answer `drafted`, `sourceReview` lists them and `reviewedOnly` leaves them out."""

from __future__ import annotations

from typing import Any

import httpx

from graph.store.database import Database
from tests.integration.conftest import EDITOR_KEY
from tests.integration.test_loader import snapshot
from tests.support import ROOT

TEXT = (ROOT / "seeds" / "000_28cd22a57464658d.txt").read_text(encoding="utf-8")
DRAFT = """
query($text: String!, $published: String, $timezone: String) {
  draftFacts(text: $text, published: $published, timezone: $timezone,
             publisher: "Test Outlet") {
    sourceId yaml document summary pipeline notes
    facts { kind id parent index name text value metric inGraph
            quotes { text start end } drafted { rule confidence } }
    leastSure { id drafted { confidence } }
  }
}
"""


def call(
    url: str, query: str, variables: dict[str, Any] | None = None, key: str | None = None
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    response = httpx.post(
        url + "/graphql",
        json={"query": query, "variables": variables or {}},
        headers=headers,
        timeout=120,  # the first draft loads the language pipeline, on a shared machine
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def drafted(url: str, text: str = TEXT, **options: str) -> dict[str, Any]:
    body = call(url, DRAFT, {"text": text, "published": "2025-03-19", **options})
    assert "errors" not in body, body["errors"]
    found: dict[str, Any] = body["data"]["draftFacts"]
    return found


def code(body: dict[str, Any]) -> str:
    errors = body.get("errors") or [{}]
    return str(errors[0].get("extensions", {}).get("code"))


async def test_a_draft_of_the_seed_report_places_every_quote_verbatim_and_writes_nothing(
    seeded: Database, api_url: str
) -> None:
    before = await snapshot(seeded)
    variables = {"text": TEXT, "published": "2025-03-19", "timezone": "Europe/Kyiv"}
    body = call(api_url, DRAFT, variables)
    assert await snapshot(seeded) == before
    assert "errors" not in body, body["errors"]
    assert body["extensions"]["cypherQueries"] <= 2
    draft = body["data"]["draftFacts"]
    kinds = {fact["kind"] for fact in draft["facts"]}
    assert {"actor", "statement", "attack"} <= kinds
    # Every place the seed report is about is the graph's: none is drafted anew.
    assert all(f["inGraph"] for f in draft["facts"] if f["kind"] == "location")
    for fact in draft["facts"]:
        for quote in fact["quotes"]:
            assert quote["start"] is not None, (fact["id"], quote)
            assert TEXT[quote["start"] : quote["end"]] == quote["text"]
    assert any(f["kind"] == "figure" and f["value"] is not None for f in draft["facts"])
    # Resolved into the graph as `deedgraph draft` does: the seed's ids, not new ones.
    held = {f["id"] for f in draft["facts"] if f["inGraph"]}
    assert any(id.startswith("actor:") for id in held), held
    assert any(id.startswith("attack:") for id in held), held
    sure = [f["drafted"]["confidence"] for f in draft["leastSure"]]
    assert sure == sorted(sure) and 0 < len(sure) <= 5
    assert draft["document"]["document"] == draft["sourceId"]
    assert draft["yaml"].startswith("# Drafted by `deedgraph draft`")


async def test_bad_input_gives_coded_errors_and_writes_nothing(
    database: Database, api_url: str
) -> None:
    before = await snapshot(database)
    for variables, argument in (
        ({"text": "   "}, "text"),
        ({"text": "x" * 50_001}, "text"),
        ({"text": "Kyiv was hit.", "published": "yesterday"}, "published"),
        ({"text": "Kyiv was hit.", "timezone": "Mars/Olympus"}, "timezone"),
    ):
        body = call(api_url, DRAFT, variables)
        assert code(body) == "BAD_USER_INPUT", body
        assert body["errors"][0]["message"].startswith(argument + ":"), body
        assert body["data"] is None
    assert await snapshot(database) == before


def test_a_body_over_the_size_limit_is_refused_before_drafting(api_url: str) -> None:
    response = httpx.post(
        api_url + "/graphql",
        json={"query": DRAFT, "variables": {"text": "x" * 1_100_000}},
        timeout=60,
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


REPORT = """Russian drones hit Sumy overnight

By Test Wire

Russian forces attacked Sumy with 12 Shahed drones overnight on April 10, the Ukrainian Air \
Force said. Ten drones were shot down, according to the Ukrainian Air Force.

"The strikes hit the city's power station," Sumy Governor Volodymyr Artiukh said on Thursday.
"""
SUBMIT = "mutation($document: String!) { submitFacts(document: $document) { ids } }"


def loaded_draft(url: str) -> dict[str, Any]:
    """A draft of REPORT made against the seeded graph and loaded as drafted, unreviewed."""
    draft = drafted(url, REPORT, published="2025-04-10", timezone="Europe/Kyiv")
    body = call(url, SUBMIT, {"document": draft["yaml"]}, EDITOR_KEY)
    assert "errors" not in body, body["errors"]
    return draft


def new_attack(draft: dict[str, Any]) -> str:
    """The report's wave: its governor's "the strikes hit the city's power station" is an
    incident of it, also new."""
    new = [f["id"] for f in draft["facts"] if f["kind"] == "attack" and not f["inGraph"]]
    [wave] = [id for id in new if id.endswith("-wave")]
    return str(wave)


async def test_a_loaded_draft_answers_drafted_and_its_source_review_lists_its_drafted_facts(
    seeded: Database, drafting_url: str
) -> None:
    draft = loaded_draft(drafting_url)
    attack = new_attack(draft)
    body = call(
        drafting_url,
        """query($attack: ID!, $source: ID!) {
          drafted: node(id: $attack) { drafted { rule confidence } }
          reviewed: node(id: "attack:2025-03-19-sumy-hospitals") { drafted { rule } }
          sourceReview(sourceId: $source) {
            drafted { factId kind rule confidence quotes } truncated
          }
        }""",
        {"attack": attack, "source": draft["sourceId"]},
    )
    assert "errors" not in body, body["errors"]
    data = body["data"]
    mark = next(f["drafted"] for f in draft["facts"] if f["id"] == attack)
    assert data["drafted"]["drafted"] == mark
    assert data["reviewed"]["drafted"] is None
    listed = {item["factId"]: item for item in data["sourceReview"]["drafted"]}
    assert listed[attack]["kind"] == "Attack"
    assert listed[attack]["rule"] == mark["rule"]
    assert all(quote in REPORT for item in listed.values() for quote in item["quotes"])
    sure = [item["confidence"] for item in data["sourceReview"]["drafted"]]
    assert sure == sorted(sure)


async def test_reviewed_only_leaves_drafted_facts_out_of_the_analyses(
    seeded: Database, drafting_url: str
) -> None:
    draft = loaded_draft(drafting_url)
    attack = new_attack(draft)
    new = {f["id"] for f in draft["facts"] if not f["inGraph"] and not f["parent"]}
    query = """query($reviewed: Boolean!) {
      timeline(entityId: "actor:russian-armed-forces", reviewedOnly: $reviewed) {
        entity { id }
      }
      attacksAfter(agreementId: "agreement:energy-infrastructure-halt",
                   reviewedOnly: $reviewed) { attack { id } }
    }"""
    every = call(drafting_url, query, {"reviewed": False})
    reviewed = call(drafting_url, query, {"reviewed": True})
    for body in (every, reviewed):
        assert "errors" not in body, body["errors"]
    timeline = {item["entity"]["id"] for item in every["data"]["timeline"]}
    after = {item["attack"]["id"] for item in every["data"]["attacksAfter"]}
    assert attack in timeline and attack in after
    assert {item["entity"]["id"] for item in reviewed["data"]["timeline"]} == timeline - new
    assert {item["attack"]["id"] for item in reviewed["data"]["attacksAfter"]} == after - new
    assert timeline - new and after - new  # the seed's reviewed facts stay
