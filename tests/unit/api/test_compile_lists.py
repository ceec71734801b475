"""The compiled lists' subset and shaping, without a database (their answers are compared with
the standard path's in tests/integration/test_compiled_lists.py)."""

from __future__ import annotations

from api.compile.lists import ListPlan
from api.compile.pages import made
from graph.queries.projections import Fetched, Links
from tests.unit.api.planned import planned


def plan(document: str) -> ListPlan | str | None:
    return planned(document, ListPlan)


def test_a_page_fetches_what_its_nodes_ask_and_of_their_links_only_the_types_asked() -> None:
    details: dict[str, Fetched] = {
        "{ attacks { nodes { id __typename } edges { cursor } } }": "identity",
        "{ attacks { edges { node { id name } } } }": "plain",
        "{ attacks { nodes { id } edges { node { by { id } } } } }": Links(
            frozenset({"CARRIED_OUT_BY"})
        ),
        "{ attacks { nodes { kind targets { id } locations { id } } } }": Links(
            frozenset({"HIT", "AT"}), plain=True
        ),
        "{ attacks { totalCount pageInfo { hasNextPage } } }": "identity",
    }
    for document, detail in details.items():
        compiled = plan(document)
        assert isinstance(compiled, ListPlan), document
        assert compiled.detail == detail, document
    counted = plan("{ actors { totalCount } }")
    assert isinstance(counted, ListPlan) and counted.total
    assert isinstance(plan("{ actors { nodes { id } } }"), ListPlan)


def test_what_is_not_compiled_in_a_list_says_why() -> None:
    assert plan("{ attacks { nodes { time { text } } } }") == "Attack.time is not compiled"
    assert plan("{ attacks { nodes { by { name } } } }") == (
        "Attack.by: only what an entity is (its id) is compiled"
    )
    assert plan("{ attacks { nodes { id } } events { nodes { id } } }") == (
        "one list per compiled document"
    )


ATTACK = ["Attack", "Entity"]


def test_nodes_and_their_relations_are_shaped_as_the_resolvers_shape_them() -> None:
    compiled = plan(
        "{ attacks { __typename pageInfo { endCursor } edges { cursor node { id kind "
        "partOf { id } by { id typeName } } } } }"
    )
    assert isinstance(compiled, ListPlan)
    row = {
        "id": "a1",
        "labels": ATTACK,
        "kind": None,  # an empty kind: its schema's empty value, as build makes it
        "outgoing": [
            {"type": "PART_OF", "id": "w", "labels": ATTACK, "retracted": True},
            {"type": "PART_OF", "id": "w2", "labels": ATTACK, "retracted": None},
            {"type": "CARRIED_OUT_BY", "id": "r", "labels": ["Actor", "Entity"]},
            {"type": "CARRIED_OUT_BY", "id": "x", "labels": ATTACK},  # not an actor
        ],
    }
    facts = {"endCursor": "c1"}
    answer = made(compiled.fields, [(row, "c1", None)], facts, None)
    node = answer["edges"][0]["node"]
    assert answer["__typename"] == "AttackConnection"
    assert answer["pageInfo"] == {"endCursor": "c1"}
    assert answer["edges"][0]["cursor"] == "c1"
    assert node["partOf"] is None  # only the first relationship, and it is retracted
    assert node["by"] == [{"id": "r", "typeName": "Actor"}]
    assert node["id"] == "a1"
