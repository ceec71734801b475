"""Projected entity rows: the temporal text Cypher returns becomes Python values, and each
level of detail projects no more than it needs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.queries.entities import BY_IDS, day, instant, parsed

UTC = dt.UTC


def test_an_instant_with_an_offset_is_an_aware_datetime() -> None:
    found = instant("2025-03-19T02:00:00+02:00")
    assert found == dt.datetime(2025, 3, 19, 0, 0, tzinfo=UTC)
    assert found.utcoffset() == dt.timedelta(hours=2)


def test_an_instant_in_utc_may_end_in_z() -> None:
    assert instant("2025-03-19T00:00Z") == dt.datetime(2025, 3, 19, tzinfo=UTC)


def test_a_zone_name_in_brackets_is_dropped_for_the_offset() -> None:
    found = instant("2025-03-19T02:00+02:00[Europe/Kyiv]")
    assert found == dt.datetime(2025, 3, 19, 0, 0, tzinfo=UTC)


def test_nanoseconds_are_cut_to_microseconds() -> None:
    found = instant("2025-03-19T23:59:59.999999999Z")
    assert found == dt.datetime(2025, 3, 19, 23, 59, 59, 999999, tzinfo=UTC)


def test_a_day_is_the_date_at_the_start_of_the_text() -> None:
    assert day("2025-03-19") == dt.date(2025, 3, 19)
    assert day("2025-03-19T10:00Z") == dt.date(2025, 3, 19)


def test_parsed_turns_time_bounds_and_days_into_values() -> None:
    row: dict[str, Any] = {
        "id": "attack:x",
        "startEarliest": "2025-03-19T00:00Z",
        "endLatest": "2025-03-19T23:59:59.999999Z",
        "inForceStartEarliest": "2025-03-18T00:00+02:00[Europe/Kyiv]",
        "published": "2025-03-20",
        "name": "2025-03-19",  # not a temporal property: left as text
    }
    found = parsed(row)
    assert found.get("startEarliest") == dt.datetime(2025, 3, 19, tzinfo=UTC)
    assert found.get("endLatest") == dt.datetime(2025, 3, 19, 23, 59, 59, 999999, tzinfo=UTC)
    assert found.get("inForceStartEarliest") == dt.datetime(2025, 3, 17, 22, tzinfo=UTC)
    assert found.get("published") == dt.date(2025, 3, 20)
    assert found.get("name") == "2025-03-19"


def test_parsed_leaves_missing_and_null_times_alone() -> None:
    found = parsed({"id": "actor:x", "startEarliest": None})
    assert found.get("startEarliest") is None
    assert "endLatest" not in found


def test_parsed_reaches_into_retractions_and_evidence_sources() -> None:
    row: dict[str, Any] = {
        "id": "attack:x",
        "retractions": [{"at": "2025-04-01T12:00Z", "by": "editor", "reason": "duplicate"}],
        "evidence": [
            {
                "source": {"id": "source:a", "published": "2025-03-20", "retrieved": None},
                "quotes": [],
                "aspect": "existence",
                "external": False,
                "note": None,
            }
        ],
    }
    found = parsed(row)
    assert found["retractions"][0]["at"] == dt.datetime(2025, 4, 1, 12, tzinfo=UTC)
    source = found["evidence"][0]["source"]
    assert source.get("published") == dt.date(2025, 3, 20)
    assert source.get("retrieved") is None


def test_fetching_by_ids_takes_the_ids_as_a_parameter() -> None:
    assert all("WHERE n.id IN $ids" in cypher for cypher in BY_IDS.values())
