"""The editable actor alias table, seeds/resolution/actors.yaml: loading and checking it.

It maps exact ACLED actor names to a state, relation and kind, and adds country names the
rules do not know. A malformed entry raises a ValueError naming the file, the entry and the
field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeGuard, get_args

import pycountry
import yaml

from graph.domain.vocabulary import ActorKind

__all__ = [
    "DEFAULT_PATH",
    "KINDS",
    "RELATIONS",
    "ActorAliases",
    "AliasEntry",
    "Relation",
    "country_name_key",
]

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "seeds" / "resolution" / "actors.yaml"

Relation = Literal["part_of", "speaks_for", "based_in"]
KINDS: frozenset[str] = frozenset(get_args(ActorKind))
RELATIONS: frozenset[str] = frozenset(get_args(Relation))


@dataclass(frozen=True, slots=True)
class AliasEntry:
    name: str
    state: str | None
    relation: Relation | None
    kind: ActorKind
    index: int


@dataclass(frozen=True)
class ActorAliases:
    """Exact ACLED names mapped to a state, relation and kind, plus extra country names."""

    entries: Mapping[str, AliasEntry] = field(default_factory=dict)
    countries: Mapping[str, str] = field(default_factory=dict)
    source: str = "actors.yaml"

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> ActorAliases:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ValueError(f"{path}: cannot read the actor alias table: {exc}") from exc
        data = {} if data is None else data
        if not isinstance(data, dict) or set(data) - {"actors", "countries"}:
            raise ValueError(f"{path}: expected a mapping with keys 'actors' and 'countries'")
        entries: dict[str, AliasEntry] = {}
        for i, raw in enumerate(_list(path, "actors", data.get("actors"))):
            entry = _entry(path, i, raw)
            if entry.name in entries:
                raise ValueError(f"{path}: actors[{i}] field 'name': duplicate {entry.name!r}")
            entries[entry.name] = entry
        countries: dict[str, str] = {}
        for i, raw in enumerate(_list(path, "countries", data.get("countries"))):
            where = f"{path}: countries[{i}]"
            if not isinstance(raw, dict) or set(raw) != {"name", "state"}:
                raise ValueError(f"{where} field 'name': expected exactly keys name and state")
            countries[country_name_key(_text(where, "name", raw["name"]))] = _alpha2(
                where, raw["state"]
            )
        return cls(entries=entries, countries=countries, source=path.name)


def _list(path: Path, key: str, value: object) -> list[object]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{path}: '{key}' must be a list of entries")
    return value


def _text(where: str, name: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where} field '{name}': expected a non-empty string, got {value!r}")
    return value.strip()


def _alpha2(where: str, value: object) -> str:
    code = _text(where, "state", value).upper()
    if pycountry.countries.get(alpha_2=code) is None:
        raise ValueError(f"{where} field 'state': {value!r} is not an ISO 3166-1 alpha-2 code")
    return code


def _entry(path: Path, i: int, raw: object) -> AliasEntry:
    where = f"{path}: actors[{i}]"
    if not isinstance(raw, dict):
        raise ValueError(f"{where} field 'name': expected a mapping, got {raw!r}")
    unknown = sorted(str(key) for key in set(raw) - {"name", "state", "relation", "kind"})
    if unknown:
        raise ValueError(f"{where} field {unknown[0]!r}: unknown field")
    for key in ("name", "kind"):
        if key not in raw:
            raise ValueError(f"{where} field {key!r}: missing")
    name = " ".join(_text(where, "name", raw["name"]).split())
    kind = raw["kind"]
    if not _is_kind(kind):
        raise ValueError(f"{where} field 'kind': {kind!r} is not one of {sorted(KINDS)}")
    state = None if raw.get("state") is None else _alpha2(where, raw["state"])
    relation = raw.get("relation")
    if relation is not None and not _is_relation(relation):
        raise ValueError(f"{where} field 'relation': {relation!r} not one of {sorted(RELATIONS)}")
    if (state is None) != (relation is None):
        raise ValueError(f"{where} field 'relation': give a relation exactly when a state is given")
    return AliasEntry(name=name, state=state, relation=relation, kind=kind, index=i)


def _is_kind(value: object) -> TypeGuard[ActorKind]:
    return isinstance(value, str) and value in KINDS


def _is_relation(value: object) -> TypeGuard[Relation]:
    return isinstance(value, str) and value in RELATIONS


def country_name_key(name: str) -> str:
    """Lower-cased, spaces collapsed, a leading "the" dropped. Lighter than names.country_key
    on purpose: pycountry.countries.lookup matches "korea, republic of" but not the folded
    "korea republic of", and the fallback names are kept in this form."""
    text = " ".join(name.split()).lower()
    return text[4:] if text.startswith("the ") else text
