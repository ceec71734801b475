"""Planning what happens in time: events, statements and agreements (with their parties)."""

from __future__ import annotations

from typing import Any

from graph.ingest.facts.models import AgreementSpec, ConductSpec
from graph.ingest.facts.parse import Location
from graph.ingest.facts.plan.planner import ABOUT_KINDS, Planner
from graph.ingest.facts.time_spec import TimeSpec
from graph.ingest.facts.times import TimeError, precision_of, resolve


def events(planner: Planner) -> None:
    for index, event in enumerate(planner.facts.events):
        at: Location = ("events", index)
        adding = planner.adding(at, event, "Event")
        time = planner.timed(at, event.id, event.time)
        if not adding:
            planner.plan.node("Event", event.id, name=event.name, kind=event.kind, **time)
        planner.evidence(at, event, event.id, "existence")
        planner.same_as(at, event, event.same_as, "Event")
        planner.refer_all(
            (*at, "participants"), "PARTICIPANT", event.id, event.participants, "Actor"
        )
        planner.refer((*at, "location"), "AT", event.id, event.location, "Location")


def statements(planner: Planner) -> None:
    for index, statement in enumerate(planner.facts.statements):
        at: Location = ("statements", index)
        adding = planner.adding(at, statement, "Statement")
        time = planner.timed(at, statement.id, statement.time)
        claims: dict[str, Any] = {}
        if statement.conduct is not None and statement.time is not None:
            claims = conduct(
                planner, (*at, "conduct"), statement.id, statement.conduct, statement.time
            )
        elif statement.conduct is not None:
            planner.fail((*at, "conduct"), "a claim about conduct needs the statement's time")
        if not adding:
            planner.plan.node(
                "Statement",
                statement.id,
                kind=statement.kind,
                name=(statement.text or "")[:120],
                text=statement.text,
                **time,
                **claims,
            )
        planner.evidence(at, statement, statement.id, "existence")
        planner.refer((*at, "speaker"), "MADE_BY", statement.id, statement.speaker, "Actor")
        planner.refer_all((*at, "about"), "ABOUT", statement.id, statement.about, *ABOUT_KINDS)


def conduct(
    planner: Planner, at: Location, id: str, spec: ConductSpec, said: TimeSpec
) -> dict[str, Any]:
    """What a statement says of a side's conduct, and the period it speaks of: the statement's
    properties for it."""
    for field_name in ("denies", "only"):
        for i, name in enumerate(getattr(spec, field_name)):
            planner.category((*at, field_name, i), name)
    during = spec.during or said
    props = {"conductDenies": spec.denies, "conductOnly": spec.only}
    props |= another_time(planner, (*at, "during"), during, "conduct")
    planner.refer((*at, "by"), "CLAIMS_CONDUCT_OF", id, spec.by, "Actor")
    if spec.during is not None:
        planner.evidence((*at, "during"), spec.during, id, "conduct period")
    return props


def another_time(planner: Planner, at: Location, spec: TimeSpec, prefix: str) -> dict[str, Any]:
    """A fact's second time (an agreement's entry into force, a claim's period), prefixed."""
    planner.expect((*at, "anchor"), spec.anchor, "Event", "Statement", "Agreement", "Attack")
    anchor = planner.time_of(spec.anchor) if spec.anchor else None
    anchored = planner.precisions.get(spec.anchor or "")
    try:
        bounds = resolve(spec, anchor, planner.facts.timezone, anchored)
    except TimeError as error:
        planner.fail(at, str(error))
        return {}
    return planner.time_props(spec, bounds, precision_of(spec, anchor, anchored), prefix)


def agreement(planner: Planner, at: Location, agreement: AgreementSpec) -> None:
    adding = planner.adding(at, agreement, "Agreement")
    props: dict[str, Any] = {
        "name": agreement.name,
        "kind": agreement.kind,
        "status": agreement.status,
        "description": agreement.description,
        "duration": agreement.duration,
        "scope": agreement.scope,
        **planner.timed(at, agreement.id, agreement.time),
    }
    for field_name, prefix in (("in_force_from", "inForce"), ("expires", "expires")):
        spec: TimeSpec | None = getattr(agreement, field_name)
        if spec is not None:
            props.update(another_time(planner, (*at, field_name), spec, prefix))
            planner.evidence((*at, field_name), spec, agreement.id, field_name)
    if not adding:
        planner.plan.node("Agreement", agreement.id, **props)
    planner.evidence(at, agreement, agreement.id, "existence")
    for i, name in enumerate(agreement.scope):
        planner.category((*at, "scope", i), name)
        planner.plan.link("COVERS", agreement.id, "category:" + name)
    planner.refer_all((*at, "area"), "COVERS_AREA", agreement.id, agreement.area, "Location")
    planner.refer(
        (*at, "announced_in"), "ANNOUNCED_IN", agreement.id, agreement.announced_in, "Statement"
    )
    planner.refer((*at, "arose_from"), "AROSE_FROM", agreement.id, agreement.arose_from, "Event")
    roles: dict[str, int] = {}
    for i, party in enumerate(agreement.parties):
        where: Location = (*at, "parties", i)
        if party.actor in roles:
            planner.fail(
                (*where, "actor"),
                f"{party.actor!r} already has a role here (parties[{roles[party.actor]}]): one "
                "role per actor; a claim by another actor about it is a statement",
            )
        roles.setdefault(party.actor, i)
        planner.expect((*where, "actor"), party.actor, "Actor")
        planner.expect((*where, "statement"), party.statement, "Statement")
        planner.check_quotes(where, party)
        planner.plan.link(
            "HAS_PARTY",
            agreement.id,
            party.actor,
            role=party.role,
            statementId=party.statement,
            **planner.relationship_evidence(party),
        )
