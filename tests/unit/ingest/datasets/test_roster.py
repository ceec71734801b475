"""Resolving ACLED's actor names against a curated graph like the seed's: an exact name or
alias is that actor; a state organ or a group in a country is kept under its own name and tied
to the state or country (created from ISO when missing); anything else stays standalone."""

from __future__ import annotations

from graph.ingest.acled.rows import ActorName
from graph.ingest.acled.sources import DATASET
from graph.ingest.datasets.additions import Additions, LinkRow
from graph.ingest.datasets.roster import KnownActor, Roster, exact_key
from graph.ingest.datasets.sources import ISO
from graph.ingest.resolve.actors import Actors
from graph.ingest.resolve.places import default_places
from tests.unit.ingest.datasets.test_gazetteer import UKRAINE, curated_gazetteer

RUSSIA = "actor:russia"
UKRAINE_STATE = "actor:ukraine"
RUSSIAN_FORCES = "actor:russian-armed-forces"

# (id, name and aliases, ISO 3166-1 of a state): the seed's actors, as load() indexes them.
CURATED: list[tuple[str, list[str], str | None]] = [
    (RUSSIA, ["Russia"], "RU"),
    (UKRAINE_STATE, ["Ukraine", "Kyiv"], "UA"),
    ("actor:united-states", ["United States", "US"], "US"),
    (RUSSIAN_FORCES, ["Russian forces"], None),
    ("actor:vladimir-putin", ["Vladimir Putin", "Putin"], None),
    ("actor:kyiv-regional-police", ["Kyiv regional police"], None),
]


def curated_roster(pending: Additions | None = None) -> Roster:
    """A roster indexed as load() would index the seed's actors, without a database."""
    gazetteer = curated_gazetteer(pending)
    roster = Roster(Actors(), default_places(), gazetteer)
    for id, names, iso in CURATED:
        roster.known.add(id)
        for name in names:
            roster.exact[exact_key(name)] = id
        if iso is not None:
            roster.states[iso] = id
    return roster


def named(name: str, inter: str | None = "State forces", column: str = "actor1") -> ActorName:
    return ActorName(name=name, inter=inter, column=column)


def links(roster: Roster, type: str) -> list[LinkRow]:
    return roster.additions.links.get(type, [])


def known(
    id: str, name: str, kind: str, aliases: tuple[str, ...] = (), iso1: str | None = None
) -> KnownActor:
    return KnownActor(id=id, name=name, kind=kind, aliases=list(aliases), iso1=iso1)


def loaded(rows: list[KnownActor]) -> Roster:
    roster = Roster(Actors(), default_places(), curated_gazetteer())
    roster.know(rows)  # what load() indexes, given the rows its query returns
    return roster


# Curated actors


def test_an_exact_name_of_a_curated_actor_is_that_actor() -> None:
    roster = curated_roster()
    assert roster.resolve(named("Russian forces")) == RUSSIAN_FORCES
    made = roster.additions.resolutions[RUSSIAN_FORCES, "Russian forces", "actor1"]
    assert made["how"] == "exact"
    assert made["source"] == DATASET
    assert roster.additions.actors == {}
    assert roster.additions.links == {}


def test_an_alias_matches_whatever_its_case_and_spacing() -> None:
    roster = curated_roster()
    assert roster.resolve(named("  PUTIN ", None, "assoc_actor_1")) == "actor:vladimir-putin"
    assert roster.resolve(named("vladimir   putin", None)) == "actor:vladimir-putin"


# State organs and groups


