"""Resolve ACLED actor names to the state they belong to, and say how each match was made.

ACLED writes state organs as "Military Forces of Russia (2000-)", "Government of Ukraine
(2019-)", and non-state groups by the country they are in: "Civilians (Ukraine)". The years
are the regime period, not part of the state's name. The alias table
seeds/resolution/actors.yaml (read by graph.ingest.resolve.actor_aliases) corrects the rules
for exact names and wins over them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pycountry

from graph.domain.vocabulary import ActorKind
from graph.ingest.resolve.actor_aliases import (
    DEFAULT_PATH,
    KINDS,
    RELATIONS,
    ActorAliases,
    AliasEntry,
    Relation,
    country_name_key,
)

__all__ = [
    "DEFAULT_PATH",
    "INTER_CODES",
    "KINDS",
    "OTHER_NAMES",
    "RELATIONS",
    "SHORT_NAMES",
    "ActorAliases",
    "ActorResolution",
    "Actors",
    "AliasEntry",
    "Relation",
    "canonical_state_id",
    "country_code",
    "inter_category",
    "resolve_actor",
    "state_name",
]

# Older files code actor types as numbers; the 2023 layout spells them out.
INTER_CODES = {
    "1": "State forces", "2": "Rebel group", "3": "Political militia", "4": "Identity militia",
    "5": "Rioters", "6": "Protesters", "7": "Civilians", "8": "External/Other forces",
}  # fmt: skip
_INTER_BY_LOWER = {label.lower(): label for label in INTER_CODES.values()}
# pycountry's names are the ISO ones ("Russian Federation"); users and ACLED say "Russia".
SHORT_NAMES = {
    "RU": "Russia", "CD": "Democratic Republic of Congo", "FM": "Micronesia", "PS": "Palestine",
    "VA": "Vatican City", "VG": "British Virgin Islands", "VI": "US Virgin Islands",
}  # fmt: skip
# Names pycountry.countries.lookup misses; the alias table's `countries:` list adds more.
OTHER_NAMES = {
    "turkey": "TR", "uk": "GB", "britain": "GB", "great britain": "GB", "us": "US", "usa": "US",
    "uae": "AE", "drc": "CD", "democratic republic of the congo": "CD", "republic of congo": "CG",
    "ivory coast": "CI", "macedonia": "MK", "cape verde": "CV", "east timor": "TL",
    "brunei": "BN", "swaziland": "SZ", "burma": "MM",
}  # fmt: skip
_FALLBACK = {name.lower(): code for code, name in SHORT_NAMES.items()} | OTHER_NAMES

_PERIOD = re.compile(r"^(?P<base>.*?)\s*\((?P<period>\d{4}\s*-\s*(?:\d{4})?)\)\s*(?P<suffix>.*)$")
_IN_COUNTRY = re.compile(r"^(?P<label>[^()]+?)\s*\((?P<place>[^()]+)\)$")
_ACRONYM = re.compile(r"^(?P<short>[A-Z][A-Za-z0-9&.\-]{1,15}):\s+(?P<full>\S.*)$")


@dataclass(frozen=True, slots=True)
class _Organ:
    """A "<prefix> X" pattern naming an organ of state X; a suffix after the period names a
    body within it ("Military Forces of Russia (2000-) Air Force"), always part of the state."""

    pattern: str
    prefix: str
    kind: ActorKind
    relation: Relation
    what: str
    unit_kind: ActorKind


_ORGANS = (
    _Organ("military-forces-of", "Military Forces of ", "armed_forces", "part_of",
           "a state's armed forces", "military_unit"),
    _Organ("police-forces-of", "Police Forces of ", "police", "part_of", "a state's police",
           "police"),
    _Organ("government-of", "Government of ", "government", "speaks_for",
           "a state's government", "government_body"),
    _Organ("air-force-of", "Air Force of ", "military_unit", "part_of", "a state's air force",
           "military_unit"),
    _Organ("naval-forces-of", "Naval Forces of ", "military_unit", "part_of", "a state's navy",
           "military_unit"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ActorResolution:
    """How one ACLED actor name attaches to a state: name as given, display name and regime
    period apart, ISO alpha-2 state, relation, `how` ("rule:<pattern>", "table",
    "standalone"), a sentence saying why, and the spelled-out inter category."""

    name: str
    display_name: str
    period: str | None
    kind: ActorKind
    state: str | None
    relation: Relation | None
    how: str
    rule: str
    inter: str | None


def inter_category(inter: str | None) -> str | None:
    """ACLED's spelled-out inter category for a numeric code or a spelled-out label."""
    text = (inter or "").strip()
    return (INTER_CODES.get(text) or _INTER_BY_LOWER.get(text.lower(), text)) if text else None


