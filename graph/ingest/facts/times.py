"""Turn what a source says about time into earliest/latest bounds on start and end."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from graph.domain.bounds import TICK, WIDTH, Bounds, aware, period
from graph.ingest.facts.models import TimeSpec


class TimeError(ValueError):
    pass


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