def test_military_forces_of_russia_are_an_acled_actor_part_of_the_curated_russia() -> None:
    roster = curated_roster()
    id = roster.resolve(named("Military Forces of Russia (2000-)"))
    assert id == "acled-actor:military-forces-of-russia-2000"
    actor = roster.additions.actors[id]
    assert actor["props"]["name"] == "Military Forces of Russia (2000-)"
    assert actor["props"]["kind"] == "armed_forces"
    assert actor["props"]["acledPeriod"] == "2000-"
    assert actor["props"]["acledInter"] == "State forces"
    assert actor["source"] == DATASET
    assert actor["evidence"]["note"] == "named in ACLED's actor1 column"
    [link] = links(roster, "PART_OF")
    assert (link["start"], link["end"]) == (id, RUSSIA)
    assert link["props"]["resolvedBy"] == "rule:military-forces-of"
    assert "RU" in str(link["props"]["rule"])
    assert link["props"]["sourceId"] == DATASET
    made = roster.additions.resolutions[id, "Military Forces of Russia (2000-)", "actor1"]
    assert made["how"] == "rule:military-forces-of"
    assert "actor:state/ru" not in roster.additions.actors


def test_government_of_ukraine_speaks_for_the_curated_ukraine() -> None:
    roster = curated_roster()
    id = roster.resolve(named("Government of Ukraine (2019-)", None))
    assert id == "acled-actor:government-of-ukraine-2019"
    assert roster.additions.actors[id]["props"]["kind"] == "government"
    [link] = links(roster, "SPEAKS_FOR")
    assert (link["start"], link["end"]) == (id, UKRAINE_STATE)
    assert link["props"]["resolvedBy"] == "rule:government-of"
    assert "PART_OF" not in roster.additions.links


def test_civilians_in_ukraine_are_based_in_the_country_not_part_of_the_state() -> None:
    roster = curated_roster()
    id = roster.resolve(named("Civilians (Ukraine)", "Civilians", "actor2"))
    assert id == "acled-actor:civilians-ukraine"
    assert roster.additions.actors[id]["props"]["kind"] == "group"
    [link] = links(roster, "BASED_IN")
    assert (link["start"], link["end"]) == (id, UKRAINE)
    assert link["props"]["resolvedBy"] == "rule:group-in-parentheses"
    assert set(roster.additions.links) == {"BASED_IN"}
    assert roster.additions.places == {}


def test_a_state_the_graph_lacks_is_created_from_iso_and_based_in_its_country() -> None:
    roster = curated_roster()
    id = roster.resolve(named("Military Forces of Poland (1989-)"))
    [part_of] = links(roster, "PART_OF")
    assert (part_of["start"], part_of["end"]) == (id, "actor:state/pl")
    state = roster.additions.actors["actor:state/pl"]
    assert state["props"] == {
        "id": "actor:state/pl",
        "name": "Poland",
        "kind": "state",
        "iso3166_1": "PL",
    }
    assert state["source"] == ISO
    assert state["evidence"]["external"] is True
    [based_in] = links(roster, "BASED_IN")
    assert (based_in["start"], based_in["end"]) == ("actor:state/pl", "location:iso/pl")
    assert based_in["props"] == {"sourceId": ISO}
    assert roster.additions.places["location:iso/pl"]["source"] == ISO
    assert ISO in roster.additions.sources


def test_a_created_state_is_created_once_for_all_its_organs() -> None:
    roster = curated_roster()
    roster.resolve(named("Military Forces of Poland (1989-)"))
    roster.resolve(named("Government of Poland (2023-)", None))
    assert [id for id in roster.additions.actors if id.startswith("actor:")] == ["actor:state/pl"]
    assert links(roster, "SPEAKS_FOR")[0]["end"] == "actor:state/pl"
    assert len(links(roster, "BASED_IN")) == 1


def test_a_group_in_a_country_the_graph_lacks_is_based_in_the_country_created_from_iso() -> None:
    roster = curated_roster()
    id = roster.resolve(named("Civilians (Moldova)", "Civilians", "actor2"))
    [link] = links(roster, "BASED_IN")
    assert (link["start"], link["end"]) == (id, "location:iso/md")
    assert roster.additions.places["location:iso/md"]["props"]["kind"] == "country"
    assert "actor:state/md" not in roster.additions.actors


def test_wagner_group_stays_standalone() -> None:
    roster = curated_roster()
    id = roster.resolve(named("Wagner Group", "External/Other forces", "assoc_actor_1"))
    assert id == "acled-actor:wagner-group"
    assert roster.additions.links == {}
    assert (
        roster.additions.actors[id]["evidence"]["note"] == "named in ACLED's assoc_actor_1 column"
    )
    assert roster.additions.resolutions[id, "Wagner Group", "assoc_actor_1"]["how"] == "standalone"


