"""Times a facts file anchors on facts outside it ("a day after the call" another source
told): read from the graph before planning, with their precision and whether they are
external, so the file's times derive from them as from its own."""

from __future__ import annotations

import datetime as dt
from typing import LiteralString, TypedDict, cast

from graph.domain.bounds import Bounds
from graph.ingest.facts.models import ConductSpec, FactsFile
from graph.ingest.facts.parse import Parsed
from graph.ingest.facts.plan import KnownTime
from graph.ingest.facts.time_spec import TimeSpec
from graph.store.database import Database

TIMES: LiteralString = """
UNWIND $ids AS id
MATCH (n:Entity {id: id}) WHERE n.startEarliest IS NOT NULL
RETURN n.id AS id, n.startEarliest AS startEarliest, n.startLatest AS startLatest,
       n.endEarliest AS endEarliest, n.endLatest AS endLatest,
       n.timePrecision AS precision, n.timeExternal AS external,
       n.timeExternalBecause AS because, n.retracted IS NOT NULL AS retracted
"""


class TimeRow(TypedDict):
    id: str
    startEarliest: dt.datetime
    startLatest: dt.datetime
    endEarliest: dt.datetime
    endLatest: dt.datetime
    precision: str | None
    external: bool | None
    because: str | None
    retracted: bool


def specs(facts: FactsFile) -> list[TimeSpec]:
    """Every time a file says."""
    found: list[TimeSpec] = []
    for group in (facts.events, facts.statements, facts.agreements, facts.attacks):
        found += [item.time for item in group if item.time is not None]
    for agreement in facts.agreements:
        found += [t for t in (agreement.in_force_from, agreement.expires) if t is not None]
    conducts: list[ConductSpec] = [s.conduct for s in facts.statements if s.conduct is not None]
    found += [c.during for c in conducts if c.during is not None]
    return found


def outside_anchors(documents: list[Parsed]) -> list[str]:
    """Anchors that no file of the load defines a time for."""
    own = set()
    wanted = set()
    for parsed in documents:
        if parsed.facts is None:
            continue
        facts = parsed.facts
        for group in (facts.events, facts.statements, facts.agreements, facts.attacks):
            own |= {item.id for item in group if item.time is not None}
        wanted |= {spec.anchor for spec in specs(facts) if spec.anchor is not None}
    return sorted(wanted - own)


def known_time(row: TimeRow) -> KnownTime:
    because = row["because"] if row["external"] else None
    if row["retracted"]:
        because = "was retracted"
    bounds = Bounds(row["startEarliest"], row["startLatest"], row["endEarliest"], row["endLatest"])
    return KnownTime(bounds, row["precision"] or "day", because)


async def graph_times(database: Database, documents: list[Parsed]) -> dict[str, KnownTime]:
    """The graph's times of the anchors the files name but do not define."""
    ids = outside_anchors(documents)
    if not ids:
        return {}
    rows = cast(list[TimeRow], await database.read(TIMES, ids=ids))
    return {row["id"]: known_time(row) for row in rows}
