"""Tallies of attacks and events by place: a box counted in grid cells without reading every
event (graph/queries/density.py).

Counting the attacks over Ukraine at 10^6 events read every attack in the box and grouped
them by attack, to count one with several places once: 4.5 s on the 2-core bench machine.
Most map questions have no filter (the whole map, panned and zoomed), and for them the
answer depends only on how many attacks of each kind and category stand at each place. So
those counts are read once (one row per place, kind and category: 6,912 rows at 10^6) with
the few events that stand at more than one place, and kept until the graph changes; each
box and zoom is then summed from the places inside it, in Python.

Kept while `changes.mark()` (read on every question, one indexed read) is the mark they were
read at (the log's epoch and the number of its last change: a graph emptied and written
again numbers from 1 in a new epoch), and for FRESH_FOR seconds at most: writes that bypass
the change log (Cypher sent by other tools, `deedgraph generate`, a backup restored and
written again to the same number) are seen when that runs out.
"""

from __future__ import annotations

import asyncio
import math
import time
import weakref
from dataclasses import dataclass
from typing import LiteralString, cast

from graph.domain.areas import Box
from graph.store import changes
from graph.store.database import Database

FRESH_FOR = 300.0  # seconds

# Only kept places with a point can lie in a box (point.withinBBox of null is null).
PLACES: dict[str, LiteralString] = {
    label: "MATCH (l:Location) WHERE l.point IS NOT NULL AND l.retracted IS NULL "
    "CALL (l) { MATCH (n:" + label + ")-[:AT]->(l) WHERE n.retracted IS NULL "
    "RETURN n.kind AS kind, n.category AS category, count(*) AS events } "
    "RETURN collect([l.point.y, l.point.x, kind, category, events]) AS rows"
    for label in ("Attack", "Event")
}
# Measured at 10^6: the degree test reads no place, 0.8 s for every attack.
SHARED: dict[str, LiteralString] = {
    label: "MATCH (n:" + label + ") WHERE n.retracted IS NULL AND COUNT { (n)-[:AT]->() } > 1 "
    "MATCH (n)-[:AT]->(l:Location) WHERE l.point IS NOT NULL AND l.retracted IS NULL "
    "WITH n, collect([l.point.y, l.point.x]) AS points WHERE size(points) > 1 "
    "RETURN collect([n.kind, n.category, points]) AS rows"
    for label in ("Attack", "Event")
}

Row = list[object]  # [row, col, kind, category, events, latitudes, longitudes], as density's


@dataclass(frozen=True)
class PlaceCount:
    latitude: float
    longitude: float
    kind: str | None
    category: str | None
    events: int


@dataclass(frozen=True)
class Shared:
    """An event at several places: counted at each of them in PLACES, once in a box."""

    kind: str | None
    category: str | None
    points: list[tuple[float, float]]  # (latitude, longitude)


@dataclass(frozen=True)
class Tallies:
    mark: tuple[str | None, int]  # changes.mark() when read
    read_at: float  # time.monotonic()
    places: list[PlaceCount]
    shared: list[Shared]


def inside(latitude: float, longitude: float, box: Box) -> bool:
    """point.withinBBox's reading of a box, edges included, across the 180th meridian when
    its west edge is east of its east edge."""
    if not box.south <= latitude <= box.north:
        return False
    if box.west <= box.east:
        return box.west <= longitude <= box.east
    return longitude >= box.west or longitude <= box.east


def cell_of(latitude: float, longitude: float, degrees: float) -> tuple[int, int]:
    """The same arithmetic as density's Cypher, so a place falls in the same cell."""
    return math.floor((latitude + 90.0) / degrees), math.floor((longitude + 180.0) / degrees)


class TallyKeeper:
    """Tallies for one database, read again when the change log has moved."""

    def __init__(self) -> None:
        self.kept: dict[str, Tallies] = {}
        self.locks: dict[str, asyncio.Lock] = {}

    async def of(self, database: Database, label: str) -> Tallies:
        mark = await changes.mark(database)
        found = self.kept.get(label)
        if found is not None and found.mark == mark and _fresh(found):
            return found
        async with self.locks.setdefault(label, asyncio.Lock()):
            found = self.kept.get(label)  # read by another question meanwhile
            if found is None or found.mark != mark or not _fresh(found):
                found = await _read(database, label, mark)
                self.kept[label] = found
        return found


def _fresh(tallies: Tallies) -> bool:
    return time.monotonic() - tallies.read_at < FRESH_FOR


async def _read(database: Database, label: str, mark: tuple[str | None, int]) -> Tallies:
    started = time.monotonic()
    places = [
        PlaceCount(cast(float, y), cast(float, x), _text(kind), _text(category), cast(int, events))
        for y, x, kind, category, events in cast(
            list[list[object]], await database.read_list(PLACES[label])
        )
    ]
    shared = [
        Shared(
            _text(kind),
            _text(category),
            [(cast(float, p[0]), cast(float, p[1])) for p in cast(list[list[object]], points)],
        )
        for kind, category, points in cast(
            list[list[object]], await database.read_list(SHARED[label])
        )
    ]
    return Tallies(mark, started, places, shared)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


_keepers: weakref.WeakKeyDictionary[Database, TallyKeeper] = weakref.WeakKeyDictionary()


async def rows_in(database: Database, label: str, box: Box, degrees: float) -> list[Row]:
    """The box's cells as density's query returns them: one row per cell, kind and category
    with the count and the sums of latitudes and longitudes."""
    return summed(
        await _keepers.setdefault(database, TallyKeeper()).of(database, label), box, degrees
    )


def summed(tallies: Tallies, box: Box, degrees: float) -> list[Row]:
    """rows_in's answer from tallies already read."""
    sums: dict[tuple[int, int, str | None, str | None], list[float]] = {}

    def add(lat: float, lon: float, kind: str | None, category: str | None, n: int) -> None:
        found = sums.setdefault((*cell_of(lat, lon, degrees), kind, category), [0, 0.0, 0.0])
        found[0] += n
        found[1] += lat * n
        found[2] += lon * n

    for place in tallies.places:
        if inside(place.latitude, place.longitude, box):
            add(place.latitude, place.longitude, place.kind, place.category, place.events)
    for event in tallies.shared:  # counted at each of its places in the box: keep the first
        for latitude, longitude in [p for p in event.points if inside(*p, box)][1:]:
            add(latitude, longitude, event.kind, event.category, -1)
    return [
        [row, col, kind, category, int(n), latitudes, longitudes]
        for (row, col, kind, category), (n, latitudes, longitudes) in sums.items()
        if n > 0
    ]
