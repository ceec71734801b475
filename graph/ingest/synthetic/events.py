"""What happens in the world: moratoria with parties and scopes, waves of strikes made of
incidents with targets and figures, and some statements about them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.ingest.synthetic.world import (
    DAYS,
    INCIDENT_CATEGORIES,
    SCOPES,
    START,
    TARGETS,
    Rows,
    World,
    timed,
)


def agreement(world: World, rows: Rows, n: int) -> None:
    r = world.random
    id = f"syn-agreement:{n}"
    start = START + dt.timedelta(days=r.randrange(DAYS))
    scope = r.choice(SCOPES)
    statement = f"syn-statement:agreement-{n}"
    rows.node(
        "Statement",
        statement,
        kind="announcement",
        name=f"Announcement {n}",
        text=f"The parties agreed to stop strikes on {', '.join(scope)}.",
        **timed(start, 24, "that day", "day"),
    )
    rows.link("MADE_BY", statement, "syn-actor:mediator")
    rows.link("ABOUT", statement, id)
    world.supported(rows, statement, f"agreed to stop strikes on {', '.join(scope)}")
    rows.node(
        "Agreement",
        id,
        name=f"Moratorium {n} on {', '.join(scope)}",
        kind="moratorium",
        status="agreed",
        scope=scope,
        duration="P30D",
        **timed(start, 24, "that day", "day"),
    )
    world.supported(rows, id, f"moratorium {n}")
    rows.link("ANNOUNCED_IN", id, statement)
    for category in scope:
        rows.link("COVERS", id, "category:" + category)
    for actor, role in (
        ("syn-actor:aggressor", "accepted"),
        ("syn-actor:defender", "accepted"),
        ("syn-actor:mediator", "mediator"),
    ):
        rows.link(
            "HAS_PARTY",
            id,
            actor,
            role=role,
            statementId=statement,
            sourceId=world.source,
            quotes=[f"party {role}"],
            external=False,
        )


def wave(world: World, rows: Rows, n: int, incidents: int, first: int) -> None:
    r = world.random
    wave = f"syn-attack:wave-{n}"
    night = START + dt.timedelta(days=r.randrange(DAYS), hours=r.randrange(20, 26))
    time = timed(night, 6, "overnight", "hour")
    launched = incidents * r.randint(3, 12)
    rows.node(
        "Attack",
        wave,
        name=f"Wave {n}",
        kind="wave",
        category="combined_missile_drone_strike",
        description=None,
        **time,
    )
    rows.link("CARRIED_OUT_BY", wave, "syn-actor:aggressor-forces", role="primary")
    world.supported(rows, wave, f"wave {n} overnight")
    for metric, value in (("launched", launched), ("intercepted", int(launched * 0.7))):
        figure = f"{wave}/{metric}-drone"
        rows.node(
            "Figure",
            figure,
            metric=metric,
            value=value,
            qualifier="exact",
            weapon="drone",
            attribution="reported",
        )
        rows.link("HAS_FIGURE", wave, figure)
        rows.link("REPORTED_BY", figure, "syn-actor:defender-air-force")
        world.supported(rows, figure, f"{value} drones {metric}")
    region = r.choices(world.regions, world.region_weights)[0]
    for k in range(incidents):
        incident(world, rows, first + k, wave, time, region)


def incident(
    world: World, rows: Rows, n: int, wave: str, time: dict[str, Any], region: str
) -> None:
    r = world.random
    id = f"syn-attack:{n}"
    if r.random() < 0.3:  # waves reach beyond their main region
        region = r.choices(world.regions, world.region_weights)[0]
    place = r.choice(world.settlements[region])
    unit = r.choices(world.units, world.unit_weights)[0]
    category = r.choice(INCIDENT_CATEGORIES)
    target_category = r.choices([t for t, _ in TARGETS], [w for _, w in TARGETS])[0]
    rows.node(
        "Attack",
        id,
        name=f"Strike {n} on {target_category.replace('_', ' ')}",
        kind="incident",
        category=category,
        description=f"Synthetic strike {n} hit {target_category} in {place[-24:]}",
        **time,
    )
    rows.link("PART_OF", id, wave)
    rows.link("CARRIED_OUT_BY", id, unit, role="primary")
    rows.link("AT", id, place)
    world.supported(rows, id, f"strike {n}")
    target = f"{id}/target"
    rows.node(
        "Target", target, name=f"{target_category} at {place[-24:]}", category=target_category
    )
    rows.link("HIT", id, target)
    rows.link("IN_CATEGORY", target, "category:" + target_category)
    rows.link("LOCATED_IN", target, place)
    damaged = max(0, int(r.expovariate(0.5)))
    figure = f"{id}/buildings-damaged"
    rows.node(
        "Figure",
        figure,
        metric="buildings_damaged",
        value=damaged,
        qualifier="at_least",
        weapon=None,
        attribution="reported",
    )
    rows.link("HAS_FIGURE", id, figure)
    rows.link("REPORTED_BY", figure, world.police[region])
    if r.random() < 0.05:
        statement = f"syn-statement:report-{n}"
        rows.node(
            "Statement",
            statement,
            kind="report",
            name=f"Police report {n}",
            text=f"{damaged} buildings were damaged in strike {n}.",
            **time,
        )
        rows.link("MADE_BY", statement, world.police[region])
        rows.link("ABOUT", statement, id)
        world.supported(rows, statement, f"report {n}")
