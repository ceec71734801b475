"""Reviewing a source in one read, on the seed report: what rests on outside knowledge (the
call's date, the talks' year, coordinates), the links inferred, the figures without a reporter,
and every quote in the order of the text; over GraphQL and from the command line."""

from __future__ import annotations

import json
import subprocess

from graph.errors import NotFoundError
from graph.ingest.acled.imports import import_acled
from graph.queries.review import Review, source_review
from graph.settings import Connection
from graph.store.database import Database
from tests.graphql_client import data, post
from tests.integration.conftest import SEED
from tests.support import DEEDGRAPH, ROOT, cli_env

REPORT = "source:report-000"
CALL = "event:trump-putin-call"
TALKS = "event:saudi-arabia-talks"
WAVE = "attack:2025-03-19-overnight-wave"
INJURED = WAVE + "/injured"
HOSPITALS = "attack:2025-03-19-sumy-hospitals/facilities-hit"


async def test_outside_knowledge_lists_the_calls_date_the_talks_year_and_the_coordinates(
    seeded: Database,
) -> None:
    found = await source_review(seeded, REPORT)
    items = {(o["fact"], o["aspect"]): o for o in found.outside}
    call = items[(CALL, "time")]
    assert call["source"] == "source:external-calendar" and "external-calendar" in call["because"]
    talks = items[(TALKS, "time")]
    assert "year" in talks["because"] and "source:external-calendar" in talks["because"]
    for place in ("location:ukraine", "location:saudi-arabia"):
        assert items[(place, "coordinates")]["source"] == "source:external-geography"
    assert ("location:russia", "coordinates") not in items  # the report's own: no coordinates
    wave = items[(WAVE, "time")]
    assert CALL in wave["because"] and "The strikes, which occurred overnight" in wave["quotes"]
    assert items[("agreement:energy-infrastructure-halt", "time")]["what"] == "time"
    assert ("actor:russia", "time") not in items  # an actor has no time at all


async def test_figures_without_a_reporter_are_the_injured_and_the_hospitals(
    seeded: Database,
) -> None:
    found = await source_review(seeded, REPORT)
    figures = {f["fact"]: f for f in found.unreported_figures}
    assert set(figures) == {INJURED, HOSPITALS}
    assert figures[INJURED]["reasons"] == ["unattributed", "no number"]
    assert figures[INJURED]["value"] is None and figures[INJURED]["attack"] == WAVE
    assert figures[HOSPITALS]["reasons"] == ["unattributed"] and figures[HOSPITALS]["value"] == 2
    assert figures[HOSPITALS]["quotes"] == [
        "Further reports indicate that Russian drones also hit two hospitals in the Sumy region"
    ]


async def test_resolutions_by_a_rule_are_listed_and_none_is_exact(seeded: Database) -> None:
    found = await source_review(seeded, REPORT)
    resolutions = {i["fact"]: i for i in found.inferred if i["link"] == "resolution"}
    assert "location:ukraine" in resolutions
    assert resolutions["location:ukraine"]["rule"] == "ISO 3166-1 UA (Ukraine)"
    assert all(i["how"] != "exact" for i in found.inferred)
    assert not [i for i in found.inferred if i["link"] == "target"]  # the report states its targets


def assert_in_text_order(found: Review) -> None:
    positions = [q["position"] for q in found.quotes]
    assert None not in positions, [q for q in found.quotes if q["position"] is None]
    assert positions == sorted(p or 0 for p in positions)


async def test_every_quote_comes_in_the_order_of_the_report(seeded: Database) -> None:
    found = await source_review(seeded, REPORT)
    assert_in_text_order(found)
    first: dict[tuple[str, str], int] = {}
    for quote in found.quotes:
        first.setdefault((quote["fact"], quote["aspect"]), quote["position"] or 0)
    # The wave opens the report; the talks in Saudi Arabia come near its end.
    assert first[(WAVE, "existence")] < first[(CALL, "existence")] < first[(TALKS, "existence")]
    parties = [q for q in found.quotes if q["aspect"].startswith("party")]
    assert ("agreement:30-day-ceasefire", "actor:russia") in {
        (q["fact"], q["related"]) for q in parties
    }
    assert "However, Russia declined the proposal" in {q["quote"] for q in parties}


