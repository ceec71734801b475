"""Planning attacks: the attack itself, the targets it hit and the figures reported about it."""

from __future__ import annotations

from graph.ingest.facts.models import AttackSpec
from graph.ingest.facts.parse import Location
from graph.ingest.facts.plan.planner import Planner


def attack(planner: Planner, at: Location, attack: AttackSpec) -> None:
    adding = planner.adding(at, attack, "Attack")
    time = planner.timed(at, attack.id, attack.time)
    if not adding:
        planner.plan.node(
            "Attack",
            attack.id,
            name=attack.name,
            kind=attack.kind,
            category=attack.category,
            description=attack.description,
            **time,
        )
    planner.evidence(at, attack, attack.id, "existence")
    planner.same_as(at, attack, attack.same_as, "Attack")
    suffix = planner.suffix(attack.id)
    planner.refer((*at, "part_of"), "PART_OF", attack.id, attack.part_of, "Attack")
    planner.refer_all((*at, "by"), "CARRIED_OUT_BY", attack.id, attack.by, "Actor")
    planner.refer_all((*at, "locations"), "AT", attack.id, attack.locations, "Location")
    for i, target in enumerate(attack.targets):
        where: Location = (*at, "targets", i)
        target_id = target.id or f"{attack.id}/target/{target.category}{suffix}"
        planner.category((*where, "category"), target.category)
        planner.plan.node(
            "Target", target_id, name=target.name, category=target.category, status=target.status
        )
        planner.evidence(where, target, target_id, "existence")
        planner.plan.link("HIT", attack.id, target_id)
        planner.plan.link("IN_CATEGORY", target_id, "category:" + target.category)
        planner.refer((*where, "location"), "LOCATED_IN", target_id, target.location, "Location")
    for i, figure in enumerate(attack.figures):
        where = (*at, "figures", i)
        weapon = f"-{figure.weapon}" if figure.weapon else ""
        figure_id = figure.id or f"{attack.id}/{figure.metric.replace('_', '-')}{weapon}{suffix}"
        if figure_id in planner.plan.labels:
            planner.fail(
                where, f"figure id {figure_id!r} is taken: give this figure an explicit id"
            )
        if figure.category:
            planner.category((*where, "category"), figure.category)
        planner.plan.node(
            "Figure",
            figure_id,
            metric=figure.metric,
            value=figure.value,
            qualifier=figure.qualifier,
            weapon=figure.weapon,
            category=figure.category,
            attribution="reported" if figure.reported_by else "unattributed",
            locationsPartial=figure.locations_partial,
        )
        planner.evidence(where, figure, figure_id, "existence")
        planner.plan.link("HAS_FIGURE", attack.id, figure_id)
        planner.refer(
            (*where, "reported_by"), "REPORTED_BY", figure_id, figure.reported_by, "Actor"
        )
        planner.refer(
            (*where, "statement"), "REPORTED_IN", figure_id, figure.statement, "Statement"
        )
        planner.refer_all((*where, "locations"), "IN", figure_id, figure.locations, "Location")
