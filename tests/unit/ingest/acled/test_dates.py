"""ACLED dates in every form its files are found in, the day/month order settled by the whole
file, two-digit years by the row's year column, and what stays ambiguous."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.ingest.acled.dates import DateError, Order, order_of, parse_date
from graph.ingest.acled.records import read
from graph.ingest.acled.rows import BadRow, Event
from tests.acled_files import today_row, write_rows

DAY = dt.date(2024, 8, 5)


@pytest.mark.parametrize(
    "text",
    [
        "2024-08-05",
        "2024/08/05",
        "5 August 2024",
        "05 August 2024",
        "5-August-2024",
        "5-Aug-24",
        "05-Aug-2024",
        "5 Aug 2024",
        "5-aug-24",
    ],
)
def test_every_named_or_iso_form_reads_without_help(text: str) -> None:
    assert parse_date(text, None, "2024") == DAY


@pytest.mark.parametrize("text", ["05-08-24", "05/08/2024", "5.8.2024", "05-08-2024"])
def test_numeric_dates_read_day_first_when_the_file_is(text: str) -> None:
    assert parse_date(text, Order.DAY_FIRST, "2024") == DAY


@pytest.mark.parametrize("text", ["08-05-24", "08/05/2024", "8/5/2024"])
def test_numeric_dates_read_month_first_when_the_file_is(text: str) -> None:
    assert parse_date(text, Order.MONTH_FIRST, "2024") == DAY


def test_a_part_above_12_settles_its_own_row_whatever_the_file() -> None:
    assert parse_date("31-12-19", None, "2019") == dt.date(2019, 12, 31)
    assert parse_date("12/31/2019", None, "2019") == dt.date(2019, 12, 31)


def test_an_undecided_numeric_date_is_ambiguous() -> None:
    with pytest.raises(DateError, match="is ambiguous"):
        parse_date("05-08-24", None, "2024")


def test_a_two_digit_year_takes_its_century_from_the_year_column() -> None:
    assert parse_date("31-Dec-99", None, "1999") == dt.date(1999, 12, 31)
    assert parse_date("31-12-05", Order.DAY_FIRST, "2005") == dt.date(2005, 12, 31)
    with pytest.raises(DateError, match=r"two-digit year that is not the year column's \(2018\)"):
        parse_date("31-12-19", None, "2018")


def test_a_two_digit_year_without_a_year_column_falls_in_acleds_span() -> None:
    assert parse_date("31-12-19", None, "") == dt.date(2019, 12, 31)
    assert parse_date("31-12-98", None, "") == dt.date(1998, 12, 31)


@pytest.mark.parametrize("text", ["31-02-2020", "2020-02-30", "5-Foo-20", "31-13-20"])
def test_dates_off_the_calendar_or_with_unknown_months_are_not_dates(text: str) -> None:
    with pytest.raises(DateError, match="is not a date"):
        parse_date(text, Order.DAY_FIRST, "2020")


def test_the_order_is_what_any_date_in_the_file_says() -> None:
    assert order_of(["01-02-19", "03-04-19", "31-12-19"]) is Order.DAY_FIRST
    assert order_of(["01/02/2019", "12/31/2019"]) is Order.MONTH_FIRST
    assert order_of(["01-02-19", "2019-12-31", "5-Aug-24"]) is None
    assert order_of(["13-01-19", "01-13-19"]) is None  # the file contradicts itself


def dated(tmp_path: Path, dates: list[str], year: str = "2019") -> list[Event | BadRow]:
    rows = [today_row(n, event_date=date, year=year) for n, date in enumerate(dates, 1)]
    return list(read(write_rows(tmp_path / "export.csv", rows)))


def test_a_day_first_date_late_in_the_file_settles_the_rows_before_it(tmp_path: Path) -> None:
    found = dated(tmp_path, ["01-02-19", "03-04-19", "05-06-19", "31-12-19"])
    assert all(isinstance(item, Event) for item in found)
    days = [item.day for item in found if isinstance(item, Event)]
    assert days[0] == dt.date(2019, 2, 1) and days[2] == dt.date(2019, 6, 5)


def test_a_month_first_file_is_read_month_first(tmp_path: Path) -> None:
    found = dated(tmp_path, ["02/01/2019", "12/31/2019"])
    assert [item.day for item in found if isinstance(item, Event)] == [
        dt.date(2019, 2, 1),
        dt.date(2019, 12, 31),
    ]


def test_a_file_whose_dates_never_settle_the_order_rejects_its_ambiguous_rows(
    tmp_path: Path,
) -> None:
    found = dated(tmp_path, ["01-02-19", "2019-03-04", "05-06-19"])
    assert [type(item).__name__ for item in found] == ["BadRow", "Event", "BadRow"]
    bad = found[0]
    assert isinstance(bad, BadRow) and bad.column == "event_date" and bad.value == "01-02-19"
    assert "ambiguous" in bad.problem


def test_an_iso_file_never_reads_itself_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import graph.ingest.acled.records as records

    def no_pass(*args: object) -> None:
        raise AssertionError("the file was scanned for its date order")

    monkeypatch.setattr(records, "order_of", no_pass)
    assert all(isinstance(item, Event) for item in dated(tmp_path, ["2019-12-31", "31-12-19"]))
