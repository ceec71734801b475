"""One graph from many sources: ACLED rows from the night of the seed report, in both layouts,
meet the report's actors, places and agreements, and the questions see them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.errors import LoadError
from graph.ingest.acled.imports import import_acled
from graph.ingest.facts.loader import load
from graph.store.database import Database
from tests.graphql_client import data
from tests.integration.conftest import SEED
from tests.support import ROOT

NIGHT = ROOT / "tests" / "data" / "acled_night.csv"
NIGHT_OLD = ROOT / "tests" / "data" / "acled_night_old.csv"
HALT = "agreement:energy-infrastructure-halt"


@pytest.fixture
async def joined(seeded: Database) -> Database:
    """The seed report, then ACLED's rows of the same night in both layouts."""
    await import_acled(seeded, [NIGHT, NIGHT_OLD])
    return seeded


def ids(items: list[dict[str, Any]], key: str = "id") -> set[str]:
    return {item[key] for item in items}


async def test_the_location_filter_sees_acled_strikes_in_the_curated_region(
    joined: Database, api_url: str
) -> None:
    answer = data(
        api_url, '{ attacks(filter: {location: "location:kyiv-oblast"}) { nodes { id } } }'
    )
    assert ids(answer["attacks"]["nodes"]) >= {
        "attack:2025-03-19-kyiv-oblast",
        "acled:UKR2003",
        "acled:UKR2004",
    }
    bucha = data(
        api_url, '{ attacks(filter: {location: "location:bucha-raion"}) { nodes { id } } }'
    )
    assert "acled:UKR2003" in ids(bucha["attacks"]["nodes"])


async def test_acled_units_are_part_of_the_curated_state(joined: Database, api_url: str) -> None:
    answer = data(
        api_url,
        f'{{ attacksAfter(agreementId: "{HALT}", partiesOnly: true) {{ attack {{ id }} }} }}',
    )
    found = {row["attack"]["id"] for row in answer["attacksAfter"]}
    assert {"acled:UKR2001", "acled:UKR2004", "acled:UKR2101"} <= found
    actor = data(
        api_url,
        '{ actor(id: "acled-actor:military-forces-of-russia-2000") '
        "{ partOf { id } resolutions { name field how rule source { id } } } }",
    )["actor"]
    assert actor["partOf"] == [{"id": "actor:russia"}]
    [why] = [r for r in actor["resolutions"] if r["field"] == "actor1"]
    assert why["how"] == "rule:military-forces-of" and why["source"]["id"] == "source:acled"
    assert "Russia" in why["rule"]


async def test_violations_include_the_energy_strike_marked_inferred_and_not_hospitals_or_houses(
    joined: Database, api_url: str
) -> None:
    answer = data(
        api_url,
        f'{{ agreementViolations(agreementId: "{HALT}") {{ attack {{ id }} targetInferred '
        "reasons { scope } matchedTargets { name inferred sources { quotes } } } }",
    )
    rows = {row["attack"]["id"]: row for row in answer["agreementViolations"]}
    assert {"acled:UKR2001", "acled:UKR2004", "acled:UKR2101"} <= set(rows)
    assert "attack:2025-03-19-dnipropetrovsk-railway" in rows
    assert not {"acled:UKR2002", "acled:UKR2003"} & set(rows)  # hospitals, houses
    energy = rows["acled:UKR2004"]
    assert energy["targetInferred"] is True
    assert "inferred" in energy["reasons"]["scope"]
    notes = NIGHT.read_text()
    for target in energy["matchedTargets"]:
        assert target["inferred"] is True
        [quote] = target["sources"][0]["quotes"]
        assert quote in notes  # the matched words, verbatim
    assert rows["attack:2025-03-19-dnipropetrovsk-railway"]["targetInferred"] is False


async def test_a_negated_mention_infers_no_target(joined: Database) -> None:
    # UKR2003: "... damaged private houses ...; no damage to the substation nearby."
    rows = await database_targets(joined, "acled:UKR2003")
    assert rows == ["residential"]


async def database_targets(database: Database, attack: str) -> list[str]:
    rows = await database.read(
        "MATCH (:Attack {id: $id})-[:HIT]->(t:Target) RETURN t.category AS c ORDER BY c", id=attack
    )
    return [str(row["c"]) for row in rows]


async def test_statements_versus_actions_see_acled_rows(joined: Database, api_url: str) -> None:
    russia = data(
        api_url,
        '{ statementsVersusActions(actorId: "actor:russia") '
        "{ relation action { id } targetInferred reason } }",
    )["statementsVersusActions"]
    contradicting = {row["action"]["id"]: row for row in russia if row["relation"] == "CONTRADICTS"}
    assert contradicting["acled:UKR2004"]["targetInferred"] is True
    assert "inferred" in contradicting["acled:UKR2004"]["reason"]
    ukraine = data(
        api_url, '{ statementsVersusActions(actorId: "actor:ukraine") { relation action { id } } }'
    )["statementsVersusActions"]
    assert "acled:UKR2002" in {row["action"]["id"] for row in ukraine}


