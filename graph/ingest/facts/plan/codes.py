"""ISO codes for a file's countries, first-level regions and states, found from their names
with the same rules imports use (graph/ingest/resolve/), so that a report's "Kyiv region" and
ACLED's "Kyivska" are one node. A code the file states is kept; a code found is recorded as a
NAMED_IN relationship to the file's document, saying how it was found."""

from __future__ import annotations

from graph.ingest.facts.plan.planner import Planner
from graph.ingest.resolve.places import Places, default_places

REGION_KINDS = ("region", "city")


def iso_codes(planner: Planner) -> None:
    places = default_places()
    props = {row["id"]: row["props"] for row in planner.plan.nodes.get("Location", [])}
    countries: dict[str, str] = {}
    for spec in planner.facts.locations:
        if spec.kind != "country" or spec.id not in props:
            continue
        code = spec.iso3166_1
        if code is None:
            match = next(
                filter(None, map(places.resolve_country, [spec.name or "", *spec.aliases])), None
            )
            if match is None:
                continue
            code = match.alpha2
            record(
                planner, spec.id, spec.name or "", match.how, f"ISO 3166-1 {code} ({match.name})"
            )
        props[spec.id]["iso3166_1"] = code
        countries[spec.id] = code
    for spec in planner.facts.locations:
        country = countries.get(spec.within or "")
        if spec.kind in REGION_KINDS and spec.iso3166_2 is None and country and spec.id in props:
            region(
                planner, places, props[spec.id], spec.id, country, [spec.name or "", *spec.aliases]
            )
    actors = {row["id"]: row["props"] for row in planner.plan.nodes.get("Actor", [])}
    for actor in planner.facts.actors:
        if actor.kind != "state" or actor.id not in actors:
            continue
        code = countries.get(actor.country or "")
        if code is None:
            found = places.resolve_country(actor.name or "")
            if found is None:
                continue
            code = found.alpha2
            record(
                planner, actor.id, actor.name or "", found.how, f"ISO 3166-1 {code} ({found.name})"
            )
        actors[actor.id]["iso3166_1"] = code


def region(
    planner: Planner,
    places: Places,
    props: dict[str, object],
    id: str,
    country: str,
    names: list[str],
) -> None:
    """The first of the names that means one region and no other."""
    for name in names:
        match = places.resolve_region(country, name)
        if match is not None and not match.ambiguous_with:
            props["iso3166_2"] = match.code
            record(planner, id, name, match.how, f"ISO 3166-2 {match.code} ({match.name})")
            return


def record(planner: Planner, id: str, name: str, how: str, rule: str) -> None:
    document = planner.facts.document
    planner.plan.link("NAMED_IN", id, document, name=name, column="name", how=how, rule=rule)
