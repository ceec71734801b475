"""Uncertain times as earliest/latest bounds on a start and an end (UTC), and the interval a
calendar date stands for at a precision. UCDP's convention: the truth lies within the bounds."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

UTC = dt.UTC
WIDTH = {
    "minute": dt.timedelta(minutes=1),
    "hour": dt.timedelta(hours=1),
    "day": dt.timedelta(days=1),
    "week": dt.timedelta(days=7),
}
TICK = dt.timedelta(microseconds=1)


def span_seconds(start: dt.datetime, end: dt.datetime) -> int:
    """Whole seconds from a start to an end, rounded up: stored and indexed beside the bounds,
    the longest span bounds a seek on startEarliest for everything overlapping a moment."""
    return -int((start - end).total_seconds() // 1)


@dataclass(frozen=True)
class Bounds:
    start_earliest: dt.datetime
    start_latest: dt.datetime
    end_earliest: dt.datetime
    end_latest: dt.datetime

    def shifted(self, offset: dt.timedelta) -> Bounds:
        return Bounds(
            self.start_earliest + offset,
            self.start_latest + offset,
            self.end_earliest + offset,
            self.end_latest + offset,
        )

    @classmethod
    def within(cls, earliest: dt.datetime, latest: dt.datetime) -> Bounds:
        """Something that happened somewhere inside [earliest, latest]."""
        return cls(earliest, latest, earliest, latest)


def aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def period(day: dt.date, precision: str) -> tuple[dt.datetime, dt.datetime]:
    """The interval a date stands for at a precision (ACLED codes weeks at mid-period)."""
    start = dt.datetime(day.year, day.month, day.day, tzinfo=UTC)
    if precision == "month":
        first = start.replace(day=1)
        days = calendar.monthrange(day.year, day.month)[1]
        return first, first + dt.timedelta(days=days) - TICK
    if precision == "year":
        first = start.replace(month=1, day=1)
        return first, first.replace(year=day.year + 1) - TICK
    if precision == "week":
        return start - dt.timedelta(days=3), start + dt.timedelta(days=4) - TICK
    width = WIDTH.get(precision, WIDTH["day"])
    return start, start + max(width, WIDTH["day"]) - TICK
