"""Resolving ACLED's place names against a curated graph like the seed's: regions by ISO
3166-2, lower levels by name within their parent, and only what matches nothing created, under
its parent, with a source and evidence. Each link of a name to a curated node is recorded."""

from __future__ import annotations

from neo4j.spatial import WGS84Point

from graph.ingest.acled.rows import PlaceNames
from graph.ingest.acled.sources import ACLED, DATASET
from graph.ingest.datasets.additions import Additions, NamedInRow, PlaceRow
from graph.ingest.datasets.gazetteer import Gazetteer, KnownPlace, Resolved
from graph.ingest.datasets.sources import ISO
from graph.ingest.resolve.places import default_places

UKRAINE = "location:ukraine"
KYIV_REGION = "location:kyiv-oblast"
BUCHA_DISTRICT = "location:bucha-raion"
SUMY_REGION = "location:sumy-oblast"
DNIPRO_REGION = "location:dnipropetrovsk-oblast"

# (id, parent, name and aliases, kind, ISO code): the seed's places, as load() indexes them.
CURATED: list[tuple[str, str | None, list[str], str, str | None]] = [
    (UKRAINE, None, ["Ukraine"], "country", "UA"),
    (KYIV_REGION, UKRAINE, ["Kyiv region", "Kyiv Oblast", "Kyiv"], "region", "UA-32"),
    (BUCHA_DISTRICT, KYIV_REGION, ["Bucha district", "Bucha"], "district", None),
    (SUMY_REGION, UKRAINE, ["Sumy region", "Sumy Oblast", "Sumy"], "region", "UA-59"),
    (
        DNIPRO_REGION,
        UKRAINE,
        ["Dnipropetrovsk region", "Dnipropetrovsk Oblast", "Dnipropetrovsk"],
        "region",
        "UA-12",
    ),
]


def curated_gazetteer(pending: Additions | None = None) -> Gazetteer:
    """A gazetteer indexed as load() would index the seed's places, without a database."""
    gazetteer = Gazetteer(default_places(), pending if pending is not None else Additions(), ACLED)
    for id, parent, names, kind, code in CURATED:
        gazetteer.index(id, parent, names, kind)
        if code is not None:
            gazetteer.by_iso[code] = id
            gazetteer.codes[id] = code
    return gazetteer


def where(
    admin1: str = "",
    admin2: str = "",
    admin3: str = "",
    location: str = "",
    *,
    country: str = "Ukraine",
    iso: str = "804",
    latitude: float | None = None,
    longitude: float | None = None,
) -> PlaceNames:
    return PlaceNames(country, iso, admin1, admin2, admin3, location, latitude, longitude)


def record(pending: Additions, id: str, name: str, column: str) -> NamedInRow:
    return pending.resolutions[id, name, column]


def known(
    id: str,
    name: str,
    kind: str,
    parent: str | None = None,
    aliases: tuple[str, ...] = (),
    iso1: str | None = None,
    iso2: str | None = None,
) -> KnownPlace:
    return KnownPlace(
        id=id, name=name, kind=kind, aliases=list(aliases), iso1=iso1, iso2=iso2, parent=parent
    )


def loaded(rows: list[KnownPlace]) -> Gazetteer:
    gazetteer = Gazetteer(default_places(), Additions(), ACLED)
    gazetteer.know(rows)  # what load() indexes, given the rows its query returns
    return gazetteer


# First-level regions


def test_kyivska_resolves_to_the_curated_kyiv_region_and_records_how() -> None:
    gazetteer = curated_gazetteer()
    assert gazetteer.resolve(where("Kyivska")) == Resolved(KYIV_REGION, "UA")
    made = record(gazetteer.additions, KYIV_REGION, "Kyivska", "admin1")
    assert made["how"] == "iso-name" or made["how"].startswith("rule:")
    assert "UA-32" in made["rule"]
    assert made["source"] == DATASET
    assert gazetteer.additions.places == {}


def test_the_country_column_is_recorded_as_resolved_by_its_iso_code() -> None:
    gazetteer = curated_gazetteer()
    gazetteer.resolve(where("Kyivska"))
    made = record(gazetteer.additions, UKRAINE, "Ukraine", "country")
    assert made["how"] == "iso-code"
    assert "UA" in made["rule"]


def test_kyiv_alone_in_admin1_is_the_region_not_the_city() -> None:
    gazetteer = curated_gazetteer()
    assert gazetteer.resolve(where("Kyiv")).place == KYIV_REGION
    made = record(gazetteer.additions, KYIV_REGION, "Kyiv", "admin1")
    assert made["how"] == "rule:admin1-is-a-region"
    assert "UA-32" in made["rule"] and "UA-30" in made["rule"]
    assert gazetteer.additions.places == {}


