"""Figures: the number as written (digits or words, with its qualifier), the metric from the
words around it, the weapon or target, and who reported it."""

from __future__ import annotations

from typing import Any

from tests.unit.draft.support import facts, figures

LEAD = "Russia launched a massive attack on Ukraine overnight. "


def found(text: str) -> list[dict[str, Any]]:
    return figures(facts(LEAD + text))


def one(text: str) -> dict[str, Any]:
    got = found(text)
    assert len(got) == 1, got
    return got[0]


def test_numbers_in_words_are_read_as_numbers() -> None:
    fig = one("Russian forces launched two ballistic missiles, the Ukrainian Air Force said.")
    assert (fig["value"], fig["metric"], fig["weapon"]) == (2, "launched", "ballistic_missile")
    assert fig["quotes"] == ["two ballistic missiles"]


def test_at_least_five_injured_is_a_lower_bound_on_the_injured() -> None:
    fig = one("At least five injured in Kharkiv, regional governor Oleh Syniehubov said.")
    assert (fig["metric"], fig["value"], fig["qualifier"]) == ("injured", 5, "at_least")
    assert fig["reported_by"] == "actor:oleh-syniehubov"


def test_over_330_drones_shot_down_are_intercepted_at_least() -> None:
    fig = one("Over 330 drones were shot down.")
    assert (fig["metric"], fig["value"], fig["qualifier"], fig["weapon"]) == (
        "intercepted",
        330,
        "at_least",
        "drone",
    )


def test_a_missile_shot_down_is_one_intercepted() -> None:
    fig = one("Ukraine's air defence shot down a missile.")
    assert (fig["metric"], fig["value"]) == ("intercepted", 1)
    assert fig["quotes"] == ["shot down a missile"]


def test_no_casualties_is_zero() -> None:
    fig = one("There were no casualties.")
    assert (fig["metric"], fig["value"]) == ("casualties", 0)


def test_reports_of_injuries_leave_the_value_out() -> None:
    fig = one("Russian drones struck the city, with reports of injuries.")
    assert fig["metric"] == "injured" and "value" not in fig


def test_the_verb_first_still_gives_the_injured_and_who_reported_them() -> None:
    fig = one(
        "In the northeastern city of Kharkiv, a drone attack on a civilian enterprise injured "
        "at least five people, according to its governor Oleh Syniehubov."
    )
    assert (fig["metric"], fig["value"], fig["qualifier"]) == ("injured", 5, "at_least")
    assert fig["reported_by"] == "actor:oleh-syniehubov"
    assert fig["locations"] == ["location:kharkiv-city"]


def test_houses_damaged_carry_their_category() -> None:
    fig = one("Russian drones damaged homes: 36 houses were damaged in the Bucha district.")
    assert (fig["metric"], fig["value"], fig["category"]) == ("houses_damaged", 36, "residential")


def test_a_figure_is_attributed_to_the_speaker_after_the_clause() -> None:
    fig = one("Russian forces launched 40 drones at Ukraine, the Ukrainian Air Force said.")
    assert fig["reported_by"] == "actor:ukrainian-air-force"
    assert fig["statement"].startswith("statement:ukrainian-air-force")


def test_a_figure_nobody_is_named_for_has_no_reporter() -> None:
    fig = one("Russian drones hit two hospitals in the Sumy region.")
    assert (fig["metric"], fig["value"], fig["category"]) == ("facilities_hit", 2, "medical")
    assert "reported_by" not in fig


def test_a_year_is_not_a_figure() -> None:
    assert found("In March 2025, the talks continued.") == []


def test_damage_written_verb_first_is_drafted_with_its_reporter() -> None:
    fig = one("Russian drones damaged 12 homes, according to the Kharkiv regional police.")
    assert (fig["metric"], fig["value"], fig["category"]) == ("houses_damaged", 12, "residential")
    assert fig["reported_by"] == "actor:kharkiv-regional-police"


def test_a_figure_in_a_statement_a_teaser_repeats_is_reported_by_its_speaker() -> None:
    text = (
        'Fortunately, there were no casualties," Naftogaz said via Telegram.\n\n'
        "Russian forces launched a massive drone attack on Ukraine overnight. "
        '"Gas facilities were damaged. Fortunately, there were no casualties," Naftogaz said '
        "via Telegram."
    )
    (casualties,) = [f for f in figures(facts(text)) if f["metric"] == "casualties"]
    assert casualties["reported_by"] == "actor:naftogaz"
