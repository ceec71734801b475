"""CSV: one cell per value whatever it holds, formulas defused, an attack list one row per
listed attack with its actors, places and wave."""

from __future__ import annotations

import csv
import io
import json

from graph.export.tables import table
from tests.unit.export.sample import SAMPLE


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_an_attack_list_has_one_row_per_listed_attack_in_order() -> None:
    listed = rows(table(SAMPLE, "attacks"))
    assert [row["id"] for row in listed] == ["attack:hit", "attack:wave"]
    hit = listed[0]
    assert json.loads(hit["actors"]) == ["actor:forces"]
    assert json.loads(hit["actorsNames"]) == ["Forces, of Russia"]
    assert json.loads(hit["locations"]) == ["location:sumy"]
    assert json.loads(hit["partOf"]) == ["attack:wave"]
    assert json.loads(listed[1]["partOf"]) == []


def test_a_cell_a_spreadsheet_would_run_is_written_as_text() -> None:
    hit = rows(table(SAMPLE, "nodes"))[0]
    assert hit["name"] == '\'=HYPERLINK("x")'
    sumy = next(row for row in rows(table(SAMPLE, "nodes")) if row["id"] == "location:sumy")
    assert sumy["longitude"] == "34.8"


def test_edges_have_a_column_for_every_property_any_edge_has() -> None:
    edges = rows(table(SAMPLE, "edges"))
    assert list(edges[0]) == [
        "id",
        "source",
        "target",
        "type",
        "external",
        "quotes",
        "property_source",
        "sourceId",
        "weight",
    ]
    carried = next(e for e in edges if e["type"] == "CARRIED_OUT_BY")
    assert json.loads(carried["quotes"]) == ["hit, then hit again"]
    assert carried["sourceId"] == "source:a" and carried["weight"] == ""
