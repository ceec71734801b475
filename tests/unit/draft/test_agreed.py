"""Agreements told by the verb, on sentences written for the test: a passive "it was agreed to
begin talks" inside a statement, and an actor that "agreed to" act."""

from __future__ import annotations

from tests.unit.draft.support import by_id, facts


def test_a_passive_agreement_in_a_statement_is_accepted_by_the_speakers_side() -> None:
    found = facts(
        'Polish President Andrzej Duda said: "It was agreed to begin talks on the border '
        'crossings," the statement added.'
    )
    talks = [a for a in found["agreements"] if a["kind"] == "talks_track"]
    assert len(talks) == 1, found["agreements"]
    assert talks[0]["status"] == "agreed"
    assert [(p["actor"], p["role"]) for p in talks[0]["parties"]] == [("actor:poland", "accepted")]


def test_it_was_agreed_with_no_one_saying_so_drafts_no_party() -> None:
    assert facts("It was agreed to begin talks on the border crossings.")["agreements"] == []


def test_an_actor_that_agreed_to_act_accepted_an_agreement() -> None:
    found = facts("NATO leaders agreed to raise defence spending at a summit on Thursday.")
    agreements = by_id(found, "agreements")
    assert len(agreements) == 1
    fact = next(iter(agreements.values()))
    assert (fact["kind"], fact["status"]) == ("other", "agreed")
    assert [(p["actor"], p["role"]) for p in fact["parties"]] == [
        ("actor:nato-leaders", "accepted")
    ]
    assert all(q in "NATO leaders agreed to raise defence spending at a summit on Thursday."
               for q in fact["quotes"])  # fmt: skip


def test_agreed_to_a_named_ceasefire_is_not_drafted_twice() -> None:
    found = facts("Russia agreed to a 30-day ceasefire on Tuesday.")
    assert [a["kind"] for a in found["agreements"]] == ["ceasefire"]


def test_a_ceasefire_that_was_agreed_by_two_states_is_agreed_by_both() -> None:
    found = facts("A 30-day ceasefire was agreed by Russia and Ukraine on Tuesday.")
    (fact,) = found["agreements"]
    assert fact["status"] == "agreed"
    assert {(p["actor"], p["role"]) for p in fact["parties"]} == {
        ("actor:russia", "accepted"),
        ("actor:ukraine", "accepted"),
    }


def test_a_ceasefire_that_has_been_agreed_in_a_statement_is_the_speakers() -> None:
    found = facts("A ceasefire in the Black Sea has been agreed, the Kremlin said.")
    (fact,) = found["agreements"]
    assert fact["status"] == "agreed"
    assert [p["actor"] for p in fact["parties"]] == ["actor:russia"]
