"""What resolution adds to the graph beside the events: places, actors and sources an import
creates, the links that tie them to canonical nodes, and the record of every resolution (which
name from which column became which node, and how). Collected while rows are read; each batch
takes what is new since the last one, so it is written once, before the events that need it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from graph.ingest.acled.sources import EvidenceProps


class NodeRow(TypedDict):
    id: str
    props: dict[str, object]
    evidence: EvidenceProps
    source: str  # the source node the evidence points at


class PlaceRow(NodeRow):
    within: str | None
    depth: int  # countries 0, first-level regions 1, ...: parents are written first


class LinkRow(TypedDict):
    start: str
    end: str
    props: dict[str, object]


class NamedInRow(TypedDict):
    """A resolution: `name` in `column` of `source` was taken to mean node `id`."""

    id: str
    name: str
    column: str
    how: str
    rule: str
    source: str


LINK_TYPES = ("PART_OF", "SPEAKS_FOR", "BASED_IN")


@dataclass
class Pending:
    sources: dict[str, dict[str, object]] = field(default_factory=dict)
    places: dict[str, PlaceRow] = field(default_factory=dict)
    actors: dict[str, NodeRow] = field(default_factory=dict)
    links: dict[str, list[LinkRow]] = field(default_factory=dict)  # by type (LINK_TYPES)
    resolutions: dict[tuple[str, str, str], NamedInRow] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.sources or self.places or self.actors or self.links or self.resolutions)

    def link(self, type: str, start: str, end: str, props: dict[str, object]) -> None:
        self.links.setdefault(type, []).append({"start": start, "end": end, "props": props})

    def resolved(self, row: NamedInRow) -> None:
        self.resolutions.setdefault((row["id"], row["name"], row["column"]), row)

    def take(self) -> Pending:
        """What was collected since the last take; the collector starts empty again."""
        taken = Pending(self.sources, self.places, self.actors, self.links, self.resolutions)
        self.sources, self.places, self.actors, self.links = {}, {}, {}, {}
        self.resolutions = {}
        return taken
