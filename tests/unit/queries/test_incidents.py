"""Scoring another source's attack as the same incident: how much the times overlap, how
close the places are, whether the categories or targets agree, and reasons naming each match."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.queries.incidents import (
    CandidatesRow,
    Found,
    overlap,
    related_targets,
    score,
)

UTC = dt.UTC


def at(hour: float) -> dt.datetime:
    return dt.datetime(2025, 3, 19, tzinfo=UTC) + dt.timedelta(hours=hour)


def attack(
    category: str | None = "air_drone_strike", targets: tuple[str, ...] = ()
) -> CandidatesRow:
    """An ACLED attack on the local day of 19 March 2025 in Kyiv."""
    return CandidatesRow(
        id="acled:UKR2001",
        category=category,
        start="2025-03-18T22:00:00Z",
        end="2025-03-19T21:59:59.999Z",
        targets=list(targets),
        found=[],
    )


def found(
    category: str | None = "air_drone_strike",
    targets: tuple[str, ...] = (),
    nesting: int = 0,
    start: str = "2025-03-18T22:00:00Z",
    end: str = "2025-03-19T21:59:59.999Z",
    sources: tuple[str, ...] = ("source:report",),
) -> Found:
    return Found(
        id="attack:2025-03-19-kyiv-oblast",
        category=category,
        nesting=nesting,
        start=start,
        end=end,
        targets=list(targets),
        sources=list(sources),
    )


# overlap()


def test_identical_intervals_overlap_fully() -> None:
    assert overlap((at(0), at(24)), (at(0), at(24))) == 1.0


def test_an_interval_inside_another_overlaps_fully() -> None:
    assert overlap((at(0), at(24)), (at(6), at(7))) == 1.0
    assert overlap((at(6), at(7)), (at(0), at(24))) == 1.0


def test_partly_overlapping_intervals_share_a_fraction_of_the_shorter() -> None:
    assert overlap((at(0), at(10)), (at(5), at(25))) == pytest.approx(0.5)


def test_disjoint_intervals_do_not_overlap() -> None:
    assert overlap((at(0), at(10)), (at(11), at(20))) == 0.0
    assert overlap((at(11), at(20)), (at(0), at(10))) == 0.0


def test_intervals_that_only_touch_share_nothing() -> None:
    assert overlap((at(0), at(10)), (at(10), at(20))) == 0.0


def test_an_instant_inside_an_interval_overlaps_fully() -> None:
    assert overlap((at(5), at(5)), (at(0), at(10))) == 1.0


def test_an_instant_outside_an_interval_does_not_overlap() -> None:
    assert overlap((at(30), at(30)), (at(0), at(10))) == 0.0


# related_targets()


def test_a_category_and_its_broader_one_are_related_as_the_broader() -> None:
    mine, theirs = ["railway_energy_infrastructure"], ["energy_infrastructure"]
    assert related_targets(mine, theirs) == ["energy_infrastructure"]
    assert related_targets(theirs, mine) == ["energy_infrastructure"]


def test_a_category_with_two_parents_relates_to_either() -> None:
    assert related_targets(["railway_energy_infrastructure"], ["railway"]) == ["railway"]
    assert related_targets(["transport"], ["railway_energy_infrastructure"]) == ["transport"]


def test_the_same_category_is_related_to_itself() -> None:
    assert related_targets(["medical"], ["medical"]) == ["medical"]


def test_sibling_categories_are_not_related() -> None:
    assert related_targets(["railway_energy_infrastructure"], ["power_grid"]) == []
    assert related_targets(["medical"], ["residential"]) == []


def test_no_targets_on_either_side_relate_nothing() -> None:
    assert related_targets([], ["medical"]) == []
    assert related_targets(["medical"], []) == []


def test_related_targets_are_sorted_and_listed_once() -> None:
    mine = ["power_grid", "medical", "railway_energy_infrastructure"]
    theirs = ["energy_infrastructure", "medical"]
    assert related_targets(mine, theirs) == ["energy_infrastructure", "medical"]


# score()


def test_no_compatible_category_and_no_related_target_is_no_candidate() -> None:
    assert score(attack("air_drone_strike"), found("armed_clash")) is None
    assert score(attack("attack", ("medical",)), found("armed_clash", ("residential",))) is None


def test_a_related_target_makes_a_candidate_whatever_the_categories() -> None:
    candidate = score(
        attack("air_drone_strike", ("railway_energy_infrastructure",)),
        found("armed_clash", ("energy_infrastructure",)),
    )
    assert candidate is not None
    assert "targets of the same kind: energy_infrastructure" in candidate.reasons
    assert not any("kind of attack" in reason for reason in candidate.reasons)


def test_a_compatible_category_makes_a_candidate_and_says_so() -> None:
    candidate = score(attack("shelling_artillery"), found("missile_attack"))
    assert candidate is not None
    assert "compatible kinds of attack (shelling_artillery, missile_attack)" in candidate.reasons


def test_the_same_place_the_same_time_and_a_related_target_score_full() -> None:
    candidate = score(
        attack(targets=("railway_energy_infrastructure",)),
        found(targets=("energy_infrastructure",)),
    )
    assert candidate is not None
    assert candidate.id == "attack:2025-03-19-kyiv-oblast"
    assert candidate.score == 1.0
    assert candidate.reasons == (
        "their times overlap (100% of the shorter one)",
        "the same place",
        "targets of the same kind: energy_infrastructure",
        "the same kind of attack (air_drone_strike)",
        "told by source:report",
    )


def test_the_same_place_scores_higher_than_a_nested_one() -> None:
    same = score(attack(), found(nesting=0))
    inside = score(attack(), found(nesting=1))
    around = score(attack(), found(nesting=2))
    assert same is not None and inside is not None and around is not None
    assert same.score > inside.score
    assert same.score > around.score
    assert "a place inside this attack's" in inside.reasons
    assert "a place around this attack's" in around.reasons


def test_sharing_only_a_country_needs_a_shared_kind_of_target() -> None:
    assert score(attack(), found(nesting=3)) is None  # the same category alone is not enough
    with_target = score(attack(targets=("medical",)), found(targets=("medical",), nesting=3))
    nested = score(attack(targets=("medical",)), found(targets=("medical",), nesting=1))
    assert with_target is not None and nested is not None
    assert "only the same country" in with_target.reasons
    assert with_target.score < nested.score


def test_a_target_match_scores_higher_than_the_same_category_alone() -> None:
    with_target = score(attack(targets=("medical",)), found(targets=("medical",)))
    category_only = score(attack(), found())
    compatible_only = score(attack("air_drone_strike"), found("combined_missile_drone_strike"))
    assert with_target is not None and category_only is not None and compatible_only is not None
    assert with_target.score > category_only.score > compatible_only.score


def test_a_partial_time_overlap_lowers_the_score_and_is_named() -> None:
    half = score(attack(), found(start="2025-03-19T10:00:00Z", end="2025-03-20T10:00:00Z"))
    assert half is not None
    assert half.reasons[0] == "their times overlap (50% of the shorter one)"
    assert half.score == pytest.approx(0.4 * 0.5 + 0.3 + 0.3 * 0.7, abs=1e-3)


def test_times_with_a_zone_name_are_read_by_their_offset() -> None:
    candidate = score(
        attack(),
        found(start="2025-03-19T00:00:00+02:00[Europe/Kyiv]", end="2025-03-19T23:59:59+02:00"),
    )
    assert candidate is not None
    assert candidate.reasons[0] == "their times overlap (100% of the shorter one)"


def test_the_reasons_name_the_sources_or_say_there_is_none() -> None:
    told = score(attack(), found(sources=("source:reuters", "source:ukrinform")))
    untold = score(attack(), found(sources=()))
    assert told is not None and untold is not None
    assert told.reasons[-1] == "told by source:reuters, source:ukrinform"
    assert untold.reasons[-1] == "no source"


def test_two_attacks_without_a_category_or_target_are_no_candidate() -> None:
    assert score(attack(None), found(None)) is None
