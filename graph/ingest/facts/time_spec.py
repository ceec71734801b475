"""How a facts file says when: the words, and what they imply as earliest/latest bounds on a
start and an end, read in a time zone, with any part the document does not give marked as
supplied from outside (graph/ingest/facts/times.py turns these into bounds)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from graph.domain.vocabulary import Precision
from graph.ingest.facts.fields import Evidenced, Id, Strict, Text


class Bounds(Strict):
    earliest: dt.datetime
    latest: dt.datetime

    @model_validator(mode="after")
    def ordered(self) -> Bounds:
        if (self.earliest.tzinfo is None) != (self.latest.tzinfo is None):
            raise ValueError(
                "give both bounds with an offset, or both without one (then they are read in "
                "the time's zone)"
            )
        if self.latest < self.earliest:
            raise ValueError("latest is before earliest")
        return self


def known_zone(name: str) -> str:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{name!r} is not an IANA time zone (e.g. Europe/Kyiv)") from None
    return name


Zone = Annotated[
    str,
    AfterValidator(known_zone),
    Field(description="An IANA time zone: Europe/Kyiv, America/New_York, UTC."),
]
TimePart = Literal["year", "month", "day", "date", "time", "zone"]


class Supplied(Strict):
    """Parts of a time the document does not give, and the outside source that gives them."""

    parts: list[TimePart] = Field(min_length=1, description="What comes from outside: year, ...")
    source: Id = Field(description="A source of kind 'external'.")
    note: Text | None = None


class TimeSpec(Evidenced):
    """When: what the source says, and the bounds it implies (earliest/latest start and end).
    Dates and times without an offset are read in `zone` (default: the file's `timezone`),
    so "19 March" is the local day there, in UTC bounds."""

    text: Text = Field(description="The time as the source words it: 'overnight', 'March 11'.")
    date: dt.date | None = Field(
        None, description="A calendar date; with precision 'day' by default."
    )
    at: dt.datetime | None = Field(None, description="An exact moment, with its time zone.")
    anchor: Id | None = Field(None, description="A timed fact this time is relative to.")
    offset: dt.timedelta | None = Field(
        None, description="ISO 8601 duration after the anchor, e.g. P1D ('a day after')."
    )
    start: Bounds | None = Field(None, description="Explicit bounds on the start.")
    end: Bounds | None = Field(None, description="Explicit bounds on the end.")
    precision: Precision | None = Field(
        None, description="Default: day for a date, minute for `at`, the anchor's for an anchor."
    )
    zone: Zone | list[Zone] | None = Field(
        None,
        description="Where the words were meant: local times and dates are read there (several "
        "zones: the bounds cover each). Default: the file's timezone.",
    )
    supplied: Supplied | None = Field(
        None,
        description="Parts of this time from outside the document (a year the report leaves "
        "out): the time is then marked external, and so is every time anchored on it.",
    )

    @model_validator(mode="after")
    def one_way_of_saying_when(self) -> TimeSpec:
        ways = [self.date is not None, self.at is not None, self.anchor is not None]
        if sum(ways) > 1:
            raise ValueError("give only one of date, at and anchor")
        if sum(ways) == 0 and self.start is None:
            raise ValueError("give one of date, at, anchor or start")
        if self.offset is not None and self.anchor is None:
            raise ValueError("offset needs an anchor")
        return self
