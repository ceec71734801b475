"""Check a parsed facts file against itself and its sources, and turn it into rows to write."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from neo4j.spatial import WGS84Point

from graph.facts.models import (
    AgreementSpec,
    AttackSpec,
    Evidenced,
    FactsFile,
    TimeSpec,
)
from graph.facts.parse import Location, Parsed, Problem
from graph.facts.times import Bounds, TimeError, resolve
from graph.vocabulary import TARGET_CATEGORIES

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

    def fail(self, location: Location, message: str) -> None:
        self.problems.append(self.parsed.problem(location, message))

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
        try:
            self.bounds[id] = resolve(spec, anchor)
        except TimeError as error:
            self.fail(location, str(error))
            return None
        return self.bounds[id]

    def time_props(self, spec: TimeSpec, bounds: Bounds, prefix: str = "") -> dict[str, Any]:
        def key(name: str) -> str:
            return prefix + name[0].upper() + name[1:] if prefix else name

        return {
            key("timeText"): spec.text,
            key("startEarliest"): bounds.start_earliest,
            key("startLatest"): bounds.start_latest,
            key("endEarliest"): bounds.end_earliest,
            key("endLatest"): bounds.end_latest,
            key("timePrecision"): spec.precision,
            key("timeAnchor"): spec.anchor,
            key("timeOffset"): spec.offset,
            key("timeExternal"): (spec.source or self.facts.document) in self.external,
        }

    def timed(self, location: Location, id: str, spec: TimeSpec) -> dict[str, Any]:
        self.expect(
            (*location, "time", "anchor"), spec.anchor, "Event", "Statement", "Agreement", "Attack"
        )
        self.evidence((*location, "time"), spec, id, "time")
        bounds = self.time_of(id)
        return self.time_props(spec, bounds) if bounds else {}

    # -- the file ---------------------------------------------------------------------------

    def run(self) -> Plan:
        self.sources()
        for group in TIMED:
            for index, item in enumerate(getattr(self.facts, group)):
                self.specs[item.id] = (item.time, (group, index, "time"))
        self.check_ids()
        self.actors()
        self.locations()
        self.events()
        self.statements()
        for index, agreement in enumerate(self.facts.agreements):
            self.agreement(("agreements", index), agreement)
        for index, attack in enumerate(self.facts.attacks):
            self.attack(("attacks", index), attack)
        for location, id, labels in self.expected:
            if id in self.parsed.broken:
                continue  # its own problems are reported already
            label = self.plan.labels.get(id)
            if label is None:
                self.plan.outside.setdefault(id, (labels, location))
            elif label not in labels:
                self.fail(location, f"{id!r} is a {label}, expected {' or '.join(sorted(labels))}")
        return self.plan

    def check_ids(self) -> None:
        seen: dict[str, Location] = {}
        for group in ("sources", "actors", "locations", *TIMED):
            for index, item in enumerate(getattr(self.facts, group)):
                if item.id in seen:
                    self.fail(
                        (group, index, "id"), f"duplicate id {item.id!r} (also at {seen[item.id]})"
                    )
                seen[item.id] = (group, index)

    def sources(self) -> None:
        if self.facts.document not in {s.id for s in self.facts.sources}:
            self.fail(("document",), f"{self.facts.document!r} is not one of the sources")
        for index, source in enumerate(self.facts.sources):
            props: dict[str, Any] = {
                "kind": source.kind,
                "name": source.title,
                "title": source.title,
                "publisher": source.publisher,
                "url": source.url,
                "published": source.published,
                "retrieved": source.retrieved,
                "note": source.note,
            }
            if source.kind == "external":
                self.external.add(source.id)
            raw = self.source_bytes(index, source.text_file, source.text)
            if raw is not None:
                text = raw.decode("utf-8", errors="replace")
                self.texts[source.id] = normalise(text)
                props["text"] = text
                props["contentHash"] = "sha256:" + hashlib.sha256(raw).hexdigest()
            self.plan.node("Source", source.id, **props)

    def source_bytes(self, index: int, text_file: str | None, text: str | None) -> bytes | None:
        if text is not None:
            return text.encode("utf-8")
        if text_file is None:
            return None
        if not self.parsed.files_allowed:
            self.fail(("sources", index, "text_file"), "not accepted here: give the text itself")
            return b""
        path = self.parsed.path.parent / text_file
        try:
            return path.read_bytes()
        except OSError:
            self.fail(("sources", index, "text_file"), f"cannot read {path}")
            return b""

    def actors(self) -> None:
        for index, actor in enumerate(self.facts.actors):
            at: Location = ("actors", index)
            self.plan.node(
                "Actor",
                actor.id,
                name=actor.name,
                kind=actor.kind,
                aliases=actor.aliases,
                aliasesText=" | ".join(actor.aliases) or None,
                wikidataId=actor.wikidata,
            )
            self.evidence(at, actor, actor.id, "existence")
            self.refer((*at, "country"), "BASED_IN", actor.id, actor.country, "Location")
            self.refer_all((*at, "part_of"), "PART_OF", actor.id, actor.part_of, "Actor")
            self.refer_all((*at, "speaks_for"), "SPEAKS_FOR", actor.id, actor.speaks_for, "Actor")

    def locations(self) -> None:
        for index, place in enumerate(self.facts.locations):
            at: Location = ("locations", index)
            point = None
            if place.latitude is not None and place.longitude is not None:
                point = WGS84Point((place.longitude, place.latitude))
            self.plan.node(
                "Location",
                place.id,
                name=place.name,
                kind=place.kind,
                aliases=place.aliases,
                aliasesText=" | ".join(place.aliases) or None,
                iso3166_2=place.iso3166_2,
                wikidataId=place.wikidata,
                point=point,
                coordinatesSource=place.coordinates_source,
            )
            self.evidence(at, place, place.id, "existence")
            if point is not None and place.coordinates_source:
                self.expect((*at, "coordinates_source"), place.coordinates_source, "Source")
                self.plan.link(
                    "SUPPORTED_BY",
                    place.id,
                    place.coordinates_source,
                    quotes=[],
                    aspect="coordinates",
                    external=place.coordinates_source in self.external,
                    note="coordinates",
                )
            self.refer((*at, "within"), "WITHIN", place.id, place.within, "Location")

    def events(self) -> None:
        for index, event in enumerate(self.facts.events):
            at: Location = ("events", index)
            time = self.timed(at, event.id, event.time)
            self.plan.node("Event", event.id, name=event.name, kind=event.kind, **time)
            self.evidence(at, event, event.id, "existence")
            self.refer_all(
                (*at, "participants"), "PARTICIPANT", event.id, event.participants, "Actor"
            )
            self.refer((*at, "location"), "AT", event.id, event.location, "Location")

    def statements(self) -> None:
        for index, statement in enumerate(self.facts.statements):
            at: Location = ("statements", index)
            time = self.timed(at, statement.id, statement.time)
            self.plan.node(
                "Statement",
                statement.id,
                kind=statement.kind,
                name=statement.text[:120],
                text=statement.text,
                **time,
            )
            self.evidence(at, statement, statement.id, "existence")
            self.refer((*at, "speaker"), "MADE_BY", statement.id, statement.speaker, "Actor")
            self.refer_all((*at, "about"), "ABOUT", statement.id, statement.about, *ABOUT_KINDS)

    def category(self, location: Location, name: str) -> None:
        if name not in TARGET_CATEGORIES:
            known = ", ".join(sorted(TARGET_CATEGORIES))
            self.fail(location, f"unknown target category {name!r}; known: {known}")

    def agreement(self, at: Location, agreement: AgreementSpec) -> None:
        props: dict[str, Any] = {
            "name": agreement.name,
            "kind": agreement.kind,
            "status": agreement.status,
            "description": agreement.description,
            "duration": agreement.duration,
            "scope": agreement.scope,
            **self.timed(at, agreement.id, agreement.time),
        }
        for field_name, prefix in (("in_force_from", "inForce"), ("expires", "expires")):
            spec: TimeSpec | None = getattr(agreement, field_name)
            if spec is None:
                continue
            anchor = self.time_of(spec.anchor) if spec.anchor else None
            try:
                props.update(self.time_props(spec, resolve(spec, anchor), prefix))
            except TimeError as error:
                self.fail((*at, field_name), str(error))
            self.evidence((*at, field_name), spec, agreement.id, field_name)
        self.plan.node("Agreement", agreement.id, **props)
        self.evidence(at, agreement, agreement.id, "existence")
        for i, name in enumerate(agreement.scope):
            self.category((*at, "scope", i), name)
            self.plan.link("COVERS", agreement.id, "category:" + name)
        self.refer_all((*at, "area"), "COVERS_AREA", agreement.id, agreement.area, "Location")
        self.refer(
            (*at, "announced_in"), "ANNOUNCED_IN", agreement.id, agreement.announced_in, "Statement"
        )
        self.refer((*at, "arose_from"), "AROSE_FROM", agreement.id, agreement.arose_from, "Event")
        for i, party in enumerate(agreement.parties):
            where: Location = (*at, "parties", i)
            self.expect((*where, "actor"), party.actor, "Actor")
            self.expect((*where, "statement"), party.statement, "Statement")
            self.check_quotes(where, party)
            self.plan.link(
                "HAS_PARTY",
                agreement.id,
                party.actor,
                role=party.role,
                statementId=party.statement,
                **self.relationship_evidence(party),
            )

    def attack(self, at: Location, attack: AttackSpec) -> None:
        self.plan.node(
            "Attack",
            attack.id,
            name=attack.name,
            kind=attack.kind,
            category=attack.category,
            description=attack.description,
            **self.timed(at, attack.id, attack.time),
        )
        self.evidence(at, attack, attack.id, "existence")
        self.refer((*at, "part_of"), "PART_OF", attack.id, attack.part_of, "Attack")
        self.refer_all((*at, "by"), "CARRIED_OUT_BY", attack.id, attack.by, "Actor")
        self.refer_all((*at, "locations"), "AT", attack.id, attack.locations, "Location")
        for i, target in enumerate(attack.targets):
            where: Location = (*at, "targets", i)
            target_id = target.id or f"{attack.id}/target/{target.category}"
            self.category((*where, "category"), target.category)
            self.plan.node("Target", target_id, name=target.name, category=target.category)
            self.evidence(where, target, target_id, "existence")
            self.plan.link("HIT", attack.id, target_id)
            self.plan.link("IN_CATEGORY", target_id, "category:" + target.category)
            self.refer((*where, "location"), "LOCATED_IN", target_id, target.location, "Location")
        for i, figure in enumerate(attack.figures):
            where = (*at, "figures", i)
            suffix = f"-{figure.weapon}" if figure.weapon else ""
            figure_id = figure.id or f"{attack.id}/{figure.metric.replace('_', '-')}{suffix}"
            if figure_id in self.plan.labels:
                self.fail(
                    where, f"figure id {figure_id!r} is taken: give this figure an explicit id"
                )
            if figure.category:
                self.category((*where, "category"), figure.category)
            self.plan.node(
                "Figure",
                figure_id,
                metric=figure.metric,
                value=figure.value,
                qualifier=figure.qualifier,
                weapon=figure.weapon,
                category=figure.category,
                attribution="reported" if figure.reported_by else "unattributed",
            )
            self.evidence(where, figure, figure_id, "existence")
            self.plan.link("HAS_FIGURE", attack.id, figure_id)
            self.refer(
                (*where, "reported_by"), "REPORTED_BY", figure_id, figure.reported_by, "Actor"
            )
            self.refer(
                (*where, "statement"), "REPORTED_IN", figure_id, figure.statement, "Statement"
            )
            self.refer_all((*where, "locations"), "IN", figure_id, figure.locations, "Location")


def plan_facts(parsed: Parsed) -> tuple[Plan | None, list[Problem]]:
    """The file's plan (None when its frame is unreadable) and every problem found in it."""
    if parsed.facts is None:
        return None, parsed.problems
    planner = Planner(parsed, parsed.facts)
    plan = planner.run()
    return plan, parsed.problems + planner.problems
