"""What one facts file writes (Plan: nodes by label, relationships by type) and the times it
resolves for the anchors of this file and later ones (KnownTime)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph.domain.bounds import Bounds
from graph.ingest.facts.parse import Location

Row = dict[str, Any]


# What each source says of a fact's own fields: kept on its evidence (`said`), so that every
# source's version is answered and none overwrites another's (graph/queries/versions.py).
VERSION_FIELDS: dict[str, tuple[str, ...]] = {
    "Attack": ("name", "kind", "category", "description"),
    "Event": ("name", "kind"),
    "Statement": ("kind", "text"),
    "Agreement": ("name", "kind", "status", "description", "duration"),
    "Actor": ("name", "kind"),
    "Location": ("name", "kind"),
    "Figure": ("metric", "value", "qualifier", "weapon", "category"),
    "Target": ("name", "category", "status"),
}


@dataclass(frozen=True)
class KnownTime:
    """A timed fact's resolved time, for the anchors of this file and of later ones."""

    bounds: Bounds
    precision: str
    because: str | None  # why it is external, when it is


@dataclass
class Plan:
    """What one facts file writes: nodes by label and relationships by type. Every relationship
    names the document that wrote it (`contributors`), so that a reload or an unload takes back
    exactly that document's part."""

    document: str = ""
    nodes: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    relationships: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    labels: dict[str, str] = field(default_factory=dict)  # id -> label, for what the file defines
    additions: dict[str, str] = field(default_factory=dict)  # id -> label: facts it adds to
    said: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> this source's fields
    rows: dict[str, Row] = field(default_factory=dict)  # id -> its node row
    times: dict[str, KnownTime] = field(default_factory=dict)  # id -> resolved time
    outside: dict[str, tuple[set[str], Location]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # for the editor; loading goes on

    def node(self, label: str, id: str, **props: Any) -> None:
        self.labels[id] = label
        self.said[id] = {
            k: v for k in VERSION_FIELDS.get(label, ()) if (v := props.get(k)) is not None
        }
        row = {"id": id, "props": {"id": id, "definedBy": self.document, **props}}
        self.rows[id] = row
        self.nodes[label].append(row)

    def add_to(self, label: str, id: str, **given: Any) -> None:
        """A fact another source defined, to which this file adds its own evidence."""
        self.additions[id] = label
        self.said[id] = {k: v for k, v in given.items() if v is not None}

    def link(self, type: str, start: str, end: str, **props: Any) -> None:
        props["contributors"] = [self.document]
        self.relationships[type].append({"start": start, "end": end, "props": props})

    def touched(self) -> list[str]:
        """Every fact the file defines or adds to."""
        return sorted({*self.labels, *self.additions})

    def count(self) -> tuple[int, int]:
        nodes = sum(len(rows) for rows in self.nodes.values())
        return nodes, sum(len(rows) for rows in self.relationships.values())
