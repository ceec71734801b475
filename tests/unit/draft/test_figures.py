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


# Without power: households, consumers or people left without electricity (issue 25).


def test_households_left_without_power_are_a_figure_with_its_reporter() -> None:
    fig = one(
        "The strike on a substation left 40,000 households without power, "
        "regional governor Oleh Syniehubov said."
    )
    assert (fig["metric"], fig["value"]) == ("without_power", 40000)
    assert fig["quotes"] == ["left 40,000 households without power"]
    assert fig["reported_by"] == "actor:oleh-syniehubov"


def test_cutting_power_to_consumers_counts_the_consumers() -> None:
    fig = one("A drone hit a power line in Kharkiv, cutting power to 1,200 consumers.")
    assert (fig["metric"], fig["value"]) == ("without_power", 1200)
    assert fig["quotes"] == ["cutting power to 1,200 consumers"]


def test_people_without_electricity_keep_their_qualifier() -> None:
    fig = one("Russian drones struck Odesa. About 2,000 people without electricity remain.")
    assert (fig["metric"], fig["value"], fig["qualifier"]) == ("without_power", 2000, "about")
    assert fig["quotes"] == ["About 2,000 people without electricity"]


def test_de_energised_consumers_with_a_place_between() -> None:
    fig = one("More than 3,500 consumers in the Sumy region were de-energised after the strike.")
    assert (fig["metric"], fig["value"], fig["qualifier"]) == ("without_power", 3500, "at_least")
    assert fig["quotes"] == ["More than 3,500 consumers in the Sumy region were de-energised"]


def test_the_verb_first_de_energising_and_losing_power() -> None:
    fig = one("The attack on Dnipro damaged the grid, de-energising 800 customers.")
    assert (fig["metric"], fig["value"]) == ("without_power", 800)
    fig = one("Russian missiles hit Zaporizhzhia; some 15,000 homes lost power.")
    assert (fig["metric"], fig["value"], fig["qualifier"]) == ("without_power", 15000, "about")


def test_a_number_of_others_is_not_taken_for_those_without_power() -> None:
    got = found("Russian drones injured 5 people in Kharkiv and left thousands without power.")
    assert [f["metric"] for f in got] == ["injured"]


def test_without_power_is_a_metric_the_draft_loads() -> None:
    """The figure passes the facts-file models (the vocabulary knows the metric)."""
    from graph.ingest.facts.models import FigureSpec

    text = LEAD + "The strike left 40,000 households in the Kyiv region without power."
    (fig,) = [f for f in figures(facts(text)) if f["metric"] == "without_power"]
    assert FigureSpec.model_validate(fig).value == 40000
    assert fig["quotes"][0] in text
