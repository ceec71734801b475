"""A small subgraph with the values formats trip on: markup, commas, a formula, no name."""

from __future__ import annotations

from typing import cast

from graph.export.subgraph import ExportEdge, ExportNode, Subgraph


def node(id: str, type: str, **given: object) -> ExportNode:
    fields: dict[str, object] = {
        "id": id,
        "type": type,
        "name": None,
        "kind": None,
        "category": None,
        "text": None,
        "timeText": None,
        "timePrecision": None,
        "startEarliest": None,
        "startLatest": None,
        "endEarliest": None,
        "endLatest": None,
        "latitude": None,
        "longitude": None,
        "sources": [],
        **given,
    }
    return cast(ExportNode, fields)


WAVE = node(
    "attack:wave",
    "Attack",
    name="Strikes on <Kyiv> & Sumy",
    kind="wave",
    startEarliest="2025-03-18T22:00:00+00:00",
    endLatest="2025-03-19T04:00:00+00:00",
    sources=["source:a", "source:b"],
)
HIT = node("attack:hit", "Attack", name='=HYPERLINK("x")', kind="incident", sources=["source:a"])
FORCES = node("actor:forces", "Actor", name="Forces, of Russia", sources=["source:a"])
SUMY = node("location:sumy", "Location", name="Sumy", latitude=50.9, longitude=34.8)
SAID = node("statement:said", "Statement", text="We did not strike energy.")
EDGES = [
    ExportEdge(
        id="5:1",
        source="attack:hit",
        target="attack:wave",
        type="PART_OF",
        properties={},
    ),
    ExportEdge(
        id="5:2",
        source="attack:hit",
        target="actor:forces",
        type="CARRIED_OUT_BY",
        properties={"sourceId": "source:a", "quotes": ["hit, then hit again"], "external": False},
    ),
    ExportEdge(
        id="5:3",
        source="attack:hit",
        target="location:sumy",
        type="AT",
        properties={"source": "odd", "weight": 2},
    ),
]
SAMPLE = Subgraph(
    title="attacks with actor actor:forces",
    nodes=[HIT, WAVE, FORCES, SUMY, SAID],
    edges=EDGES,
    truncated=True,
    roots=("attack:hit", "attack:wave"),
)
