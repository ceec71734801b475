"""Times: dates in the text ("on March 11"), the publication's day and night ("on Friday",
"overnight"), and relative words ("a day after the phone call", "following the
conversation") anchored on an event of the text (events.py) or of the graph.

NGEC's date cases (NOTES §8): "overnight" is the night before publication; a weekday naming
the publication day is that day, else the latest one before it; "the day after the vote" stays
tied to the vote (an anchor), never turned into a date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from draft.context import Context
from draft.report import MONTH, month_number
from draft.text import Span

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
DATE = re.compile(
    r"\b(?:on )?(?:the night of )?(?:(?P<m1>" + MONTH + r")\.? (?P<d1>\d{1,2})(?:st|nd|rd|th)?"
    r"|(?P<d2>\d{1,2}) (?P<m2>" + MONTH + r"))(?:,? (?P<y>\d{4}))?\b"
)
WEEKDAY = re.compile(r"\b(?:on |last |this )?(?P<day>Monday|Tuesday|Wednesday|Thursday|"
                     r"Friday|Saturday|Sunday)(?: (?P<part>morning|evening|night))?\b")  # fmt: skip
OVERNIGHT = re.compile(r"\b(?:overnight|last night|during the night|on the night)\b", re.I)
# "on the night of 18-19 March", "the night of March 18 to 19"
NIGHT_OF = re.compile(
    r"\b(?:on )?the night of (?:(?P<d1>\d{1,2})(?:-|\u2013| to )(?P<d2>\d{1,2}) (?P<m1>"
    + MONTH
    + r")|(?P<m2>"
    + MONTH
    + r") (?P<d3>\d{1,2})(?:-|\u2013| to )(?P<d4>\d{1,2}))"
    r"(?:,? (?P<y>\d{4}))?\b"
)
YESTERDAY = re.compile(r"\byesterday\b", re.I)
EVENT_WORDS = r"(?:phone call|call|conversation|talks|meeting|summit|negotiations)"
RELATIVE = re.compile(
    r"\b(?:(?:just|only) )?(?P<n>a|one|two|three|four|five) (?P<unit>day|days|week|weeks)"
    r" (?P<dir>after|before) (?:the|a|their|his) (?P<what>[\w-]+ )?(?P<event>" + EVENT_WORDS + r")"
    r"|\b(?:[Ff]ollowing|[Aa]fter) the (?P<what2>[\w-]+ )?(?P<event2>" + EVENT_WORDS + r")"
    r"|\b(?P<during>during which|during the (?:call|conversation|talks))"
    r"|\b(?:just |only |a few |several )?(?P<hours>hours|minutes) (?:after|following) "
    r"(?:the|a|their|his) (?P<what3>[\w-]+ )?(?P<event3>" + EVENT_WORDS + r")"
)
KINDS = {"talks": "talks", "meeting": "meeting", "summit": "summit"}


def publication(ctx: Context, words: str) -> dict[str, Any] | None:
    """The publication day as a time: quoted from the date line, or from outside."""
    day = ctx.report.published
    if day is None:
        return None
    spec: dict[str, Any] = {"text": words, "date": day, "precision": "day"}
    if ctx.report.published_quote:
        spec["quotes"] = [ctx.report.published_quote]
    else:
        spec["source"] = publication_source(ctx)
        spec["note"] = "The report's publication date, given to the drafting command."
    return spec


def publication_source(ctx: Context) -> str:
    return ctx.external_source(
        "publication",
        f"Publication details of {ctx.report.title}",
        "The publication date given to `deedgraph draft` (--published); the text itself "
        "carries no date line.",
    )


def supplied_year(ctx: Context) -> dict[str, Any]:
    return {
        "parts": ["year"],
        "source": publication_source(ctx),
        "note": "The year of the report's publication date; the words give none.",
    }


def in_sentence(ctx: Context, span: Span) -> dict[str, Any] | None:
    """A time the sentence gives outright, resolved to a date or bounds."""
    words = span.of(ctx.text)
    published = ctx.report.published
    night = night_of(ctx, words)
    if night is not None:
        return night
    m = DATE.search(words)
    if m is not None:
        month = month_number(m["m1"] or m["m2"])
        day = int(m["d1"] or m["d2"])
        if m["y"] or published is not None:
            year = int(m["y"]) if m["y"] else _year(published, month)  # type: ignore[arg-type]
            try:
                date = dt.date(year, month, day)
            except ValueError:
                return None
            spec: dict[str, Any] = {
                "text": m.group(0), "date": date, "precision": "day", "quotes": [m.group(0)]
            }  # fmt: skip
            if not m["y"]:
                spec["supplied"] = supplied_year(ctx)
            return spec
    if published is None:
        return None
    m = WEEKDAY.search(words)
    if m is not None:
        back = (published.weekday() - WEEKDAYS.index(m["day"].lower())) % 7
        spec = {
            "text": m.group(0),
            "date": published - dt.timedelta(days=back),
            "quotes": [m.group(0)],
        }
        if not ctx.report.published_quote:
            spec["supplied"] = {
                "parts": ["date"], "source": publication_source(ctx),
                "note": f"The {m['day']} on or before the publication date.",
            }  # fmt: skip
        return spec
    m = OVERNIGHT.search(words)
    if m is not None:
        return night_before(ctx, m.group(0))
    m = YESTERDAY.search(words)
    if m is not None:
        spec = {
            "text": m.group(0),
            "date": published - dt.timedelta(days=1),
            "quotes": [m.group(0)],
        }
        if not ctx.report.published_quote:
            spec["supplied"] = {"parts": ["date"], "source": publication_source(ctx)}
        return spec
    return None


def night_before(ctx: Context, words: str) -> dict[str, Any] | None:
    published = ctx.report.published
    if published is None:
        return None
    evening = dt.datetime.combine(published - dt.timedelta(days=1), dt.time(18, 0))
    morning = dt.datetime.combine(published, dt.time(9, 0))
    spec: dict[str, Any] = {
        "text": f"{words} (the night before publication)",
        "start": {"earliest": evening, "latest": morning},
        "end": {"earliest": evening, "latest": morning},
        "quotes": [words],
    }
    if not ctx.report.published_quote:
        spec["supplied"] = {
            "parts": ["date"], "source": publication_source(ctx),
            "note": "Overnight: the night before the publication date.",
        }  # fmt: skip
    return spec


def night_of(ctx: Context, words: str) -> dict[str, Any] | None:
    """ "The night of 18-19 March": from the first day's evening to the second's morning."""
    m = NIGHT_OF.search(words)
    published = ctx.report.published
    if m is None:
        from draft.nights import night_one

        return night_one(ctx, words)
    if m["y"] is None and published is None:
        return None
    month = month_number(m["m1"] or m["m2"])
    first, second = int(m["d1"] or m["d3"]), int(m["d2"] or m["d4"])
    year = int(m["y"]) if m["y"] else _year(published, month)  # type: ignore[arg-type]
    try:
        evening = dt.datetime.combine(dt.date(year, month, first), dt.time(18, 0))
        morning = dt.datetime.combine(dt.date(year, month, second), dt.time(9, 0))
    except ValueError:
        return None
    if morning <= evening:
        return None
    bounds = {"earliest": evening, "latest": morning}
    spec: dict[str, Any] = {
        "text": m.group(0), "start": bounds, "end": dict(bounds), "quotes": [m.group(0)]
    }  # fmt: skip
    if not m["y"]:
        spec["supplied"] = supplied_year(ctx)
    return spec


def _year(published: dt.date, month: int) -> int:
    """A month later than publication's is last year's ("in December", read in January)."""
    return published.year - 1 if month > published.month + 1 else published.year


def relative(ctx: Context, span: Span) -> tuple[str, dt.timedelta, str] | None:
    """An event the sentence's time is relative to: (event id, offset, the words)."""
    m = RELATIVE.search(span.of(ctx.text))
    if m is None:
        return None
    event = event_for(ctx, m["event"] or m["event2"] or m["event3"] or "call", span)
    if event is None:
        return None
    if m["n"]:
        days = NUMBERS[m["n"]] * (7 if m["unit"].startswith("week") else 1)
        offset = dt.timedelta(days=days if m["dir"] == "after" else -days)
    else:
        offset = dt.timedelta(0)
    return event, offset, m.group(0)


