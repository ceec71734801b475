"""A list filter as Cypher: every value a client gives travels as a parameter, never in the
query text, and each filter adds its own test."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from graph.queries.listing import (
    ACTOR_LINK,
    LABELS,
    LOCATION_CHECK,
    ListFilter,
    _anchor,
    _conditions,
)

START = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
END = dt.datetime(2025, 3, 31, tzinfo=dt.UTC)
# Values that would break or change the query if they were pasted into its text.
HOSTILE = "x' }) DETACH DELETE n //"


def cypher_of(label: str, filter: ListFilter) -> str:
    found = _conditions(label, filter)
    return " ".join([*found.own, *found.walks, _anchor(label, filter)])


def test_no_filter_hides_retracted_facts_only() -> None:
    found = _conditions("Attack", ListFilter())
    assert found.own == ["n.retracted IS NULL"]
    assert found.walks == [] and found.params == {}


def test_including_retracted_facts_drops_the_test() -> None:
    assert _conditions("Attack", ListFilter(include_retracted=True)).own == []


def test_possibly_in_a_range_means_overlapping_it() -> None:
    found = _conditions("Attack", ListFilter(start=START, end=END))
    assert found.own[1:] == ["n.endLatest >= $from", "n.startEarliest <= $to"]
    assert found.params == {"from": START, "to": END}


def test_definitely_in_a_range_means_wholly_inside_it() -> None:
    found = _conditions("Attack", ListFilter(start=START, end=END, time_mode="definitely"))
    assert found.own[1:] == ["n.startEarliest >= $from", "n.endLatest <= $to"]


@pytest.mark.parametrize(
    ("field", "param"), [("kind", "kind"), ("category", "category"), ("status", "status")]
)
def test_own_property_filters_compare_with_a_parameter(field: str, param: str) -> None:
    found = _conditions("Agreement", ListFilter(**{field: HOSTILE}))  # type: ignore[arg-type]
    assert found.own[-1] == f"n.{param} = ${param}"
    assert found.params == {param: HOSTILE}


def test_text_is_matched_in_lower_case_through_a_parameter() -> None:
    found = _conditions("Actor", ListFilter(text="White HOUSE"))
    assert found.params == {"text": "white house"}
    assert "CONTAINS $text" in found.own[-1]


def test_empty_text_is_no_filter() -> None:
    assert _conditions("Actor", ListFilter(text="")).params == {}


def test_an_actor_filter_anchors_the_match_on_the_actor() -> None:
    found = _conditions("Attack", ListFilter(actor="actor:russia"))
    assert found.params == {"actor": "actor:russia"}
    assert found.walks == []
    anchor = _anchor("Attack", ListFilter(actor="actor:russia"))
    assert anchor == " MATCH " + ACTOR_LINK["Attack"] + " WITH DISTINCT n"
    assert "{id: $actor}" in anchor


def test_a_location_filter_anchors_the_match_when_there_is_no_actor() -> None:
    found = _conditions("Event", ListFilter(location="location:kyiv"))
    assert found.params == {"location": "location:kyiv"} and found.walks == []
    assert "{id: $location}" in _anchor("Event", ListFilter(location="location:kyiv"))


def test_with_an_actor_anchor_the_location_is_checked_by_a_walk() -> None:
    filter = ListFilter(actor="actor:russia", location="location:kyiv")
    found = _conditions("Attack", filter)
    assert found.walks == [LOCATION_CHECK["Attack"]]
    assert "top.id = $location" in found.walks[0]
    assert found.params == {"actor": "actor:russia", "location": "location:kyiv"}
    assert "$actor" in _anchor("Attack", filter) and "$location" not in _anchor("Attack", filter)


def test_a_target_category_walks_to_the_category_node() -> None:
    found = _conditions("Attack", ListFilter(target_category="energy_infrastructure"))
    assert found.params == {"targetCategory": "category:energy_infrastructure"}
    assert found.walks == [
        "EXISTS { (n)-[:HIT]->(:Target)-[:IN_CATEGORY]->(:TargetCategory)"
        "-[:BROADER*0..4]->(:Entity {id: $targetCategory}) }"
    ]


def test_about_walks_to_the_named_entity() -> None:
    found = _conditions("Statement", ListFilter(about="agreement:pause"))
    assert found.params == {"about": "agreement:pause"}
    assert found.walks == ["EXISTS { (n)-[:ABOUT]->(:Entity {id: $about}) }"]


@pytest.mark.parametrize("label", sorted(LABELS))
def test_no_value_ever_appears_in_the_cypher_text(label: str) -> None:
    filter = ListFilter(
        start=START,
        end=END,
        actor=HOSTILE + "actor",
        location=HOSTILE + "location",
        kind=HOSTILE + "kind",
        category=HOSTILE + "category",
        target_category=HOSTILE + "target",
        status=HOSTILE + "status",
        about=HOSTILE + "about",
        text=HOSTILE + "text",
    )
    cypher = cypher_of(label, filter)
    assert "DETACH" not in cypher and "2025" not in cypher
    params = _conditions(label, filter).params
    assert all(isinstance(key, str) and key.isidentifier() for key in params)
    assert "$" + "text" in cypher and params["text"] == (HOSTILE + "text").lower()


@pytest.mark.parametrize("label", sorted(LABELS))
def test_every_parameter_the_cypher_names_is_given(label: str) -> None:
    filter = ListFilter(
        start=START,
        end=END,
        actor="actor:a",
        location="location:l",
        kind="k",
        category="c",
        target_category="t",
        status="s",
        about="agreement:x",
        text="t",
    )
    named = set(re.findall(r"\$(\w+)", cypher_of(label, filter)))
    assert named == set(_conditions(label, filter).params)