def test_kyiv_city_creates_the_city_from_its_iso_code_with_iso_evidence() -> None:
    gazetteer = curated_gazetteer()
    assert gazetteer.resolve(where("Kyiv City")) == Resolved("location:iso/ua-30", "UA")
    city = gazetteer.additions.places["location:iso/ua-30"]
    assert city["props"]["kind"] == "city"
    assert city["props"]["iso3166_2"] == "UA-30"
    assert city["props"]["name"] == "Kyiv"
    assert city["within"] == UKRAINE
    assert city["depth"] == 1
    assert city["source"] == ISO
    assert city["evidence"]["external"] is True
    assert "UA-30" in city["evidence"]["note"]
    assert ISO in gazetteer.additions.sources
    assert record(gazetteer.additions, "location:iso/ua-30", "Kyiv City", "admin1")


def test_kyiv_named_again_below_kyiv_city_is_the_city_itself() -> None:
    gazetteer = curated_gazetteer()
    found = gazetteer.resolve(where("Kyiv City", "Kyiv", location="Kyiv"))
    assert found.place == "location:iso/ua-30"
    assert list(gazetteer.additions.places) == ["location:iso/ua-30"]


def test_a_region_the_graph_lacks_is_created_under_the_curated_country() -> None:
    gazetteer = curated_gazetteer()
    assert gazetteer.resolve(where("Kharkivska")).place == "location:iso/ua-63"
    region = gazetteer.additions.places["location:iso/ua-63"]
    assert region["props"]["kind"] == "region"
    assert region["within"] == UKRAINE
    assert region["source"] == ISO


# Lower levels


def test_buchanskyi_resolves_to_the_curated_bucha_district() -> None:
    gazetteer = curated_gazetteer()
    assert gazetteer.resolve(where("Kyivska", "Buchanskyi")).place == BUCHA_DISTRICT
    made = record(gazetteer.additions, BUCHA_DISTRICT, "Buchanskyi", "admin2")
    assert made["how"] == "rule:name-keys"
    assert gazetteer.additions.places == {}


def test_buchanskyi_under_another_region_is_not_the_kyiv_regions_district() -> None:
    gazetteer = curated_gazetteer()
    found = gazetteer.resolve(where("Sumska", "Buchanskyi"))
    assert found.place == "acled-place:ua-59/buchanskyi"


def test_an_unknown_settlement_is_created_under_its_region_with_its_point() -> None:
    gazetteer = curated_gazetteer()
    found = gazetteer.resolve(
        where("Kyivska", location="Hostomel", latitude=50.57, longitude=30.26)
    )
    assert found == Resolved("acled-place:ua-32/hostomel", "UA")
    place = gazetteer.additions.places["acled-place:ua-32/hostomel"]
    assert place["props"]["kind"] == "settlement"
    assert place["props"]["name"] == "Hostomel"
    assert place["within"] == KYIV_REGION
    point = place["props"]["point"]
    assert isinstance(point, WGS84Point)
    assert (point.longitude, point.latitude) == (30.26, 50.57)
    assert place["source"] == DATASET
    assert place["evidence"]["external"] is False
    assert "location" in place["evidence"]["note"]


def test_a_town_and_the_community_named_after_it_are_two_places_in_either_order() -> None:
    town_first = curated_gazetteer()
    town = town_first.resolve(where("Kyivska", "Buchanskyi", location="Bucha")).place
    both = town_first.resolve(where("Kyivska", "Buchanskyi", "Bucha", "Bucha")).place
    community_first = curated_gazetteer()
    again = community_first.resolve(where("Kyivska", "Buchanskyi", "Bucha", "Bucha")).place
    assert town == "acled-place:bucha-raion/bucha"
    assert both == again == "acled-place:bucha-raion/bucha-community/bucha"
    kinds = {id: row["props"]["kind"] for id, row in town_first.additions.places.items()}
    assert kinds["acled-place:bucha-raion/bucha-community"] == "community"


def test_a_settlement_without_coordinates_has_no_point() -> None:
    gazetteer = curated_gazetteer()
    gazetteer.resolve(where("Kyivska", location="Irpin"))
    assert gazetteer.additions.places["acled-place:ua-32/irpin"]["props"]["point"] is None


