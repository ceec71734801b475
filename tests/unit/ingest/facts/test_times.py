"""What a source says about time, as earliest/latest bounds on the start and the end (UTC)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from graph.domain.bounds import Bounds
from graph.ingest.facts.time_spec import TimeSpec
from graph.ingest.facts.times import TimeError, resolve

UTC = dt.UTC
MICRO = dt.timedelta(microseconds=1)


def spec(**fields: Any) -> TimeSpec:
    return TimeSpec.model_validate({"text": "as the source says", **fields})


def moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def test_a_date_covers_its_utc_day() -> None:
    bounds = resolve(spec(date="2025-03-19"), None)
    assert bounds.start_earliest == moment("2025-03-19T00:00:00+00:00")
    assert bounds.end_latest == moment("2025-03-20T00:00:00+00:00") - MICRO
    assert bounds.start_latest == bounds.end_latest
    assert bounds.end_earliest == bounds.start_earliest
    assert bounds.start_earliest.utcoffset() == dt.timedelta(0)


def test_a_week_is_centred_on_its_date() -> None:
    bounds = resolve(spec(date="2025-03-18", precision="week"), None)
    assert bounds.start_earliest == moment("2025-03-15T00:00:00+00:00")
    assert bounds.end_latest == moment("2025-03-22T00:00:00+00:00") - MICRO


def test_a_month_covers_the_whole_month_of_a_leap_year() -> None:
    bounds = resolve(spec(date="2024-02-19", precision="month"), None)
    assert bounds.start_earliest == moment("2024-02-01T00:00:00+00:00")
    assert bounds.end_latest == moment("2024-03-01T00:00:00+00:00") - MICRO


def test_a_year_covers_the_whole_year() -> None:
    bounds = resolve(spec(date="2025-06-30", precision="year"), None)
    assert bounds.start_earliest == moment("2025-01-01T00:00:00+00:00")
    assert bounds.end_latest == moment("2026-01-01T00:00:00+00:00") - MICRO


def test_an_exact_moment_keeps_its_zone_as_the_same_instant() -> None:
    bounds = resolve(spec(at="2025-03-19T02:00:00+02:00", precision="minute"), None)
    assert bounds.start_earliest == dt.datetime(2025, 3, 19, 0, 0, tzinfo=UTC)
    assert bounds.end_latest == dt.datetime(2025, 3, 19, 0, 1, tzinfo=UTC) - MICRO


def test_an_hour_precise_moment_spans_the_hour() -> None:
    bounds = resolve(spec(at="2025-03-19T02:00:00+02:00", precision="hour"), None)
    assert bounds.end_latest - bounds.start_earliest == dt.timedelta(hours=1) - MICRO


def test_a_moment_without_a_zone_is_taken_as_utc() -> None:
    bounds = resolve(spec(at="2025-03-19T05:30:00", precision="minute"), None)
    assert bounds.start_earliest == dt.datetime(2025, 3, 19, 5, 30, tzinfo=UTC)


def test_an_anchor_and_offset_shift_the_anchors_bounds() -> None:
    anchor = resolve(spec(date="2025-03-18"), None)
    bounds = resolve(spec(anchor="event:call", offset="P1D"), anchor)
    assert bounds == anchor.shifted(dt.timedelta(days=1))
    assert bounds.start_earliest == dt.datetime(2025, 3, 19, tzinfo=UTC)


def test_an_anchor_without_an_offset_shares_its_bounds() -> None:
    anchor = resolve(spec(date="2025-03-18"), None)
    assert resolve(spec(anchor="event:call"), anchor) == anchor


def test_an_anchor_with_no_time_is_an_error() -> None:
    with pytest.raises(TimeError, match="the anchor event:call has no time"):
        resolve(spec(anchor="event:call", offset="P1D"), None)


def test_explicit_start_and_end_bounds_are_kept() -> None:
    bounds = resolve(
        spec(
            start={"earliest": "2025-03-18T20:00:00Z", "latest": "2025-03-18T23:00:00Z"},
            end={"earliest": "2025-03-19T04:00:00Z", "latest": "2025-03-19T06:00:00Z"},
        ),
        None,
    )
    assert bounds == Bounds(
        dt.datetime(2025, 3, 18, 20, tzinfo=UTC),
        dt.datetime(2025, 3, 18, 23, tzinfo=UTC),
        dt.datetime(2025, 3, 19, 4, tzinfo=UTC),
        dt.datetime(2025, 3, 19, 6, tzinfo=UTC),
    )


def test_an_explicit_end_narrows_a_date() -> None:
    bounds = resolve(
        spec(
            date="2025-03-19",
            end={"earliest": "2025-03-19T04:00:00", "latest": "2025-03-19T06:00:00"},
        ),
        None,
    )
    assert bounds.start_earliest == dt.datetime(2025, 3, 19, tzinfo=UTC)
    assert bounds.end_latest == dt.datetime(2025, 3, 19, 6, tzinfo=UTC)  # naive read as UTC


def test_an_end_before_the_start_is_an_error() -> None:
    with pytest.raises(TimeError, match="the end is before the start"):
        resolve(
            spec(
                date="2025-03-19",
                end={"earliest": "2025-03-10T00:00:00Z", "latest": "2025-03-11T00:00:00Z"},
            ),
            None,
        )


def test_a_latest_before_the_earliest_is_refused_by_the_model() -> None:
    with pytest.raises(ValueError, match="latest is before earliest"):
        spec(start={"earliest": "2025-03-19T00:00:00Z", "latest": "2025-03-18T00:00:00Z"})


# Local time: the words are read where they were meant.


def test_a_date_in_kyiv_is_the_local_day_in_utc() -> None:
    bounds = resolve(spec(date="2025-03-19"), None, "Europe/Kyiv")
    assert bounds.start_earliest == moment("2025-03-18T22:00:00+00:00")
    assert bounds.end_latest == moment("2025-03-19T22:00:00+00:00") - MICRO


def test_the_day_summer_time_starts_in_kyiv_lasts_23_hours() -> None:
    bounds = resolve(spec(date="2025-03-30"), None, "Europe/Kyiv")
    assert bounds.start_earliest == moment("2025-03-29T22:00:00+00:00")
    assert bounds.end_latest == moment("2025-03-30T21:00:00+00:00") - MICRO


def test_a_day_after_is_the_next_local_day_across_the_change_to_summer_time() -> None:
    saturday = resolve(spec(date="2025-03-29"), None, "Europe/Kyiv")
    sunday = resolve(spec(anchor="event:x", offset="P1D"), saturday, "Europe/Kyiv", "day")
    assert sunday.start_earliest == moment("2025-03-29T22:00:00+00:00")
    # Midnight ends the Sunday at UTC+3, not UTC+2: a 24-hour shift would end an hour late.
    assert sunday.end_latest == moment("2025-03-30T21:00:00+00:00") - MICRO


def test_the_time_says_its_own_zone_over_the_files() -> None:
    bounds = resolve(spec(date="2025-03-11", zone="Asia/Riyadh"), None, "Europe/Kyiv")
    assert bounds.start_earliest == moment("2025-03-10T21:00:00+00:00")


def test_several_zones_cover_each() -> None:
    bounds = resolve(spec(date="2025-03-18", zone=["America/New_York", "Europe/Moscow"]), None)
    assert bounds.start_earliest == moment("2025-03-17T21:00:00+00:00")  # Moscow's midnight
    assert bounds.end_latest == moment("2025-03-19T04:00:00+00:00") - MICRO  # New York's


def test_a_moment_without_an_offset_is_local_wall_clock_time() -> None:
    bounds = resolve(spec(at="2025-03-19T03:00:00"), None, "Europe/Kyiv")
    assert bounds.start_earliest == moment("2025-03-19T01:00:00+00:00")
    assert bounds.end_latest == moment("2025-03-19T01:01:00+00:00") - MICRO  # a minute


def test_an_unknown_zone_is_refused_with_an_example() -> None:
    with pytest.raises(ValueError, match="not an IANA time zone"):
        spec(date="2025-03-19", zone="Kyiv time")


def test_bounds_with_an_offset_on_one_side_only_are_refused_not_a_crash() -> None:
    import pydantic
    import pytest

    from graph.ingest.facts.time_spec import Bounds as GivenBounds

    with pytest.raises(pydantic.ValidationError, match="both bounds with an offset"):
        GivenBounds(
            earliest=dt.datetime(2025, 3, 7),
            latest=dt.datetime(2025, 3, 7, 12, 32, tzinfo=dt.timezone(dt.timedelta(hours=5.5))),
        )
