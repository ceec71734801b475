"""The planner and its shared checks: ids of the right kind, quotes found in their source,
times resolved through anchors. What it plans: rows.py; a time as properties:
time_properties.py."""

from __future__ import annotations

import json
from typing import Any

from graph.domain.bounds import Bounds
from graph.domain.quotes import normalise
from graph.domain.vocabulary import TARGET_CATEGORIES
from graph.errors import Problem
from graph.ingest.facts.fields import Evidenced
from graph.ingest.facts.models import Drafted, Fact, FactsFile, SameAsSpec, missing
from graph.ingest.facts.parse import Location, Parsed
from graph.ingest.facts.plan.rows import VERSION_FIELDS, KnownTime, Plan
from graph.ingest.facts.plan.time_properties import time_properties, time_said, time_spec_json
from graph.ingest.facts.time_spec import TimeSpec
from graph.ingest.facts.times import TimeError, precision_of, resolve, zones

TIMED = ("events", "statements", "agreements", "attacks")
ABOUT_KINDS = ("Actor", "Agreement", "Attack", "Event", "Location", "Statement")


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
