"""Events as statement rows, in batches, whatever the dataset: one row per event carrying its
links to resolved places and actors, and its bounds in UTC; each batch with the additions
(graph/ingest/datasets/additions.py) resolution made since the previous one. A dataset gives
the Batcher its records and a resolver that turns one into an EventRow (ACLED:
graph/ingest/acled/events.py; GDELT: graph/ingest/gdelt/events.py)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypedDict, TypeVar

from graph.domain.zones import local_period_utc, zones_for
from graph.ingest.datasets.additions import Additions
from graph.ingest.datasets.sources import Dataset, EvidenceProps


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
    made_by: list[str]  # a statement's speakers (MADE_BY)
    about: list[str]  # what a statement is about (ABOUT)


def event_row(
    id: str,
    props: dict[str, object],
    timestamp: int,
    start: int,
    end: int,
    place: str,
    evidence: EvidenceProps,
    cited: list[str],
) -> EventRow:
    """A dataset's event with no links yet: each dataset's resolver fills the ones its rows
    carry (an attack's actors, a statement's speaker, ...)."""
    return EventRow(
        id=id,
        props=props,
        timestamp=timestamp,
        start=start,
        end=end,
        place=place,
        evidence=evidence,
        cited=cited,
        by=[],
        against=[],
        parties=[],
        participants=[],
        targets=[],
        figures=[],
        made_by=[],
        about=[],
    )


def epoch_millis(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1000)


@functools.lru_cache(maxsize=65536)  # rows repeat their dates and countries
def local_bounds(day: dt.date, precision: str, country: str | None) -> tuple[int, int]:
    """ACLED's event_date is the local calendar date: its UTC bounds in the country's zones
    (their union where it has several), as epoch milliseconds. Packing Python datetimes for
    the driver cost more than the rest of the row."""
    start, end = local_period_utc(day, precision, zones_for(country))
    return epoch_millis(start), epoch_millis(end)


class Record(Protocol):
    """What the Batcher reads of a dataset's parsed row."""

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...  # Attack, Interception, Agreement, Statement or Event
    @property
    def timestamp(self) -> int: ...  # the row's version (Dataset.version)


R = TypeVar("R", bound=Record)
R_contra = TypeVar("R_contra", bound=Record, contravariant=True)


class Resolver(Protocol[R_contra]):
    """A dataset's rows resolved against the graph: its additions collect what it creates."""

    @property
    def dataset(self) -> Dataset: ...
    @property
    def additions(self) -> Additions: ...

    def row(self, record: R_contra) -> EventRow: ...

    def cited(self, record: R_contra) -> Mapping[str, dict[str, object]]:
        """The sources the record cites, by id, with the properties of a new source node."""
        ...


@dataclass
class Batch:
    """One batch: event rows by label, and what resolution added since the last batch."""

    dataset: Dataset
    events: dict[str, list[EventRow]] = field(default_factory=dict)
    additions: Additions = field(default_factory=Additions)

    def __len__(self) -> int:
        return sum(len(rows) for rows in self.events.values())

    def ids(self) -> frozenset[str]:
        return frozenset(row["id"] for rows in self.events.values() for row in rows)


@dataclass
class Batcher(Generic[R]):
    """Turns records into batches, each carrying the additions first needed in it."""

    resolver: Resolver[R]
    dataset_written: bool = False
    cited: set[str] = field(default_factory=set)

    def batch(self, records: list[R]) -> Batch:
        resolver = self.resolver
        additions = resolver.additions
        batch = Batch(resolver.dataset)
        for record in newest(records):
            batch.events.setdefault(record.label, []).append(resolver.row(record))
            for source_id, props in resolver.cited(record).items():
                if source_id not in self.cited:
                    self.cited.add(source_id)
                    additions.sources[source_id] = props
        if batch.events and not self.dataset_written:  # every event is supported by it
            self.dataset_written = True
            additions.sources[resolver.dataset.id] = resolver.dataset.props
        batch.additions = additions.take()
        return batch


def newest(records: list[R]) -> list[R]:
    """Within one batch, a later row for the same event replaces an earlier, older one."""
    kept: dict[str, R] = {}
    for record in records:
        current = kept.get(record.id)
        if current is None or record.timestamp >= current.timestamp:
            kept[record.id] = record
    return list(kept.values())
