"""Which places a draft lists: the ones a careful reader would, i.e. where something the draft
holds happened or what it is about (an attack's or target's place, an event's, a figure's, a
statement's subject), the countries of the states whose forces attack, the region an official
who speaks is in charge of, and the places those lie within. A country or city named only in
passing ("talks with Moscow", "US President") is not a place fact of the report."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from draft.context import GROUPS, Context
from draft.text import Span


def _ids(value: Any) -> Iterable[str]:
    """Every location id a fact refers to, in any field or part."""
    if isinstance(value, str):
        if value.startswith("location:"):
            yield value
    elif isinstance(value, dict):
        for name, v in value.items():
            # a state's territory (`country`) is not by itself a place the report is about
            if name not in ("quotes", "text", "name", "drafted", "id", "country"):
                yield from _ids(v)
    elif isinstance(value, list):
        for v in value:
            yield from _ids(v)


def used(ctx: Context) -> set[str]:
    keep = set(ctx.jurisdictions)
    # where the attack's sentences are (a country there is as often the attacker, "Russia is
    # trying to hurt...", so it needs a fact that refers to it)
    for attack in ctx.facts["attacks"].values():
        for q in attack.get("quotes", []):
            at = ctx.text.find(q)
            if at >= 0:
                spans = ctx.mentions_in(Span(at, at + len(q)), "Location")
                keep.update(m.id for m in spans if m.id not in ctx.countries)
    # the belligerents' countries: the territory of a state whose forces attack in the report
    actors = ctx.facts["actors"]
    for attack in ctx.facts["attacks"].values():
        for by in attack.get("by", []):
            for state in (by, *actors.get(by, {}).get("part_of", [])):
                if actors.get(state, {}).get("country"):
                    keep.add(actors[state]["country"])
    for group in GROUPS:
        if group != "locations":
            for fact in ctx.facts[group].values():
                keep.update(_ids(fact))
    out: set[str] = set()
    for first in keep:  # and what they lie within
        id: str | None = first
        while id and id not in out:
            out.add(id)
            id = ctx.facts["locations"].get(id, {}).get("within")
    return out


def prune(ctx: Context) -> None:
    """Drop the places nothing in the draft is about, drafted or taken from the graph."""
    keep = used(ctx)
    for id in [i for i in ctx.facts["locations"] if i not in keep]:
        del ctx.facts["locations"][id]
    ctx.in_graph -= {i for i in ctx.in_graph if i.startswith("location:") and i not in keep}
