"""Building GraphQL objects from projected rows: the kind from the labels, each field from its
property, time bounds from their properties, and empty values where a field cannot be null."""

from __future__ import annotations

import datetime as dt

from api.types.build import build, camel, figure_name
from api.types.deeds import Attack, Figure
from api.types.kinds import Actor, Agreement, Location, Source
from graph.queries.entities import EntityRow

UTC = dt.UTC
DAY_START = dt.datetime(2025, 3, 19, tzinfo=UTC)
DAY_END = dt.datetime(2025, 3, 19, 23, 59, 59, 999999, tzinfo=UTC)


def attack_row() -> EntityRow:
    row: dict[str, object] = {
        "id": "attack:night",
        "labels": ["Entity", "Attack"],
        "name": "The night",
        "kind": "wave",
        "category": "air_drone_strike",
        "startEarliest": DAY_START,
        "startLatest": DAY_END,
        "endEarliest": DAY_START,
        "endLatest": DAY_END,
        "timeText": "overnight",
        "timePrecision": "day",
        "timeAnchor": "event:call",
        "timeOffset": "P1D",
        "timeExternal": True,
    }
    return row  # type: ignore[return-value]


def test_an_attack_row_builds_an_attack_with_its_time_bounds() -> None:
    attack = build(attack_row())
    assert isinstance(attack, Attack)
    assert (attack.id, attack.name, attack.kind, attack.category) == (
        "attack:night",
        "The night",
        "wave",
        "air_drone_strike",
    )
    assert attack.description is None
    assert attack.time is not None
    assert (attack.time.start_earliest, attack.time.end_latest) == (DAY_START, DAY_END)
    assert (attack.time.text, attack.time.precision) == ("overnight", "day")
    assert (attack.time.anchor_id, attack.time.offset, attack.time.external) == (
        "event:call",
        "P1D",
        True,
    )


def test_a_row_without_times_has_no_time() -> None:
    attack = build({"id": "attack:x", "labels": ["Entity", "Attack"]})
    assert isinstance(attack, Attack) and attack.time is None


def test_an_agreements_prefixed_times_build_their_own_bounds() -> None:
    row: dict[str, object] = {
        "id": "agreement:pause",
        "labels": ["Entity", "Agreement"],
        "status": "agreed",
        "inForceStartEarliest": DAY_START,
        "inForceStartLatest": DAY_START,
        "inForceEndEarliest": DAY_END,
        "inForceEndLatest": DAY_END,
        "inForceTimeText": "from Wednesday",
    }
    agreement = build(row)  # type: ignore[arg-type]
    assert isinstance(agreement, Agreement)
    assert agreement.time is None and agreement.expires is None
    assert agreement.in_force is not None
    assert agreement.in_force.text == "from Wednesday"
    assert agreement.in_force.end_latest == DAY_END


def test_a_figure_without_a_name_is_named_by_its_value_and_metric() -> None:
    row: dict[str, object] = {
        "id": "attack:night/facilities-hit",
        "labels": ["Entity", "Figure"],
        "metric": "facilities_hit",
        "value": 2,
        "qualifier": "at_least",
    }
    figure = build(row)  # type: ignore[arg-type]
    assert isinstance(figure, Figure)
    assert figure.name == "2 facilities hit"
    assert (figure.value, figure.qualifier) == (2, "at_least")


def test_a_figure_with_a_name_keeps_it() -> None:
    row: dict[str, object] = {
        "id": "f:1",
        "labels": ["Entity", "Figure"],
        "name": "Drones",
        "metric": "launched",
        "value": 145,
    }
    assert build(row).name == "Drones"  # type: ignore[arg-type]


def test_a_figure_name_needs_the_figures_row() -> None:
    assert figure_name({"id": "f:1"}) is None


def test_missing_text_and_lists_become_empty_and_the_rest_none() -> None:
    location = build({"id": "location:kyiv", "labels": ["Entity", "Location"]})
    assert isinstance(location, Location)
    assert location.kind == "" and location.aliases == []
    assert location.wikidata_id is None and location.latitude is None
    source = build({"id": "source:x", "labels": ["Entity", "Source"]})
    assert isinstance(source, Source)
    assert source.title == "" and source.kind == "" and source.url is None


def test_fields_read_their_camel_case_property() -> None:
    row: dict[str, object] = {
        "id": "actor:russia",
        "labels": ["Entity", "Actor"],
        "name": "Russia",
        "kind": "state",
        "aliases": ["RF"],
        "wikidataId": "Q159",
    }
    actor = build(row)  # type: ignore[arg-type]
    assert isinstance(actor, Actor)
    assert (actor.wikidata_id, actor.aliases) == ("Q159", ["RF"])


def test_iso_codes_keep_their_underscored_name() -> None:
    row: dict[str, object] = {"id": "l:1", "labels": ["Location"], "iso3166_2": "UA-32"}
    location = build(row)  # type: ignore[arg-type]
    assert isinstance(location, Location) and location.iso3166_2 == "UA-32"
    assert camel("iso3166_2") == "iso3166_2"


def test_camel_case_joins_the_parts_of_a_name() -> None:
    assert camel("content_hash") == "contentHash"
    assert camel("wikidata_id") == "wikidataId"
    assert camel("name") == "name"


def test_a_row_without_a_known_label_builds_a_source() -> None:
    assert isinstance(build({"id": "x", "labels": ["Entity"]}), Source)


def test_the_row_stays_with_the_object() -> None:
    row = attack_row()
    assert build(row).row is row


def test_an_acled_interception_does_not_build_as_a_source() -> None:
    row: dict[str, object] = {
        "id": "acled:UKR1004",
        "labels": ["Entity", "Interception"],
        "name": "Disrupted weapons use in Obukhiv",
        "category": "interception",
    }
    assert not isinstance(build(row), Source)  # type: ignore[arg-type]


def test_an_identity_row_builds_its_kind_with_empty_fields_whatever_the_label_order() -> None:
    # What an analysis's rows carry (graph/queries/projections.py identity): a selection of ids
    # is answered from it. The kind's build plan is worked out once and reused.
    for labels in (["Attack", "Entity"], ["Entity", "Attack"]):
        row: EntityRow = {"id": "attack:night", "labels": labels, "retracted": None}
        attack = build(row)
        assert isinstance(attack, Attack)
        assert (attack.id, attack.name, attack.time, attack.kind) == (
            "attack:night",
            None,
            None,
            "",
        )
    other: dict[str, object] = {"id": "actor:x", "labels": ["Actor", "Entity"], "aliases": ["X"]}
    actor = build(other)  # type: ignore[arg-type]
    assert isinstance(actor, Actor) and actor.aliases == ["X"] and actor.kind == ""
