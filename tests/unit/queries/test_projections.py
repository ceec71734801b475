"""How much of a node each projection brings back, and the links a selection narrows it to."""

from __future__ import annotations

import pytest

from graph.queries.projections import LINK_TYPES, PROJECTIONS, Links, projection


def test_identity_projects_no_properties() -> None:
    assert PROJECTIONS["identity"] == "n {.id, .retracted, labels: labels(n)}"


def test_each_detail_adds_to_the_one_before() -> None:
    assert ".*" in PROJECTIONS["plain"] and "outgoing" not in PROJECTIONS["plain"]
    assert "outgoing" in PROJECTIONS["links"] and "evidence" not in PROJECTIONS["links"]
    assert "evidence" in PROJECTIONS["full"] and "retractions" in PROJECTIONS["full"]


def test_times_travel_as_text_and_source_texts_stay_behind() -> None:
    assert "startEarliest: toString(n.startEarliest)" in PROJECTIONS["plain"]
    assert "text: CASE WHEN n:Source THEN null ELSE n.text END" in PROJECTIONS["plain"]


def test_a_detail_projects_as_its_projection() -> None:
    for detail, cypher in PROJECTIONS.items():
        assert projection(detail) == cypher


def test_links_follow_only_the_types_asked_in_one_typed_pattern() -> None:
    cypher = projection(Links(frozenset({"HIT", "AT"})))
    assert "outgoing: [(n)-[r:AT|HIT]->(m)" in cypher
    assert ".*" not in cypher and "evidence" not in cypher
    assert cypher.startswith("n {.id, .retracted, labels: labels(n),")


def test_links_with_plain_bring_the_properties_too() -> None:
    cypher = projection(Links(frozenset({"CARRIED_OUT_BY"}), plain=True))
    assert ".*" in cypher and "startEarliest: toString(n.startEarliest)" in cypher
    assert "outgoing: [(n)-[r:CARRIED_OUT_BY]->(m)" in cypher


def test_a_type_outside_the_allow_list_never_reaches_cypher() -> None:
    with pytest.raises(ValueError, match="SUPPORTED_BY"):
        Links(frozenset({"HIT", "SUPPORTED_BY"}))
    with pytest.raises(ValueError, match=r"HIT\]->\(x\)"):
        Links(frozenset({"HIT]->(x) DETACH DELETE x //"}))
    with pytest.raises(ValueError):
        Links(frozenset())
    assert "SUPPORTED_BY" not in LINK_TYPES
