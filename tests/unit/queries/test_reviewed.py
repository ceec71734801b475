"""`reviewedOnly`: the analyses' queries with drafted facts left out, the plain ones unchanged."""

from __future__ import annotations

from graph.queries import agreements, bearings, timeline
from graph.queries.reviewed import chosen, reviewed_only


def test_the_plain_queries_are_left_byte_for_byte_as_they_are() -> None:
    for query in (agreements.ATTACKS_AFTER, agreements.VIOLATIONS, timeline.TIMELINE):
        assert chosen(query, reviewed=False) is query
        assert "reviewMark" not in query and "draftedRule" not in query


def test_every_node_kept_unretracted_is_also_kept_only_when_reviewed() -> None:
    narrowed = reviewed_only(agreements.VIOLATIONS)
    tests = agreements.VIOLATIONS.count(".retracted IS NULL")
    assert narrowed.count("reviewMark.draftedRule IS NOT NULL") == tests
    assert narrowed.count("$") == agreements.VIOLATIONS.count("$")  # no value enters it


def test_the_entity_a_question_is_about_is_kept_even_when_drafted() -> None:
    narrowed = reviewed_only(timeline.TIMELINE, ("e",))
    assert "(e)-[reviewMark" not in narrowed and "(t)-[reviewMark" in narrowed
    about = reviewed_only(bearings.STATEMENTS_VERSUS_ACTIONS, ("me",))
    assert "(me)-[reviewMark" not in about and "(a)-[reviewMark" in about
