"""How much of a node a selection needs: ids alone are identity, plain fields plain,
relationships links, provenance and anything behind a fragment full."""

from __future__ import annotations

import pytest
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from api.selection import PLAIN_FIELDS, child, detail


def field(name: str, *selections: Selection) -> SelectedField:
    return SelectedField(name=name, directives={}, arguments={}, selections=list(selections))


def spread(*selections: Selection) -> FragmentSpread:
    return FragmentSpread(
        name="Parts", type_condition="Attack", directives={}, selections=list(selections)
    )


def inline(*selections: Selection) -> InlineFragment:
    return InlineFragment(type_condition="Attack", selections=list(selections), directives={})


def test_nothing_selected_needs_identity_only() -> None:
    assert detail([]) == "identity"


def test_ids_and_type_names_need_identity_only() -> None:
    assert detail([field("id"), field("__typename"), field("typeName")]) == "identity"


@pytest.mark.parametrize("name", ["name", "kind", "time", "value", "iso3166_2", "retracted"])
def test_plain_fields_need_plain(name: str) -> None:
    assert detail([field("id"), field(name)]) == "plain"


@pytest.mark.parametrize("name", ["by", "locations", "partOf", "figures", "within", "parties"])
def test_relationship_fields_need_links(name: str) -> None:
    assert detail([field("name"), field(name, field("id"))]) == "links"


@pytest.mark.parametrize("name", ["sources", "retractions"])
def test_provenance_fields_need_everything(name: str) -> None:
    assert detail([field("id"), field(name)]) == "full"


def test_links_are_not_lowered_by_a_later_plain_field() -> None:
    assert detail([field("by", field("id")), field("name")]) == "links"


def test_a_fragment_spread_needs_everything() -> None:
    assert detail([field("id"), spread(field("id"))]) == "full"


def test_an_inline_fragment_needs_everything() -> None:
    assert detail([inline(field("name"))]) == "full"


def test_plain_fields_cover_every_kinds_own_fields_but_no_relationship() -> None:
    assert {"name", "metric", "wikidataId", "contentHash", "inForce"} <= PLAIN_FIELDS
    assert not {"by", "partOf", "sources", "members", "mentionedIn"} & PLAIN_FIELDS


def test_child_collects_the_selections_under_every_field_of_a_name() -> None:
    selections: list[Selection] = [
        field("nodes", field("id")),
        field("totalCount"),
        field("nodes", field("name")),
    ]
    found = child(selections, "nodes")
    assert found is not None
    assert [s.name for s in found if isinstance(s, SelectedField)] == ["id", "name"]


def test_child_of_a_field_not_selected_is_empty() -> None:
    assert child([field("totalCount")], "edges") == []


def test_child_behind_a_fragment_is_unknown() -> None:
    assert child([field("nodes"), inline(field("nodes"))], "nodes") is None
