"""The editable place alias table, seeds/resolution/places.yaml: loading and checking it.

It holds spelling variants, country aliases, region aliases to first-level ISO 3166-2 codes,
and names of lower-level places; region and lower-level aliases are stored under the canonical
forms `names.parse_name` gives, so the resolver finds them with the same normalisation. A
malformed entry raises a ValueError naming the file, the entry and the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pycountry
import yaml

from graph.ingest.resolve.names import Signal, Variants, country_key, fold, parse_name, spell
from graph.ingest.resolve.subdivisions import iso_subdivisions

__all__ = ["DEFAULT_PATH", "LEVELS", "VARIANT", "PlaceAliases", "RegionAlias"]

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "seeds" / "resolution" / "places.yaml"

LEVELS = ("country", "region", "district", "hromada", "settlement")
VARIANT = ("from", "to")


@dataclass(frozen=True, slots=True)
class RegionAlias:
    code: str
    signal: Signal  # a region alias with a type word needs one in the text too


@dataclass(frozen=True, slots=True)
class PlaceAliases:
    """The alias table: spelling variants, country and region aliases, lower-level names."""

    variants: Variants = ()
    countries: dict[str, str] = field(default_factory=dict)  # country_key: alpha-2
    regions: dict[tuple[str, str], tuple[RegionAlias, ...]] = field(default_factory=dict)
    names: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # canon: (c, n)

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> PlaceAliases:
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise ValueError(f"{path}: not valid YAML: {error}") from error
        if not isinstance(doc, dict) or set(doc) - {"variants", "aliases"}:
            raise ValueError(f"{path}: expected a mapping of 'variants' and 'aliases' lists")
        variants = []
        for i, entry in enumerate(doc.get("variants") or []):
            old, new = (
                spell(fold(_field(path, f"variants[{i}]", entry, k, set(VARIANT)), None), ())
                for k in VARIANT
            )
            if not old.isalnum() or not new.isalnum():  # variants rewrite the start of one word
                raise ValueError(f"{path}: variants[{i}]: 'from' and 'to' must be single words")
            variants.append((old, new))
        table = cls(tuple(sorted(variants, key=lambda v: -len(v[0]))))
        for i, entry in enumerate(doc.get("aliases") or []):
            table._add(path, f"aliases[{i}]", entry)
        return table

    def _add(self, path: Path, where: str, entry: object) -> None:
        level = _field(path, where, entry, "level", set())
        if level not in LEVELS:
            raise ValueError(f"{path}: {where} field 'level': {level!r} is not one of {LEVELS}")
        target = "code" if level in ("country", "region") else "name"
        allowed = {"level", "alias", target} | (set() if level == "country" else {"country"})
        alias, value = (_field(path, where, entry, k, allowed) for k in ("alias", target))
        if level == "country":
            if pycountry.countries.get(alpha_2=value.upper()) is None:
                raise ValueError(f"{path}: {where} field 'code': {value!r} is not ISO alpha-2")
            self.countries[country_key(alias)] = value.upper()
            return
        country = _field(path, where, entry, "country", allowed).upper()
        if pycountry.countries.get(alpha_2=country) is None:
            raise ValueError(f"{path}: {where} field 'country': {country!r} is not ISO alpha-2")
        parsed = parse_name(alias, self.variants)
        for core in parsed.canon:
            if level != "region":
                self.names[core] = (*self.names.get(core, ()), (country, value))
                continue
            sub = iso_subdivisions().get(value.upper())
            if sub is None or not sub.code.startswith(f"{country}-") or not sub.first_level:
                raise ValueError(
                    f"{path}: {where} field 'code': {value!r} is not a first-level "
                    f"ISO 3166-2 subdivision of {country}"
                )
            known = self.regions.get((country, core), ())
            self.regions[country, core] = (*known, RegionAlias(sub.code, parsed.signal))


def _field(path: Path, where: str, entry: object, key: str, allowed: set[str]) -> str:
    if not isinstance(entry, dict):
        raise ValueError(f"{path}: {where}: expected a mapping, got {entry!r}")
    if allowed and (extra := set(entry) - allowed):
        raise ValueError(f"{path}: {where} field {sorted(extra)[0]!r}: unknown field")
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{path}: {where} field {key!r}: expected a non-empty string")
    return value.strip()
