"""Which places a draft lists and how it resolves them, on sentences written for the test: a
place something happens at or a fact is about, not every country named in passing; a foreign
city through the gazetteer; the region an official who speaks governs."""

from __future__ import annotations

from draft import Snapshot
from draft.lookup import Known
from tests.unit.draft.support import by_id, facts


def test_a_country_named_in_passing_is_not_a_place_of_the_report() -> None:
    found = facts(
        "Washington said talks with Moscow were back on track, US officials told reporters."
    )
    assert by_id(found, "locations") == {}


def test_the_country_an_attack_is_in_is_a_place_of_the_report() -> None:
    found = facts("Russian forces launched a massive missile attack on Ukraine overnight.")
    assert "location:ukraine" in by_id(found, "locations")


def test_a_country_the_graph_holds_without_a_code_is_the_graphs() -> None:
    graph = Snapshot([Known("location:ukraine", "Location", "Ukraine", kind="country")])
    draft = facts("Russian forces launched a massive missile attack on Ukraine overnight.", graph)
    assert "location:ukraine" not in by_id(draft, "locations")
    assert draft["attacks"][0]["locations"] == ["location:ukraine"]


def test_a_foreign_city_resolves_through_the_gazetteer_within_its_country() -> None:
    found = facts("The delegations said after the meeting of the two sides in Istanbul.")
    locations = by_id(found, "locations")
    city = locations["location:istanbul"]
    assert (city["kind"], city["within"]) == ("settlement", "location:turkiye")
    assert by_id(found, "events")["event:meeting-in-istanbul"]["location"] == "location:istanbul"


def test_a_small_town_elsewhere_is_not_taken_for_a_bare_name() -> None:
    from draft import gazetteer

    jeddah = gazetteer.city("Jeddah")
    assert jeddah is not None and jeddah.country == "SA"
    assert gazetteer.city("Sarny") is None  # a Ukrainian town of some 27,000 people
    assert gazetteer.city("Nowhereville") is None


def test_the_region_a_governor_speaks_for_is_a_place_of_the_report() -> None:
    found = facts(
        "Poltava Governor Volodymyr Kohut said the attack struck an enterprise in the region."
    )
    region = by_id(found, "locations")["location:poltava-oblast"]
    assert (region["kind"], region["iso3166_2"]) == ("region", "UA-53")


def test_the_region_of_a_governor_named_after_the_title_is_a_place_too() -> None:
    found = facts("The governor of the northern region of Sumy, Oleh Hryhorov, said so.")
    assert "location:sumy-oblast" in by_id(found, "locations")


def test_a_mayor_speaks_for_the_city() -> None:
    found = facts("Odesa Mayor Hennadiy Trukhanov said the city lost power.")
    locations = by_id(found, "locations")
    assert any(f["kind"] in ("settlement", "city") for f in locations.values()), locations


def test_the_country_of_a_state_whose_forces_attack_is_a_place_of_the_report() -> None:
    found = facts(
        "Polish President Andrzej Duda spoke. Russia's forces launched a massive missile attack "
        "on Ukraine overnight, and Russia denied it."
    )
    locations = by_id(found, "locations")
    assert {"location:russia", "location:ukraine"} <= set(locations)
    assert "location:poland" not in locations


def test_the_place_of_talks_the_graph_holds_is_added_to_them() -> None:
    import datetime as dt

    talks = Known(
        "event:saudi-talks", "Event", "Talks in Saudi Arabia", kind="talks",
        start=dt.datetime(2025, 3, 11, tzinfo=dt.UTC),
    )  # fmt: skip
    graph = Snapshot([talks, Known("location:saudi-arabia", "Location", "Saudi Arabia")])
    found = facts("The two sides held talks in Jeddah, the statement said.", graph)
    event = by_id(found, "events")["event:saudi-talks"]
    assert event["location"] == "location:jeddah"
    assert by_id(found, "locations")["location:jeddah"]["within"] == "location:saudi-arabia"
