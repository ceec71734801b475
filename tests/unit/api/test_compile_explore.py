"""The compiled exploring fields' subset and shaping, without a database (their answers are
compared with the standard path's in tests/integration/test_compiled_explore.py)."""

from __future__ import annotations

import pytest

from api.compile.compiler import Unsupported
from api.compile.explore import ExplorePlan, made
from api.types.explore import drawn
from tests.unit.api.planned import planned


def plan(document: str) -> ExplorePlan | str | None:
    return planned(document, ExplorePlan)


def test_a_search_fetches_as_much_of_its_entities_as_their_fields_need() -> None:
    ids = plan('{ search(text: "x") { score entity { __typename id } } }')
    named = plan('{ search(text: "x") { entity { id name } } }')
    assert isinstance(ids, ExplorePlan) and ids.detail == "identity"
    assert isinstance(named, ExplorePlan) and named.detail == "plain"


def test_a_neighbourhood_asks_for_its_edges_only_when_they_are_selected() -> None:
    nodes = plan('{ neighborhood(id: "x") { nodes { id } } }')
    both = plan('{ n: neighborhood(id: "x") { nodes { id } edges { type } } }')
    assert isinstance(nodes, ExplorePlan) and not nodes.edges
    assert isinstance(both, ExplorePlan) and both.edges
    assert both.root.response_name == "n"


def test_what_is_not_compiled_says_why() -> None:
    assert plan('{ neighborhood(id: "x") { nodes { entity { id } } } }') == (
        "GraphNode.entity is not compiled"
    )
    assert plan('{ search(text: "x") { entity { id mentionedIn { id } } } }') == (
        "Entity.mentionedIn is not compiled"
    )
    assert plan('{ search(text: "x") { score } neighborhood(id: "x") { nodes { id } } }') == (
        "one exploring field per compiled document"
    )


def test_hits_are_shaped_as_the_resolver_shapes_them() -> None:
    compiled = plan('{ search(text: "x") { __typename score entity { __typename id name } } }')
    assert isinstance(compiled, ExplorePlan)
    figure = {"id": "f1", "labels": ["Figure", "Entity"], "metric": "launched", "value": 145}
    answer = made(compiled.fields, {"score": 2.5, "node": figure})
    assert answer["__typename"] == "SearchHit" and answer["score"] == 2.5
    assert answer["entity"]["__typename"] == "Figure" and answer["entity"]["id"] == "f1"
    assert answer["entity"]["name"] == "145 launched"  # made up, as build makes it


def test_a_graph_keeps_the_edges_between_its_nodes_with_their_properties() -> None:
    compiled = plan(
        '{ neighborhood(id: "x") { nodes { id label type } edges { id source target '
        "type properties } } }"
    )
    assert isinstance(compiled, ExplorePlan)
    nodes = [
        {"id": "a", "name": "A", "metric": None, "value": None, "type": "Actor"},
        {"id": "b", "name": None, "metric": None, "value": None, "type": "Location"},
    ]
    edges = [
        {"id": "e1", "source": "a", "target": "b", "type": "BASED_IN", "props": {"w": 1}},
        {"id": "e2", "source": "a", "target": "gone", "type": "AT", "props": {}},
        {"id": None, "source": "a", "target": "b", "type": "AT", "props": {}},
    ]
    answer = made(compiled.fields, {"nodes": nodes, "edges": drawn(nodes, edges)})  # type: ignore[arg-type]
    assert answer["nodes"] == [
        {"id": "a", "label": "A", "type": "Actor"},
        {"id": "b", "label": "b", "type": "Location"},  # no name: its id
    ]
    assert answer["edges"] == [
        {"id": "e1", "source": "a", "target": "b", "type": "BASED_IN", "properties": {"w": 1}}
    ]


def test_a_null_in_a_non_null_field_leaves_the_answer_to_the_standard_path() -> None:
    compiled = plan('{ neighborhood(id: "x") { nodes { type } } }')
    assert isinstance(compiled, ExplorePlan)
    with pytest.raises(Unsupported, match="the answer has an error"):
        made(compiled.fields, {"nodes": [{"id": "a", "type": None}], "edges": []})
