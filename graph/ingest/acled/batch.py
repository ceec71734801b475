"""ACLED events as statement rows: one row per event carrying its links to resolved places and
actors, its targets inferred from the notes, and its local-date bounds in UTC; plus what
resolution added since the previous batch (graph/ingest/acled/pending.py)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import TypedDict

from graph.domain.vocabulary import TARGET_CATEGORIES
from graph.domain.zones import local_period_utc, zones_for
from graph.ingest.acled.gazetteer import Gazetteer
from graph.ingest.acled.pending import Pending
from graph.ingest.acled.roster import Roster
from graph.ingest.acled.rows import Event
from graph.ingest.acled.sources import DATASET, DATASET_ROW, EvidenceProps, cited_source
from graph.ingest.resolve.targets import TargetRules


class ByRow(TypedDict):
    id: str
    role: str


class TargetRow(TypedDict):
    id: str
    category: str
    props: dict[str, object]  # with its evidence: evidenceQuotes, evidenceNote


class FigureRow(TypedDict):
    id: str
    metric: str
    value: int
    qualifier: str
    attribution: str
    evidenceQuotes: list[str]
    evidenceNote: str


class EventRow(TypedDict):
    id: str
    props: dict[str, object]
    timestamp: int
    start: int
    end: int
    place: str
    evidence: EvidenceProps
    cited: list[str]
    by: list[ByRow]
    against: list[str]
    parties: list[str]
    participants: list[str]
    targets: list[TargetRow]
    figures: list[FigureRow]


def epoch_millis(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1000)


@functools.lru_cache(maxsize=65536)  # rows repeat their dates and countries
def local_bounds(day: dt.date, precision: str, country: str | None) -> tuple[int, int]:
    """ACLED's event_date is the local calendar date: its UTC bounds in the country's zones
    (their union where it has several), as epoch milliseconds. Packing Python datetimes for
    the driver cost more than the rest of the row."""
    start, end = local_period_utc(day, precision, zones_for(country))
    return epoch_millis(start), epoch_millis(end)


def inferred_targets(rules: TargetRules, event: Event) -> list[TargetRow]:
    """Targets the notes name, each with the matched words verbatim as its quote."""
    found = []
    for target in rules.find(event.notes):
        label = TARGET_CATEGORIES[target.category][0]
        found.append(
            TargetRow(
                id=f"{event.id}/target/{target.category}",
                category="category:" + target.category,
                props={
                    "name": target.quote,
                    "category": target.category,
                    "inferred": True,
                    "inferenceRule": target.phrase,
                    "evidenceQuotes": [target.quote],
                    "evidenceNote": f"inferred from the ACLED notes: '{target.phrase}' names "
                    f"{label.lower()} ({target.note})",
                },
            )
        )
    return found


@dataclass
class Resolver:
    """Everything a row needs resolved against the graph: places, actors, targets."""

    gazetteer: Gazetteer
    roster: Roster
    rules: TargetRules

    def row(self, event: Event) -> EventRow:
        place = self.gazetteer.resolve(event.where)
        start, end = local_bounds(event.day, event.precision, place.country)
        props: dict[str, object] = {
            **event.props,
            "timeText": event.date_text,
            "timePrecision": event.precision,
            "id": event.id,
            "acledId": event.acled_id,
            "acledTimestamp": event.timestamp,
            "kind": "incident",
            "category": event.category,
        }
        quotes = [event.notes] if event.notes else []
        note = "ACLED record" + (f"; cites {', '.join(event.sources)}" if event.sources else "")
        primary = [self.roster.resolve(a) for a in event.primary]
        associated = [self.roster.resolve(a) for a in event.associated]
        opposing = [self.roster.resolve(a) for a in event.opposing]
        row = EventRow(
            id=event.id,
            props=props,
            timestamp=event.timestamp,
            start=start,
            end=end,
            place=place.place,
            evidence={"quotes": quotes, "aspect": "existence", "external": False, "note": note},
            cited=[cited_source(name) for name in event.sources],
            by=[],
            against=[],
            parties=[],
            participants=[],
            targets=[],
            figures=[],
        )
        if event.label == "Agreement":
            props.update(kind="other", status="agreed")
            del props["category"]
            row["parties"] = primary + opposing
        elif event.label == "Event":
            props["kind"] = event.category
            del props["category"]
            row["participants"] = list(dict.fromkeys(primary + associated + opposing))
        else:
            row["by"] = [ByRow(id=id, role="primary") for id in primary]
            row["by"] += [ByRow(id=id, role="associated") for id in associated]
            row["against"] = opposing
        if event.label == "Attack":
            row["targets"] = inferred_targets(self.rules, event)
            # ACLED codes the most conservative report of deaths, and 0 when none was
            # reported: a count of at least 0 says nothing, so no figure is made for it.
            if event.fatalities:
                row["figures"] = [
                    FigureRow(
                        id=event.id + "/killed",
                        metric="killed",
                        value=event.fatalities,
                        qualifier="at_least",
                        attribution="dataset",
                        # The count is a column of its own, not words of the notes.
                        evidenceQuotes=[],
                        evidenceNote="ACLED's fatalities column: the most conservative report",
                    )
                ]
        return row


@dataclass
class Batch:
    """One batch: event rows by label, and what resolution added since the last batch."""

    events: dict[str, list[EventRow]] = field(default_factory=dict)
    shared: Pending = field(default_factory=Pending)

    def __len__(self) -> int:
        return sum(len(rows) for rows in self.events.values())

    def ids(self) -> frozenset[str]:
        return frozenset(row["id"] for rows in self.events.values() for row in rows)


@dataclass
class Batcher:
    """Turns events into batches, each carrying the shared nodes first needed in it."""

    resolver: Resolver
    dataset_written: bool = False
    cited: set[str] = field(default_factory=set)

    def batch(self, events: list[Event]) -> Batch:
        batch = Batch()
        for event in newest(events):
            batch.events.setdefault(event.label, []).append(self.resolver.row(event))
            for name in event.sources:
                source_id = cited_source(name)
                if source_id not in self.cited:
                    self.cited.add(source_id)
                    what: dict[str, object] = {
                        "id": source_id,
                        "name": name,
                        "title": name,
                        "kind": "report",
                    }
                    self.resolver.gazetteer.pending.sources[source_id] = what
        if batch.events and not self.dataset_written:  # every event is supported by it
            self.dataset_written = True
            self.resolver.gazetteer.pending.sources[DATASET] = DATASET_ROW["props"]
        batch.shared = self.resolver.gazetteer.pending.take()
        return batch


def newest(events: list[Event]) -> list[Event]:
    """Within one batch, a later row for the same event replaces an earlier, older one."""
    kept: dict[str, Event] = {}
    for event in events:
        current = kept.get(event.id)
        if current is None or event.timestamp >= current.timestamp:
            kept[event.id] = event
    return list(kept.values())
