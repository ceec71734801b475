"""Local dates (ACLED's event_date) become UTC bounds through the country's time zones."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfoNotFoundError

import pytest

from graph.domain import zones
from graph.domain.zones import (
    country_zones,
    local_day_utc,
    local_period_utc,
    zones_for,
)

UTC = dt.UTC
KYIV = ("Europe/Kyiv",)


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_an_ordinary_winter_day_in_kyiv_starts_at_22_utc_the_day_before() -> None:
    assert local_day_utc(dt.date(2025, 3, 19), "Europe/Kyiv") == (
        utc("2025-03-18T22:00:00"),
        utc("2025-03-19T21:59:59.999999"),
    )


def test_an_ordinary_summer_day_in_kyiv_starts_at_21_utc_the_day_before() -> None:
    assert local_day_utc(dt.date(2025, 7, 15), "Europe/Kyiv") == (
        utc("2025-07-14T21:00:00"),
        utc("2025-07-15T20:59:59.999999"),
    )


def test_the_kyiv_day_clocks_go_forward_lasts_23_hours() -> None:
    start, end = local_day_utc(dt.date(2025, 3, 30), "Europe/Kyiv")
    assert (start, end) == (utc("2025-03-29T22:00:00"), utc("2025-03-30T20:59:59.999999"))
    assert end + dt.timedelta(microseconds=1) - start == dt.timedelta(hours=23)


def test_the_kyiv_day_clocks_go_back_lasts_25_hours() -> None:
    start, end = local_day_utc(dt.date(2025, 10, 26), "Europe/Kyiv")
    assert (start, end) == (utc("2025-10-25T21:00:00"), utc("2025-10-26T21:59:59.999999"))
    assert end + dt.timedelta(microseconds=1) - start == dt.timedelta(hours=25)


def test_a_day_whose_midnight_is_skipped_starts_at_the_jump() -> None:
    # Chile springs forward at 24:00 on 6 September 2025: 7 September begins at 01:00 -03.
    start, end = local_day_utc(dt.date(2025, 9, 7), "America/Santiago")
    assert (start, end) == (utc("2025-09-07T04:00:00"), utc("2025-09-08T02:59:59.999999"))


def test_russia_spans_kaliningrad_to_kamchatka() -> None:
    zones = zones_for("RU")
    assert {"Europe/Kaliningrad", "Europe/Moscow", "Asia/Kamchatka"} <= set(zones)
    assert local_period_utc(dt.date(2025, 3, 19), "day", zones) == (
        utc("2025-03-18T12:00:00"),
        utc("2025-03-19T21:59:59.999999"),
    )


def test_ukraine_includes_crimea_so_its_day_starts_an_hour_earlier_in_winter() -> None:
    zones = country_zones("ua")
    assert set(zones) == {"Europe/Kyiv", "Europe/Simferopol"}
    assert local_period_utc(dt.date(2025, 3, 19), "day", zones) == (
        utc("2025-03-18T21:00:00"),
        utc("2025-03-19T21:59:59.999999"),
    )


def test_a_month_runs_from_local_midnight_to_local_midnight_across_dst() -> None:
    assert local_period_utc(dt.date(2025, 3, 19), "month", KYIV) == (
        utc("2025-02-28T22:00:00"),
        utc("2025-03-31T20:59:59.999999"),
    )


def test_december_rolls_over_into_the_next_year() -> None:
    assert local_period_utc(dt.date(2024, 12, 15), "month", KYIV) == (
        utc("2024-11-30T22:00:00"),
        utc("2024-12-31T21:59:59.999999"),
    )


def test_a_week_is_coded_at_mid_period_three_days_either_side() -> None:
    assert local_period_utc(dt.date(2025, 3, 19), "week", KYIV) == (
        utc("2025-03-15T22:00:00"),
        utc("2025-03-22T21:59:59.999999"),
    )
    # Around the DST change the week's two ends sit at different offsets.
    assert local_period_utc(dt.date(2025, 3, 30), "week", KYIV) == (
        utc("2025-03-26T22:00:00"),
        utc("2025-04-02T20:59:59.999999"),
    )


def test_a_year_runs_over_the_local_new_years() -> None:
    assert local_period_utc(dt.date(2025, 6, 1), "year", KYIV) == (
        utc("2024-12-31T22:00:00"),
        utc("2025-12-31T21:59:59.999999"),
    )


def test_a_date_at_hour_precision_still_means_its_whole_day() -> None:
    day = dt.date(2025, 3, 19)
    assert local_period_utc(day, "hour", KYIV) == local_day_utc(day, "Europe/Kyiv")


@pytest.mark.parametrize("alpha2", [None, "", "ZZ", "BV"])
def test_an_unknown_or_missing_country_falls_back_to_utc(alpha2: str | None) -> None:
    zones = zones_for(alpha2)
    assert zones == ("UTC",)
    assert local_period_utc(dt.date(2025, 3, 19), "day", zones) == (
        utc("2025-03-19T00:00:00"),
        utc("2025-03-19T23:59:59.999999"),
    )


def test_country_codes_ignore_case_and_unknown_codes_have_no_zones() -> None:
    assert country_zones(" ua ") == country_zones("UA")
    assert country_zones("ZZ") == ()


def test_kosovo_which_tzdata_does_not_list_keeps_belgrade_time() -> None:
    assert zones_for("XK") == ("Europe/Belgrade",)


def test_zone_tab_names_a_countrys_own_zone_where_zone1970_shares_one() -> None:
    # zone1970.tab folds Åland into Helsinki's line; zone.tab still names Mariehamn.
    assert zones_for("AX") == ("Europe/Mariehamn",)


def test_zone1970_fills_in_a_country_zone_tab_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    tables = {
        "zone.tab": [("FI", "Europe/Helsinki")],
        "zone1970.tab": [("FI,AX", "Europe/Helsinki"), ("RU,UA", "Europe/Simferopol")],
    }
    monkeypatch.setattr(zones, "read_tab", tables.__getitem__)
    zones.zone_table.cache_clear()
    try:
        assert zones.country_zones("FI") == ("Europe/Helsinki",)
        assert zones.country_zones("AX") == ("Europe/Helsinki",)
        assert zones.country_zones("UA") == ("Europe/Simferopol",)
    finally:
        zones.zone_table.cache_clear()


@pytest.mark.parametrize("precision", ["day", "week", "month", "year"])
@pytest.mark.parametrize("alpha2", ["UA", "RU", "US", None])
def test_every_bound_is_timezone_aware_utc(precision: str, alpha2: str | None) -> None:
    bounds = local_period_utc(dt.date(2025, 3, 30), precision, zones_for(alpha2))
    for moment in bounds:
        assert moment.tzinfo is UTC
    assert bounds[0] < bounds[1]


def test_an_unknown_precision_is_refused() -> None:
    with pytest.raises(ValueError, match="fortnight"):
        local_period_utc(dt.date(2025, 3, 19), "fortnight", KYIV)


def test_an_empty_zone_list_is_refused() -> None:
    with pytest.raises(ValueError, match="no time zones"):
        local_period_utc(dt.date(2025, 3, 19), "day", ())


def test_an_unknown_zone_name_is_refused() -> None:
    with pytest.raises(ZoneInfoNotFoundError):
        local_day_utc(dt.date(2025, 3, 19), "Europe/Atlantis")
