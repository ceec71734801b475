"""Waves beyond the first and one statement told in several places, on texts written for the
test."""

from __future__ import annotations

from tests.unit.draft.support import by_id, facts


def test_a_mass_launch_at_a_city_is_a_wave() -> None:
    found = facts("On the night of March 10, over 120 Ukrainian drones targeted Kursk.")
    (attack,) = found["attacks"]
    assert attack["kind"] == "wave"
    assert attack["by"] == ["actor:ukraine"]


def test_a_few_drones_at_a_city_are_an_incident() -> None:
    found = facts(
        "On the night of March 10, two Russian drones struck a school in the Sumy region."
    )
    assert [a["kind"] for a in found["attacks"]] == ["incident"]


def test_subsequent_strikes_are_a_wave_of_their_own_by_the_same_attacker() -> None:
    found = facts(
        "On the night of March 10, over 120 Ukrainian drones targeted Kursk. Subsequent strikes "
        "have hit Russia's oil refineries."
    )
    attacks = found["attacks"]
    assert len(attacks) == 2
    later = attacks[1]
    assert (later["kind"], later["by"], later["locations"]) == (
        "wave",
        ["actor:ukraine"],
        ["location:russia"],
    )
    # from the night of March 10 (its evening before) to the end of the report's day
    assert later["time"]["start"]["earliest"] == attacks[0]["time"]["start"]["earliest"]
    assert later["time"]["start"]["latest"] == "2025-03-19T23:59:00"


def test_an_incident_told_before_its_wave_joins_it_and_takes_its_attacker() -> None:
    found = facts(
        "The governor said the attack struck an industrial facility in the Poltava region.\n\n"
        "Russian forces launched a massive missile attack on Ukraine overnight."
    )
    attacks = by_id(found, "attacks")
    incident = next(a for a in attacks.values() if a["kind"] == "incident")
    wave = next(a for a in attacks.values() if a["kind"] == "wave")
    assert incident["part_of"] == wave["id"]
    assert incident["by"] == ["actor:russian-armed-forces"]


def test_one_speakers_sentences_in_one_paragraph_are_one_statement() -> None:
    found = facts(
        '"The grid held," Energy Minister Jane Smith said on Facebook. "Repairs are under way. '
        'Power will be back by night," she added.'
    )
    assert len(found["statements"]) == 1
    assert len(found["statements"][0]["quotes"]) == 2


def test_also_said_in_another_paragraph_is_the_same_statement() -> None:
    found = facts(
        'The Kremlin said the talks were useful.\n\nThe Kremlin also said Putin "responded '
        'positively to the idea."'
    )
    assert len(found["statements"]) == 1


def test_a_demand_after_a_claim_stays_a_statement_of_its_own() -> None:
    found = facts(
        "The Kremlin said the talks were useful. The Kremlin also demanded an end to foreign aid."
    )
    assert sorted(s["kind"] for s in found["statements"]) == ["appeal", "claim"]


def test_further_strikes_one_warns_of_are_no_attack() -> None:
    found = facts(
        "On the night of March 10, over 120 Ukrainian drones targeted Kursk. The Kremlin "
        "warned that further strikes on Russia's oil refineries would be answered."
    )
    assert len(found["attacks"]) == 1


def test_new_strikes_with_their_own_attacker_and_figures_are_theirs() -> None:
    found = facts(
        "On the night of March 10, over 120 Ukrainian drones targeted Kursk. New strikes by "
        "Russian forces hit the Sumy region and injured three people."
    )
    later = found["attacks"][1]
    assert later["by"] == ["actor:russian-armed-forces"]
    assert [(f["metric"], f["value"]) for f in later["figures"]] == [("injured", 3)]
