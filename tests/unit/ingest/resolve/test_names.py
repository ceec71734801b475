"""Place-name normalisation: folding, transliteration, type words, spelling and stems."""

from __future__ import annotations

import pytest

from graph.ingest.resolve.names import (
    country_key,
    fold,
    latin_forms,
    parse_name,
    spell,
    stems,
)


def test_folding_drops_case_diacritics_apostrophes_and_punctuation() -> None:
    assert fold("Tul'skaya  Oblast", None) == "tulskaya oblast"
    assert fold("Zaporiz\u02bchzhia \u2013 Nu\u00f1oa!", None) == "zaporizhzhia nunoa"


def test_latin_text_has_one_form_and_no_cyrillic() -> None:
    assert latin_forms("Kyiv") == (False, ("kyiv",))


def test_ukrainian_only_letters_pick_the_ukrainian_romanisation() -> None:
    assert latin_forms("Київ") == (True, ("kyiv",))


def test_russian_only_letters_pick_the_russian_romanisation() -> None:
    assert latin_forms("Пермы") == (True, ("permy",))


def test_cyrillic_shared_by_both_languages_gives_both_romanisations() -> None:
    # Ukrainian romanises the third letter as h, Russian as g.
    assert latin_forms("Луганск") == (True, ("luhansk", "lugansk"))


@pytest.mark.parametrize(
    ("word", "spelt"),
    [("odessa", "odesa"), ("zaporizhzhya", "zaporizhzhia"), ("kyiv", "kyiv")],
)
def test_spelling_collapses_doubled_letters_and_ya_to_ia(word: str, spelt: str) -> None:
    assert spell(word, ()) == spelt


def test_a_spelling_variant_rewrites_only_the_start_of_a_word() -> None:
    assert spell("kievskaya", (("kiev", "kyiv"),)) == "kyivskaia"
    assert spell("nakiev", (("kiev", "kyiv"),)) == "nakiev"


def test_adjective_stems_reach_the_noun() -> None:
    assert "bucha" in stems("buchanskyi")
    assert "kyiv" in stems("kyivska")
    assert "loziv" in stems("lozova")
    assert "luhan" in stems("luhansk")


def test_stems_shorter_than_three_letters_are_dropped() -> None:
    assert stems("oka") == {"oka"}


def test_a_region_word_is_dropped_and_signals_a_region() -> None:
    parsed = parse_name("Kyivska oblast", ())
    assert parsed.plain == frozenset({"kyivska"})
    assert parsed.signal == "region"
    assert parsed.adjective
    assert "kyiv" in parsed.keys


def test_cyrillic_parses_to_the_same_canonical_form_as_its_romanisation() -> None:
    parsed = parse_name("Київська область", ())
    assert parsed.cyrillic
    assert parsed.canon == parse_name("Kyivska Oblast", ()).canon


def test_a_city_word_signals_a_city_and_leaves_no_adjective() -> None:
    parsed = parse_name("Kyiv City", ())
    assert (parsed.canon, parsed.signal, parsed.adjective) == (frozenset({"kyiv"}), "city", False)


def test_a_name_that_is_only_a_type_word_keeps_it() -> None:
    assert parse_name("Oblast", ()).plain == frozenset({"oblast"})


def test_a_name_without_letters_has_no_keys() -> None:
    assert parse_name("---", ()).keys == frozenset()


def test_a_country_key_puts_an_inverted_name_in_order_and_drops_the() -> None:
    assert country_key("Korea, Republic of") == country_key("Republic of Korea")
    assert country_key("The Gambia") == "gambia"