def event_for(ctx: Context, word: str, span: Span) -> str | None:
    """The event a word names: the latest one of that kind drafted, else the graph's."""
    kind = "phone_call" if word in ("call", "phone call", "conversation") else KINDS.get(word)
    drafted = [e for e in ctx.facts["events"].values() if e.get("kind") == kind]
    if drafted:
        return str(drafted[-1]["id"])
    return graph_event(ctx, kind)


def graph_event(ctx: Context, kind: str | None) -> str | None:
    published = ctx.report.published
    for known in ctx.graph.timed("Event", kind):
        if known.start is None:
            continue
        if published is None or (
            published - dt.timedelta(days=10) <= known.start.date() <= published
        ):
            ctx.in_graph.add(known.id)
            return known.id
    return None


def time_for(ctx: Context, span: Span, fallback: str | None = None) -> dict[str, Any] | None:
    """A fact's time from its sentence: relative to an event with a time, else the sentence's
    own, else anchored on `fallback` (a fact of this draft), else the publication day."""
    rel = relative(ctx, span)
    if rel is not None:
        event, offset, words = rel
        if event in ctx.in_graph or "time" in ctx.facts["events"].get(event, {}):
            spec: dict[str, Any] = {"text": words, "anchor": event, "quotes": [words]}
            if offset:
                spec["offset"] = offset
            return spec
    own = in_sentence(ctx, span)
    if own is not None:
        return own
    if fallback is not None:
        return {"text": "as the report tells it", "anchor": fallback, "quotes": []}
    return publication(ctx, "the day of the report")


def undated(ctx: Context) -> dict[str, Any]:
    """No words, no date, no graph: bounds a reviewer must replace, from outside."""
    latest = dt.datetime.combine(ctx.report.published or dt.date.today(), dt.time(23, 59))
    return {
        "text": "not stated in the report",
        "start": {"earliest": latest - dt.timedelta(days=365), "latest": latest},
        "source": ctx.external_source(
            "undated",
            "The drafting command's placeholder for times the report does not give",
            "No date, publication date or known event to anchor on: the year before the "
            "drafting (or publication) day. A reviewer replaces it.",
        ),
        "note": "Placeholder bounds: the report gives no time for this fact.",
    }
