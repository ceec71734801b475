"""What to export, read from named text parameters: the HTTP query string (api/exports.py)
and the CLI's options (deedgraph export) are the same names, checked here once, each problem
said by its parameter's name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, cast, get_args

from graph.errors import BadInputError
from graph.export import subgraph
from graph.export.subgraph import Subgraph
from graph.export.tables import Table
from graph.queries.listing import ListFilter, TimeMode
from graph.store.database import Database

What = Literal["neighborhood", "path", "attacks"]
Format = Literal["graphml", "cytoscape", "csv"]
PARAMETERS: dict[str, tuple[str, ...]] = {
    "neighborhood": ("id", "depth", "limit"),
    "path": ("from", "to", "maxHops"),
    "attacks": (
        "actor",
        "location",
        "start",
        "end",
        "timeMode",
        "kind",
        "category",
        "targetCategory",
        "limit",
    ),
}
COMMON = ("format", "table")


@dataclass(frozen=True)
class Ask:
    what: What
    format: Format
    table: Table
    id: str = ""
    to: str = ""
    depth: int = 1
    hops: int = 4
    limit: int = 100
    filter: ListFilter = field(default_factory=ListFilter)


def _whole(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    given = params.get(name)
    if given is None:
        return default
    try:
        value = int(given)
    except ValueError:
        raise BadInputError(f"{name}: must be a whole number, got {given!r}") from None
    if not low <= value <= high:
        raise BadInputError(f"{name}: must be between {low} and {high}, got {value}")
    return value


def _required(params: Mapping[str, str], name: str) -> str:
    value = params.get(name, "").strip()
    if not value:
        raise BadInputError(f"{name}: is required")
    return value


def _moment(params: Mapping[str, str], name: str, *, end: bool) -> dt.datetime | None:
    """An ISO 8601 moment with its offset, or a date: that whole day in UTC."""
    given = params.get(name)
    if given is None:
        return None
    try:
        if len(given) == 10:
            day = dt.date.fromisoformat(given)
            moment = dt.datetime.combine(day, dt.time.max if end else dt.time.min, dt.UTC)
        else:
            moment = dt.datetime.fromisoformat(given)
    except ValueError:
        raise BadInputError(f"{name}: not an ISO 8601 date or moment: {given!r}") from None
    if moment.tzinfo is None:
        raise BadInputError(f"{name}: give the offset, e.g. {given}Z or {given}+02:00")
    return moment


def _choice(params: Mapping[str, str], name: str, allowed: tuple[str, ...], default: str) -> str:
    value = params.get(name, default)
    if value not in allowed:
        raise BadInputError(f"{name}: must be one of {', '.join(allowed)}; got {value!r}")
    return value


def parse(what: str, params: Mapping[str, str], max_page: int, max_rows: int) -> Ask:
    if what not in PARAMETERS:
        raise BadInputError(f"export: can be {', '.join(PARAMETERS)}; not {what!r}")
    unknown = sorted(set(params) - set(PARAMETERS[what]) - set(COMMON))
    if unknown:
        raise BadInputError(
            f"{unknown[0]}: not a parameter of a {what} export "
            f"(it takes {', '.join(PARAMETERS[what] + COMMON)})"
        )
    format = cast(Format, _choice(params, "format", get_args(Format), "cytoscape"))
    tables = ("attacks", "nodes", "edges") if what == "attacks" else ("nodes", "edges")
    table = cast(Table, _choice(params, "table", tables, tables[0]))
    kind = cast(What, what)
    if kind == "neighborhood":
        depth = _whole(params, "depth", 1, 1, 3)
        limit = _whole(params, "limit", 100, 1, max_page)
        return Ask(kind, format, table, id=_required(params, "id"), depth=depth, limit=limit)
    if kind == "path":
        hops = _whole(params, "maxHops", 4, 1, 6)
        ends = _required(params, "from"), _required(params, "to")
        return Ask(kind, format, table, id=ends[0], to=ends[1], hops=hops)
    start, end = _moment(params, "start", end=False), _moment(params, "end", end=True)
    if start and end and end < start:
        raise BadInputError("end: is before start")
    filter = ListFilter(
        start=start,
        end=end,
        time_mode=cast(TimeMode, _choice(params, "timeMode", get_args(TimeMode), "possibly")),
        actor=params.get("actor"),
        location=params.get("location"),
        kind=params.get("kind"),
        category=params.get("category"),
        target_category=params.get("targetCategory"),
    )
    limit = _whole(params, "limit", min(1000, max_rows), 1, max_rows)
    return Ask(kind, format, table, limit=limit, filter=filter)


def described(params: Mapping[str, str]) -> str:
    """A list's filter in words, for the export's title."""
    said = [f"{name} {params[name]}" for name in PARAMETERS["attacks"] if name in params]
    return ("with " + ", ".join(said)) if said else "(all)"


async def gather(database: Database, ask: Ask, params: Mapping[str, str]) -> Subgraph:
    if ask.what == "neighborhood":
        return await subgraph.neighbourhood(database, ask.id, ask.depth, ask.limit)
    if ask.what == "path":
        return await subgraph.path(database, ask.id, ask.to, ask.hops)
    return await subgraph.attacks(database, ask.filter, ask.limit, described(params))
