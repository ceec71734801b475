"""Check a parsed facts file against itself and its sources, and turn it into rows to write:
the frame first (graph/ingest/facts/plan/frame.py), then what happens in time (timed.py) and
attacks (attacks.py), each through the shared checks of planner.py."""

from __future__ import annotations

from graph.errors import Problem
from graph.ingest.facts.parse import Location, Parsed, dotted, kinds
from graph.ingest.facts.plan.aliases import ambiguous_aliases
from graph.ingest.facts.plan.attacks import attack
from graph.ingest.facts.plan.codes import iso_codes
from graph.ingest.facts.plan.frame import actors, locations, sources
from graph.ingest.facts.plan.planner import TIMED, Planner
from graph.ingest.facts.plan.rows import KnownTime, Plan
from graph.ingest.facts.plan.timed import agreement, events, statements

__all__ = ["KnownTime", "Plan", "plan_facts"]


def run(planner: Planner) -> Plan:
    sources(planner)
    for group in TIMED:
        for index, item in enumerate(getattr(planner.facts, group)):
            if item.time is not None:
                planner.specs[item.id] = (item.time, (group, index, "time"))
    check_ids(planner)
    actors(planner)
    locations(planner)
    iso_codes(planner)
    ambiguous_aliases(planner)
    events(planner)
    statements(planner)
    for index, spec in enumerate(planner.facts.agreements):
        agreement(planner, ("agreements", index), spec)
    for index, item in enumerate(planner.facts.attacks):
        attack(planner, ("attacks", index), item)
    for location, id, labels in planner.expected:
        if id in planner.parsed.broken:
            continue  # its own problems are reported already
        label = planner.plan.labels.get(id)
        if label is None:
            planner.plan.outside.setdefault(id, (labels, location))
        elif label not in labels:
            planner.fail(location, f"{id!r} is {kinds({label})}, expected {kinds(labels)}")
    return planner.plan


def check_ids(planner: Planner) -> None:
    seen: dict[str, Location] = {}
    for group in ("sources", "actors", "locations", *TIMED):
        for index, item in enumerate(getattr(planner.facts, group)):
            if item.id in seen:
                planner.fail(
                    (group, index, "id"),
                    f"duplicate id {item.id!r} (also at {dotted(seen[item.id])})",
                )
            seen[item.id] = (group, index)


def plan_facts(
    parsed: Parsed, known: dict[str, KnownTime] | None = None
) -> tuple[Plan | None, list[Problem]]:
    """The file's plan (None when its frame is unreadable) and every problem found in it.
    `known`: the times of facts outside the file its times may be anchored on."""
    if parsed.facts is None:
        return None, parsed.problems
    planner = Planner(parsed, parsed.facts, known)
    plan = run(planner)
    return plan, parsed.problems + planner.problems
