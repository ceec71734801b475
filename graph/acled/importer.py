"""Write ACLED events to Neo4j in UNWIND batches; a newer `timestamp` replaces an older row."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, LiteralString

import neo4j
from neo4j.spatial import WGS84Point

from graph.acled.rows import BadRow, Event, read, slug
from graph.database import Database, run_in
from graph.errors import DeedgraphError
from graph.loader import create_relationships

DATASET = "source:acled"
EVENT_LABELS: dict[str, LiteralString] = {
    "Attack": "Attack",
    "Interception": "Interception",
    "Agreement": "Agreement",
}
RELATIONSHIPS: tuple[LiteralString, ...] = (
    "CARRIED_OUT_BY",
    "AGAINST",
    "HAS_PARTY",
    "AT",
    "SUPPORTED_BY",
    "HAS_FIGURE",
)


def merge_new(label: LiteralString) -> LiteralString:
    """Places, actors and sources are shared by many events: created once, never overwritten."""
    return (
        "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) ON CREATE SET n += row.props, n:" + label
    )


LINK_PLACES: LiteralString = """
UNWIND $rows AS row
MATCH (l:Entity {id: row.id}), (p:Entity {id: row.within})
MERGE (l)-[:WITHIN]->(p)
"""
CLEAR_OUTGOING: LiteralString = "UNWIND $ids AS id MATCH (:Entity {id: id})-[r]->() DELETE r"
MERGE_FIGURES: LiteralString = """
UNWIND $rows AS row
MERGE (f:Entity {id: row.id})
SET f = row.props, f:Figure
"""


def merge_events(label: LiteralString) -> LiteralString:
    # Only a row at least as new as the stored one replaces it.
    return (
        "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) "
        "WITH n, row WHERE n.acledTimestamp IS NULL "
        "OR n.acledTimestamp <= row.props.acledTimestamp "
        "SET n = row.props SET n:" + label + ", "
        # Times travel as epoch milliseconds: packing Python datetimes cost more than the rest.
        "n.startEarliest = datetime({epochMillis: row.start}), "
        "n.startLatest = datetime({epochMillis: row.end}), "
        "n.endEarliest = datetime({epochMillis: row.start}), "
        "n.endLatest = datetime({epochMillis: row.end}) "
        "RETURN n.id AS id"
    )


class AcledImportError(DeedgraphError):
    def __init__(self, bad: list[tuple[Path, BadRow]]) -> None:
        self.bad = bad
        super().__init__(f"{len(bad)} bad row(s); nothing was imported (--strict)")


@dataclass
class Summary:
    rows: int = 0
    written: int = 0
    stale: int = 0
    not_modelled: int = 0
    bad: list[tuple[Path, BadRow]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def epoch_millis(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1000)


@dataclass
class Batch:
    """One batch of events as rows for each statement."""

    places: dict[str, dict[str, Any]] = field(default_factory=dict)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    figures: dict[str, dict[str, Any]] = field(default_factory=dict)
    links: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def link(self, type: str, start: str, end: str, **props: Any) -> None:
        self.links.setdefault(type, []).append({"start": start, "end": end, "props": props})

    def add(self, event: Event) -> None:
        for place in event.places:
            point = None
            if place.latitude is not None and place.longitude is not None:
                point = WGS84Point((place.longitude, place.latitude))
            where = {"id": place.id, "name": place.name, "kind": place.kind, "point": point}
            self.places[place.id] = {"id": place.id, "props": where, "within": place.within}
        for ref in event.primary + event.associated + event.opposing:
            who = {"id": ref.id, "name": ref.name, "kind": ref.kind, "acledInter": ref.inter}
            self.actors[ref.id] = {"id": ref.id, "props": who}
        props: dict[str, Any] = {
            **event.props,
            "timeText": event.date_text,
            "timePrecision": event.precision,
            "id": event.id,
            "acledId": event.acled_id,
            "acledTimestamp": event.timestamp,
            "kind": "incident",
            "category": event.category,
        }
        if event.label == "Agreement":
            props.update(kind="other", status="agreed")
        self.events.setdefault(event.label, []).append(
            {
                "id": event.id,
                "props": props,
                "start": epoch_millis(event.start),
                "end": epoch_millis(event.end),
            }
        )
        quote = [str(event.props["description"])] if event.props["description"] else []
        note = "ACLED record" + (f"; cites {', '.join(event.sources)}" if event.sources else "")
        self.link(
            "SUPPORTED_BY",
            event.id,
            DATASET,
            quotes=quote,
            aspect="existence",
            external=False,
            note=note,
        )
        for name in event.sources:
            source_id = "source:acled-cited/" + slug(name)
            self.sources[source_id] = {
                "id": source_id,
                "props": {"id": source_id, "name": name, "title": name, "kind": "report"},
            }
            self.link(
                "SUPPORTED_BY",
                event.id,
                source_id,
                quotes=[],
                aspect="cited",
                external=False,
                note="cited by ACLED",
            )
        self.link("AT", event.id, event.place)
        if event.label == "Agreement":
            for ref in event.primary + event.opposing:
                self.link(
                    "HAS_PARTY",
                    event.id,
                    ref.id,
                    role="accepted",
                    sourceId=DATASET,
                    quotes=quote,
                    external=False,
                )
        else:
            for ref in event.primary:
                self.link("CARRIED_OUT_BY", event.id, ref.id, role="primary")
            for ref in event.associated:
                self.link("CARRIED_OUT_BY", event.id, ref.id, role="associated")
            for ref in event.opposing:
                self.link("AGAINST", event.id, ref.id)
        if event.fatalities is not None and event.label == "Attack":
            figure_id = event.id + "/killed"
            self.figures[figure_id] = {
                "id": figure_id,
                "props": {
                    "id": figure_id,
                    "metric": "killed",
                    "value": event.fatalities,
                    "qualifier": "exact",
                    "attribution": "dataset",
                },
            }
            self.link("HAS_FIGURE", event.id, figure_id)
            self.link(
                "SUPPORTED_BY",
                figure_id,
                DATASET,
                quotes=quote,
                aspect="existence",
                external=False,
                note="ACLED fatalities",
            )


async def write_batch(tx: neo4j.AsyncManagedTransaction, batch: Batch) -> int:
    """Write one batch inside a transaction; the number of events written (not stale)."""
    dataset = {
        "id": DATASET,
        "props": {"id": DATASET, "name": "ACLED", "title": "ACLED", "kind": "dataset"},
    }
    await run_in(tx, merge_new("Source"), rows=[dataset, *batch.sources.values()])
    places = sorted(batch.places.values(), key=lambda row: row["id"].count("/"))
    await run_in(tx, merge_new("Location"), rows=places)
    await run_in(tx, LINK_PLACES, rows=[row for row in places if row["within"]])
    await run_in(tx, merge_new("Actor"), rows=list(batch.actors.values()))
    written: set[str] = set()
    for label, rows in batch.events.items():
        found = await run_in(tx, merge_events(EVENT_LABELS[label]), rows=rows)
        written.update(row["id"] for row in found)
    if not written:
        return 0
    await run_in(tx, CLEAR_OUTGOING, ids=sorted(written))
    figures = [row for id, row in batch.figures.items() if id.rsplit("/", 1)[0] in written]
    if figures:
        await run_in(tx, MERGE_FIGURES, rows=figures)
    figure_ids = {row["id"] for row in figures}
    if figure_ids:
        await run_in(tx, CLEAR_OUTGOING, ids=sorted(figure_ids))
    for type in RELATIONSHIPS:
        rows = [
            row
            for row in batch.links.get(type, [])
            if row["start"] in written or row["start"] in figure_ids
        ]
        if rows:
            await run_in(tx, create_relationships(type), rows=rows)
    return len(written)


def newest(events: Iterable[Event]) -> list[Event]:
    """Within one import, a later row for the same event replaces an earlier, older one."""
    kept: dict[str, Event] = {}
    for event in events:
        current = kept.get(event.id)
        if current is None or event.timestamp >= current.timestamp:
            kept[event.id] = event
    return list(kept.values())


async def import_acled(
    database: Database,
    paths: list[Path],
    strict: bool = False,
    batch_size: int = 5000,
    progress: Callable[[int, int, float], None] | None = None,
) -> Summary:
    summary = Summary()
    started = time.perf_counter()
    events: list[Event] = []
    for path in paths:
        for item in read(path):
            summary.rows += 1
            if isinstance(item, BadRow):
                summary.bad.append((path, item))
            elif item is None:
                summary.not_modelled += 1
            else:
                events.append(item)
    if strict and summary.bad:
        raise AcledImportError(summary.bad)
    events = newest(events)
    batches = [events[i : i + batch_size] for i in range(0, len(events), batch_size)]
    done = 0

    def report(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(done, len(events), time.perf_counter() - started)

    async def write(tx: neo4j.AsyncManagedTransaction, chunk: list[Event]) -> int:
        batch = Batch()
        for event in chunk:
            batch.add(event)
        return await write_batch(tx, batch)

    if strict:  # all or nothing: every batch in one transaction

        async def everything(tx: neo4j.AsyncManagedTransaction) -> int:
            total = 0
            for chunk in batches:
                total += await write(tx, chunk)
                report(len(chunk))
            return total

        summary.written = await database.write_transaction(everything)
    else:
        for chunk in batches:

            async def one(tx: neo4j.AsyncManagedTransaction, chunk: list[Event] = chunk) -> int:
                return await write(tx, chunk)

            summary.written += await database.write_transaction(one)
            report(len(chunk))
    summary.stale = len(events) - summary.written
    summary.seconds = time.perf_counter() - started
    return summary
