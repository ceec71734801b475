"""Turn what a source says about time into earliest/latest bounds on start and end."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

from graph.facts.models import TimeSpec

UTC = dt.UTC
WIDTH = {
    "minute": dt.timedelta(minutes=1),
    "hour": dt.timedelta(hours=1),
    "day": dt.timedelta(days=1),
    "week": dt.timedelta(days=7),
}
TICK = dt.timedelta(microseconds=1)


class TimeError(ValueError):
    pass


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


def resolve(spec: TimeSpec, anchor: Bounds | None) -> Bounds:
    if spec.date is not None:
        bounds = Bounds.within(*period(spec.date, spec.precision))
    elif spec.at is not None:
        moment = aware(spec.at)
        bounds = Bounds.within(moment, moment + WIDTH.get(spec.precision, TICK) - TICK)
    elif spec.anchor is not None:
        if anchor is None:
            raise TimeError(f"the anchor {spec.anchor} has no time")
        bounds = anchor.shifted(spec.offset or dt.timedelta(0))
    elif spec.start is not None:
        bounds = Bounds.within(aware(spec.start.earliest), aware(spec.start.latest))
    else:  # the model refuses this
        raise TimeError("no time given")
    if spec.start is not None:
        bounds = replace(
            bounds,
            start_earliest=aware(spec.start.earliest),
            start_latest=aware(spec.start.latest),
        )
    if spec.end is not None:
        bounds = replace(
            bounds, end_earliest=aware(spec.end.earliest), end_latest=aware(spec.end.latest)
        )
    if bounds.end_latest < bounds.start_earliest:
        raise TimeError("the end is before the start")
    return bounds
