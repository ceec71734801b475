"""A source's stored text over GraphQL (Source.text): what a reader highlights the quotes in. It
is loaded only when asked for, for many sources in one batch, and null where none is kept."""

from __future__ import annotations

from graph.domain.quotes import normalise
from graph.ingest.acled.imports import import_acled
from graph.store.database import Database
from tests.graphql_client import data
from tests.integration.conftest import SEED
from tests.support import ROOT

REPORT = "source:report-000"
TEXT = """query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Source { kind text } } }"""


async def test_the_report_gives_its_stored_text_and_every_placed_quote_is_in_it(
    seeded: Database, api_url: str
) -> None:
    found = data(api_url, """query { source(id: "source:report-000") { title text } }""")
    text = found["source"]["text"]
    stored = (SEED.parent / "000_28cd22a57464658d.txt").read_text(encoding="utf-8")
    assert " ".join(text.split()) == " ".join(stored.split())
    review = data(
        api_url,
        """query { sourceReview(sourceId: "source:report-000") { quotes { quote position } } }""",
    )
    collapsed = " ".join(text.split())
    placed = [q for q in review["sourceReview"]["quotes"] if q["position"] is not None]
    assert len(placed) > 20
    for quote in placed:  # positions count in the text with its white space collapsed
        words = " ".join(quote["quote"].split())
        at = quote["position"]
        assert normalise(collapsed[at : at + len(words)]) == normalise(words)


async def test_outside_sources_and_datasets_keep_no_text(seeded: Database, api_url: str) -> None:
    await import_acled(seeded, [ROOT / "tests" / "data" / "acled_2023.csv"])
    ids = [REPORT, "source:external-calendar", "source:acled", "nothing:here"]
    nodes = data(api_url, TEXT, {"ids": ids})["nodes"]
    assert [n and n["id"] for n in nodes] == [
        REPORT,
        "source:external-calendar",
        "source:acled",
        None,
    ]
    assert nodes[0]["text"].startswith("spot_img")
    assert nodes[1]["kind"] == "external" and nodes[1]["text"] is None
    assert nodes[2]["kind"] == "dataset" and nodes[2]["text"] is None
