"""Place resolution: ISO countries and first-level regions, lower-level name keys, the table."""

from __future__ import annotations

import re
from pathlib import Path

import pycountry
import pytest

from graph.ingest.resolve import places
from graph.ingest.resolve.places import (
    DEFAULT_PATH,
    PlaceAliases,
    Places,
    name_keys,
    region_kind,
    resolve_country,
    resolve_region,
    same_place,
)


@pytest.fixture(scope="module")
def resolver() -> Places:
    return Places(PlaceAliases.load())


def _table(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "places.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# Countries


@pytest.mark.parametrize(
    ("text", "alpha2", "how"),
    [
        ("Ukraine", "UA", "iso-name"),
        ("ukraine", "UA", "iso-name"),
        ("UA", "UA", "iso-code"),
        ("ua", "UA", "iso-code"),
        ("UKR", "UA", "iso-code"),
        ("804", "UA", "iso-code"),
        ("804.0", "UA", "iso-code"),
        ("643", "RU", "iso-code"),
        ("4", "AF", "iso-code"),
        ("Russia", "RU", "table"),
        ("Russian Federation", "RU", "iso-name"),
        ("United States", "US", "iso-name"),
        ("Turkiye", "TR", "iso-name"),
        ("Turkey", "TR", "table"),
        ("Cote d'Ivoire", "CI", "iso-name"),
        ("Republic of Korea", "KR", "iso-name"),
        ("Democratic Republic of Congo", "CD", "table"),
    ],
)
def test_a_country_resolves_from_its_name_codes_or_acled_number(
    resolver: Places, text: str, alpha2: str, how: str
) -> None:
    match = resolver.resolve_country(text)
    assert match is not None
    assert (match.alpha2, match.how, match.matched) == (alpha2, how, text)


def test_a_country_match_carries_pycountrys_common_name_when_it_has_one(resolver: Places) -> None:
    iran = resolver.resolve_country("IRN")
    ukraine = resolver.resolve_country("804")
    assert iran is not None and iran.name == "Iran"
    assert ukraine is not None and ukraine.name == "Ukraine"


@pytest.mark.parametrize("text", ["Narnia", "", "999", "0", "XX", "Kyivska"])
def test_an_unknown_country_resolves_to_none(resolver: Places, text: str) -> None:
    assert resolver.resolve_country(text) is None


# Regions of Ukraine


@pytest.mark.parametrize(
    ("text", "code", "how"),
    [
        # ACLED admin1 spells pycountry's name without the type word.
        ("Kyivska", "UA-32", "iso-name"),
        ("Dnipropetrovska", "UA-12", "iso-name"),
        ("Sumska", "UA-59", "iso-name"),
        ("Kyiv City", "UA-30", "iso-name"),
        ("Kyivska oblast", "UA-32", "iso-name"),
        ("UA-32", "UA-32", "iso-code"),
        ("ua-30", "UA-30", "iso-code"),
        # What reports write.
        ("Kyiv region", "UA-32", "rule:adjective-stem"),
        ("Kyiv Oblast", "UA-32", "rule:adjective-stem"),
        ("Dnipropetrovsk region", "UA-12", "rule:adjective-stem"),
        ("Sumy region", "UA-59", "rule:adjective-stem"),
        ("Kharkiv region", "UA-63", "rule:adjective-stem"),
        ("Odesa region", "UA-51", "rule:adjective-stem"),
        ("Odessa Oblast", "UA-51", "rule:spelling-variant+adjective-stem"),
        ("Kiev Oblast", "UA-32", "rule:spelling-variant+adjective-stem"),
        ("Kievskaya oblast", "UA-32", "rule:spelling-variant+adjective-stem"),
        ("Київська область", "UA-32", "rule:transliteration"),
        ("Київська", "UA-32", "rule:transliteration"),
        ("Киевская область", "UA-32", "rule:transliteration+spelling-variant+adjective-stem"),
        ("Запорізька область", "UA-23", "rule:transliteration"),
        ("місто Київ", "UA-30", "rule:transliteration"),
        ("Zaporizhzhia region", "UA-23", "rule:spelling-variant+adjective-stem"),
        ("Chernivtsi Oblast", "UA-77", "rule:adjective-stem"),
        ("Sevastopol", "UA-40", "iso-name"),
        ("Crimea", "UA-43", "table"),
    ],
)
def test_a_ukrainian_region_resolves_with_how_it_matched(
    resolver: Places, text: str, code: str, how: str
) -> None:
    match = resolver.resolve_region("UA", text)
    assert match is not None
    assert (match.code, match.how, match.country_alpha2, match.matched) == (code, how, "UA", text)
    assert match.ambiguous_with == ()


@pytest.mark.parametrize(
    ("english", "code"),
    [
        ("Vinnytsia", "UA-05"),
        ("Volyn", "UA-07"),
        ("Dnipropetrovsk", "UA-12"),
        ("Donetsk", "UA-14"),
        ("Zhytomyr", "UA-18"),
        ("Zakarpattia", "UA-21"),
        ("Zaporizhzhia", "UA-23"),
        ("Ivano-Frankivsk", "UA-26"),
        ("Kirovohrad", "UA-35"),
        ("Luhansk", "UA-09"),
        ("Lviv", "UA-46"),
        ("Mykolaiv", "UA-48"),
        ("Nikolaev", "UA-48"),
        ("Odesa", "UA-51"),
        ("Poltava", "UA-53"),
        ("Rivne", "UA-56"),
        ("Sumy", "UA-59"),
        ("Ternopil", "UA-61"),
        ("Kharkiv", "UA-63"),
        ("Kharkov", "UA-63"),
        ("Kherson", "UA-65"),
        ("Khmelnytskyi", "UA-68"),
        ("Cherkasy", "UA-71"),
        ("Chernihiv", "UA-74"),
        ("Chernivtsi", "UA-77"),
    ],
)
def test_every_oblast_resolves_from_its_english_name_with_a_region_word(
    resolver: Places, english: str, code: str
) -> None:
    for text in (english, f"{english} Oblast", f"{english} region"):
        match = resolver.resolve_region("UA", text)
        assert match is not None and match.code == code, text


def test_every_first_level_subdivision_of_ukraine_resolves_from_its_iso_name(
    resolver: Places,
) -> None:
    subdivisions = [
        s for s in pycountry.subdivisions if s.country_code == "UA" and not s.parent_code
    ]
    assert len(subdivisions) == 27
    for sub in subdivisions:
        match = resolver.resolve_region("UA", sub.name)
        assert match is not None and (match.code, match.how) == (sub.code, "iso-name")


def test_bare_kyiv_resolves_to_the_city_and_reports_the_oblast(resolver: Places) -> None:
    match = resolver.resolve_region("UA", "Kyiv")
    assert match is not None
    assert (match.code, match.kind, match.ambiguous_with) == ("UA-30", "city", ("UA-32",))


def test_bare_kiev_is_as_ambiguous_as_kyiv(resolver: Places) -> None:
    match = resolver.resolve_region("UA", "Kiev")
    assert match is not None
    assert (match.code, match.ambiguous_with) == ("UA-30", ("UA-32",))


def test_kyiv_with_a_region_word_or_adjective_is_the_oblast_and_not_ambiguous(
    resolver: Places,
) -> None:
    for text in ("Kyiv region", "Kyivska", "Kyiv Oblast"):
        match = resolver.resolve_region("UA", text)
        assert match is not None
        assert (match.code, match.kind, match.ambiguous_with) == ("UA-32", "region", ()), text


def test_kyiv_city_is_the_city_and_not_ambiguous(resolver: Places) -> None:
    match = resolver.resolve_region("UA", "Kyiv City")
    assert match is not None
    assert (match.code, match.name, match.ambiguous_with) == ("UA-30", "Kyiv", ())


@pytest.mark.parametrize("text", ["Atlantis", "Donetsk People's Republic", "", "   ", "UA-99"])
def test_an_unknown_region_resolves_to_none(resolver: Places, text: str) -> None:
    assert resolver.resolve_region("UA", text) is None


def test_a_region_of_an_unknown_country_resolves_to_none(resolver: Places) -> None:
    assert resolver.resolve_region("XX", "Kyivska") is None


def test_a_region_code_of_another_country_does_not_resolve(resolver: Places) -> None:
    assert resolver.resolve_region("UA", "RU-BEL") is None


# Regions of other countries


@pytest.mark.parametrize(
    ("country", "text", "code", "how"),
    [
        ("DE", "Bayern", "DE-BY", "iso-name"),
        ("DE", "Bavaria", "DE-BY", "table"),
        ("FR", "Île-de-France", "FR-IDF", "iso-name"),
        ("FR", "ile de france", "FR-IDF", "iso-name"),
        ("RU", "Belgorodskaya oblast", "RU-BEL", "iso-name"),
        ("RU", "Belgorodskaya oblast'", "RU-BEL", "iso-name"),
        ("RU", "Belgorod", "RU-BEL", "rule:adjective-stem"),
        ("RU", "Belgorod Oblast", "RU-BEL", "rule:adjective-stem"),
        ("RU", "Белгородская область", "RU-BEL", "rule:transliteration"),
        ("RU", "Kursk", "RU-KRS", "rule:adjective-stem"),
        ("RU", "Bryansk", "RU-BRY", "rule:spelling-variant+adjective-stem"),
        ("RU", "Moskva", "RU-MOW", "iso-name"),
        ("RU", "Moscow", "RU-MOW", "table"),
        ("RU", "Moscow Oblast", "RU-MOS", "table"),
    ],
)
def test_a_region_of_another_country_resolves(
    resolver: Places, country: str, text: str, code: str, how: str
) -> None:
    match = resolver.resolve_region(country, text)
    assert match is not None
    assert (match.code, match.how, match.country_alpha2) == (code, how, country)


def test_a_name_that_fits_two_subdivisions_reports_the_other(resolver: Places) -> None:
    # ISO names the city and the district around it alike; neither wins silently.
    match = resolver.resolve_region("AZ", "Yevlax")
    assert match is not None
    assert {match.code, *match.ambiguous_with} == {"AZ-YE", "AZ-YEV"}


# Kinds


@pytest.mark.parametrize(
    ("code", "kind"),
    [("UA-30", "city"), ("UA-40", "city"), ("UA-32", "region"), ("RU-MOW", "city"),
     ("RU-BEL", "region"), ("DE-BE", "region")],
)  # fmt: skip
def test_region_kind_says_whether_iso_types_the_subdivision_as_a_city(code: str, kind: str) -> None:
    assert region_kind(code) == kind


def test_region_kind_of_an_unknown_code_raises() -> None:
    with pytest.raises(ValueError, match="UA-99"):
        region_kind("UA-99")


# Lower levels: name keys


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Buchanskyi", "Bucha district"),
        ("Buchanskyi", "Bucha raion"),
        ("Buchanskyi", "Бучанський район"),
        ("Buchanskyi", "Bucha"),
        ("Бучанський район", "Bucha"),
        ("Бучанский район", "Bucha"),
        ("Boryspilskyi", "Boryspil district"),
        ("Obukhivskyi", "Obukhiv raion"),
        ("Brovarskyi", "Brovary"),
        ("Vyshhorodskyi", "Vyshhorod"),
        ("Kramatorskyi", "Kramatorsk"),
        ("Rivnenskyi", "Rivne"),
        ("Donetskyi", "Donetsk"),
        ("Zaporizkyi", "Zaporizhzhia"),
        ("Lozivskyi", "Lozova"),
        ("Synelnykivskyi", "Synelnykove"),
        ("Horlivskyi", "Horlivka"),
        ("Khmelnytskyy", "Khmelnytskyi"),
        ("Buchanskiy", "Bucha"),
        ("Odessa", "Odesa"),
        ("Kiev", "Kyiv"),
        ("Kharkov", "Kharkiv"),
        ("Sloviansk", "Slovyansk"),
        ("Bilotserkivskyi", "Bila Tserkva"),
    ],
)
def test_two_names_of_one_place_share_a_key(a: str, b: str) -> None:
    assert name_keys(a) & name_keys(b)
    assert same_place(a, b) and same_place(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Bucha", "Irpin"), ("Buchanskyi", "Boryspil"), ("Sumy", "Odesa"), ("Kyiv", "Kharkiv")],
)
def test_names_of_different_places_share_no_key(a: str, b: str) -> None:
    assert not same_place(a, b)