async def test_inferred_targets_of_an_imported_dataset_carry_their_words(
    seeded: Database,
) -> None:
    await import_acled(seeded, [ROOT / "tests" / "data" / "acled_night.csv"])
    found = await source_review(seeded, "source:acled")
    targets = {i["fact"]: i for i in found.inferred if i["link"] == "target"}
    substation = targets["acled:UKR2004/target/power_grid"]
    assert substation["event"] == "acled:UKR2004" and substation["quotes"] == ["substation"]
    assert substation["rule"] and "ACLED notes" in substation["rule"]
    rules = {i["how"] for i in found.inferred if i["link"] == "resolution"}
    assert "rule:military-forces-of" in rules and "exact" not in rules


async def test_an_unknown_source_is_not_found(database: Database) -> None:
    try:
        await source_review(database, "source:nowhere")
    except NotFoundError as error:
        assert "source:nowhere" in str(error)
    else:
        raise AssertionError("an unknown source was reviewed")


QUERY = """
query ($id: ID!) {
  sourceReview(sourceId: $id) {
    sourceId title kind hasText truncated
    outside { factId kind what aspect because sourceId text quotes }
    inferred { factId link how rule }
    unreportedFigures { factId attackId metric value reasons quotes }
    quotes { factId kind aspect quote position relatedId }
  }
}
"""


async def test_the_graphql_field_answers_the_review_in_one_cypher_query(
    seeded: Database, api_url: str
) -> None:
    body = post(api_url, QUERY, {"id": REPORT})
    assert "errors" not in body, body["errors"]
    assert body["extensions"]["cypherQueries"] == 1
    answer = body["data"]["sourceReview"]
    assert answer["sourceId"] == REPORT and answer["hasText"] and answer["truncated"] == []
    outside = {(o["factId"], o["aspect"]): o for o in answer["outside"]}
    assert outside[(CALL, "time")]["sourceId"] == "source:external-calendar"
    assert outside[("location:ukraine", "coordinates")]["sourceId"] == "source:external-geography"
    figures = {f["factId"]: f["reasons"] for f in answer["unreportedFigures"]}
    assert figures == {INJURED: ["unattributed", "no number"], HOSPITALS: ["unattributed"]}
    positions = [q["position"] for q in answer["quotes"]]
    assert None not in positions and positions == sorted(positions)


async def test_the_graphql_field_says_not_found_for_an_unknown_source(
    database: Database, api_url: str
) -> None:
    body = post(api_url, QUERY, {"id": "source:nowhere"})
    [error] = body["errors"]
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert error["message"] == "sourceId: no source with id 'source:nowhere'"
    assert body["data"]["sourceReview"] is None
    assert data(api_url, "{ version }")["version"]  # the server answers on


def run_verify(connection: Connection, *args: str) -> subprocess.CompletedProcess[str]:
    env = cli_env(NEO4J_URI=connection.uri, NEO4J_DATABASE=connection.database)
    if connection.user is not None:
        env.update(NEO4J_USER=connection.user, NEO4J_PASSWORD=connection.password or "")
    return subprocess.run(
        [DEEDGRAPH, "verify", *args], env=env, capture_output=True, text=True, timeout=120
    )


async def test_the_command_reviews_a_facts_files_document_under_four_headings(
    seeded: Database, connection: Connection
) -> None:
    result = run_verify(connection, str(SEED))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    headings = [
        "Outside knowledge (",
        "Inferred links (",
        "Figures without a reporter (2)",
        "Quotes (",
    ]
    assert all(h in out for h in headings)
    assert [out.index(h) for h in headings] == sorted(out.index(h) for h in headings)
    lines = out.splitlines()
    assert any(CALL in line and "source:external-calendar" in line for line in lines)
    assert any(
        line.startswith(f"  {INJURED} ")
        and '"with reports of injuries emerging from affected areas"' in line
        for line in lines
    )
    assert any('"However, Russia declined the proposal"' in line for line in lines)
    summary = lines[-1]
    assert summary.startswith(REPORT) and "2 figures without a reporter" in summary
    assert "(0 not found in the text)" in summary


async def test_the_command_prints_json_and_refuses_an_unknown_source(
    seeded: Database, connection: Connection
) -> None:
    result = run_verify(connection, REPORT, "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["source"] == REPORT
    assert {f["fact"] for f in found["unreported_figures"]} == {INJURED, HOSPITALS}
    missing = run_verify(connection, "source:nowhere")
    assert missing.returncode == 1
    assert "no source with id 'source:nowhere'" in missing.stderr
    assert "Traceback" not in missing.stderr
