"""Each time form a report uses, drafted as the facts format's date, bounds or anchor, in the
report's zone, with the publication date marked as supplying what the words leave out."""

from __future__ import annotations

from typing import Any

from tests.unit.draft.support import facts

AIR_FORCE = ", the Ukrainian Air Force said."


def attack_time(when: str, before: str = "") -> dict[str, Any]:
    found = facts(before + "Russian forces launched 40 drones at Ukraine " + when + AIR_FORCE)
    time: dict[str, Any] = found["attacks"][0]["time"]
    return time


def test_overnight_is_the_night_before_publication_supplied_by_it() -> None:
    time = attack_time("overnight")
    assert time["start"] == {"earliest": "2025-03-18T18:00:00", "latest": "2025-03-19T09:00:00"}
    assert time["quotes"] == ["overnight"]
    assert time["supplied"]["parts"] == ["date"]


def test_the_night_of_two_dates_runs_from_the_first_evening_to_the_second_morning() -> None:
    time = attack_time("on the night of 16-17 March")
    assert time["start"]["earliest"] == "2025-03-16T18:00:00"
    assert time["end"]["latest"] == "2025-03-17T09:00:00"
    assert time["supplied"]["parts"] == ["year"]


def test_yesterday_is_the_day_before_publication() -> None:
    time = attack_time("yesterday")
    assert time["date"] == "2025-03-18"
    assert time["quotes"] == ["yesterday"]


def test_a_weekday_is_the_latest_such_day_on_or_before_publication() -> None:
    assert attack_time("on Monday")["date"] == "2025-03-17"
    assert attack_time("on Wednesday")["date"] == "2025-03-19"
    assert attack_time("on Thursday")["date"] == "2025-03-13"


def test_an_explicit_date_with_its_year_needs_nothing_supplied() -> None:
    time = attack_time("on 17 March 2025")
    assert time["date"] == "2025-03-17"
    assert "supplied" not in time


def test_a_date_without_a_year_takes_the_publication_year_and_says_so() -> None:
    time = attack_time("on March 11")
    assert time["date"] == "2025-03-11"
    assert time["supplied"]["parts"] == ["year"]


def test_a_december_date_read_in_january_is_last_years() -> None:
    from datetime import date

    found = facts(
        "Russian forces launched 40 drones at Ukraine on December 30" + AIR_FORCE,
        published=date(2026, 1, 2),
    )
    assert found["attacks"][0]["time"]["date"] == "2025-12-30"


CALL = (
    "US President Donald Trump and Russian President Vladimir Putin spoke on March 18 in a "
    "phone call with each other. "
)


def test_a_day_after_the_call_is_anchored_on_the_call_a_day_later() -> None:
    found = facts(CALL + "Russian forces launched 40 drones at Ukraine a day after the call.")
    time = found["attacks"][0]["time"]
    event = found["events"][0]
    assert time["anchor"] == event["id"] and event["kind"] == "phone_call"
    assert time["offset"] == "P1D"
    assert event["time"]["date"] == "2025-03-18"


def test_hours_after_the_call_is_anchored_on_the_call_without_a_whole_day() -> None:
    found = facts(
        "A phone call between US President Donald Trump and Russian President Vladimir Putin "
        "took place on March 18. Russian forces launched 40 drones at Ukraine just hours "
        "after the call, the Ukrainian Air Force said."
    )
    time = found["attacks"][0]["time"]
    assert time["anchor"] == "event:trump-putin-call"
    assert "offset" not in time
    assert found["events"][0]["participants"] == [
        "actor:donald-trump",
        "actor:vladimir-putin",
    ]


def test_without_any_date_a_time_is_a_placeholder_from_an_external_source() -> None:
    found = facts("Russian forces launched 40 drones at Ukraine" + AIR_FORCE, published=None)
    time = found["attacks"][0]["time"]
    external = {s["id"] for s in found["sources"] if s["kind"] == "external"}
    assert time["source"] in external


def test_the_night_of_one_date_covers_the_night_before_and_after_it() -> None:
    from tests.unit.draft.support import facts as drafted

    found = drafted("On the night of March 10, two drones struck a school in the Sumy region.")
    time = found["attacks"][0]["time"]
    assert time["start"] == {"earliest": "2025-03-09T18:00:00", "latest": "2025-03-11T09:00:00"}
    assert time["supplied"]["parts"] == ["year"]
