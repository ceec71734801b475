"""ACLED actor names resolve to their state by naming pattern or by the alias table."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.resolve.actors import (
    DEFAULT_PATH,
    ActorAliases,
    Actors,
    canonical_state_id,
    country_code,
    inter_category,
    resolve_actor,
    state_name,
)

NO_TABLE = ActorAliases()


def write_table(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "actors.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_military_forces_of_russia_are_part_of_ru_as_armed_forces() -> None:
    found = resolve_actor("Military Forces of Russia (2000-)", "1")
    assert (found.state, found.relation, found.kind) == ("RU", "part_of", "armed_forces")
    assert found.how == "rule:military-forces-of"
    assert found.display_name == "Military Forces of Russia"
    assert found.period == "2000-"
    assert found.name == "Military Forces of Russia (2000-)"
    assert "Russia resolves to ISO RU" in found.rule


def test_military_forces_without_a_period_still_resolve() -> None:
    found = resolve_actor("Military Forces of Ukraine", "State forces")
    assert (found.state, found.relation, found.period) == ("UA", "part_of", None)
    assert found.display_name == "Military Forces of Ukraine"


def test_numeric_and_spelled_out_inter_give_the_same_category() -> None:
    numeric = resolve_actor("Military Forces of Ukraine (2019-)", "1", aliases=NO_TABLE)
    spelled = resolve_actor("Military Forces of Ukraine (2019-)", "State forces", aliases=NO_TABLE)
    assert numeric.inter == spelled.inter == "State forces"
    assert numeric == spelled


@pytest.mark.parametrize(
    ("code", "label"),
    [("2", "Rebel group"), ("5", "Rioters"), ("6", "Protesters"), ("7", "Civilians"),
     ("8", "External/Other forces"), ("civilians", "Civilians"), ("", None), (None, None)],
)  # fmt: skip
def test_inter_codes_convert_to_acled_spelled_out_categories(
    code: str | None, label: str | None
) -> None:
    assert inter_category(code) == label


def test_police_forces_of_ukraine_are_part_of_ua_as_police() -> None:
    for name in ("Police Forces of Ukraine (2019-)", "Police Forces of Ukraine"):
        found = resolve_actor(name, "1", aliases=NO_TABLE)
        assert (found.state, found.relation, found.kind) == ("UA", "part_of", "police")
        assert found.how == "rule:police-forces-of"
        assert found.display_name == "Police Forces of Ukraine"


def test_government_of_ukraine_speaks_for_ua() -> None:
    found = resolve_actor("Government of Ukraine (2019-)", "State forces", aliases=NO_TABLE)
    assert (found.state, found.relation, found.kind) == ("UA", "speaks_for", "government")
    assert found.how == "rule:government-of"
    assert (found.display_name, found.period) == ("Government of Ukraine", "2019-")
    bare = resolve_actor("Government of Ukraine", aliases=NO_TABLE)
    assert (bare.state, bare.relation, bare.period) == ("UA", "speaks_for", None)


def test_civilians_are_based_in_ua_and_never_part_of_it() -> None:
    found = resolve_actor("Civilians (Ukraine)", "7", aliases=NO_TABLE)
    assert (found.state, found.relation, found.kind) == ("UA", "based_in", "group")
    assert found.relation != "part_of"
    assert found.how == "rule:group-in-parentheses"
    assert found.inter == "Civilians"
    assert "not part of the state" in found.rule


@pytest.mark.parametrize(
    ("name", "inter", "category"),
    [("Unidentified Armed Group (Ukraine)", "3", "Political militia"),
     ("Protesters (Ukraine)", "Protesters", "Protesters"),
     ("Rioters (Ukraine)", "5", "Rioters"),
     ("Civilians (Russia)", "Civilians", "Civilians")],
)  # fmt: skip
def test_groups_named_by_their_country_are_based_in_it(
    name: str, inter: str, category: str
) -> None:
    found = resolve_actor(name, inter, aliases=NO_TABLE)
    assert found.relation == "based_in"
    assert found.state in {"UA", "RU"}
    assert found.inter == category
    assert found.period is None


def test_a_group_in_parentheses_that_is_no_country_stays_standalone() -> None:
    found = resolve_actor("Militia (Pro-Government)", "3", aliases=NO_TABLE)
    assert (found.how, found.state, found.relation) == ("standalone", None, None)


def test_air_force_and_navy_are_units_of_their_state() -> None:
    air = resolve_actor("Air Force of Ukraine (2019-)", "1", aliases=NO_TABLE)
    navy = resolve_actor("Naval Forces of Russia (2000-)", "1", aliases=NO_TABLE)
    assert (air.state, air.relation, air.kind, air.how) == (
        "UA", "part_of", "military_unit", "rule:air-force-of"
    )  # fmt: skip
    assert (navy.state, navy.relation, navy.kind, navy.how) == (
        "RU", "part_of", "military_unit", "rule:naval-forces-of"
    )  # fmt: skip


def test_a_unit_suffix_after_the_period_makes_a_military_unit() -> None:
    found = resolve_actor("Military Forces of Russia (2000-) Air Force", "1", aliases=NO_TABLE)
    assert (found.state, found.relation, found.kind) == ("RU", "part_of", "military_unit")
    assert (found.display_name, found.period) == ("Military Forces of Russia Air Force", "2000-")
    assert "'Air Force'" in found.rule


def test_the_default_table_maps_the_russian_air_force_to_a_unit_of_ru() -> None:
    found = resolve_actor("Military Forces of Russia (2000-) Air Force")
    assert (found.how, found.state, found.kind) == ("table", "RU", "military_unit")


def test_an_unknown_name_stays_standalone_with_no_state() -> None:
    found = resolve_actor("Wagner Group", "8")
    assert (found.how, found.state, found.relation) == ("standalone", None, None)
    assert found.inter == "External/Other forces"
    assert "Wagner Group" in found.rule


def test_an_organ_of_an_unknown_country_stays_standalone() -> None:
    found = resolve_actor("Military Forces of Atlantis (1990-)", "1", aliases=NO_TABLE)
    assert (found.how, found.state, found.kind) == ("standalone", None, "armed_forces")
    assert "Atlantis" in found.rule


def test_acronym_names_are_organisations_of_no_state() -> None:
    found = resolve_actor("NATO: North Atlantic Treaty Organization", "8", aliases=NO_TABLE)
    assert (found.kind, found.state, found.how) == ("organisation", None, "rule:acronym-name")


def test_russia_resolves_although_pycountry_calls_it_the_russian_federation() -> None:
    assert country_code("Russia") == "RU"
    assert country_code("the Russian Federation") == "RU"
    assert resolve_actor("Government of Russia (2000-)", aliases=NO_TABLE).state == "RU"


@pytest.mark.parametrize(
    ("name", "code"),
    [("United States", "US"), ("Iran", "IR"), ("Syria", "SY"), ("South Korea", "KR"),
     ("Turkey", "TR"), ("Ivory Coast", "CI"), ("Atlantis", None), ("SDF", None)],
)  # fmt: skip
def test_common_country_names_resolve_and_codes_alone_do_not(name: str, code: str | None) -> None:
    assert country_code(name) == code


def test_the_table_overrides_a_rule(tmp_path: Path) -> None:
    path = write_table(
        tmp_path,
        'actors:\n  - {name: "Civilians (Ukraine)", state: null, relation: null, kind: group}\n',
    )
    found = resolve_actor("Civilians (Ukraine)", "7", aliases=ActorAliases.load(path))
    assert (found.how, found.state, found.relation) == ("table", None, None)
    assert "entry 0" in found.rule


def test_the_table_can_add_a_country_name(tmp_path: Path) -> None:
    path = write_table(tmp_path, "countries:\n  - {name: Muscovy, state: RU}\n")
    found = resolve_actor("Government of Muscovy", aliases=ActorAliases.load(path))
    assert (found.state, found.relation) == ("RU", "speaks_for")


@pytest.mark.parametrize(
    ("entry", "field"),
    [('{name: "A", state: XX, relation: part_of, kind: group}', "state"),
     ('{name: "A", state: RU, relation: affiliated, kind: group}', "relation"),
     ('{name: "A", state: RU, relation: null, kind: group}', "relation"),
     ('{name: "A", state: RU, relation: part_of, kind: army}', "kind"),
     ('{name: "A", kind: group, actor: "actor:x"}', "actor"),
     ('{state: RU, relation: part_of, kind: group}', "name")],
)  # fmt: skip
def test_a_malformed_table_names_file_entry_and_field(
    tmp_path: Path, entry: str, field: str
) -> None:
    path = write_table(tmp_path, f'actors:\n  - {{name: "Ok", kind: group}}\n  - {entry}\n')
    with pytest.raises(ValueError) as failure:
        ActorAliases.load(path)
    message = str(failure.value)
    assert str(path) in message
    assert "actors[1]" in message
    assert f"field '{field}'" in message


def test_a_duplicate_table_name_is_rejected(tmp_path: Path) -> None:
    path = write_table(
        tmp_path, "actors:\n  - {name: A, kind: group}\n  - {name: A, kind: group}\n"
    )
    with pytest.raises(ValueError, match=r"actors\[1\] field 'name': duplicate"):
        ActorAliases.load(path)


def test_the_shipped_table_loads() -> None:
    table = ActorAliases.load(DEFAULT_PATH)
    assert table.entries["Government of the Russian Federation"].relation == "speaks_for"


def test_the_memoised_resolver_returns_the_identical_object_on_a_repeat() -> None:
    actors = Actors(NO_TABLE)
    first = actors.resolve("Military Forces of Russia (2000-)", "1")
    assert actors.resolve("Military Forces of Russia (2000-)", "1") is first
    assert actors.resolve("Military Forces of Russia (2000-)", "2") is not first


def test_state_ids_and_names_come_from_the_iso_code() -> None:
    assert canonical_state_id("RU") == "actor:state/ru"
    assert canonical_state_id("ua") == "actor:state/ua"
    assert (state_name("RU"), state_name("UA"), state_name("IR")) == ("Russia", "Ukraine", "Iran")
    with pytest.raises(ValueError, match="alpha-2"):
        canonical_state_id("XX")
