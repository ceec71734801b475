"""The shape of a source's review (graph/queries/review.py): what its facts take from outside
it, the links inferred rather than stated, the figures without a reporter, every quote."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

import strawberry

from api.context import Info
from api.types.accounts import Disagreement, disagreement
from graph.queries import additions, review

T = TypeVar("T")

# Each item type shows one row of graph/queries/review.py as it is: a field `x_id` is the row's
# `x` as an ID (null when empty), every other field the row's value of its own name.
ROW_OF: dict[type, type] = {}


def shows(row: type) -> Callable[[T], T]:
    """Marks a GraphQL type as showing a row of graph/queries/review.py (tests check that the
    fields and the row's keys match, one for one)."""

    def mark(cls: T) -> T:
        ROW_OF[cast(type, cls)] = row
        return cls

    return mark


def from_row(cls: type[T], row: Mapping[str, Any]) -> T:
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cast(Any, cls)):
        if field.name.endswith("_id"):
            value = row[field.name[: -len("_id")]]
            values[field.name] = strawberry.ID(value) if value else None
        else:
            values[field.name] = row[field.name]
    return cls(**values)


@shows(review.OutsideRow)
@strawberry.type(
    description="Something a fact of the source rests on that the source itself does not say: "
    "evidence from an outside source, a time marked external, a party's role from outside."
)
class OutsideKnowledge:
    fact_id: strawberry.ID
    kind: str = strawberry.field(description="The fact's kind: 'Location', 'Event', ...")
    what: str = strawberry.field(description="'evidence', 'time' or 'party'.")
    aspect: str = strawberry.field(
        description="What rests on it: 'coordinates', 'time', 'in_force_from', 'party', ..."
    )
    because: str = strawberry.field(description="Why it is outside knowledge, in words.")
    source_id: strawberry.ID | None = strawberry.field(description="The outside source.")
    text: str | None = strawberry.field(
        description="The time as the source words it, or a party's role."
    )
    note: str | None
    quotes: list[str] = strawberry.field(description="The source's own words for it, if any.")
    related_id: strawberry.ID | None = strawberry.field(description="A party's actor.")


@shows(review.InferredRow)
@strawberry.type(
    description="A link the source does not state: a name another source gives resolved to a "
    "node by a rule other than an exact match, or a target inferred from a dataset's notes."
)
class InferredLink:
    fact_id: strawberry.ID
    kind: str
    link: str = strawberry.field(description="'resolution' or 'target'.")
    name: str | None = strawberry.field(description="The name as the source gives it.")
    column: str | None = strawberry.field(description="Where the name is: a column, or 'name'.")
    how: str | None = strawberry.field(description="'iso-name', 'table', 'rule:...', 'inferred'.")
    rule: str | None = strawberry.field(description="Why, in words.")
    event_id: strawberry.ID | None = strawberry.field(description="An inferred target's event.")
    quotes: list[str]


@shows(review.UnreportedFigure)
@strawberry.type(description="A figure the source gives with no one reporting it, or no number.")
class UnreportedFigure:
    fact_id: strawberry.ID
    attack_id: strawberry.ID | None
    metric: str
    weapon: str | None
    value: int | None
    qualifier: str | None
    attribution: str | None
    reasons: list[str] = strawberry.field(description="'unattributed' and/or 'no number'.")
    note: str | None
    quotes: list[str]


@shows(review.PlacedQuote)
@strawberry.type(description="One quote of the source, and the fact it supports.")
class ReviewQuote:
    fact_id: strawberry.ID
    kind: str
    aspect: str = strawberry.field(
        description="What the words support: 'existence', 'time', 'party (accepted)', ..."
    )
    quote: str
    position: int | None = strawberry.field(
        description="Where the words begin in the source's text, white space collapsed; null "
        "when they are not found in it (or the source has no text)."
    )
    related_id: strawberry.ID | None = strawberry.field(
        description="For a relationship's quote (a party's role): the node at its far end."
    )


@shows(review.DraftedRow)
@strawberry.type(
    description="A fact this source gives as drafted by a program (`deedgraph draft`, "
    "draftFacts) that no person has reviewed yet: accepting it is loading it without the mark."
)
class DraftedByRule:
    fact_id: strawberry.ID
    kind: str
    rule: str = strawberry.field(description="The drafting rule that found it.")
    confidence: float = strawberry.field(description="How sure the rule was, 0..1.")
    quotes: list[str]


@strawberry.type(description="A source reviewed in one read, for an editor or a fact-checker.")
class SourceReview:
    source_id: strawberry.ID
    title: str
    kind: str | None
    has_text: bool
    outside: list[OutsideKnowledge]
    inferred: list[InferredLink]
    unreported_figures: list[UnreportedFigure]
    quotes: list[ReviewQuote] = strawberry.field(
        description="In the order the words appear in the source's text; unknown places last."
    )
    truncated: list[str] = strawberry.field(
        description="The lists cut at their limit ('outside', 'inferred', 'figures', 'quotes', "
        "'drafted')."
    )
    drafted: list[DraftedByRule] = strawberry.field(
        description="Its facts still marked as drafted, least sure first."
    )

    @strawberry.field(
        description="Facts other sources defined that this source adds to (its quotes, figures, "
        "targets, its version of their fields). Two Cypher queries, shared with disagreements."
    )
    async def additions(self, info: Info) -> list[Addition]:
        found = await contribution_of(info, str(self.source_id))
        return [
            Addition(
                fact_id=strawberry.ID(a.fact),
                kind=a.kind,
                name=a.name,
                defined_by=strawberry.ID(a.defined_by) if a.defined_by else None,
            )
            for a in found.additions
        ]

    @strawberry.field(description="Where this source's words differ from another source's.")
    async def disagreements(self, info: Info) -> list[Disagreement]:
        found = await contribution_of(info, str(self.source_id))
        return [disagreement(d) for d in found.disagreements]


@strawberry.type(description="A fact another source defined, to which this source adds.")
class Addition:
    fact_id: strawberry.ID
    kind: str
    name: str | None
    defined_by: strawberry.ID | None = strawberry.field(
        description="The source that defined it; null for an import's record."
    )


async def contribution_of(info: Info, source: str) -> additions.Contribution:
    """Asked once per request, whichever of the two fields asks first."""
    key = "contribution:" + source
    cache = info.context.memo
    if key not in cache:
        cache[key] = asyncio.ensure_future(additions.contribution(info.context.database, source))
    found: additions.Contribution = await cache[key]
    return found


def source_review(found: review.Review) -> SourceReview:
    return SourceReview(
        source_id=strawberry.ID(found.source),
        title=found.title,
        kind=found.kind,
        has_text=found.has_text,
        outside=[from_row(OutsideKnowledge, o) for o in found.outside],
        inferred=[from_row(InferredLink, i) for i in found.inferred],
        unreported_figures=[from_row(UnreportedFigure, f) for f in found.unreported_figures],
        quotes=[from_row(ReviewQuote, q) for q in found.quotes],
        truncated=found.truncated,
        drafted=[from_row(DraftedByRule, d) for d in found.drafted],
    )