async def test_the_railway_strikes_and_acled_find_each_other(
    joined: Database, api_url: str
) -> None:
    query = (
        '{ attack(id: "%s") { sameIncidentCandidates { totalCount '
        "nodes { attack { id } score reasons } } } }"
    )
    report = data(api_url, query % "attack:2025-03-19-dnipropetrovsk-railway")
    found = {c["attack"]["id"]: c for c in report["attack"]["sameIncidentCandidates"]["nodes"]}
    assert {"acled:UKR2001", "acled:UKR2101"} <= set(found)
    best = found["acled:UKR2001"]
    assert 0.5 < best["score"] <= 1
    assert any("railway_energy_infrastructure" in reason for reason in best["reasons"])
    acled = data(api_url, query % "acled:UKR2001")
    back = [c["attack"]["id"] for c in acled["attack"]["sameIncidentCandidates"]["nodes"]]
    assert back[0] == "attack:2025-03-19-dnipropetrovsk-railway"
    assert "acled:UKR2101" not in back  # the same source is never a candidate
    # Paged, never cut silently: a first page of one, then the rest after its cursor.
    paged = (
        '{ attack(id: "%s") { sameIncidentCandidates(first: 1%s) { totalCount '
        "edges { cursor node { attack { id } } } pageInfo { hasNextPage } } } }"
    )
    one = data(api_url, paged % ("attack:2025-03-19-dnipropetrovsk-railway", ""))
    first = one["attack"]["sameIncidentCandidates"]
    assert len(first["edges"]) == 1 and first["totalCount"] == len(found)
    assert first["pageInfo"]["hasNextPage"] == (len(found) > 1)
    cursor = first["edges"][0]["cursor"]
    rest = data(
        api_url,
        paged.replace("first: 1", "first: 50")
        % ("attack:2025-03-19-dnipropetrovsk-railway", f', after: "{cursor}"'),
    )["attack"]["sameIncidentCandidates"]
    ids = [first["edges"][0]["node"]["attack"]["id"]] + [
        e["node"]["attack"]["id"] for e in rest["edges"]
    ]
    assert sorted(ids) == sorted(found)


async def test_a_country_alone_does_not_make_a_strike_a_candidate(
    joined: Database, api_url: str
) -> None:
    # The seed's wave is placed in Ukraine as a whole: a strike elsewhere in the country of a
    # compatible kind but with no target of the same kind is not proposed on place alone.
    query = (
        '{ attack(id: "attack:2025-03-19-overnight-wave") { sameIncidentCandidates { '
        "nodes { attack { id } reasons } } } }"
    )
    nodes = data(api_url, query)["attack"]["sameIncidentCandidates"]["nodes"]
    for node in nodes:
        if "only the same country" in node["reasons"]:
            assert any(r.startswith("targets of the same kind") for r in node["reasons"]), node


async def test_no_row_is_dropped(joined: Database, api_url: str) -> None:
    battles = await joined.read(
        "MATCH (a:Attack) WHERE a.acledId IN ['UKR2005', 'UKR2102'] RETURN a.category AS c"
    )
    assert [row["c"] for row in battles] == ["armed_clash", "armed_clash"]
    events = data(api_url, "{ events(first: 50) { nodes { id kind } } }")["events"]["nodes"]
    kinds = {row["id"]: row["kind"] for row in events}
    assert kinds["acled:UKR2006"] == "protest" and kinds["acled:UKR2103"] == "riot"


async def test_local_dates_are_the_local_day_in_utc(joined: Database) -> None:
    [row] = await joined.read(
        "MATCH (a:Attack {id: 'acled:UKR2001'}) "
        "RETURN toString(a.startEarliest) AS start, toString(a.endLatest) AS end"
    )
    # 19 March in Kyiv (UTC+2) and Simferopol (UTC+3, also in Ukraine's zone list): the union.
    assert row == {"start": "2025-03-18T21:00:00Z", "end": "2025-03-19T21:59:59.999Z"}


async def test_every_fact_node_traces_to_a_source(joined: Database, api_url: str) -> None:
    # Its own evidence, or (a figure or target an import derived) the dataset of its event.
    unsourced = await joined.read(
        "MATCH (n:Entity) WHERE NOT n:TargetCategory AND NOT n:Source "
        "AND NOT (n)-[:SUPPORTED_BY]->(:Source) "
        "AND NOT (n.evidenceNote IS NOT NULL AND EXISTS { (n)<-[:HIT|HAS_FIGURE]-()"
        "-[:SUPPORTED_BY {aspect: 'existence'}]->(:Source {kind: 'dataset'}) }) "
        "RETURN n.id AS id"
    )
    assert unsourced == []
    ids = [str(row["id"]) for row in await joined.read("MATCH (n:Entity) RETURN n.id AS id")]
    every = data(
        api_url,
        "query($ids: [ID!]!) { nodes(ids: $ids) { id typeName sources { source { id } } } }",
        {"ids": ids[:500]},
    )
    bare = [
        node["id"]
        for node in every["nodes"]
        if node and not node["sources"] and node["typeName"] not in ("Source", "TargetCategory")
    ]
    assert bare == []
    created = await joined.read(
        "MATCH (l:Location)-[e:SUPPORTED_BY]->(s:Source) "
        "WHERE l.id STARTS WITH 'location:iso/' OR l.id STARTS WITH 'acled-place:' "
        "RETURN DISTINCT s.id AS source, e.external AS external ORDER BY source"
    )
    assert created == [
        {"source": "source:acled", "external": False},
        {"source": "source:iso-3166", "external": True},
    ]