def test_each_unknown_level_is_created_with_the_kind_its_column_names() -> None:
    gazetteer = curated_gazetteer()
    found = gazetteer.resolve(where("Dnipropetrovska", "Dniprovskyi", "Dniprovska", "Dnipro"))
    district = "acled-place:ua-12/dniprovskyi"
    community = district + "/dniprovska-community"
    settlement = community + "/dnipro"
    assert found.place == settlement
    places = gazetteer.additions.places
    assert [places[id]["props"]["kind"] for id in (district, community, settlement)] == [
        "district",
        "community",
        "settlement",
    ]
    assert places[district]["within"] == DNIPRO_REGION
    assert places[community]["within"] == district
    assert places[settlement]["within"] == community
    assert [places[id]["evidence"]["note"] for id in (district, community, settlement)] == [
        "named in ACLED's admin2 column",
        "named in ACLED's admin3 column",
        "named in ACLED's location column",
    ]


def test_places_under_a_curated_node_without_a_code_take_their_id_from_its_id() -> None:
    gazetteer = curated_gazetteer()
    found = gazetteer.resolve(where("Kyivska", "Buchanskyi", "Bucha"))
    assert found.place == "acled-place:bucha-raion/bucha-community"
    assert gazetteer.additions.places[found.place]["within"] == BUCHA_DISTRICT


def test_ids_under_a_region_use_its_iso_code_whichever_node_holds_it() -> None:
    gazetteer = curated_gazetteer()
    found = gazetteer.resolve(where("Kharkivska", location="Chuhuiv"))
    assert found.place == "acled-place:ua-63/chuhuiv"
    assert gazetteer.additions.places[found.place]["within"] == "location:iso/ua-63"


def test_a_district_named_like_its_region_is_not_the_region() -> None:
    gazetteer = curated_gazetteer()
    found = gazetteer.resolve(where("Sumska", "Sumskyi"))
    assert found.place != SUMY_REGION
    assert found.place == "acled-place:ua-59/sumskyi"
    district = gazetteer.additions.places[found.place]
    assert district["props"]["kind"] == "district"
    assert district["within"] == SUMY_REGION


def test_two_curated_places_sharing_a_name_under_one_parent_decide_nothing() -> None:
    gazetteer = curated_gazetteer()
    gazetteer.index("location:irpin-city", KYIV_REGION, ["Irpin city"], "city")
    gazetteer.index("location:irpin-town", KYIV_REGION, ["Irpin"], "settlement")
    found = gazetteer.resolve(where("Kyivska", location="Irpin"))
    assert found.place == "acled-place:ua-32/irpin"
    assert not any(key[0].startswith("location:irpin") for key in gazetteer.additions.resolutions)


# Countries


def test_a_country_the_graph_lacks_is_created_from_its_iso_code() -> None:
    gazetteer = curated_gazetteer()
    assert gazetteer.resolve(where(country="Poland", iso="616")) == Resolved(
        "location:iso/pl", "PL"
    )
    country = gazetteer.additions.places["location:iso/pl"]
    assert country["props"]["kind"] == "country"
    assert country["props"]["iso3166_1"] == "PL"
    assert country["within"] is None
    assert country["depth"] == 0
    assert country["source"] == ISO
    assert country["evidence"]["external"] is True


def test_places_below_a_created_country_take_its_iso_code_in_their_id() -> None:
    gazetteer = curated_gazetteer()
    found = gazetteer.resolve(where(location="Rzeszow", country="Poland", iso="616"))
    assert found.place == "acled-place:pl/rzeszow"
    assert gazetteer.additions.places[found.place]["within"] == "location:iso/pl"


def test_a_country_iso_does_not_know_is_created_from_its_name() -> None:
    gazetteer = curated_gazetteer()
    found = gazetteer.resolve(where(country="Narnia", iso=""))
    assert found == Resolved("acled-place:narnia", None)
    place = gazetteer.additions.places["acled-place:narnia"]
    assert place["source"] == DATASET
    assert place["within"] is None


def test_the_location_ukraine_in_ukraine_is_the_country_itself() -> None:
    gazetteer = curated_gazetteer()
    assert gazetteer.resolve(where(location="Ukraine")) == Resolved(UKRAINE, "UA")
    assert gazetteer.additions.places == {}


def test_the_country_node_is_created_once_however_often_it_is_asked_for() -> None:
    gazetteer = curated_gazetteer()
    assert gazetteer.country_node("UA") == UKRAINE
    first = gazetteer.country_node("MD")
    assert first == gazetteer.country_node("MD") == "location:iso/md"
    assert gazetteer.resolve(where(country="Moldova", iso="498")).place == first
    assert list(gazetteer.additions.places) == [first]


