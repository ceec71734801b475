"""Many sources, one story: every source's version of a fact, who stands behind it, the time
they allow together, the records confirmed as the same incident, and where sources differ
(graph/queries/disagreements.py), batched per request through the accounts loader."""

from __future__ import annotations

import datetime as dt
import json

import strawberry

from api.types.provenance import SourceRef, source_ref
from graph.queries import disagreements as told
from graph.queries.accounts import AccountRow, SourceEvidence
from graph.queries.entities import SourceRow


def _source(evidence: SourceEvidence) -> SourceRef:
    row = {
        "id": evidence["source"],
        "kind": evidence["kind"],
        "title": evidence["title"],
        "publisher": evidence["publisher"],
    }
    return source_ref(SourceRow(**row))  # type: ignore[typeddict-item]


@strawberry.type(description="A time's bounds (UTC), as one source gives them or as combined.")
class Span:
    text: str | None
    start_earliest: dt.datetime
    start_latest: dt.datetime
    end_earliest: dt.datetime
    end_latest: dt.datetime


def _span(span: told.Span | None) -> Span | None:
    if span is None:
        return None
    return Span(
        text=span.text,
        start_earliest=span.start_earliest,
        start_latest=span.start_latest,
        end_earliest=span.end_earliest,
        end_latest=span.end_latest,
    )


@strawberry.type(description="What one source said of a fact: its fields, time and attribution.")
class SourceVersion:
    record_id: strawberry.ID = strawberry.field(
        description="The fact, or a record confirmed as the same incident, it is about."
    )
    source: SourceRef
    quotes: list[str]
    name: str | None
    kind: str | None
    category: str | None
    value: str | None = strawberry.field(description="For a figure: its number, as said.")
    fields: strawberry.scalars.JSON = strawberry.field(
        description="Every field this source gave the fact, as it gave it."
    )
    time: Span | None
    by_ids: list[strawberry.ID] = strawberry.field(description="Who it says carried it out.")
    place_ids: list[strawberry.ID] = strawberry.field(description="Where it says it happened.")


def source_versions(row: AccountRow) -> list[SourceVersion]:
    return [
        SourceVersion(
            record_id=strawberry.ID(v.record),
            source=_source(v.source),
            quotes=list(v.source["quotes"]),
            name=v.fields.get("name"),
            kind=v.fields.get("kind"),
            category=v.fields.get("category"),
            value=str(v.fields["value"]) if v.fields.get("value") is not None else None,
            fields=json.loads(json.dumps(v.fields, default=str)),
            time=_span(v.time),
            by_ids=[strawberry.ID(i) for i in v.by],
            place_ids=[strawberry.ID(i) for i in v.places],
        )
        for v in told.versions(row)
    ]


@strawberry.type(
    description="Who stands behind a fact: its sources (documents and datasets), and the "
    "independent ones among them. A report quoting an official does not make what the official "
    "said independently corroborated: two outlets quoting one official are one originator."
)
class Corroboration:
    sources: int
    independent_sources: int
    source_ids: list[strawberry.ID]
    originators: list[str] = strawberry.field(
        description="Who each independent account comes from: a speaker, a publisher, a source."
    )


def corroboration(row: AccountRow) -> Corroboration:
    found = told.corroboration(row)
    return Corroboration(
        sources=len(found.sources),
        independent_sources=len(found.independent),
        source_ids=[strawberry.ID(s) for s in found.sources],
        originators=list(found.independent),
    )


@strawberry.type(
    description="The time every source allows together: the intersection of their bounds "
    "(narrower than any one), or `conflicting` when they cannot all hold."
)
class CombinedTime:
    bounds: Span | None
    conflicting: bool
    sources: int = strawberry.field(description="How many versions give a time.")


def combined_time(row: AccountRow) -> CombinedTime:
    found = told.combined(told.versions(row))
    return CombinedTime(
        bounds=_span(found.span), conflicting=found.conflicting, sources=found.sources
    )


@strawberry.type(description="One source's value in a disagreement, with its words.")
class Claim:
    value: str
    source: SourceRef
    reporter_id: strawberry.ID | None = strawberry.field(description="Who reported it, if said.")
    quotes: list[str]
    record_id: strawberry.ID


@strawberry.type(description="Where sources differ about one fact or confirmed incident.")
class Disagreement:
    kind: str = strawberry.field(
        description="'figure' (values of one count), 'reporter' (who reported it), 'time' "
        "(bounds that do not overlap), 'place' (places that do not nest), 'attribution' "
        "(who carried it out)."
    )
    fact_id: strawberry.ID
    about: str
    claims: list[Claim]


def disagreement(found: told.Disagreement) -> Disagreement:
    return Disagreement(
        kind=found.kind,
        fact_id=strawberry.ID(found.fact),
        about=found.about,
        claims=[
            Claim(
                value=c.value,
                source=_source(c.source),
                reporter_id=strawberry.ID(c.reporter) if c.reporter else None,
                quotes=list(c.quotes),
                record_id=strawberry.ID(c.record),
            )
            for c in found.claims
        ],
    )


@strawberry.type(description="A record confirmed as the same incident (SAME_AS), and why.")
class Confirmation:
    record_id: strawberry.ID
    confirmed_in: strawberry.ID | None = strawberry.field(description="The document that says so.")
    quotes: list[str]
    note: str | None


def confirmations(row: AccountRow) -> list[Confirmation]:
    """Each confirmation in the incident once (SAME_AS reads both ways), naming the record at
    the other end from this fact where it touches it."""
    seen: dict[tuple[frozenset[str], str | None], Confirmation] = {}
    for member in row["members"]:
        for c in member["confirmed"]:
            key = (frozenset((member["id"], c["id"])), c["source"])
            other = c["id"] if c["id"] != row["id"] else member["id"]
            seen.setdefault(
                key,
                Confirmation(
                    record_id=strawberry.ID(other),
                    confirmed_in=strawberry.ID(c["source"]) if c["source"] else None,
                    quotes=c["quotes"],
                    note=c["note"],
                ),
            )
    return list(seen.values())
