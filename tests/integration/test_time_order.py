"""Questions answered through time-ordered index seeks (graph/queries/overlap.py) still see
what started before the moment they ask about, and both timeline plans give one answer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.ingest.facts.loader import load
from graph.queries import agreements, bearings, listing, timeline
from graph.queries.keyset import Order
from graph.store.database import Database
from tests.graphql_client import data, post
from tests.integration.conftest import SEED

SIEGE_TEXT = "Russian forces shelled the power station in Sumy throughout March 2025.\n"
SIEGE = """
document: source:siege-report
timezone: Europe/Kyiv
sources:
  - id: source:siege-report
    title: A month of shelling (test document)
    text_file: siege.txt
attacks:
  - id: attack:sumy-march-shelling
    name: Shelling of the Sumy power station throughout March
    kind: incident
    category: shelling_artillery
    by: [actor:russian-armed-forces]
    locations: [location:sumy-oblast]
    quotes: ["Russian forces shelled the power station in Sumy"]
    time:
      text: throughout March 2025
      date: 2025-03-01
      precision: month
      quotes: ["throughout March 2025"]
    targets:
      - name: Sumy power station
        category: energy_infrastructure
        quotes: ["the power station in Sumy"]
"""
LONG = "attack:sumy-march-shelling"
HALT = "agreement:energy-infrastructure-halt"


@pytest.fixture
async def besieged(database: Database, tmp_path: Path) -> Database:
    """The seed report plus an attack that began weeks before the energy halt and ran on."""
    (tmp_path / "siege.txt").write_text(SIEGE_TEXT)
    (tmp_path / "siege.facts.yaml").write_text(SIEGE)
    await load(database, [SEED])
    await load(database, [tmp_path / "siege.facts.yaml"])
    return database


async def test_an_attack_running_since_before_an_agreement_is_listed_after_it(
    besieged: Database,
) -> None:
    rows = await agreements.attacks_after(besieged, HALT, "announcement", 50)
    assert LONG in [row["id"] for row in rows]
    assert rows[0]["id"] == LONG  # it started first, so it comes first
    later = await agreements.attacks_after(besieged, HALT, "announcement", 50, definitely_only=True)
    assert LONG not in [row["id"] for row in later]  # not definitely after: it began before


async def test_an_attack_running_since_before_an_agreement_can_violate_it(
    besieged: Database,
) -> None:
    rows = await agreements.agreement_violations(besieged, HALT, 50)
    assert LONG in [row["attack"] for row in rows]
    starts = [row["attack"] for row in rows]
    assert starts.index(LONG) == 0


async def test_a_commitment_is_set_against_an_attack_that_ran_through_it(
    besieged: Database,
) -> None:
    rows = await bearings.statements_versus_actions(besieged, "actor:russia", 50)
    assert any(row["action"] == LONG and row["agreement"] == HALT for row in rows)


async def test_an_analysis_stops_at_its_limit_in_time_order(besieged: Database) -> None:
    every = await agreements.attacks_after(besieged, HALT, "announcement", 50)
    first = await agreements.attacks_after(besieged, HALT, "announcement", 1)
    assert len(every) > 1
    assert [row["id"] for row in first] == [every[0]["id"]]


@pytest.mark.parametrize(
    ("entity", "start"),
    [
        ("actor:russia", None),
        ("actor:russian-armed-forces", dt.datetime(2025, 3, 18, tzinfo=dt.UTC)),
        ("location:ukraine", None),
        ("location:sumy-oblast", dt.datetime(2025, 3, 20, tzinfo=dt.UTC)),
        (HALT, None),
    ],
)
async def test_both_timeline_plans_give_the_same_items(
    besieged: Database, entity: str, start: dt.datetime | None
) -> None:
    gathered = await timeline.timeline(besieged, entity, start, None, 50, busy=10**9)
    scanned = await timeline.timeline(besieged, entity, start, None, 50, busy=-1)
    assert gathered, entity
    assert scanned == gathered


async def test_a_timeline_from_a_date_keeps_what_was_still_running_then(
    besieged: Database,
) -> None:
    start = dt.datetime(2025, 3, 20, tzinfo=dt.UTC)
    for busy in (10**9, -1):
        rows = await timeline.timeline(besieged, "location:sumy-oblast", start, None, 50, busy=busy)
        assert LONG in [row["id"] for row in rows]


async def test_analyses_answer_with_at_most_first_items(api_url: str, seeded: Database) -> None:
    answer = data(
        api_url,
        "query($id: ID!) { attacksAfter(agreementId: $id, first: 1) { attack { id } } "
        'timeline(entityId: "actor:russia", first: 2) { entity { id } } }',
        {"id": HALT},
    )
    assert len(answer["attacksAfter"]) == 1
    assert len(answer["timeline"]) == 2


async def test_an_analysis_refuses_more_than_its_cap(api_url: str, seeded: Database) -> None:
    body = post(
        api_url,
        "query($id: ID!) { agreementViolations(agreementId: $id, first: 501) { definitelyAfter } }",
        {"id": HALT},
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "first" in body["errors"][0]["message"]


@pytest.mark.parametrize(
    ("label", "filter", "order"),
    [
        ("Attack", listing.ListFilter(actor="actor:russia"), "time_asc"),
        (
            "Attack",
            listing.ListFilter(actor="actor:russia", start=dt.datetime(2025, 3, 18, tzinfo=dt.UTC)),
            "time_asc",
        ),
        (
            "Attack",
            listing.ListFilter(
                actor="actor:russia",
                start=dt.datetime(2025, 3, 10, tzinfo=dt.UTC),
                time_mode="definitely",
            ),
            "time_desc",
        ),
        ("Attack", listing.ListFilter(location="location:ukraine"), "time_desc"),
        (
            "Attack",
            listing.ListFilter(actor="actor:russia", location="location:sumy-oblast"),
            "time_asc",
        ),
        ("Statement", listing.ListFilter(actor="actor:united-states"), "time_asc"),
    ],
)
async def test_both_list_plans_give_the_same_page(
    besieged: Database,
    monkeypatch: pytest.MonkeyPatch,
    label: listing.Label,
    filter: listing.ListFilter,
    order: Order,
) -> None:
    pages = []
    for busy in (10**9, -1):  # gather from the anchor; scan in time order
        monkeypatch.setattr(listing, "BUSY", busy)
        page = await listing.list_page(besieged, label, filter, order, None, 2, "plain")
        pages.append(([row["id"] for row in page.rows], page.more))
    assert pages[0][0], filter
    assert pages[1] == pages[0]


async def test_an_analysis_cut_at_first_says_so(api_url: str, besieged: Database) -> None:
    body = post(
        api_url,
        "query($id: ID!) { attacksAfter(agreementId: $id, first: 1) { attack { id } } }",
        {"id": HALT},
    )
    assert len(body["data"]["attacksAfter"]) == 1
    [note] = body["extensions"]["truncated"]
    assert note["path"] == ["attacksAfter"] and note["shown"] == 1


async def test_an_analysis_that_fits_says_nothing(api_url: str, besieged: Database) -> None:
    body = post(
        api_url,
        "query($id: ID!) { attacksAfter(agreementId: $id) { attack { id } } }",
        {"id": HALT},
    )
    assert "truncated" not in body["extensions"]


async def test_every_writer_stores_the_span_the_seeks_rely_on(
    besieged: Database, tmp_path: Path
) -> None:
    from graph.ingest.acled.imports import import_acled
    from graph.ingest.synthetic.generate import generate
    from tests.support import ROOT

    await import_acled(besieged, [ROOT / "tests" / "data" / "acled_night.csv"])
    await generate(besieged, 20, seed=3)
    rows = await besieged.read(
        "MATCH (n:Entity) WHERE n.startEarliest IS NOT NULL "
        "RETURN n.spanSeconds IS NULL AS missing, "
        "n.spanSeconds - duration.inSeconds(n.startEarliest, n.endLatest).seconds IN [0, 1] "
        "AS exact, "
        "n.id STARTS WITH 'acled' AS acled, count(*) AS n"
    )
    assert not [row for row in rows if row["missing"]], rows
    assert any(row["acled"] for row in rows)
    assert all(row["exact"] for row in rows), rows  # never short, rounded up to a second
