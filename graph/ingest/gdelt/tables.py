"""GDELT's code tables, read from seeds/resolution/ (editable, documented there): CAMEO event
codes to what a row becomes in the graph (cameo.yaml), CAMEO role codes to a state's organs
and the CAMEO country codes that are not ISO alpha-3 (cameo.yaml), and FIPS 10-4 country
codes to ISO 3166-1 (fips10_4.yaml)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import pycountry
import yaml

from graph.domain.vocabulary import (
    ActorKind,
    AgreementKind,
    AgreementStatus,
    AttackCategory,
    EventKind,
    StatementKind,
)

SEEDS = Path(__file__).resolve().parents[3] / "seeds" / "resolution"
CAMEO_PATH = SEEDS / "cameo.yaml"
FIPS_PATH = SEEDS / "fips10_4.yaml"
LABELS = {"statement": "Statement", "agreement": "Agreement", "attack": "Attack", "event": "Event"}
KINDS: dict[str, tuple[str, ...]] = {
    "statement": get_args(StatementKind),
    "agreement": get_args(AgreementKind),
    "event": get_args(EventKind),
    "attack": get_args(AttackCategory),
}


class TableError(ValueError):
    """A code table that cannot be used: the message names the file and the entry."""


@dataclass(frozen=True)
class Coding:
    """What a CAMEO code becomes: a node label and its kind (or attack category)."""

    code: str  # the table's entry: a code or a prefix
    cameo: str  # the manual's name
    label: str  # Statement, Agreement, Attack or Event
    kind: str  # the statement, agreement or event kind, or the attack category
    status: str | None = None  # an agreement's status


OTHER = Coding("", "Other", "Event", "other")


@dataclass(frozen=True)
class Role:
    name: str  # with {state}
    kind: str
    relation: str  # part_of or speaks_for


@dataclass(frozen=True)
class Tables:
    codes: dict[str, Coding]
    roles: dict[str, Role]
    countries: dict[str, str | None]  # CAMEO country codes that are not ISO alpha-3
    fips: dict[str, str]

    def coding(self, code: str) -> Coding:
        """The longest listed prefix of the code; an event of kind other when none is."""
        for end in range(len(code), 1, -1):
            found = self.codes.get(code[:end])
            if found is not None:
                return found
        return OTHER

    def cameo_country(self, code: str) -> str | None:
        """ISO alpha-2 of a CAMEO country code (ISO alpha-3 but for the listed ones); None for
        regions (AFR, EUR, ...) and codes with no ISO country."""
        if code in self.countries:
            return self.countries[code]
        found = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
        return found.alpha_2 if found else None


def _coding(path: Path, entry: dict[str, object]) -> Coding:
    code, what = str(entry.get("code", "")), str(entry.get("as", ""))
    if not code.isdigit() or what not in LABELS:
        raise TableError(f"{path}: code {code!r}: needs digits and `as` in {sorted(LABELS)}")
    kind = str(entry.get("category" if what == "attack" else "kind", ""))
    if kind not in KINDS[what]:
        raise TableError(f"{path}: code {code}: {kind!r} is not one of {KINDS[what]}")
    status = entry.get("status")
    if status is not None and status not in get_args(AgreementStatus):
        raise TableError(f"{path}: code {code}: status {status!r} is not an agreement status")
    return Coding(
        code,
        str(entry.get("cameo", "")),
        LABELS[what],
        kind,
        None if status is None else str(status),
    )


def load(cameo: Path = CAMEO_PATH, fips: Path = FIPS_PATH) -> Tables:
    data = yaml.safe_load(cameo.read_text(encoding="utf-8"))
    codes = {c.code: c for c in (_coding(cameo, e) for e in data.get("codes", []))}
    roles = {}
    for code, role in (data.get("roles") or {}).items():
        if role.get("kind") not in get_args(ActorKind) or role.get("relation") not in (
            "part_of",
            "speaks_for",
        ):
            raise TableError(f"{cameo}: role {code}: needs an actor kind and a relation")
        roles[str(code)] = Role(str(role["name"]), str(role["kind"]), str(role["relation"]))
    countries = {str(k): (str(v) if v else None) for k, v in (data.get("countries") or {}).items()}
    table = yaml.safe_load(fips.read_text(encoding="utf-8"))
    fips_codes = {str(k): str(v) for k, v in (table.get("countries") or {}).items()}
    return Tables(codes, roles, countries, fips_codes)


@functools.cache
def default_tables() -> Tables:
    return load()
