"""Controlled vocabularies shared by facts files, imports, agreement scopes and the API."""

from __future__ import annotations

from typing import Literal

ActorKind = Literal[
    "state",
    "government",
    "government_body",
    "person",
    "armed_forces",
    "military_unit",
    "organisation",
    "police",
    "group",
]
# "city": a city with a region's status (Kyiv, UA-30); "community": a municipality below a
# district (Ukraine's hromada, ACLED's admin3 there).
LocationKind = Literal["country", "region", "city", "district", "community", "settlement", "site"]
StatementKind = Literal[
    "announcement",
    "readout",
    "accusation",
    "appeal",
    "commitment",
    "denial",
    "report",
    "claim",
    "acceptance",
    "rejection",
]
AgreementKind = Literal["ceasefire", "moratorium", "talks_track", "exchange", "other"]
AgreementStatus = Literal[
    "proposed", "announced", "agreed", "in_force", "rejected", "expired", "collapsed"
]
# "announced": made it known (a statement "mentioned" talks) without saying who accepted it.
PartyRole = Literal[
    "proposer", "announced", "accepted", "rejected", "mediator", "signatory", "guarantor"
]
# "targeted": what the source says an attack aimed at; "hit": what it says was struck.
TargetStatus = Literal["hit", "targeted"]
AttackKind = Literal["wave", "incident"]
# ACLED's "Explosions/Remote violence" and "Violence against civilians" sub-event types.
AttackCategory = Literal[
    "air_drone_strike",
    "missile_attack",
    "shelling_artillery",
    "combined_missile_drone_strike",
    "remote_explosive",
    "attack",
    "armed_clash",  # ACLED's Battles: clashes between armed groups
    "interception",
]
# protest, riot and strategic_development are ACLED's event types of those names.
EventKind = Literal[
    "phone_call",
    "talks",
    "meeting",
    "summit",
    "protest",
    "riot",
    "strategic_development",
    "other",
]
Precision = Literal["minute", "hour", "day", "week", "month", "year"]
FigureQualifier = Literal["exact", "at_least", "at_most", "about"]
FigureMetric = Literal[
    "launched",
    "intercepted",
    "lost_as_decoys",
    "strikes",
    "buildings_damaged",
    "buildings_destroyed",
    "houses_damaged",
    "facilities_hit",
    "injured",
    "killed",
    "casualties",
    "without_power",  # households, consumers or people left without electricity
]
Weapon = Literal[
    "ballistic_missile",
    "cruise_missile",
    "guided_anti_aircraft_missile",
    "guided_aerial_bomb",
    "attack_drone",
    "decoy_drone",
    "drone",
    "artillery",
]

# Target categories: one tree for what attacks hit and what agreements protect.
# Each category names its broader categories; a scope covers a category and all narrower ones.
TARGET_CATEGORIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "civilian": ("Civilian objects", ()),
    "infrastructure": ("Infrastructure", ("civilian",)),
    "energy_infrastructure": ("Energy infrastructure", ("infrastructure",)),
    "power_generation": ("Power generation", ("energy_infrastructure",)),
    "power_grid": ("Power grid and substations", ("energy_infrastructure",)),
    "oil_gas": ("Oil and gas facilities", ("energy_infrastructure",)),
    "transport": ("Transport infrastructure", ("infrastructure",)),
    "railway": ("Railway", ("transport",)),
    "railway_energy_infrastructure": (
        "Railway energy infrastructure",
        ("railway", "energy_infrastructure"),
    ),
    "port": ("Ports and shipping", ("transport",)),
    "residential": ("Residential buildings", ("civilian",)),
    "medical": ("Medical facilities", ("civilian",)),
    "education": ("Schools and universities", ("civilian",)),
    "commercial": ("Commercial and other civilian structures", ("civilian",)),
    "military": ("Military objects", ()),
    "other": ("Other or unspecified structures", ()),
}


def narrower_or_equal(category: str) -> set[str]:
    """The category and everything under it."""
    found = {category}
    changed = True
    while changed:
        changed = False
        for name, (_, broader) in TARGET_CATEGORIES.items():
            if name not in found and found.intersection(broader):
                found.add(name)
                changed = True
    return found
