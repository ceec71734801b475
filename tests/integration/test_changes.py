"""The change log: every write records one change in its own transaction, in commit order,
and a write that fails records none."""

from __future__ import annotations

import pytest

from graph.errors import LoadError
from graph.ingest.facts.loader import load
from graph.ingest.facts.unload import unload
from graph.store import changes
from graph.store.database import Database
from tests.support import ROOT

FOLLOWUP = ROOT / "tests" / "data" / "followup" / "followup.facts.yaml"
BROKEN = ROOT / "tests" / "data" / "broken.facts.yaml"


async def test_a_load_and_an_unload_are_logged_in_order_with_what_they_touched(
    seeded: Database,
) -> None:
    from graph.ingest.acled.imports import import_acled

    start = await changes.latest(seeded)
    assert start >= 1  # the seed's load
    await import_acled(seeded, [ROOT / "tests" / "data" / "acled_night.csv"])
    await load(seeded, [FOLLOWUP])
    await unload(seeded, "source:test-followup-0319")
    found = await changes.since(seeded, start)
    assert found[0]["operation"] == "import" and "acled:UKR2001" in found[0]["ids"]
    assert found[0]["count"] >= 2
    loads = [c for c in found if c["operation"] in ("load", "unload")]
    assert [c["operation"] for c in loads] == ["load", "unload"]
    loaded, unloaded = loads
    assert loaded["source"] == unloaded["source"] == "source:test-followup-0319"
    assert "attack:2025-03-19-overnight-wave" in loaded["ids"]
    assert {"Attack", "Statement", "Figure"} <= set(loaded["kinds"])
    assert loaded["seq"] < unloaded["seq"] == await changes.latest(seeded)


async def test_a_refused_load_logs_nothing(seeded: Database) -> None:
    before = await changes.latest(seeded)
    with pytest.raises(LoadError):
        await load(seeded, [BROKEN])
    assert await changes.latest(seeded) == before
