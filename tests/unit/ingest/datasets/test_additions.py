"""What resolution adds beside the events, collected while rows are read and handed over once
per batch: take() empties the collector, a resolution is kept once, an empty one is false."""

from __future__ import annotations

import pytest

from graph.ingest.acled.sources import ACLED, DATASET
from graph.ingest.datasets.additions import Additions, NamedInRow, PlaceRow


def place(id: str) -> PlaceRow:
    return PlaceRow(
        id=id,
        props={"id": id, "name": id, "kind": "settlement"},
        within=None,
        depth=0,
        source=DATASET,
        evidence=ACLED.named_in("location"),
    )


def resolution(id: str, name: str, column: str, how: str = "exact") -> NamedInRow:
    return NamedInRow(id=id, name=name, column=column, how=how, rule="why", source=DATASET)


def filled() -> Additions:
    pending = Additions()
    pending.sources[DATASET] = {"id": DATASET}
    pending.places["acled-place:ua-32/irpin"] = place("acled-place:ua-32/irpin")
    pending.actors["acled-actor:wagner-group"] = {
        "id": "acled-actor:wagner-group",
        "props": {"id": "acled-actor:wagner-group"},
        "evidence": ACLED.named_in("actor1"),
        "source": DATASET,
    }
    pending.link("PART_OF", "acled-actor:x", "actor:russia", {"sourceId": DATASET})
    pending.resolved(resolution("actor:russia", "Russia", "actor1"))
    return pending


def test_take_returns_what_was_collected_and_empties_the_collector() -> None:
    pending = filled()
    taken = pending.take()
    assert list(taken.sources) == [DATASET]
    assert list(taken.places) == ["acled-place:ua-32/irpin"]
    assert list(taken.actors) == ["acled-actor:wagner-group"]
    assert taken.links["PART_OF"][0]["end"] == "actor:russia"
    assert list(taken.resolutions) == [("actor:russia", "Russia", "actor1")]
    assert (pending.sources, pending.places, pending.actors) == ({}, {}, {})
    assert (pending.links, pending.resolutions) == ({}, {})
    assert not pending


def test_what_is_collected_after_a_take_does_not_reach_what_was_taken() -> None:
    pending = filled()
    taken = pending.take()
    pending.places["acled-place:ua-32/bucha"] = place("acled-place:ua-32/bucha")
    pending.link("PART_OF", "acled-actor:y", "actor:ukraine", {})
    pending.resolved(resolution("actor:ukraine", "Ukraine", "actor1"))
    assert list(taken.places) == ["acled-place:ua-32/irpin"]
    assert len(taken.links["PART_OF"]) == 1
    assert list(taken.resolutions) == [("actor:russia", "Russia", "actor1")]
    assert list(pending.take().places) == ["acled-place:ua-32/bucha"]


def test_taking_twice_hands_over_nothing_the_second_time() -> None:
    pending = filled()
    assert pending.take()
    assert not pending.take()


def test_resolved_keeps_the_first_record_per_id_name_and_column() -> None:
    pending = Additions()
    pending.resolved(resolution("location:kyiv-oblast", "Kyivska", "admin1", "iso-name"))
    pending.resolved(resolution("location:kyiv-oblast", "Kyivska", "admin1", "table"))
    pending.resolved(resolution("location:kyiv-oblast", "Kyivska", "admin2", "rule:name-keys"))
    pending.resolved(resolution("location:kyiv-oblast", "Kyiv", "admin1", "rule:x"))
    assert pending.resolutions["location:kyiv-oblast", "Kyivska", "admin1"]["how"] == "iso-name"
    assert len(pending.resolutions) == 3


def test_links_are_kept_by_type_in_the_order_they_were_made() -> None:
    pending = Additions()
    pending.link("BASED_IN", "a", "x", {})
    pending.link("PART_OF", "b", "y", {"rule": "r"})
    pending.link("BASED_IN", "c", "z", {})
    assert [(row["start"], row["end"]) for row in pending.links["BASED_IN"]] == [
        ("a", "x"),
        ("c", "z"),
    ]
    assert pending.links["PART_OF"] == [{"start": "b", "end": "y", "props": {"rule": "r"}}]


def test_an_empty_pending_is_false() -> None:
    assert not Additions()
    assert bool(Additions()) is False


@pytest.mark.parametrize("part", ["sources", "places", "actors", "links", "resolutions"])
def test_anything_collected_makes_a_pending_true(part: str) -> None:
    pending = filled()
    for other in ("sources", "places", "actors", "links", "resolutions"):
        if other != part:
            setattr(pending, other, {})
    assert pending