# Caching and records


def test_resolving_the_same_names_twice_returns_the_cached_result_and_records_nothing_new() -> None:
    gazetteer = curated_gazetteer()
    names = where("Kyivska", "Buchanskyi", location="Blystavytsia", latitude=50.6, longitude=30.1)
    first = gazetteer.resolve(names)
    assert gazetteer.additions.take()
    again = gazetteer.resolve(where("Kyivska", "Buchanskyi", location="Blystavytsia"))
    assert again is first
    assert not gazetteer.additions


def test_a_name_already_recorded_is_not_recorded_again_from_another_row() -> None:
    gazetteer = curated_gazetteer()
    gazetteer.resolve(where("Kyivska", location="Hostomel"))
    gazetteer.additions.take()
    gazetteer.resolve(where("Kyivska", location="Irpin"))
    taken = gazetteer.additions.take()
    assert list(taken.places) == ["acled-place:ua-32/irpin"]
    # Only the new place's own record: Kyivska was recorded with the first row.
    assert [record["how"] for record in taken.resolutions.values()] == ["created"]


def test_every_created_place_has_a_source_and_evidence() -> None:
    gazetteer = curated_gazetteer()
    for names in (
        where("Kyiv City", "Kyiv", location="Kyiv", latitude=50.45, longitude=30.52),
        where("Kyivska", "Buchanskyi", "Bucha", "Bucha", latitude=50.54, longitude=30.21),
        where("Sumska", "Sumskyi", "Yunakivska", "Yunakivka", latitude=51.2, longitude=35.0),
        where("Kharkivska", "Kupianskyi", location="Kupiansk"),
        where("Mazowieckie", location="Warsaw", country="Poland", iso="616"),
        where(location="Somewhere", country="Narnia", iso=""),
    ):
        gazetteer.resolve(names)
    places = gazetteer.additions.places
    assert len(places) >= 12
    for id, place in places.items():
        assert place["id"] == place["props"]["id"] == id
        assert place["source"] in (DATASET, ISO), id
        assert place["evidence"]["aspect"] == "existence", id
        assert place["evidence"]["note"], id
        assert place["evidence"]["external"] is (place["source"] == ISO), id
    assert ISO in gazetteer.additions.sources


def test_a_created_place_is_deeper_than_its_created_parent_so_parents_are_written_first() -> None:
    gazetteer = curated_gazetteer()
    gazetteer.resolve(where("Mazowieckie", "Warszawa", "Srodmiescie", "Warsaw", country="Poland"))
    gazetteer.resolve(where("Kharkivska", "Kupianskyi", "Kupianska", "Kupiansk"))
    places: dict[str, PlaceRow] = gazetteer.additions.places
    parented = [row for row in places.values() if row["within"] in places]
    assert len(parented) >= 6
    for row in parented:
        assert places[row["within"] or ""]["depth"] < row["depth"], row["id"]


# load(): what the graph holds


def test_load_finds_the_iso_codes_of_curated_places_by_their_names() -> None:
    gazetteer = loaded(
        [
            known(UKRAINE, "Ukraine", "country"),
            known(KYIV_REGION, "Kyiv region", "region", UKRAINE, ("Kyiv Oblast", "Kyiv")),
            known(SUMY_REGION, "Sumy region", "region", UKRAINE, iso2="UA-59"),
        ]
    )
    assert gazetteer.by_iso == {"UA": UKRAINE, "UA-32": KYIV_REGION, "UA-59": SUMY_REGION}
    assert gazetteer.codes[KYIV_REGION] == "UA-32"
    assert gazetteer.resolve(where("Kyivska")).place == KYIV_REGION


def test_load_indexes_aliases_under_the_parent_for_lower_levels() -> None:
    gazetteer = loaded(
        [
            known(UKRAINE, "Ukraine", "country", iso1="UA"),
            known(KYIV_REGION, "Kyiv region", "region", UKRAINE, iso2="UA-32"),
            known(BUCHA_DISTRICT, "Bucha district", "district", KYIV_REGION, ("Bucha",)),
        ]
    )
    assert gazetteer.resolve(where("Kyivska", "Buchanskyi")).place == BUCHA_DISTRICT
    assert gazetteer.additions.places == {}


def test_load_gives_a_region_outside_any_known_country_no_code() -> None:
    gazetteer = loaded([known("location:somewhere", "Kyiv region", "region")])
    assert gazetteer.by_iso == {}
    assert gazetteer.codes == {}
