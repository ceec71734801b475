"""Types shared by every kind of entity: provenance and time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import cast

import strawberry

from graph.queries.entities import EntityRow, EvidenceRow, SourceRow


@strawberry.type(description="A source document or an outside source.")
class SourceRef:
    id: strawberry.ID
    kind: str = strawberry.field(description="'document', or 'external': not from the document.")
    title: str
    publisher: str | None
    url: str | None
    published: dt.date | None
    retrieved: dt.date | None
    content_hash: str | None
    note: str | None


@strawberry.type(description="Why we believe a fact: a source and the exact words in it.")
class Evidence:
    source: SourceRef
    quotes: list[str]
    aspect: str = strawberry.field(
        description="What the evidence supports: 'existence', 'time', 'coordinates', ..."
    )
    external: bool = strawberry.field(description="True when it comes from outside the document.")
    note: str | None


@strawberry.type(
    description="How a name another source gives was tied to this node: which name, in which "
    "field of which source, by what rule. What lets a user see why two names became one, and "
    "challenge it."
)
class Resolution:
    name: str = strawberry.field(description="The name as the source gives it.")
    field: str = strawberry.field(description="Where: a dataset's column, or 'name'.")
    how: str = strawberry.field(
        description="'exact', 'iso-code', 'iso-name', 'table' (an editable alias table in "
        "seeds/resolution/), 'rule:<name>', 'absorbed', or 'standalone' (matched nothing)."
    )
    rule: str = strawberry.field(description="Why, in words.")
    source: SourceRef


@strawberry.type(description="A retraction: the fact is kept, marked, with who, when and why.")
class Retraction:
    at: dt.datetime
    by: str
    reason: str


def retractions(row: EntityRow) -> list[Retraction]:
    return [
        Retraction(at=r["at"], by=r["by"], reason=r["reason"]) for r in row.get("retractions") or []
    ]


@strawberry.type(
    description="A fact a program drafted from a report's text (`deedgraph draft`, draftFacts): "
    "the rule that found it and how sure it was. A reviewer accepts it by loading it unmarked."
)
class Drafted:
    rule: str
    confidence: float = strawberry.field(description="0..1.")


def drafted(row: EntityRow) -> Drafted | None:
    """The drafting mark of a fact no person has reviewed: every source that gives it (its
    existence evidence) gives it as drafted. Null once one source gives it unmarked."""
    marks = [
        e for e in row.get("evidence") or () if (e.get("aspect") or "existence") == "existence"
    ]
    if not marks or any(not e.get("draftedRule") for e in marks):
        return None
    least = min(marks, key=lambda e: e.get("draftedConfidence") or 0.0)
    return Drafted(
        rule=str(least.get("draftedRule")), confidence=float(least.get("draftedConfidence") or 0)
    )


@strawberry.type(description="When, as the source words it, with the bounds it implies (UTC).")
class TimeBounds:
    text: str
    start_earliest: dt.datetime
    start_latest: dt.datetime
    end_earliest: dt.datetime
    end_latest: dt.datetime
    precision: str
    anchor_id: strawberry.ID | None = strawberry.field(description="The fact it is relative to.")
    offset: str | None = strawberry.field(description="ISO 8601 duration after the anchor.")
    zone: str | None = strawberry.field(
        description="The time zone(s) the words were read in; the bounds are their UTC span."
    )
    external: bool = strawberry.field(
        description="True when any part of the time comes from outside the document, itself "
        "or through the times it is relative to, however many."
    )
    external_because: str | None = strawberry.field(
        description="Which part comes from outside and from where, when external."
    )


def source_ref(row: SourceRow) -> SourceRef:
    return SourceRef(
        id=strawberry.ID(row["id"]),
        kind=row.get("kind") or "document",
        title=row.get("title") or row["id"],
        publisher=row.get("publisher"),
        url=row.get("url"),
        published=row.get("published"),
        retrieved=row.get("retrieved"),
        content_hash=row.get("contentHash"),
        note=row.get("note"),
    )


def evidence(row: EntityRow) -> list[Evidence]:
    return [
        Evidence(
            source=source_ref(item["source"]),
            quotes=item.get("quotes") or [],
            aspect=item.get("aspect") or "existence",
            external=bool(item.get("external")),
            note=item.get("note"),
        )
        for item in sorted(row.get("evidence") or [], key=evidence_order)
    ]


def evidence_order(item: EvidenceRow) -> tuple[bool, str, str]:
    """Evidence for the fact itself first, then time, coordinates, ...: a stable order."""
    aspect = item.get("aspect") or "existence"
    return (aspect != "existence", aspect, item["source"]["id"])


def time_bounds(row: EntityRow, prefix: str = "") -> TimeBounds | None:
    """The time written with this prefix ("", "inForce", "expires") on a node, if any."""
    properties = cast(Mapping[str, object], row)

    def get(name: str) -> object:
        return properties.get(prefix + name[0].upper() + name[1:] if prefix else name)

    def instant(name: str) -> dt.datetime:
        value = get(name)
        if not isinstance(value, dt.datetime):  # written together by every writer
            raise TypeError(f"{row['id']}: {prefix or 'time'} has no {name}")
        return value

    if get("startEarliest") is None:
        return None
    anchor, offset = get("timeAnchor"), get("timeOffset")
    return TimeBounds(
        text=str(get("timeText") or ""),
        start_earliest=instant("startEarliest"),
        start_latest=instant("startLatest"),
        end_earliest=instant("endEarliest"),
        end_latest=instant("endLatest"),
        precision=str(get("timePrecision") or "day"),
        anchor_id=strawberry.ID(str(anchor)) if anchor else None,
        offset=str(offset) if offset is not None else None,
        zone=str(zone) if (zone := get("timeZone")) else None,
        external=bool(get("timeExternal")),
        external_because=str(because) if (because := get("timeExternalBecause")) else None,
    )
