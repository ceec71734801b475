"""Drafted attacks matched against the graph's (draft/matching.py), on a Snapshot: the part of
the graph a draft reads before drafting."""

from __future__ import annotations

import datetime as dt

from draft.lookup import Known, KnownAttack, Snapshot
from tests.unit.draft.support import facts

TEXT = (
    "Russian drones struck an energy facility in Sumy Oblast overnight, "
    "the regional administration said."
)
NIGHT = (
    dt.datetime(2025, 3, 18, 20, tzinfo=dt.UTC),
    dt.datetime(2025, 3, 19, 4, tzinfo=dt.UTC),
)
SUMY = Known("location:sumy-oblast", "Location", "Sumy Oblast", ("Sumy region",), "region")


def known(id: str, places: tuple[str, ...], targets: tuple[str, ...]) -> KnownAttack:
    return KnownAttack(
        id, "A strike the graph holds", "air_drone_strike", *NIGHT, places, targets,
        ("source:acled",), "incident",
    )  # fmt: skip


def test_an_attack_the_graph_holds_at_the_same_place_and_target_is_drafted_as_an_addition() -> None:
    graph = Snapshot(
        [SUMY], [known("acled:UKR1", ("location:sumy-oblast",), ("energy_infrastructure",))]
    )
    [attack] = facts(TEXT, graph)["attacks"]
    assert attack["id"] == "acled:UKR1"
    assert attack["drafted"]["rule"] == "attacks.graph-match"
    assert attack["drafted"]["confidence"] >= 0.75
    assert "name" not in attack  # what the graph holds is not drafted again


def test_an_attack_of_the_same_night_elsewhere_is_not_matched() -> None:
    graph = Snapshot([SUMY], [known("acled:UKR2", ("location:lviv-oblast",), ("residential",))])
    [attack] = facts(TEXT, graph)["attacks"]
    assert attack["id"] != "acled:UKR2" and not attack.get("same_as")
