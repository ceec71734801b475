"""Cytoscape.js elements: nodes and edges as `cy.add` takes them, names Cytoscape reserves
kept apart, lists left as lists."""

from __future__ import annotations

from graph.export.cytoscape import cytoscape
from tests.unit.export.sample import SAMPLE

ELEMENTS = cytoscape(SAMPLE)


def test_nodes_carry_their_fields_a_label_and_their_kind_as_a_class() -> None:
    nodes = {n["data"]["id"]: n for n in ELEMENTS["elements"]["nodes"]}
    assert nodes["attack:wave"]["classes"] == "Attack"
    assert nodes["attack:wave"]["data"]["sources"] == ["source:a", "source:b"]
    assert nodes["statement:said"]["data"]["label"] == "We did not strike energy."
    assert "name" not in nodes["statement:said"]["data"]


def test_an_edge_property_named_like_a_reserved_key_is_kept_apart() -> None:
    at = next(e["data"] for e in ELEMENTS["elements"]["edges"] if e["data"]["type"] == "AT")
    assert at["source"] == "attack:hit" and at["property_source"] == "odd"
    carried = next(
        e["data"] for e in ELEMENTS["elements"]["edges"] if e["data"]["type"] == "CARRIED_OUT_BY"
    )
    assert carried["quotes"] == ["hit, then hit again"]


def test_the_export_says_what_it_is_and_that_it_was_cut() -> None:
    assert ELEMENTS["data"] == {"title": "attacks with actor actor:forces", "truncated": True}