def test_a_name_with_nothing_latin_or_cyrillic_has_no_keys() -> None:
    assert name_keys("---") == frozenset()
    assert not same_place("---", "...")


def test_a_lower_level_table_alias_applies_only_in_its_country() -> None:
    assert same_place("Bilotserkivskyi", "Bila Tserkva", "UA")
    assert not same_place("Bilotserkivskyi", "Bila Tserkva", "RU")


# The alias table


def test_the_default_table_loads_from_the_seeds_directory() -> None:
    assert DEFAULT_PATH.is_file() and DEFAULT_PATH.parent.name == "resolution"
    table = PlaceAliases.load()
    assert ("kiev", "kyiv") in table.variants
    assert table.countries["russia"] == "RU"


def test_without_the_tables_variants_kiev_is_not_kyiv() -> None:
    bare = Places(PlaceAliases())
    assert not bare.same_place("Kiev", "Kyiv")
    assert bare.resolve_region("UA", "Kiev Oblast") is None
    assert bare.resolve_region("UA", "Kyiv Oblast") is not None


def test_a_table_entry_overrides_the_rules(tmp_path: Path) -> None:
    path = _table(
        tmp_path,
        "aliases:\n"
        "  - {country: UA, level: region, alias: Kyiv, code: UA-32}\n"
        "  - {country: UA, level: region, alias: Kyivshchyna, code: UA-32}\n"
        "  - {country: UA, level: region, alias: Kharkiv Oblast, code: UA-63}\n"
        "  - {level: country, alias: Ruritania, code: RU}\n"
        "  - {country: UA, level: hromada, alias: Irpinska, name: Irpin}\n",
    )
    custom = Places(PlaceAliases.load(path))
    overridden = custom.resolve_region("UA", "Kyiv")
    added = custom.resolve_region("UA", "Kyivshchyna")
    assert overridden is not None and (overridden.code, overridden.how) == ("UA-32", "table")
    assert added is not None and (added.code, added.how) == ("UA-32", "table")
    assert Places().resolve_region("UA", "Kyivshchyna") is None
    country = custom.resolve_country("Ruritania")
    assert country is not None and (country.alpha2, country.how) == ("RU", "table")
    assert custom.same_place("Irpinska", "Irpin")


