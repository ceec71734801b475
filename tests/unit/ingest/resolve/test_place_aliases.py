"""The place alias table: entries stored under normalised keys, bad entries named."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.resolve.place_aliases import DEFAULT_PATH, PlaceAliases, RegionAlias


def _load(tmp_path: Path, text: str) -> PlaceAliases:
    path = tmp_path / "places.yaml"
    path.write_text(text, encoding="utf-8")
    return PlaceAliases.load(path)


def test_an_empty_file_is_an_empty_table(tmp_path: Path) -> None:
    assert _load(tmp_path, "") == PlaceAliases()


def test_variants_are_folded_and_the_longest_start_comes_first(tmp_path: Path) -> None:
    table = _load(tmp_path, "variants:\n  - {from: Kiev, to: Kyiv}\n  - {from: Nikolayev, to: X}\n")
    assert table.variants == (("nikolaiev", "x"), ("kiev", "kyiv"))


def test_a_region_alias_is_keyed_by_its_canonical_form_and_keeps_its_type_word(
    tmp_path: Path,
) -> None:
    table = _load(
        tmp_path, "aliases:\n  - {level: region, country: ua, alias: Kiev Oblast, code: ua-32}\n"
    )
    assert table.regions == {("UA", "kiev"): (RegionAlias("UA-32", "region"),)}


def test_a_country_alias_is_keyed_like_iso_names(tmp_path: Path) -> None:
    table = _load(tmp_path, "aliases:\n  - {level: country, alias: 'Korea, South', code: kr}\n")
    assert table.countries == {"south korea": "KR"}


def test_a_lower_level_name_collects_every_country_that_uses_it(tmp_path: Path) -> None:
    table = _load(
        tmp_path,
        "aliases:\n"
        "  - {level: settlement, country: UA, alias: Artemivsk, name: Bakhmut}\n"
        "  - {level: settlement, country: RU, alias: Artemovsk, name: Bakhmut}\n"
        "  - {level: settlement, country: RU, alias: Artemivsk, name: Other}\n",
    )
    assert table.names["artemivsk"] == (("UA", "Bakhmut"), ("RU", "Other"))


def test_a_region_code_below_the_first_level_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"aliases\[0\] field 'code'.*first-level"):
        _load(tmp_path, "aliases:\n  - {level: region, country: FR, alias: Ain, code: FR-01}\n")


def test_the_shipped_table_loads_with_variants_and_aliases() -> None:
    table = PlaceAliases.load(DEFAULT_PATH)
    assert ("kiev", "kyiv") in table.variants
    assert table.regions
