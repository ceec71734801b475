"""Resolve place names (ACLED's country/admin1/admin2/admin3, places named in reports) to ISO
3166-1 countries and first-level ISO 3166-2 subdivisions, and give lower-level names keys the
caller compares within their resolved parent. Every match says how it was made.

Rules do most of the work (graph.ingest.resolve.names): NFKD folding, Ukrainian and Russian
transliteration, dropping type words ("oblast", "region", "raion", ...), collapsing doubled
letters, and adjective stems ("Kyivska" ~ "Kyiv", "Buchanskyi" ~ "Bucha"). The alias table
seeds/resolution/places.yaml (graph.ingest.resolve.place_aliases) adds spelling variants and
what the rules miss, and wins over them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

import pycountry

from graph.ingest.resolve.names import ParsedName, Signal, Variants

# Module globals the resolver calls through, so a test can swap them to prove a cached answer
# is not parsed again.
from graph.ingest.resolve.names import country_key as _country_key
from graph.ingest.resolve.names import parse_name as _parse
from graph.ingest.resolve.place_aliases import DEFAULT_PATH, LEVELS, VARIANT, PlaceAliases
from graph.ingest.resolve.subdivisions import IsoSubdivision, iso_subdivisions

__all__ = [
    "DEFAULT_PATH",
    "LEVELS",
    "VARIANT",
    "CountryHow",
    "CountryMatch",
    "PlaceAliases",
    "Places",
    "RegionMatch",
    "Signal",
    "Variants",
    "default_places",
    "name_keys",
    "region_kind",
    "resolve_country",
    "resolve_region",
    "same_place",
]

CountryHow = Literal["iso-code", "iso-name", "table"]


def region_kind(code: str) -> str:
    """'city' for subdivisions ISO types as a city (UA-30 Kyiv, RU-MOW Moskva), else 'region'."""
    sub = iso_subdivisions().get(code.strip().upper())
    if sub is None:
        raise ValueError(f"unknown ISO 3166-2 code {code!r}")
    return sub.kind


@dataclass(frozen=True, slots=True)
class CountryMatch:
    alpha2: str
    name: str  # pycountry's common_name, else its name
    how: CountryHow
    matched: str  # the input text


@dataclass(frozen=True, slots=True)
class RegionMatch:
    code: str
    name: str  # pycountry's
    country_alpha2: str
    how: str  # "iso-code", "iso-name", "table" or "rule:<rules joined by +>"
    matched: str  # the input text
    kind: str  # region_kind(code)
    ambiguous_with: tuple[str, ...] = ()  # other codes the text could mean, best first


@dataclass(frozen=True, slots=True)
class _Sub:
    iso: IsoSubdivision
    parsed: ParsedName


class Places:
    """Resolver with memoised answers: the importer asks once per row of million-row files.

    Measured (Python 3.11, one core): a cached resolve_region or resolve_country call takes
    0.1-0.25 us (a dict lookup); an uncached resolve_region 30-45 us, an uncached name_keys
    ~20 us. Once: ~0.1 s to read pycountry's subdivisions and the table, and 2-4 ms per
    country to index its first level.
    """

    def __init__(self, aliases: PlaceAliases | None = None) -> None:
        self.aliases = aliases if aliases is not None else PlaceAliases.load()
        self._countries: dict[str, CountryMatch | None] = {}
        self._regions: dict[tuple[str, str], RegionMatch | None] = {}
        self._keys: dict[tuple[str, str | None], frozenset[str]] = {}
        self._subs: dict[str, dict[str, _Sub]] = {}
        self._country_names: dict[str, str] = {}

    def resolve_country(self, text: str) -> CountryMatch | None:
        if text not in self._countries:
            self._countries[text] = self._country(text)
        return self._countries[text]

    def resolve_region(self, country_alpha2: str, text: str) -> RegionMatch | None:
        if (country_alpha2, text) not in self._regions:
            self._regions[country_alpha2, text] = self._region(country_alpha2, text)
        return self._regions[country_alpha2, text]

    def name_keys(self, text: str, country: str | None = None) -> frozenset[str]:
        """Keys of a name; two names of one place within one parent share a key."""
        if (text, country) not in self._keys:
            parsed = _parse(text, self.aliases.variants)
            keys = set(parsed.keys)
            for core in parsed.canon:
                for c, name in self.aliases.names.get(core, ()):
                    if country in (None, c):
                        keys |= _parse(name, self.aliases.variants).keys
            self._keys[text, country] = frozenset(keys)
        return self._keys[text, country]

    def same_place(self, a: str, b: str, country: str | None = None) -> bool:
        return not self.name_keys(a, country).isdisjoint(self.name_keys(b, country))

    def _country(self, text: str) -> CountryMatch | None:
        raw = text.strip()
        found: pycountry.db.Country | None = None
        how: CountryHow = "iso-code"
        if re.fullmatch(r"\d{1,3}(\.0*)?", raw):  # ACLED's iso column, read as a float or not
            found = pycountry.countries.get(numeric=f"{int(float(raw)):03d}")
        elif re.fullmatch(r"[A-Za-z]{2}", raw):
            found = pycountry.countries.get(alpha_2=raw.upper())
        elif re.fullmatch(r"[A-Za-z]{3}", raw):
            found = pycountry.countries.get(alpha_3=raw.upper())
        if found is None:
            how, code = "table", self.aliases.countries.get(_country_key(raw))
            if code is None:
                how, code = "iso-name", self._country_index().get(_country_key(raw))
            found = pycountry.countries.get(alpha_2=code) if code else None
        if found is None:
            return None
        return CountryMatch(found.alpha_2, getattr(found, "common_name", found.name), how, text)

    def _country_index(self) -> dict[str, str]:
        if not self._country_names:
            for c in pycountry.countries:
                for attr in ("name", "common_name", "official_name"):
                    if value := getattr(c, attr, None):
                        self._country_names.setdefault(_country_key(value), c.alpha_2)
        return self._country_names

    def _index(self, country: str) -> dict[str, _Sub]:
        if country not in self._subs:
            self._subs[country] = {
                s.code: _Sub(s, _parse(s.name, self.aliases.variants))
                for s in iso_subdivisions().values()
                if s.first_level and s.code.startswith(f"{country}-")
            }
        return self._subs[country]

    def _region(self, country_alpha2: str, text: str) -> RegionMatch | None:
        country = country_alpha2.strip().upper()
        subs = self._index(country)
        if (sub := subs.get(text.strip().upper())) is not None:
            return RegionMatch(sub.iso.code, sub.iso.name, country, "iso-code", text, sub.iso.kind)
        parsed = _parse(text, self.aliases.variants)
        signal = parsed.signal or ("region" if parsed.adjective else None)
        for core in parsed.canon:
            for alias in self.aliases.regions.get((country, core), ()):
                iso = subs[alias.code].iso
                if alias.signal in (None, signal) and signal in (None, alias.signal, iso.kind):
                    return RegionMatch(iso.code, iso.name, country, "table", text, iso.kind)
        ranked = sorted((r, s.iso.code) for s in subs.values() if (r := _rank(parsed, s.parsed)))
        if signal is not None and any(subs[c].iso.kind == signal for _, c in ranked):
            ranked = [(r, c) for r, c in ranked if subs[c].iso.kind == signal]
        if not ranked or not any(parsed.plain):
            return None
        best, others = subs[ranked[0][1]], tuple(c for _, c in ranked[1:])
        how = _how(parsed, best.parsed)
        return RegionMatch(best.iso.code, best.iso.name, country, how, text, best.iso.kind, others)


def _rank(text: ParsedName, iso: ParsedName) -> int:
    """0 for no match; lower is closer: exact name, transliterated, respelt, stem."""
    if text.plain & iso.plain:
        return 2 if text.cyrillic else 1
    if text.canon & iso.canon:
        return 3
    return 4 if text.keys & iso.keys else 0


def _how(text: ParsedName, iso: ParsedName) -> str:
    if not text.cyrillic and text.plain & iso.plain:
        return "iso-name"
    rules = ["transliteration"] if text.cyrillic else []
    if not text.plain & iso.plain and text.canon != text.plain:
        rules.append("spelling-variant")
    if not text.canon & iso.canon:
        rules.append("adjective-stem")
    return "rule:" + "+".join(rules)


@functools.cache
def default_places() -> Places:
    """The shared resolver over the default alias table, built on first use."""
    return Places()


def resolve_country(text: str) -> CountryMatch | None:
    return default_places().resolve_country(text)


def resolve_region(country_alpha2: str, text: str) -> RegionMatch | None:
    return default_places().resolve_region(country_alpha2, text)


def name_keys(text: str, country: str | None = None) -> frozenset[str]:
    return default_places().name_keys(text, country)


def same_place(a: str, b: str, country: str | None = None) -> bool:
    return default_places().same_place(a, b, country)
