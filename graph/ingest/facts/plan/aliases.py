"""Names that could mean more than one thing, reported to the editor (loading goes on): a name
or alias two entities of the file share, and a place's alias that ISO 3166 gives to another
region too ("Kyiv": Kyiv city, UA-30, beside Kyiv region, UA-32)."""

from __future__ import annotations

from graph.ingest.facts.plan.planner import Planner
from graph.ingest.resolve.places import default_places


def ambiguous_aliases(planner: Planner) -> None:
    names = [(a.id, [n for n in (a.name, *a.aliases) if n]) for a in planner.facts.actors]
    names += [(p.id, [n for n in (p.name, *p.aliases) if n]) for p in planner.facts.locations]
    named: dict[str, set[str]] = {}
    spelled: dict[str, str] = {}
    for id, texts in names:
        for name in texts:
            key = " ".join(name.casefold().split())
            named.setdefault(key, set()).add(id)
            spelled.setdefault(key, name)
    for key, ids in sorted(named.items()):
        if len(ids) > 1:
            planner.warn(f"{spelled[key]!r} names {' and '.join(sorted(ids))}")
    places = default_places()
    codes = {
        row["id"]: (row["props"].get("iso3166_1"), row["props"].get("iso3166_2"))
        for row in planner.plan.nodes.get("Location", [])
    }
    for spec in planner.facts.locations:
        country = codes.get(spec.within or "", (None, None))[0]
        own = codes.get(spec.id, (None, None))[1]
        if not isinstance(country, str) or not isinstance(own, str):
            continue
        for alias in spec.aliases:
            match = places.resolve_region(country, alias)
            if match is None:
                continue
            others = sorted({match.code, *match.ambiguous_with} - {own})
            if others:
                planner.warn(
                    f"{alias!r}, an alias of {spec.id} ({own}), is also the name of "
                    + ", ".join(others)
                )