@functools.cache
def _lookup(name: str) -> str | None:
    # Short strings would match alpha-2/alpha-3/numeric codes ("SDF", "PRC"), not names.
    if len(name) <= 3 or name.isdigit():
        return None
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        return None


def country_code(name: str, extra: Mapping[str, str] | None = None) -> str | None:
    """ISO 3166-1 alpha-2 for a country name ("Russia" -> "RU"), or None when unknown."""
    key = country_name_key(name)
    return (extra or {}).get(key) or _FALLBACK.get(key) or _lookup(key)


def canonical_state_id(alpha2: str) -> str:
    """The id of the state actor made from its ISO country: "RU" -> "actor:state/ru"."""
    return f"actor:state/{_known(alpha2).lower()}"


def state_name(alpha2: str) -> str:
    """A state's everyday name: pycountry's common name, else a short form, else the ISO name."""
    code = _known(alpha2)
    country = pycountry.countries.get(alpha_2=code)
    common: str | None = getattr(country, "common_name", None)
    return common or SHORT_NAMES.get(code) or str(getattr(country, "name", code))


def _known(alpha2: str) -> str:
    code = alpha2.strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise ValueError(f"{alpha2!r} is not an ISO 3166-1 alpha-2 code")
    return code


def resolve_actor(
    name: str, inter: str | None = None, *, aliases: ActorAliases | None = None
) -> ActorResolution:
    """Resolve one ACLED actor name; aliases default to the table in seeds/resolution."""
    table = _default_aliases() if aliases is None else aliases
    text = " ".join(name.split())
    category = inter_category(inter)
    match = _PERIOD.match(text)
    base, period, suffix = (
        (match["base"], match["period"].replace(" ", ""), match["suffix"])
        if match
        else (text, None, "")
    )
    display = f"{base} {suffix}" if suffix else base

    def made(
        kind: ActorKind, state: str | None, rel: Relation | None, how: str, rule: str
    ) -> ActorResolution:
        return ActorResolution(name, display, period, kind, state, rel, how, rule, category)

    entry = table.entries.get(text)
    if entry is not None:
        target = f"{entry.state} ({entry.relation})" if entry.state else "no state"
        why = f"The alias table {table.source} (entry {entry.index}) maps {text!r} to {target}"
        return made(entry.kind, entry.state, entry.relation, "table", f"{why} as {entry.kind}")
    for organ in _ORGANS:
        if not base.startswith(organ.prefix):
            continue
        place = base[len(organ.prefix) :]
        kind = organ.unit_kind if suffix else organ.kind
        shape = f"'{organ.prefix}X (years)'" if period else f"'{organ.prefix}X'"
        code = country_code(place, table.countries)
        if code is None:
            rule = f"ACLED names {organ.what} {shape}, but X = {place} is no known country"
            return made(kind, None, None, "standalone", f"{rule}; it stays its own actor")
        rule = f"ACLED names {organ.what} {shape}; X = {place} resolves to ISO {code}"
        if suffix:
            rule += f"; the suffix {suffix!r} names a body within them"
        relation: Relation = "part_of" if suffix else organ.relation
        return made(kind, code, relation, f"rule:{organ.pattern}", rule)
    located = None if period else _IN_COUNTRY.match(base)
    code = located and country_code(located["place"], table.countries)
    if located and code:
        rule = (
            f"ACLED names a non-state group by the country it is in, '{located['label']} (X)';"
            f" X = {located['place']} resolves to ISO {code}; it is based there, not part of"
            " the state"
        )
        return made("group", code, "based_in", "rule:group-in-parentheses", rule)
    acronym = _ACRONYM.match(base)
    if acronym:
        rule = f"ACLED names an organisation 'ACRONYM: Full name' ({acronym['short']}): no state"
        return made("organisation", None, None, "rule:acronym-name", rule)
    rule = f"No ACLED naming pattern or alias table entry matched {text!r}; it stays its own actor"
    guess: ActorKind = "armed_forces" if category == "State forces" else "group"
    return made(guess, None, None, "standalone", rule)


@functools.cache
def _default_aliases() -> ActorAliases:
    return ActorAliases.load()


class Actors:
    """Memoised resolver: the importer asks once per row, so a repeat is one dict lookup."""

    def __init__(self, aliases: ActorAliases | None = None) -> None:
        self.aliases = _default_aliases() if aliases is None else aliases
        self._seen: dict[tuple[str, str | None], ActorResolution] = {}

    def resolve(self, name: str, inter: str | None = None) -> ActorResolution:
        key = (name, inter)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = resolve_actor(name, inter, aliases=self.aliases)
        return found
