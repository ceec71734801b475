"""What the graph already holds, as the drafting rules need it: names with their ids, timed
facts to anchor on, and attacks a drafted one may be. An interface: the command line fills a
`Snapshot` from graph/queries/lookup.py; a draft without a graph uses `NoGraph`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from draft.text import key


@dataclass(frozen=True)
class Known:
    """A node of the graph a name in the text may mean."""

    id: str
    label: str  # Actor, Location, Event, Agreement, Attack, Statement
    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    code: str | None = None  # ISO 3166 code of a place or a state actor
    start: dt.datetime | None = None  # earliest start, UTC
    end: dt.datetime | None = None  # latest end, UTC


@dataclass(frozen=True)
class KnownAttack:
    id: str
    name: str
    category: str | None
    start: dt.datetime
    end: dt.datetime
    places: tuple[str, ...]  # its places and every place they lie within
    targets: tuple[str, ...]  # target categories
    sources: tuple[str, ...]
    kind: str | None = None


class GraphLookup(Protocol):
    """What the drafting rules ask the graph."""

    reachable: bool

    def named(self, name: str, label: str) -> Known | None:
        """The node of this label whose name or an alias is the name (case and accents
        ignored), or whose ISO code it is."""

    def by_code(self, code: str, label: str) -> Known | None:
        """The place (or state actor) with this ISO 3166 code."""

    def timed(self, label: str, kind: str | None = None) -> list[Known]:
        """Timed facts of a label (and kind), latest first."""

    def attacks_between(self, start: dt.datetime, end: dt.datetime) -> list[KnownAttack]:
        """Attacks whose time bounds overlap the period."""


@dataclass
class Snapshot:
    """The part of the graph a draft needs, read before drafting."""

    nodes: list[Known] = field(default_factory=list)
    attacks: list[KnownAttack] = field(default_factory=list)
    reachable: bool = True

    def __post_init__(self) -> None:
        self._names: dict[tuple[str, str], Known] = {}
        self._codes: dict[tuple[str, str], Known] = {}
        for node in self.nodes:
            for name in (node.name, *node.aliases):
                self._names.setdefault((node.label, key(name)), node)
            if node.code:
                self._codes.setdefault((node.label, node.code), node)

    def named(self, name: str, label: str) -> Known | None:
        return self._names.get((label, key(name)))

    def by_code(self, code: str, label: str) -> Known | None:
        return self._codes.get((label, code))

    def timed(self, label: str, kind: str | None = None) -> list[Known]:
        found = [
            n
            for n in self.nodes
            if n.label == label and n.start is not None and kind in (None, n.kind)
        ]
        return sorted(found, key=lambda n: n.start or dt.datetime.min, reverse=True)

    def attacks_between(self, start: dt.datetime, end: dt.datetime) -> list[KnownAttack]:
        return [a for a in self.attacks if a.start <= end and a.end >= start]


class NoGraph(Snapshot):
    """No graph: every fact drafted is new."""

    def __init__(self) -> None:
        super().__init__([], [], reachable=False)