async def test_regions_resolve_to_the_curated_nodes_with_how(
    joined: Database, api_url: str
) -> None:
    leftovers = await joined.read(
        "MATCH (l:Location) WHERE l.iso3166_2 IN ['UA-32', 'UA-59', 'UA-12'] RETURN l.id AS id"
    )
    assert sorted(str(row["id"]) for row in leftovers) == [
        "location:dnipropetrovsk-oblast",
        "location:kyiv-oblast",
        "location:sumy-oblast",
    ]
    named = data(
        api_url,
        '{ location(id: "location:kyiv-oblast") { resolutions { name field how source { id } } } }',
    )["location"]["resolutions"]
    by_name = {(r["name"], r["source"]["id"]): r for r in named}
    assert by_name[("Kyivska", "source:acled")]["field"] == "admin1"
    assert by_name[("Kyiv", "source:acled")]["how"] == "rule:admin1-is-a-region"


async def test_acled_first_then_the_report_gives_one_node_per_place(
    database: Database, api_url: str
) -> None:
    await import_acled(database, [NIGHT])
    [before] = await database.read("MATCH (l:Location {iso3166_2: 'UA-32'}) RETURN l.id AS id")
    assert before == {"id": "location:iso/ua-32"}
    await load(database, [SEED])
    regions = await database.read("MATCH (l:Location {iso3166_2: 'UA-32'}) RETURN l.id AS id")
    assert regions == [{"id": "location:kyiv-oblast"}]
    districts = await database.read(
        "MATCH (l:Location)-[:WITHIN]->(:Location {id: 'location:kyiv-oblast'}) "
        "WHERE l.name IN ['Buchanskyi', 'Bucha district'] RETURN l.id AS id"
    )
    assert districts == [{"id": "location:bucha-raion"}]  # ACLED's Buchanskyi, absorbed
    answer = data(
        api_url, '{ attacks(filter: {location: "location:bucha-raion"}) { nodes { id } } }'
    )
    assert "acled:UKR2003" in ids(answer["attacks"]["nodes"])


async def test_reloading_the_report_keeps_what_acled_resolved(joined: Database) -> None:
    await load(joined, [SEED])
    rows = await joined.read(
        "MATCH (:Location {id: 'location:kyiv-oblast'})-[r:NAMED_IN]->"
        "(:Source {id: 'source:acled'}) RETURN r.name AS name ORDER BY name"
    )
    assert [row["name"] for row in rows] == ["Kyiv", "Kyivska"]


REPORT = """
document: source:new-report
sources:
  - id: source:new-report
    title: A new report
    text: "Strikes hit the Kyiv region of Ukraine overnight."
locations:
  - id: location:ua
    name: Ukraine
    kind: country
    quotes: ["Ukraine"]
  - id: location:kyiv-region
    name: Kyiv region
    kind: region
    within: location:ua
    quotes: ["the Kyiv region"]
"""


async def test_a_new_reports_kyiv_region_meets_acleds_kyivska(
    database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "new.facts.yaml"
    path.write_text(REPORT)
    await load(database, [path])
    [region] = await database.read(
        "MATCH (l:Location {id: 'location:kyiv-region'})-[r:NAMED_IN]->(s) "
        "RETURN l.iso3166_2 AS code, r.how AS how, s.id AS source"
    )
    assert region["code"] == "UA-32" and region["source"] == "source:new-report"
    await import_acled(database, [NIGHT])
    rows = await database.read(
        "MATCH (:Attack {id: 'acled:UKR2004'})-[:AT]->()-[:WITHIN*]->"
        "(l:Location {iso3166_2: 'UA-32'}) RETURN l.id AS id"
    )
    assert rows == [{"id": "location:kyiv-region"}]


async def test_two_files_may_not_give_one_code_to_two_ids(seeded: Database, tmp_path: Path) -> None:
    path = tmp_path / "new.facts.yaml"
    path.write_text(
        REPORT.replace("location:ua\n", "location:ukraine\n").replace(
            "within: location:ua", "within: location:ukraine"
        )
    )
    with pytest.raises(LoadError) as caught:
        await load(seeded, [path])
    assert any(
        "UA-32 is already the code of 'location:kyiv-oblast'" in p.message
        for p in caught.value.problems
    )
