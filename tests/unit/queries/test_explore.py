"""Search and graph walks: the words a client types are searched for as typed, and the walks
are fixed Cypher per depth with the ids as parameters."""

from __future__ import annotations

import pytest

from graph.queries.explore import NEIGHBOUR_NODES, PATHS, plain_text_query


def test_plain_words_pass_lower_cased() -> None:
    assert plain_text_query("power grid Kyiv") == "power grid kyiv"


def test_boolean_operator_words_are_searched_as_words() -> None:
    assert plain_text_query("NOT") == "not"
    assert plain_text_query("Russia AND Ukraine OR talks") == "russia and ukraine or talks"


def test_surrounding_white_space_is_dropped() -> None:
    assert plain_text_query("  drones \n") == "drones"
    assert plain_text_query("   ") == ""


@pytest.mark.parametrize("special", list('+-&|!(){}[]^"~*?:\\/'))
def test_each_lucene_special_character_is_escaped(special: str) -> None:
    assert plain_text_query(f"a{special}b") == f"a\\{special}b"


def test_operators_made_of_specials_are_escaped_character_by_character() -> None:
    assert plain_text_query("a && b || c") == "a \\&\\& b \\|\\| c"


def test_an_id_searches_as_its_text() -> None:
    assert plain_text_query("actor:white-house") == "actor\\:white\\-house"


def test_field_queries_and_wildcards_cannot_be_injected() -> None:
    assert plain_text_query('name:* OR id:"x"') == 'name\\:\\* or id\\:\\"x\\"'


def test_walks_are_bounded_literals_with_the_id_as_a_parameter() -> None:
    assert sorted(NEIGHBOUR_NODES) == [1, 2, 3]
    assert sorted(PATHS) == [1, 2, 3, 4, 5, 6]
    for depth, cypher in NEIGHBOUR_NODES.items():
        assert f"*1..{depth}]" in cypher and "{id: $id}" in cypher
    for hops, cypher in PATHS.items():
        assert f"*..{hops}]" in cypher and "{id: $source}" in cypher and "{id: $target}" in cypher
