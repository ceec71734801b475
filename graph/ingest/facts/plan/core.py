"""The plan of a facts file (nodes by label, relationships by type) and the planner's shared
checks: ids of the right kind, quotes found in their source, times resolved through anchors."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph.domain.bounds import Bounds, span_seconds
from graph.domain.vocabulary import TARGET_CATEGORIES
from graph.errors import Problem
from graph.ingest.facts.fields import Evidenced
from graph.ingest.facts.models import Drafted, Fact, FactsFile, SameAsSpec, missing
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


class Planner:
    def __init__(
        self, parsed: Parsed, facts: FactsFile, known: dict[str, KnownTime] | None = None
    ) -> None:
        self.parsed = parsed
        self.facts = facts
        self.plan = Plan(document=facts.document)
        # Times of facts outside the file (the graph's, earlier files'); None: no graph was
        # asked, so an anchor outside the file is left for the load to check.
        self.known = known
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

    def adding(self, location: Location, spec: Fact, label: str) -> bool:
        """Whether the file lists this fact only to add to it (it leaves out what a new fact
        must give): then the fact must be in the graph, and what the file gives of its fields
        is this source's version of them."""
        group = str(location[0])
        if not missing(group, spec):
            return False
        given = {name: getattr(spec, name, None) for name in VERSION_FIELDS.get(label, ())}
        self.plan.add_to(label, spec.id, **given)
        self.expect((*location, "id"), spec.id, label)
        return True

    def suffix(self, id: str) -> str:
        """What keeps a figure's or target's default id apart from the ones the fact's own
        source gave it, when this file adds to another source's fact."""
        if id not in self.plan.additions:
            return ""
        return "/from/" + self.facts.document.replace(":", "-")

    def same_as(
        self, location: Location, fact: Fact, entries: list[SameAsSpec], label: str
    ) -> None:
        """Records of the same incident from other sources, confirmed by this file: with the
        words that say so, a note, or (the short form, an id alone) the fact's own quotes."""
        for index, entry in enumerate(entries):
            where: Location = (*location, "same_as", index)
            if entry.id == fact.id:
                self.fail((*where, "id"), "a fact is the same as itself already")
                continue
            quotes = entry.quotes or ([] if entry.note else fact.quotes)
            if not quotes and entry.note is None:
                self.fail(
                    where, "say why they are one incident: quotes from the document or a note"
                )
            for i, quote in enumerate(entry.quotes):
                if normalise(quote) not in self.texts.get(self.facts.document, ""):
                    self.fail((*where, "quotes", i), f"quote not found in {self.facts.document}")
            self.expect((*where, "id"), entry.id, label)
            self.plan.link(
                "SAME_AS",
                fact.id,
                entry.id,
                sourceId=self.facts.document,
                quotes=list(quotes),
                note=entry.note,
                external=False,
            )

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
        said = self.plan.said.get(fact_id) if aspect == "existence" else None
        drafted: Drafted | None = getattr(item, "drafted", None)
        marks = {}
        if drafted is not None and aspect == "existence":
            marks = {"draftedRule": drafted.rule, "draftedConfidence": drafted.confidence}
            if fact_id in self.plan.rows:
                self.plan.rows[fact_id]["props"].update(marks)
        self.plan.link(
            "SUPPORTED_BY",
            fact_id,
            source,
            quotes=list(item.quotes),
            aspect=aspect,
            external=source in self.external,
            note=item.note,
            # Present (if empty) on a file's existence evidence: an import's has none.
            said=json.dumps(said or {}, default=str, sort_keys=True)
            if aspect == "existence"
            else None,
            **marks,
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
            known = self.known.get(id) if self.known is not None else None
            if known is None:
                return None
            self.precisions[id] = known.precision
            if known.because is not None:
                self.outside[id] = known.because
            return known.bounds
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
                here = any(
                    item.id == spec.anchor
                    for group in ("actors", "locations", *TIMED)
                    for item in getattr(self.facts, group)
                )
                if spec.anchor not in self.specs and (here or self.known is not None):
                    self.fail(
                        (*location, "anchor"),
                        f"{spec.anchor!r} is not a timed fact here or in the graph",
                    )
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
        self.plan.times[id] = KnownTime(self.bounds[id], self.precisions[id], because)
        return self.bounds[id]

    def outside_because(self, spec: TimeSpec) -> str | None:
        """Why a time is not all the document's: its source, parts supplied from outside, or
        an anchor whose time is not (resolved before it, so known by then)."""
        own = self.own_because(spec)
        if own is not None:
            return own
        if spec.anchor in self.outside:
            return f"it is relative to {spec.anchor}, whose time " + self.outside[spec.anchor]
        return None

    def own_because(self, spec: TimeSpec) -> str | None:
        """Why a time is not all the document's, whatever its anchor says."""
        source = spec.source or self.facts.document
        if source in self.external:
            return f"comes from {source}"
        if spec.supplied is not None:
            return f"has its {' and '.join(spec.supplied.parts)} from {spec.supplied.source}"
        return None

    def time_props(
        self, spec: TimeSpec, bounds: Bounds, precision: str, prefix: str = ""
    ) -> dict[str, Any]:
        where = zones(spec, self.facts.timezone)
        return time_properties(spec, bounds, precision, where, self.outside_because(spec), prefix)

    def timed(self, location: Location, id: str, spec: TimeSpec | None) -> dict[str, Any]:
        """A fact's time as node properties ({} when the file gives none), with this source's
        version of it kept on its time evidence."""
        if spec is None:
            return {}
        self.expect(
            (*location, "time", "anchor"), spec.anchor, "Event", "Statement", "Agreement", "Attack"
        )
        bounds = self.time_of(id)
        if spec.supplied is not None:
            self.expect((*location, "time", "supplied", "source"), spec.supplied.source, "Source")
            if spec.supplied.source not in self.external:
                self.fail(
                    (*location, "time", "supplied", "source"), "must be a source of kind 'external'"
                )
        props = self.time_props(spec, bounds, self.precisions[id]) if bounds else {}
        if spec.anchor is not None:
            # Kept to derive the time again when its anchor's time changes (another source's
            # reload) or the anchor goes (graph/ingest/facts/rederive.py).
            props["timeSpec"] = time_spec_json(spec, self.facts.timezone, self.own_because(spec))
        source = self.check_quotes((*location, "time"), spec)
        if source is not None:
            self.plan.link(
                "SUPPORTED_BY",
                id,
                source,
                quotes=list(spec.quotes),
                aspect="time",
                external=source in self.external,
                note=spec.note,
                said=time_said(props),
                timeAnchor=spec.anchor,
                timeSpec=props.get("timeSpec"),
            )
        return props

    def category(self, location: Location, name: str) -> None:
        if name not in TARGET_CATEGORIES:
            known = ", ".join(sorted(TARGET_CATEGORIES))
            self.fail(location, f"unknown target category {name!r}; known: {known}")


def time_spec_json(spec: TimeSpec, timezone: str | None, own: str | None) -> str:
    """How a time was said, in full, with the zone its file reads it in and why it is external
    whatever its anchor says."""
    said = spec.model_dump(mode="json", exclude_none=True)
    return json.dumps({"spec": said, "timezone": timezone, "own": own}, sort_keys=True)


def time_properties(
    spec: TimeSpec,
    bounds: Bounds,
    precision: str,
    where: tuple[str, ...],
    because: str | None,
    prefix: str = "",
) -> dict[str, Any]:
    """A time as node properties (prefixed for a fact's second time)."""

    def key(name: str) -> str:
        return prefix + name[0].upper() + name[1:] if prefix else name

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


def time_said(props: dict[str, Any]) -> str | None:
    """A source's version of a time, as kept on its evidence (instants as ISO text)."""
    kept = {k: v for k, v in props.items() if k not in ("timeOffset", "timeSpec")}
    return json.dumps(kept, default=str, sort_keys=True) if kept else None
