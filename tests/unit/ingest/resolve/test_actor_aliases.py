"""The actor alias table: exact names to a state, relation and kind, and extra country names."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.resolve.actor_aliases import ActorAliases, AliasEntry, country_name_key


def _load(tmp_path: Path, text: str) -> ActorAliases:
    path = tmp_path / "actors.yaml"
    path.write_text(text, encoding="utf-8")
    return ActorAliases.load(path)


def test_an_empty_file_is_an_empty_table_named_after_it(tmp_path: Path) -> None:
    table = _load(tmp_path, "")
    assert (dict(table.entries), dict(table.countries), table.source) == ({}, {}, "actors.yaml")


def test_an_entry_name_has_its_spaces_collapsed_and_its_state_upper_cased(
    tmp_path: Path,
) -> None:
    table = _load(
        tmp_path, "actors:\n  - {name: ' A   B ', state: ru, relation: part_of, kind: group}\n"
    )
    assert table.entries["A B"] == AliasEntry("A B", "RU", "part_of", "group", 0)


def test_a_stateless_entry_has_no_relation(tmp_path: Path) -> None:
    table = _load(tmp_path, "actors:\n  - {name: A, kind: organisation}\n")
    assert (table.entries["A"].state, table.entries["A"].relation) == (None, None)


def test_a_country_name_is_stored_under_its_key(tmp_path: Path) -> None:
    table = _load(tmp_path, "countries:\n  - {name: The  Muscovy, state: ru}\n")
    assert dict(table.countries) == {"muscovy": "RU"}


def test_a_country_entry_needs_exactly_name_and_state(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"countries\[0\] field 'name'"):
        _load(tmp_path, "countries:\n  - {name: Muscovy}\n")


def test_an_unreadable_file_raises_a_value_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"missing\.yaml"):
        ActorAliases.load(tmp_path / "missing.yaml")


def test_actors_that_are_not_a_list_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'actors' must be a list"):
        _load(tmp_path, "actors: 3\n")


@pytest.mark.parametrize(
    ("name", "key"),
    [("The  Russian Federation", "russian federation"), ("Theland", "theland"),
     ("Korea, Republic of", "korea, republic of")],
)  # fmt: skip
def test_a_country_name_key_is_lower_cased_without_a_leading_the(name: str, key: str) -> None:
    assert country_name_key(name) == key