def test_a_table_alias_with_a_region_word_needs_one_in_the_text(tmp_path: Path) -> None:
    custom = Places(PlaceAliases.load(_table(
        tmp_path, "aliases:\n  - {country: UA, level: region, alias: Kyiv Oblast, code: UA-32}\n"
    )))  # fmt: skip
    region = custom.resolve_region("UA", "Kyiv region")
    bare = custom.resolve_region("UA", "Kyiv")
    assert region is not None and (region.code, region.how) == ("UA-32", "table")
    assert bare is not None and (bare.code, bare.how) == ("UA-30", "iso-name")


def test_a_table_variant_rewrites_the_start_of_a_word(tmp_path: Path) -> None:
    custom = Places(PlaceAliases.load(_table(tmp_path, "variants:\n  - {from: kiev, to: kyiv}\n")))
    match = custom.resolve_region("UA", "Kievskaya oblast")
    assert match is not None and match.code == "UA-32"
    assert custom.same_place("Kiev", "Kyiv")


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        ("{country: UA, level: region, alias: X}", "'code'"),
        ("{country: UA, level: region, alias: X, code: UA-99}", "'code'"),
        ("{country: UA, level: region, alias: X, code: RU-BEL}", "'code'"),
        ("{country: ZZ, level: region, alias: X, code: UA-32}", "'country'"),
        ("{country: UA, level: oblast, alias: X, code: UA-32}", "'level'"),
        ("{country: UA, level: region, alias: '', code: UA-32}", "'alias'"),
        ("{country: UA, level: region, alias: X, code: UA-32, note: y}", "'note'"),
        ("{country: UA, level: district, alias: X}", "'name'"),
        ("{level: country, alias: X, code: QQ}", "'code'"),
        ("{level: country, alias: X, code: RU, country: RU}", "'country'"),
        ("[UA, region, X]", "expected a mapping"),
    ],
)
def test_a_malformed_table_raises_naming_file_entry_and_field(
    tmp_path: Path, entry: str, field: str
) -> None:
    path = _table(
        tmp_path,
        f"aliases:\n  - {{level: country, alias: Russia, code: RU}}\n  - {entry}\n",
    )
    with pytest.raises(ValueError) as raised:
        PlaceAliases.load(path)
    assert str(path) in str(raised.value)
    assert "aliases[1]" in str(raised.value)
    assert field in str(raised.value)


