"""Turn what a source says about time into earliest/latest bounds (UTC) on a start and an end.

People speak in local time: a date, a naive moment and a relative time ("a day after") are read
in the time's zone (or the file's), and the bounds cover everything the words allow there.
An anchor's bounds are shifted by the offset on the local clock, so "a day after" is the next
local day even across a change to summer time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

from graph.domain.bounds import TICK, WIDTH, Bounds
from graph.domain.zones import local_period_utc
from graph.ingest.facts.time_spec import TimeSpec

UTC = dt.UTC


class TimeError(ValueError):
    pass


def zones(spec: TimeSpec, default: str | None) -> tuple[str, ...]:
    """The zones the words are read in: the time's own, else the file's, else UTC."""
    given = spec.zone if spec.zone is not None else default
    if given is None:
        return ("UTC",)
    return tuple(given) if isinstance(given, list) else (given,)


def precision_of(spec: TimeSpec, anchor: Bounds | None, anchored: str | None) -> str:
    if spec.precision is not None:
        return spec.precision
    if spec.at is not None:
        return "minute"
    if spec.anchor is not None and anchored is not None:
        return anchored
    return "day"


def local(moment: dt.datetime, zone: str) -> dt.datetime:
    """A moment with an offset as given; one without, on the local clock of `zone`."""
    if moment.tzinfo is not None:
        return moment.astimezone(UTC)
    return moment.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def spread(moment: dt.datetime, where: tuple[str, ...]) -> tuple[dt.datetime, dt.datetime]:
    """The earliest and latest UTC instants a wall-clock moment can be in any of the zones."""
    found = [local(moment, zone) for zone in where]
    return min(found), max(found)


def shifted(bounds: Bounds, offset: dt.timedelta, where: tuple[str, ...]) -> Bounds:
    """Each bound moved by `offset` on the local clock of each zone (the widest result)."""

    def earliest(moment: dt.datetime) -> dt.datetime:
        return min((moment.astimezone(ZoneInfo(z)) + offset).astimezone(UTC) for z in where)

    def latest(moment: dt.datetime) -> dt.datetime:
        return max((moment.astimezone(ZoneInfo(z)) + offset).astimezone(UTC) for z in where)

    return Bounds(
        earliest(bounds.start_earliest),
        latest(bounds.start_latest),
        earliest(bounds.end_earliest),
        latest(bounds.end_latest),
    )


def resolve(
    spec: TimeSpec,
    anchor: Bounds | None,
    default_zone: str | None = None,
    anchored_precision: str | None = None,
) -> Bounds:
    where = zones(spec, default_zone)
    precision = precision_of(spec, anchor, anchored_precision)
    if spec.date is not None:
        bounds = Bounds.within(*local_period_utc(spec.date, precision, where))
    elif spec.at is not None:
        first, last = spread(spec.at, where)
        bounds = Bounds.within(first, last + WIDTH.get(precision, TICK) - TICK)
    elif spec.anchor is not None:
        if anchor is None:
            raise TimeError(f"the anchor {spec.anchor} has no time")
        bounds = shifted(anchor, spec.offset or dt.timedelta(0), where)
    elif spec.start is not None:
        bounds = Bounds.within(
            spread(spec.start.earliest, where)[0], spread(spec.start.latest, where)[1]
        )
    else:  # the model refuses this
        raise TimeError("no time given")
    if spec.start is not None:
        bounds = replace(
            bounds,
            start_earliest=spread(spec.start.earliest, where)[0],
            start_latest=spread(spec.start.latest, where)[1],
        )
    if spec.end is not None:
        bounds = replace(
            bounds,
            end_earliest=spread(spec.end.earliest, where)[0],
            end_latest=spread(spec.end.latest, where)[1],
        )
    if bounds.end_latest < bounds.start_earliest:
        raise TimeError("the end is before the start")
    return bounds
