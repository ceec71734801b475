"""Nights named by one date: "the night of March 10" may be the night before that day or the
one after it, so its bounds run from the evening before to the morning after. ("The night of
18-19 March" and "overnight" are times.py's.)"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from draft import times
from draft.context import Context
from draft.report import MONTH, month_number

NIGHT_ONE = re.compile(
    r"\b(?:on )?the night of (?:(?P<d1>\d{1,2}) (?P<m1>" + MONTH + r")|(?P<m2>" + MONTH
    + r") (?P<d2>\d{1,2}))(?!\d|-|\u2013| to )(?:,? (?P<y>\d{4}))?\b"
)  # fmt: skip


def night_one(ctx: Context, words: str) -> dict[str, Any] | None:
    """ "The night of March 10": from the evening before that day to the morning after it."""
    m = NIGHT_ONE.search(words)
    published = ctx.report.published
    if m is None or (m["y"] is None and published is None):
        return None
    month = month_number(m["m1"] or m["m2"])
    year = int(m["y"]) if m["y"] else times._year(published, month)  # type: ignore[arg-type]
    try:
        day = dt.date(year, month, int(m["d1"] or m["d2"]))
    except ValueError:
        return None
    bounds = {
        "earliest": dt.datetime.combine(day - dt.timedelta(days=1), dt.time(18, 0)),
        "latest": dt.datetime.combine(day + dt.timedelta(days=1), dt.time(9, 0)),
    }
    spec: dict[str, Any] = {
        "text": f"{m.group(0)} (the night before or after that day)",
        "start": bounds, "end": dict(bounds), "quotes": [m.group(0)],
    }  # fmt: skip
    if not m["y"]:
        spec["supplied"] = times.supplied_year(ctx)
    return spec
