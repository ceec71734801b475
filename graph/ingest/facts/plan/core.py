"""The plan of a facts file (nodes by label, relationships by type) and the planner's shared
checks: ids of the right kind, quotes found in their source, times resolved through anchors."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph.domain.bounds import Bounds, span_seconds
from graph.domain.vocabulary import TARGET_CATEGORIES
from graph.errors import Problem
from graph.ingest.facts.fields import Evidenced
from graph.ingest.facts.models import FactsFile
from graph.ingest.facts.parse import Location, Parsed
from graph.ingest.facts.time_spec import TimeSpec
from graph.ingest.facts.times import TimeError, precision_of, resolve, zones

Row = dict[str, Any]
TIMED = ("events", "statements", "agreements", "attacks")
ABOUT_KINDS = ("Actor", "Agreement", "Attack", "Event", "Location", "Statement")


def normalise(text: str) -> str:
    """Compare quotes modulo white space and typographic quote marks."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u2014", "-").replace("\u2013", "-")
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Plan:
    """What one facts file writes: nodes by label and relationships by type."""

    nodes: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    relationships: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    labels: dict[str, str] = field(default_factory=dict)  # id -> label, for what the file defines
    outside: dict[str, tuple[set[str], Location]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # for the editor; loading goes on

    def node(self, label: str, id: str, **props: Any) -> None:
        self.labels[id] = label
        self.nodes[label].append({"id": id, "props": {"id": id, **props}})

    def link(self, type: str, start: str, end: str, **props: Any) -> None:
        self.relationships[type].append({"start": start, "end": end, "props": props})

    def count(self) -> tuple[int, int]:
        nodes = sum(len(rows) for rows in self.nodes.values())
        return nodes, sum(len(rows) for rows in self.relationships.values())


class Planner:
    def __init__(self, parsed: Parsed, facts: FactsFile) -> None:
        self.parsed = parsed
        self.facts = facts
        self.plan = Plan()
        self.problems: list[Problem] = []
        self.texts: dict[str, str] = {}
        self.external: set[str] = set()
        self.expected: list[tuple[Location, str, set[str]]] = []
        self.bounds: dict[str, Bounds] = {}
        self.specs: dict[str, tuple[TimeSpec, Location]] = {}
        self.precisions: dict[str, str] = {}  # the precision each time resolved at
        self.outside: dict[str, str] = {}  # why a time is external, for those that are

    def fail(self, location: Location, message: str) -> None:
        self.problems.append(self.parsed.problem(location, message))

    def warn(self, message: str) -> None:
        self.plan.warnings.append(f"{self.parsed.path}: {message}")

    def expect(self, location: Location, id: str | None, *labels: str) -> None:
        if id is not None:
            self.expected.append((location, id, set(labels)))

    def refer(
        self, location: Location, type: str, start: str, end: str | None, *labels: str
    ) -> None:
        """A reference the file makes: checked to name an entity of a right kind, then linked."""
        if end is not None:
            self.expect(location, end, *labels)
            self.plan.link(type, start, end)

    def refer_all(
        self, location: Location, type: str, start: str, ends: list[str], *labels: str
    ) -> None:
        for index, end in enumerate(ends):
            self.refer((*location, index), type, start, end, *labels)

    # -- provenance -------------------------------------------------------------------------

    def check_quotes(self, location: Location, item: Evidenced) -> str | None:
        """Check a fact's quotes against its source; the source's id, or None if unknown."""
        source = item.source or self.facts.document
        if source in self.texts:
            if not item.quotes:
                self.fail(location, "needs quotes from the source (or an external source)")
            for index, quote in enumerate(item.quotes):
                if normalise(quote) not in self.texts[source]:
                    self.fail(
                        (*location, "quotes", index), f"quote not found in {source}: {quote!r}"
                    )
        elif source not in self.external:
            self.fail((*location, "source"), f"unknown source {source!r}")
            return None
        return source

    def evidence(self, location: Location, item: Evidenced, fact_id: str, aspect: str) -> None:
        """Check a node's quotes and tie the node to its source with them."""
        source = self.check_quotes(location, item)
        if source is None:
            return
        self.plan.link(
            "SUPPORTED_BY",
            fact_id,
            source,
            quotes=list(item.quotes),
            aspect=aspect,
            external=source in self.external,
            note=item.note,
        )

    def relationship_evidence(self, item: Evidenced) -> dict[str, Any]:
        source = item.source or self.facts.document
        return {
            "sourceId": source,
            "quotes": list(item.quotes),
            "external": source in self.external,
        }

    # -- time -------------------------------------------------------------------------------

    def time_of(self, id: str, trail: tuple[str, ...] = ()) -> Bounds | None:
        if id in self.bounds:
            return self.bounds[id]
        if id not in self.specs:
            return None
        spec, location = self.specs[id]
        if id in trail:
            self.fail((*location, "anchor"), "time anchors form a cycle: " + " -> ".join(trail))
            return None
        anchor = None
        if spec.anchor in self.parsed.broken:
            return None  # the anchor's own problems are reported already
        if spec.anchor is not None:
            anchor = self.time_of(spec.anchor, (*trail, id))
            if anchor is None:
                if spec.anchor not in self.specs:
                    self.fail((*location, "anchor"), f"{spec.anchor!r} is not a timed fact here")
                return None
        anchored = self.precisions.get(spec.anchor or "")
        try:
            self.bounds[id] = resolve(spec, anchor, self.facts.timezone, anchored)
        except TimeError as error:
            self.fail(location, str(error))
            return None
        self.precisions[id] = precision_of(spec, anchor, anchored)
        because = self.outside_because(spec)
        if because is not None:
            self.outside[id] = because
        return self.bounds[id]

    def outside_because(self, spec: TimeSpec) -> str | None:
        """Why a time is not all the document's: its source, parts supplied from outside, or
        an anchor whose time is not (resolved before it, so known by then)."""
        source = spec.source or self.facts.document
        if source in self.external:
            return f"comes from {source}"
        if spec.supplied is not None:
            return f"has its {' and '.join(spec.supplied.parts)} from {spec.supplied.source}"
        if spec.anchor in self.outside:
            return f"it is relative to {spec.anchor}, whose time " + self.outside[spec.anchor]
        return None

    def time_props(
        self, spec: TimeSpec, bounds: Bounds, precision: str, prefix: str = ""
    ) -> dict[str, Any]:
        def key(name: str) -> str:
            return prefix + name[0].upper() + name[1:] if prefix else name

        because = self.outside_because(spec)
        where = zones(spec, self.facts.timezone)
        return {
            key("timeText"): spec.text,
            key("startEarliest"): bounds.start_earliest,
            key("startLatest"): bounds.start_latest,
            key("endEarliest"): bounds.end_earliest,
            key("endLatest"): bounds.end_latest,
            key("timePrecision"): precision,
            key("timeAnchor"): spec.anchor,
            key("timeOffset"): spec.offset,
            key("timeZone"): " ".join(where),
            key("timeExternal"): because is not None,
            key("timeExternalBecause"): because,
            # Indexed: the longest span bounds index seeks on startEarliest for "overlaps
            # a moment" (graph/store/constraints.py).
            key("spanSeconds"): span_seconds(bounds.start_earliest, bounds.end_latest),
        }

    def timed(self, location: Location, id: str, spec: TimeSpec) -> dict[str, Any]:
        self.expect(
            (*location, "time", "anchor"), spec.anchor, "Event", "Statement", "Agreement", "Attack"
        )
        self.evidence((*location, "time"), spec, id, "time")
        bounds = self.time_of(id)
        if spec.supplied is not None:
            self.expect((*location, "time", "supplied", "source"), spec.supplied.source, "Source")
            if spec.supplied.source not in self.external:
                self.fail(
                    (*location, "time", "supplied", "source"), "must be a source of kind 'external'"
                )
        return self.time_props(spec, bounds, self.precisions[id]) if bounds else {}

    def category(self, location: Location, name: str) -> None:
        if name not in TARGET_CATEGORIES:
            known = ", ".join(sorted(TARGET_CATEGORIES))
            self.fail(location, f"unknown target category {name!r}; known: {known}")
