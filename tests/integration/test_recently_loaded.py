"""The first screen's "sources most recently loaded" (the root `recentlyLoaded` field, read
from the change log): each source at its latest load or import, newest first, over a real
Neo4j and the real server."""

from __future__ import annotations

from typing import Any

from graph.ingest.acled.imports import import_acled
from graph.ingest.facts.loader import load
from graph.ingest.facts.unload import unload
from graph.queries.loads import recently_loaded
from graph.store.database import Database
from tests.graphql_client import data
from tests.integration.conftest import SEED
from tests.support import ROOT

FOLLOWUP = ROOT / "tests" / "data" / "followup" / "followup.facts.yaml"
REPORT = "source:report-000"
FOLLOWS = "source:test-followup-0319"
QUERY = """query($first: Int) { recentlyLoaded(first: $first) {
  at operation count seq source { id kind title } } }"""


def loaded(url: str, first: int | None = None) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = data(url, QUERY, {"first": first})["recentlyLoaded"]
    return found


async def test_two_files_loaded_in_order_answer_the_latest_first(
    database: Database, api_url: str
) -> None:
    assert loaded(api_url) == []  # nothing loaded yet: an empty list, not an error
    await load(database, [SEED])
    assert [f["source"]["id"] for f in loaded(api_url)] == [REPORT]
    # The follow-up report confirms an ACLED row as one of its attacks: the row first.
    await import_acled(database, [ROOT / "tests" / "data" / "acled_night.csv"])
    await load(database, [FOLLOWUP])
    found = loaded(api_url)
    assert [f["source"]["id"] for f in found] == [FOLLOWS, "source:acled", REPORT]
    latest, imported, first = found
    assert latest["operation"] == first["operation"] == "load"
    assert imported["operation"] == "import" and imported["source"]["kind"] == "dataset"
    assert latest["seq"] > imported["seq"] > first["seq"]
    assert latest["at"] >= imported["at"] >= first["at"]
    assert latest["count"] > 0 and first["count"] > latest["count"]  # the seed wrote more
    assert latest["source"]["kind"] == "document" and latest["source"]["title"]
    assert [f["source"]["id"] for f in loaded(api_url, first=1)] == [FOLLOWS]

    # Loading the seed again brings it to the top, once.
    await load(database, [SEED])
    assert [f["source"]["id"] for f in loaded(api_url)] == [REPORT, FOLLOWS, "source:acled"]

    # An unloaded source drops out; the others keep their order.
    await unload(database, FOLLOWS)
    rows = await recently_loaded(database, 10)
    assert [r["id"] for r in rows] == [REPORT, "source:acled"]