def test_a_name_two_curated_actors_share_decides_nothing() -> None:
    roster = curated_roster()
    # "Kyiv" is also the alias of a city administration: load() leaves such a name out.
    roster.known.add("actor:kyiv-city-administration")
    del roster.exact["kyiv"]
    id = roster.resolve(named("Kyiv", None))
    assert id == "acled-actor:kyiv"
    assert roster.additions.resolutions[id, "Kyiv", "actor1"]["how"] == "standalone"
    assert roster.additions.links == {}


# Caching and records


def test_resolving_an_actor_twice_returns_the_cached_id_and_adds_nothing() -> None:
    roster = curated_roster()
    first = roster.resolve(named("Military Forces of Russia (2000-)"))
    assert roster.additions.take()
    assert roster.resolve(named("Military Forces of Russia (2000-)")) == first
    assert not roster.additions


def test_an_actor_named_in_another_column_is_recorded_there_but_created_once() -> None:
    roster = curated_roster()
    first = roster.resolve(named("Military Forces of Russia (2000-)"))
    roster.additions.take()
    again = roster.resolve(named("Military Forces of Russia (2000-)", column="actor2"))
    assert again == first
    taken = roster.additions.take()
    assert taken.actors == {} and taken.links == {}
    assert list(taken.resolutions) == [(first, "Military Forces of Russia (2000-)", "actor2")]


def test_every_created_actor_has_a_source_and_evidence() -> None:
    roster = curated_roster()
    for name in (
        "Military Forces of Russia (2000-)",
        "Government of Ukraine (2019-)",
        "Civilians (Ukraine)",
        "Police Forces of Georgia (2024-)",
        "Wagner Group",
    ):
        roster.resolve(named(name, None))
    assert len(roster.additions.actors) == 6
    for id, actor in roster.additions.actors.items():
        assert actor["id"] == actor["props"]["id"] == id
        assert actor["source"] in (DATASET, ISO), id
        assert actor["evidence"]["external"] is (actor["source"] == ISO), id
        assert actor["evidence"]["note"], id


# load(): what the graph holds


def test_load_leaves_out_a_name_two_actors_share() -> None:
    roster = loaded(
        [
            known(UKRAINE_STATE, "Ukraine", "state", ("Kyiv",)),
            known(
                "actor:kyiv-city-administration",
                "Kyiv City Administration",
                "government",
                ("kyiv",),
            ),
        ]
    )
    assert "kyiv" not in roster.exact
    assert roster.exact["ukraine"] == UKRAINE_STATE
    assert roster.resolve(named("Kyiv", None)) == "acled-actor:kyiv"


def test_load_keeps_a_name_one_actor_repeats_as_an_alias() -> None:
    roster = loaded([known("actor:united-states", "United States", "state", ("united states",))])
    assert roster.exact["united states"] == "actor:united-states"


def test_load_finds_a_states_iso_code_by_its_name() -> None:
    roster = loaded([known(RUSSIA, "Russia", "state"), known("actor:x", "Poland", "group")])
    assert roster.states == {"RU": RUSSIA}
    roster.resolve(named("Military Forces of Russia (2000-)"))
    assert links(roster, "PART_OF")[0]["end"] == RUSSIA


def test_load_matches_actors_an_earlier_import_made_by_id_not_by_name() -> None:
    earlier = "acled-actor:military-forces-of-russia-2000"
    roster = loaded(
        [known(RUSSIA, "Russia", "state", iso1="RU"), known(earlier, "Russian forces", "group")]
    )
    assert "russian forces" not in roster.exact
    assert roster.resolve(named("Military Forces of Russia (2000-)")) == earlier
    assert roster.additions.actors == {} and roster.additions.links == {}
    assert (earlier, "Military Forces of Russia (2000-)", "actor1") in roster.additions.resolutions
