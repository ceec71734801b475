"""ACLED events as statement rows: one row per event carrying its links, plus the places,
actors and sources it shares with other events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from neo4j.spatial import WGS84Point

from graph.ingest.acled.rows import Event, slug

DATASET = "source:acled"
DATASET_ROW = {
    "id": DATASET,
    "props": {"id": DATASET, "name": "ACLED", "title": "ACLED", "kind": "dataset"},
}


def epoch_millis(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1000)


def cited_source(name: str) -> str:
    return "source:acled-cited/" + slug(name)


def event_row(event: Event) -> dict[str, Any]:
    """Everything one event statement needs: properties, times, and the ids it links to."""
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
    quotes = [str(event.props["description"])] if event.props["description"] else []
    note = "ACLED record" + (f"; cites {', '.join(event.sources)}" if event.sources else "")
    row: dict[str, Any] = {
        "id": event.id,
        "props": props,
        "timestamp": event.timestamp,
        # Times travel as epoch milliseconds: packing Python datetimes cost more than the rest.
        "start": epoch_millis(event.start),
        "end": epoch_millis(event.end),
        "place": event.place,
        "evidence": {"quotes": quotes, "aspect": "existence", "external": False, "note": note},
        "cited": [cited_source(name) for name in event.sources],
        "by": [],
        "against": [],
        "parties": [],
        "figures": [],
    }
    if event.label == "Agreement":
        props.update(kind="other", status="agreed")
        row["parties"] = [ref.id for ref in event.primary + event.opposing]
    else:
        row["by"] = [{"id": ref.id, "role": "primary"} for ref in event.primary] + [
            {"id": ref.id, "role": "associated"} for ref in event.associated
        ]
        row["against"] = [ref.id for ref in event.opposing]
    if event.fatalities is not None and event.label == "Attack":
        row["figures"] = [
            {
                "id": event.id + "/killed",
                "metric": "killed",
                "value": event.fatalities,
                "qualifier": "exact",
                "attribution": "dataset",
            }
        ]
    return row


@dataclass
class Shared:
    """Places, actors and sources a batch needs that this import has not written yet."""

    places: dict[str, dict[str, Any]] = field(default_factory=dict)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.places or self.actors or self.sources)


@dataclass
class Batch:
    """One batch: event rows by label, and the shared nodes first seen in it."""

    events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    shared: Shared = field(default_factory=Shared)

    def __len__(self) -> int:
        return sum(len(rows) for rows in self.events.values())

    def ids(self) -> frozenset[str]:
        return frozenset(row["id"] for rows in self.events.values() for row in rows)


@dataclass
class Batcher:
    """Turns events into batches; remembers which shared nodes earlier batches carried."""

    seen: set[str] = field(default_factory=set)

    def batch(self, events: list[Event]) -> Batch:
        batch = Batch()
        for event in newest(events):
            self._share(event, batch.shared)
            batch.events.setdefault(event.label, []).append(event_row(event))
        if batch.events and DATASET not in self.seen:  # every event is supported by it
            self.seen.add(DATASET)
            batch.shared.sources[DATASET] = DATASET_ROW
        return batch

    def _share(self, event: Event, shared: Shared) -> None:
        seen = self.seen
        for place in event.places:
            if place.id in seen:
                continue
            seen.add(place.id)
            point = None
            if place.latitude is not None and place.longitude is not None:
                point = WGS84Point((place.longitude, place.latitude))
            where = {"id": place.id, "name": place.name, "kind": place.kind, "point": point}
            shared.places[place.id] = {"id": place.id, "props": where, "within": place.within}
        for ref in event.primary + event.associated + event.opposing:
            if ref.id not in seen:
                seen.add(ref.id)
                who = {"id": ref.id, "name": ref.name, "kind": ref.kind, "acledInter": ref.inter}
                shared.actors[ref.id] = {"id": ref.id, "props": who}
        for name in event.sources:
            source_id = cited_source(name)
            if source_id not in seen:
                seen.add(source_id)
                what = {"id": source_id, "name": name, "title": name, "kind": "report"}
                shared.sources[source_id] = {"id": source_id, "props": what}


def newest(events: list[Event]) -> list[Event]:
    """Within one batch, a later row for the same event replaces an earlier, older one."""
    kept: dict[str, Event] = {}
    for event in events:
        current = kept.get(event.id)
        if current is None or event.timestamp >= current.timestamp:
            kept[event.id] = event
    return list(kept.values())
