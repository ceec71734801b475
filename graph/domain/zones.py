"""Local calendar dates turned into UTC bounds, through the time zones of a country.

ACLED's event_date is the local calendar date where the event happened, so "19 March 2025"
in Ukraine is 2025-03-18T22:00Z .. 2025-03-19T21:59:59.999999Z, not the UTC day. A
country with several zones gets the union over them: the earliest local midnight to the
latest, which is what "somewhere in Russia on that date" can mean.

Zones per country come from tzdata's zone.tab (one country a line; it lists every zone
used in a country, e.g. UA: Europe/Kyiv and Europe/Simferopol), with zone1970.tab filling
in any country zone.tab lacks. Bounds follow graph's period convention: start at the first
instant, end at the last microsecond (exclusive end minus 1 µs).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib.resources import files
from zoneinfo import ZoneInfo

UTC = dt.UTC
TICK = dt.timedelta(microseconds=1)
DAY = dt.timedelta(days=1)
FALLBACK = ("UTC",)
# Codes ACLED uses that tzdata's tables do not list (Kosovo keeps Belgrade's time).
EXTRA_ZONES = {"XK": ("Europe/Belgrade",)}


@cache
def zone_table() -> dict[str, tuple[str, ...]]:
    """Country code -> its zones, in tzdata's order."""
    table: dict[str, list[str]] = {}
    for codes, name in read_tab("zone.tab"):
        table.setdefault(codes, []).append(name)
    listed = set(table)
    for codes, name in read_tab("zone1970.tab"):
        for code in codes.split(","):
            if code not in listed and name not in table.setdefault(code, []):
                table[code].append(name)
    found = {code: tuple(dict.fromkeys(names)) for code, names in table.items()}
    return {**EXTRA_ZONES, **found}


def read_tab(name: str) -> list[tuple[str, str]]:
    """(country codes, zone name) rows of a tzdata .tab file; a missing file gives none."""
    resource = files("tzdata.zoneinfo") / name
    if not resource.is_file():
        return []
    rows = []
    for line in resource.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            columns = line.split("\t")
            if len(columns) >= 3:
                rows.append((columns[0], columns[2]))
    return rows


def country_zones(alpha2: str) -> tuple[str, ...]:
    """The IANA zones of a country (ISO 3166-1 alpha-2, any case); () when unknown."""
    return zone_table().get(alpha2.strip().upper(), ())


def zones_for(alpha2: str | None) -> tuple[str, ...]:
    """The zones of a country, or ("UTC",) when the country is missing or unknown."""
    return (country_zones(alpha2) if alpha2 else ()) or FALLBACK


def local_span(day: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """The local dates [first, after) a date stands for; weeks are coded at mid-period."""
    if precision in ("day", "hour", "minute"):  # a bare date cannot be finer than a day
        return day, day + DAY
    if precision == "week":
        return day - dt.timedelta(days=3), day + dt.timedelta(days=4)
    if precision == "month":
        first = day.replace(day=1)
        return first, (first + dt.timedelta(days=32)).replace(day=1)
    if precision == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year + 1, 1, 1)
    raise ValueError(f"unknown precision {precision!r}")


def day_start(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """The first UTC instant whose local date in `zone` is `day`."""
    midnight = dt.datetime.combine(day, dt.time(), tzinfo=zone)
    earlier, later = sorted((midnight.astimezone(UTC), midnight.replace(fold=1).astimezone(UTC)))
    if earlier.astimezone(zone).date() == day:  # midnight exists; if twice, the first
        return earlier
    # Midnight is skipped by a DST jump (America/Santiago springs forward at 24:00): the
    # day begins at the jump, which lies between the two readings of midnight.
    while later - earlier > TICK:
        middle = earlier + (later - earlier) // 2
        if middle.astimezone(zone).date() < day:
            earlier = middle
        else:
            later = middle
    return later


def local_period_utc(
    day: dt.date, precision: str, zones: tuple[str, ...]
) -> tuple[dt.datetime, dt.datetime]:
    """UTC [earliest, latest] of a local date at a precision, united over `zones`.

    precision: "day" (also "hour"/"minute": a date alone means its day), "week" (day-3 ..
    day+3, ACLED's mid-period coding), "month" or "year"; others raise ValueError, as does
    an empty `zones`. A DST day is 23 or 25 hours long; an unknown zone name raises
    zoneinfo.ZoneInfoNotFoundError.
    """
    if not zones:
        raise ValueError("no time zones given; zones_for() gives ('UTC',) for unknowns")
    first, after = local_span(day, precision)
    tzs = [ZoneInfo(name) for name in zones]
    earliest = min(day_start(first, tz) for tz in tzs)
    latest = max(day_start(after, tz) for tz in tzs) - TICK
    return earliest, latest


def local_day_utc(day: dt.date, zone: str) -> tuple[dt.datetime, dt.datetime]:
    """UTC [earliest, latest] of one local day in one zone."""
    return local_period_utc(day, "day", (zone,))