def test_a_malformed_variant_raises_naming_file_entry_and_field(tmp_path: Path) -> None:
    path = _table(tmp_path, "variants:\n  - {from: kiev}\n")
    with pytest.raises(ValueError, match=r"variants\[0\] field 'to'") as raised:
        PlaceAliases.load(path)
    assert str(path) in str(raised.value)


def test_a_variant_of_two_words_raises(tmp_path: Path) -> None:
    path = _table(tmp_path, "variants:\n  - {from: krivoi rog, to: kryvyi rih}\n")
    with pytest.raises(ValueError, match=r"variants\[0\]: 'from' and 'to' must be single words"):
        PlaceAliases.load(path)


def test_a_table_that_is_not_valid_yaml_raises_naming_the_file(tmp_path: Path) -> None:
    path = _table(tmp_path, "aliases: [unclosed\n")
    with pytest.raises(ValueError, match=re.escape(str(path))):
        PlaceAliases.load(path)


def test_a_table_that_is_not_a_mapping_raises_naming_the_file(tmp_path: Path) -> None:
    path = _table(tmp_path, "- just a list\n")
    with pytest.raises(ValueError, match=re.escape(str(path))):
        PlaceAliases.load(path)


# Memoising


def test_a_repeated_call_returns_the_identical_object_without_parsing_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fresh = Places()
    region, country = fresh.resolve_region("UA", "Kyiv region"), fresh.resolve_country("804")
    missing = fresh.resolve_region("UA", "Atlantis")
    keys = fresh.name_keys("Buchanskyi")

    def no_parsing(*args: object) -> None:
        raise AssertionError("a cached call parsed again")

    monkeypatch.setattr(places, "_parse", no_parsing)
    monkeypatch.setattr(places, "_country_key", no_parsing)
    assert fresh.resolve_region("UA", "Kyiv region") is region
    assert fresh.resolve_country("804") is country
    assert fresh.resolve_region("UA", "Atlantis") is None and missing is None
    assert fresh.name_keys("Buchanskyi") is keys


def test_the_module_functions_use_one_shared_resolver() -> None:
    assert resolve_region("UA", "Sumska") is resolve_region("UA", "Sumska")
    match = resolve_country("Ukraine")
    assert match is not None and match.alpha2 == "UA"
