"""ACLED's event_date in every form its files are found in.

ISO (2022-03-18), ACLED's own "18 March 2022" and "18-March-2022", a spreadsheet's
"5-Aug-24", and numbers only: "31-12-19", "31/12/2019" (or month first, "12/31/2019").

Numbers alone do not say which part is the day. The whole file decides: a first part above 12
anywhere means day first, a second part above 12 means month first. A file where neither
happens, or both, leaves "05-06-19" ambiguous: that row is bad, with that reason. A two-digit
year takes its century from the row's `year` column (ACLED's own, always filled).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})")
NAMED = re.compile(r"(\d{1,2})[- ]([A-Za-z]+)\.?[- ,]+(\d{4}|\d{2})")
ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        dt.date(2000, number, 1).strftime("%B").lower(),
        dt.date(2000, number, 1).strftime("%b").lower(),
    )
} | {"sept": 9}
FORMS = "YYYY-MM-DD, '18 March 2022', '5-Aug-24' or '31-12-2019'"


class DateError(ValueError):
    """Why a date cannot be read; its text is the reason, without the value."""


class Order(Enum):
    DAY_FIRST = "day first"
    MONTH_FIRST = "month first"


@dataclass
class Evidence:
    """What a file's numeric dates say about their order."""

    day_first: bool = False  # some first part is above 12
    month_first: bool = False  # some second part is above 12

    def see(self, text: str) -> None:
        match = NUMERIC.fullmatch(text.strip())
        if match:
            first, second = int(match[1]), int(match[2])
            self.day_first |= first > 12
            self.month_first |= second > 12

    @property
    def order(self) -> Order | None:
        if self.day_first == self.month_first:
            return None  # nothing says, or the file contradicts itself
        return Order.DAY_FIRST if self.day_first else Order.MONTH_FIRST


def order_of(dates: Iterable[str]) -> Order | None:
    """The day/month order a file's dates settle, if they settle one."""
    evidence = Evidence()
    for text in dates:
        evidence.see(text)
    return evidence.order


def needs_order(text: str) -> bool:
    """Whether a date's reading depends on the file's order: both numbers could be months."""
    match = NUMERIC.fullmatch(text.strip())
    return match is not None and int(match[1]) <= 12 and int(match[2]) <= 12


def full_year(digits: str, year: str) -> int:
    """A year as written; two digits take their century from the row's `year` column."""
    if len(digits) == 4:
        return int(digits)
    if not year.strip().isdigit() or len(year.strip()) != 4:
        # No usable year column: ACLED's data start in 1997.
        return (1900 if int(digits) >= 97 else 2000) + int(digits)
    century = int(year.strip())
    if century % 100 != int(digits):
        raise DateError(f"has a two-digit year that is not the year column's ({year.strip()})")
    return century


def day(year: int, month: int, day_of_month: int) -> dt.date:
    try:
        return dt.date(year, month, day_of_month)
    except ValueError:
        raise DateError("is not a date of the calendar") from None


def parse_date(text: str, order: Order | None = None, year: str = "") -> dt.date:
    """The date a cell writes; DateError with the reason when it writes none. `order` is the
    file's (order_of), `year` the row's `year` column."""
    text = text.strip()
    if len(text) == 10 and text[4] == "-":  # the 2023 layout's YYYY-MM-DD, at once
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    if match := ISO.fullmatch(text):
        return day(int(match[1]), int(match[2]), int(match[3]))
    if match := NAMED.fullmatch(text):
        month = MONTHS.get(match[2].lower())
        if month is None:
            raise DateError(f"is not a date ({FORMS})")
        return day(full_year(match[3], year), month, int(match[1]))
    if match := NUMERIC.fullmatch(text):
        first, second = int(match[1]), int(match[2])
        if first > 12 or (second <= 12 and order is Order.DAY_FIRST):
            return day(full_year(match[3], year), second, first)
        if second > 12 or order is Order.MONTH_FIRST:
            return day(full_year(match[3], year), first, second)
        raise DateError(
            "is ambiguous: day and month could be either way round, and no date in the file "
            "has a part above 12 to settle it (or dates settle it both ways)"
        )
    raise DateError(f"is not a date ({FORMS})")
