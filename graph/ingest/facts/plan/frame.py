"""Planning a file's frame: its sources (with their text), actors and places."""

from __future__ import annotations

import hashlib
from typing import Any

from neo4j.spatial import WGS84Point

from graph.domain.quotes import normalise
from graph.ingest.facts.parse import Location
from graph.ingest.facts.plan.planner import Planner


def sources(planner: Planner) -> None:
    if planner.facts.document not in {s.id for s in planner.facts.sources}:
        planner.fail(("document",), f"{planner.facts.document!r} is not one of the sources")
    for index, source in enumerate(planner.facts.sources):
        props: dict[str, Any] = {
            "kind": source.kind,
            "name": source.title,
            "title": source.title,
            "publisher": source.publisher,
            "url": source.url,
            "published": source.published,
            "retrieved": source.retrieved,
            "note": source.note,
        }
        if source.kind == "external":
            planner.external.add(source.id)
        raw = source_bytes(planner, index, source.text_file, source.text)
        if raw is not None:
            text = raw.decode("utf-8", errors="replace")
            planner.texts[source.id] = normalise(text)
            props["text"] = text
            props["contentHash"] = "sha256:" + hashlib.sha256(raw).hexdigest()
        planner.plan.node("Source", source.id, **props)


def source_bytes(
    planner: Planner, index: int, text_file: str | None, text: str | None
) -> bytes | None:
    if text is not None:
        return text.encode("utf-8")
    if text_file is None:
        return None
    if not planner.parsed.files_allowed:
        planner.fail(("sources", index, "text_file"), "not accepted here: give the text itself")
        return b""
    path = planner.parsed.path.parent / text_file
    try:
        return path.read_bytes()
    except OSError:
        planner.fail(("sources", index, "text_file"), f"cannot read {path}")
        return b""


def actors(planner: Planner) -> None:
    for index, actor in enumerate(planner.facts.actors):
        at: Location = ("actors", index)
        if planner.adding(at, actor, "Actor"):
            planner.evidence(at, actor, actor.id, "existence")
            planner.refer_all((*at, "part_of"), "PART_OF", actor.id, actor.part_of, "Actor")
            planner.refer_all(
                (*at, "speaks_for"), "SPEAKS_FOR", actor.id, actor.speaks_for, "Actor"
            )
            continue
        planner.plan.node(
            "Actor",
            actor.id,
            name=actor.name,
            kind=actor.kind,
            aliases=actor.aliases,
            aliasesText=" | ".join(actor.aliases) or None,
            wikidataId=actor.wikidata,
        )
        planner.evidence(at, actor, actor.id, "existence")
        planner.refer((*at, "country"), "BASED_IN", actor.id, actor.country, "Location")
        planner.refer_all((*at, "part_of"), "PART_OF", actor.id, actor.part_of, "Actor")
        planner.refer_all((*at, "speaks_for"), "SPEAKS_FOR", actor.id, actor.speaks_for, "Actor")


def locations(planner: Planner) -> None:
    for index, place in enumerate(planner.facts.locations):
        at: Location = ("locations", index)
        if planner.adding(at, place, "Location"):
            planner.evidence(at, place, place.id, "existence")
            continue
        point = None
        if place.latitude is not None and place.longitude is not None:
            point = WGS84Point((place.longitude, place.latitude))
        planner.plan.node(
            "Location",
            place.id,
            name=place.name,
            kind=place.kind,
            aliases=place.aliases,
            aliasesText=" | ".join(place.aliases) or None,
            iso3166_1=place.iso3166_1,
            iso3166_2=place.iso3166_2,
            wikidataId=place.wikidata,
            point=point,
            coordinatesSource=place.coordinates_source,
        )
        planner.evidence(at, place, place.id, "existence")
        if point is not None and place.coordinates_source:
            planner.expect((*at, "coordinates_source"), place.coordinates_source, "Source")
            planner.plan.link(
                "SUPPORTED_BY",
                place.id,
                place.coordinates_source,
                quotes=[],
                aspect="coordinates",
                external=place.coordinates_source in planner.external,
                note="coordinates",
            )
        planner.refer((*at, "within"), "WITHIN", place.id, place.within, "Location")
