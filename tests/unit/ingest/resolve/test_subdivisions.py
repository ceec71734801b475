"""pycountry's ISO 3166-2 subdivisions, marked city or region and first level or not."""

from __future__ import annotations

from graph.ingest.resolve.subdivisions import IsoSubdivision, iso_subdivisions


def test_kyiv_city_is_a_first_level_city() -> None:
    assert iso_subdivisions()["UA-30"] == IsoSubdivision("UA-30", "Kyiv", "city", True)


def test_kyiv_oblast_is_a_first_level_region() -> None:
    assert iso_subdivisions()["UA-32"].kind == "region"


def test_moscow_counts_as_a_city() -> None:
    assert iso_subdivisions()["RU-MOW"].kind == "city"


def test_a_subdivision_with_a_parent_is_not_first_level() -> None:
    assert not iso_subdivisions()["FR-01"].first_level  # Ain, a department within a region


def test_a_city_below_the_first_level_is_still_a_city() -> None:
    london = iso_subdivisions()["GB-LND"]
    assert (london.kind, london.first_level) == ("city", False)


def test_the_index_is_built_once() -> None:
    assert iso_subdivisions() is iso_subdivisions()
