"""`deedgraph draft` against a real Neo4j: the seed report drafted against a graph without it
loads with no problems; a follow-up report drafted against a graph holding the seed resolves
its names to the seed's ids, anchors on the seed's call, drafts its attack as an addition to
the seed's wave (with the score and reasons in a comment), and loads on top of it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import yaml

from deedgraph.commands.draft import snapshot
from draft import Draft, draft_report, read_report
from graph.ingest.facts.loader import check_against, load
from graph.settings import Connection
from graph.store.database import Database
from tests.support import ROOT

SEED_TEXT = ROOT / "seeds" / "000_28cd22a57464658d.txt"
FOLLOWUP = ROOT / "tests" / "data" / "followup" / "followup.txt"
SEED_WAVE = "attack:2025-03-19-overnight-wave"


async def drafted(
    connection: Connection, text: Path, out: Path, published: dt.date | None = None
) -> Draft:
    report = read_report(
        text.read_text(encoding="utf-8"), text.stem, published=published,
        timezone="Europe/Kyiv", text_file=os.path.relpath(text, out.parent),
    )  # fmt: skip
    graph = await snapshot(connection, report.published)
    assert graph.reachable
    result = draft_report(report, graph)
    out.write_text(result.yaml(), encoding="utf-8")
    return result


async def test_the_seed_drafted_against_an_empty_graph_loads_without_problems(
    database: Database, connection: Connection, tmp_path: Path
) -> None:
    out = tmp_path / "seed.facts.yaml"
    result = await drafted(connection, SEED_TEXT, out, dt.date(2025, 3, 19))
    assert not result.in_graph  # nothing to take from an empty graph
    _planned, problems = await check_against(database, [out])
    assert problems == []
    await load(database, [out])
    rows = await database.read(
        "MATCH (a:Attack) WHERE a.id STARTS WITH 'attack:2025-03-19' RETURN a.id AS id"
    )
    assert len(rows) >= 2  # the wave and its incidents


async def test_a_followup_drafted_against_the_seed_builds_on_its_facts_and_loads(
    seeded: Database, connection: Connection, tmp_path: Path
) -> None:
    out = tmp_path / "followup.facts.yaml"
    result = await drafted(connection, FOLLOWUP, out)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert result.facts.sources[0].published is not None  # read from the date line

    # Names resolve to the ids the graph holds, and are not drafted again.
    assert "actor:volodymyr-zelenskyy" in result.in_graph
    speakers = {s["speaker"] for s in data.get("statements", [])}
    assert "actor:volodymyr-zelenskyy" in speakers
    assert "actor:volodymyr-zelenskyy" not in {a["id"] for a in data.get("actors", [])}

    # "a day after the phone call" is anchored on the seed's call.
    anchors = {
        f["time"].get("anchor")
        for group in ("statements", "attacks", "events", "agreements")
        for f in data.get(group, [])
        if isinstance(f.get("time"), dict)
    }
    assert "event:trump-putin-call" in anchors

    # The night's attack is the seed's wave: drafted as an addition to it (or the same
    # incident), with the score and the reasons in a comment.
    attack_ids = {a["id"] for a in data.get("attacks", [])}
    same_as = {s["id"] for a in data.get("attacks", []) for s in a.get("same_as", [])}
    assert SEED_WAVE in attack_ids | same_as
    commented = result.comments.get(SEED_WAVE) or next(
        (c for a in data["attacks"] for c in result.comments.get(a["id"], []) if SEED_WAVE in c),
        None,
    )
    assert commented and "score" in str(commented)
    assert "# addition: matches " + SEED_WAVE in out.read_text() or same_as

    _planned, problems = await check_against(seeded, [out])
    assert problems == []
    await load(seeded, [out])
    rows = await seeded.read(
        "MATCH (a:Attack {id: $id})-[:SUPPORTED_BY]->(s:Source) RETURN collect(s.id) AS sources",
        id=SEED_WAVE,
    )
    sources = rows[0]["sources"]
    assert isinstance(sources, list) and result.facts.document in sources
