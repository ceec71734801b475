"""Actors named by their office or role, on sentences written for the test."""

from __future__ import annotations

from tests.unit.draft.support import by_id, facts


def test_a_states_officials_are_the_state() -> None:
    actors = by_id(facts("Polish officials said the drone fell near the border."), "actors")
    assert actors["actor:poland"]["kind"] == "state"


def test_the_leaders_of_a_union_are_a_group() -> None:
    actors = by_id(facts("NATO leaders agreed to raise spending at a summit."), "actors")
    assert actors["actor:nato-leaders"]["kind"] == "group"


def test_a_person_named_after_their_office_is_a_person() -> None:
    actors = by_id(
        facts("The governor of the southern region of Odesa, Oleh Kiper, said so.\n"), "actors"
    )
    assert actors["actor:oleh-kiper"]["kind"] == "person"


def test_a_name_at_the_end_of_a_cut_text_is_still_a_person() -> None:
    actors = by_id(facts("The governor of the region of Sumy, Volodymyr Artiukh\n"), "actors")
    assert actors["actor:volodymyr-artiukh"]["name"] == "Volodymyr Artiukh"


def test_the_agent_of_a_passive_is_a_state_that_acts() -> None:
    actors = by_id(
        facts("The truce must be implemented by the Russian Federation, the statement says."),
        "actors",
    )
    assert "actor:russia" in actors
