"""Loading facts files into a real Neo4j: the seed report, idempotence, errors, provenance."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from graph.errors import LoadError
from graph.ingest.facts.loader import load
from graph.store.database import Database
from tests.support import ROOT

SEED = ROOT / "seeds" / "000_28cd22a57464658d.facts.yaml"
BROKEN = ROOT / "tests" / "data" / "broken.facts.yaml"

# The graph's facts, not the change log every write appends to (graph/store/changes.py):
# a write that changes no fact is still a write, and is logged.
SNAPSHOT_NODES = """
MATCH (n) WHERE NOT n:Change AND NOT n:ChangeLog
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id
"""
SNAPSHOT_RELATIONSHIPS = """
MATCH (a)-[r]->(b)
RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props
"""


async def snapshot(database: Database) -> tuple[list[Any], list[Any]]:
    relationships = sorted(await database.read(SNAPSHOT_RELATIONSHIPS), key=repr)
    return await database.read(SNAPSHOT_NODES), relationships


async def test_seed_report_loads_every_fact_with_its_source(database: Database) -> None:
    [loaded] = await load(database, [SEED])
    assert loaded.nodes > 50
    counts = {
        row["label"]: row["n"]
        for row in await database.read(
            "MATCH (n:Entity) UNWIND labels(n) AS label RETURN label, count(*) AS n"
        )
    }
    assert counts["Attack"] == 5  # the wave and its four incidents
    assert counts["Agreement"] == 4
    assert counts["Statement"] == 7
    assert counts["Event"] == 2
    # Every fact node from the file is supported by a source; document quotes are in the text.
    unsupported = await database.read(
        "MATCH (n:Entity) WHERE NOT n:Source AND NOT n:TargetCategory "
        "AND NOT (n)-[:SUPPORTED_BY {aspect: 'existence'}]->(:Source) RETURN n.id AS id"
    )
    assert unsupported == []
    rows = await database.read(
        "MATCH (n)-[r:SUPPORTED_BY]->(s:Source {kind: 'document'}) "
        "UNWIND r.quotes AS quote RETURN s.text AS text, quote"
    )
    assert len(rows) > 60
    for row in rows:
        squashed = " ".join(str(row["text"]).split())
        assert " ".join(str(row["quote"]).split()) in squashed


async def test_figures_carry_who_reported_them(database: Database) -> None:
    await load(database, [SEED])
    [drones] = await database.read(
        "MATCH (:Attack {id: 'attack:2025-03-19-overnight-wave'})-[:HAS_FIGURE]->"
        "(f:Figure {metric: 'launched', weapon: 'drone'})-[:REPORTED_BY]->(a:Actor) "
        "RETURN f.value AS value, a.name AS reporter"
    )
    assert drones == {"value": 145, "reporter": "Ukraine's Air Force"}
    [injured] = await database.read(
        "MATCH (f:Figure {metric: 'injured'})-[:REPORTED_BY]->(a) "
        "RETURN f.value AS value, f.qualifier AS qualifier, a.id AS reporter"
    )
    assert injured == {
        "value": 2,
        "qualifier": "at_least",
        "reporter": "actor:kyiv-regional-police",
    }
    # The report does not say who reported the hospitals: marked, not invented.
    [hospitals] = await database.read(
        "MATCH (f:Figure {metric: 'facilities_hit'}) "
        "RETURN f.attribution AS attribution, EXISTS { (f)-[:REPORTED_BY]->() } AS reported"
    )
    assert hospitals == {"attribution": "unattributed", "reported": False}
    unreported = await database.read(
        "MATCH (f:Figure) WHERE NOT (f)-[:REPORTED_BY]->() AND f.attribution <> 'unattributed' "
        "RETURN f.id AS id"
    )
    assert unreported == []


async def test_outside_facts_are_marked_external(database: Database) -> None:
    await load(database, [SEED])
    [call] = await database.read(
        "MATCH (e:Event {id: 'event:trump-putin-call'})-[r:SUPPORTED_BY {aspect: 'time'}]->(s) "
        "RETURN e.timeExternal AS external, s.kind AS kind, r.note AS note, "
        "toString(date(e.startEarliest)) AS first, toString(date(e.endLatest)) AS last"
    )
    assert call["external"] is True and call["kind"] == "external"
    # 18 March in Moscow begins on the 17th in UTC, and in Washington ends on the 19th.
    assert (call["first"], call["last"]) == ("2025-03-17", "2025-03-19")
    assert "relative" in str(call["note"])
    [place] = await database.read(
        "MATCH (l:Location {id: 'location:ukraine'})-[r:SUPPORTED_BY {aspect: 'coordinates'}]"
        "->(s) RETURN r.external AS external, l.iso3166_1 AS iso, l.point.latitude AS lat"
    )
    assert place == {"external": True, "iso": "UA", "lat": 49.0}
    # A region is an area: the seed gives it no point (its capital's would misplace it).
    [region] = await database.read(
        "MATCH (l:Location {id: 'location:sumy-oblast'}) RETURN l.point AS point"
    )
    assert region == {"point": None}


async def test_relative_times_resolve_through_their_anchor(database: Database) -> None:
    await load(database, [SEED])
    rows = await database.read(
        "MATCH (a:Attack {id: 'attack:2025-03-19-overnight-wave'}), "
        "(g:Agreement {id: 'agreement:energy-infrastructure-halt'}) "
        "RETURN a.timeAnchor AS anchor, toString(date(a.startEarliest)) AS day, "
        "a.startEarliest > g.endLatest AS definitely_after, "
        "a.endLatest > g.startEarliest AS possibly_after, a.timeText AS text"
    )
    assert rows == [
        {
            "anchor": "event:trump-putin-call",
            # The call's first possible moment (Moscow's midnight) a day later, on Kyiv's clock.
            "day": "2025-03-18",
            # The call's day and the next one overlap once read in their zones: only possibly.
            "definitely_after": False,
            "possibly_after": True,
            "text": "overnight, just a day after the phone call",
        }
    ]


async def test_agreement_parties_have_roles_tied_to_their_evidence(database: Database) -> None:
    await load(database, [SEED])
    rows = await database.read(
        "MATCH (g:Agreement {id: 'agreement:30-day-ceasefire'})-[p:HAS_PARTY]->(a) "
        "RETURN a.id AS actor, p.role AS role, p.statementId AS statement, p.quotes AS quotes "
        "ORDER BY actor, statement"
    )
    roles = {(r["actor"], r["role"], r["statement"]) for r in rows}
    assert roles == {
        ("actor:united-states", "proposer", None),
        ("actor:ukraine", "accepted", None),
        ("actor:russia", "rejected", None),
    }
    assert all(r["quotes"] for r in rows)


async def test_loading_twice_changes_nothing(database: Database) -> None:
    await load(database, [SEED])
    first = await snapshot(database)
    await load(database, [SEED])
    assert await snapshot(database) == first


async def test_every_mistake_is_reported_and_nothing_is_written(database: Database) -> None:
    await load(database, [SEED])
    before = await snapshot(database)
    with pytest.raises(LoadError) as caught:
        await load(database, [BROKEN])
    messages = [str(p) for p in caught.value.problems]
    text = "\n".join(messages)
    prefix = str(BROKEN)
    assert f"{prefix}:14: actors[1].kind: Input should be" in text and "'empire'" in text
    assert f"{prefix}:19: actors[2].quotes[0]: quote not found in source:report" in text
    assert f"{prefix}:29: statements[0].time.colour: unknown field" in text
    assert f"{prefix}:32: statements[1].speaker: 'actor:nobody-defined-this' is neither" in text
    assert f"{prefix}:45: attacks[0].time: needs quotes from the source" in text
    assert f"{prefix}:50: attacks[0].targets[0].category: unknown target category" in text
    assert len(messages) == 6, text
    assert messages == sorted(messages, key=lambda m: int(m.split(":")[1]))
    assert await snapshot(database) == before


async def test_a_quote_not_in_the_source_is_refused(database: Database, tmp_path: Path) -> None:
    shutil.copy(ROOT / "seeds" / "000_28cd22a57464658d.txt", tmp_path)
    text = SEED.read_text().replace(
        '"145 drones of various types"', '"150 drones of various types"'
    )
    facts = tmp_path / "seed.facts.yaml"
    facts.write_text(text)
    with pytest.raises(LoadError) as caught:
        await load(database, [facts])
    [problem] = caught.value.problems
    assert problem.path == "attacks[0].figures[3].quotes[0]"
    assert "150 drones of various types" in problem.message
    assert await database.read("MATCH (n:Actor) RETURN n") == []


async def test_invalid_yaml_is_one_clear_problem(database: Database, tmp_path: Path) -> None:
    facts = tmp_path / "bad.yaml"
    facts.write_text("document: x\nsources: [\n  - oops")
    with pytest.raises(LoadError) as caught:
        await load(database, [facts])
    [problem] = caught.value.problems
    assert "not valid YAML" in problem.message and problem.line is not None


def test_published_json_schema_matches_the_models() -> None:
    from graph.ingest.facts.json_schema import facts_json_schema

    assert (ROOT / "docs" / "facts.schema.json").read_text() == facts_json_schema()


async def test_control_characters_are_a_clear_problem(database: Database, tmp_path: Path) -> None:
    facts = tmp_path / "control.yaml"
    facts.write_text("document: x\x00\x1b\n")
    with pytest.raises(LoadError) as caught:
        await load(database, [facts])
    [problem] = caught.value.problems
    assert "not valid YAML" in problem.message
