"""`draftFacts`: a facts file drafted from a report's text (api/drafting.py calls draft/),
with every fact's quotes placed in the text for a reviewer. Nothing is written; loading the
reviewed draft is `submitFacts`."""

from __future__ import annotations

from typing import Any

import strawberry
import yaml

from api.context import Info
from api.drafting import checked, draft, positions
from api.types.provenance import Drafted

SINGULAR = {"actors": "actor", "locations": "location", "events": "event",
            "statements": "statement", "agreements": "agreement", "attacks": "attack"}  # fmt: skip
LEAST_SURE = 5


@strawberry.type(description="A quote of a drafted fact and where it lies in the text.")
class DraftQuote:
    text: str
    start: int | None = strawberry.field(
        description="Its first character's offset in the report's text (Unicode code points); "
        "null if not found verbatim."
    )
    end: int | None = strawberry.field(description="The offset just after its last character.")


@strawberry.type(
    description="One drafted fact: a node of the draft, or a figure or target of a drafted "
    "attack (then `parent` is the attack and `index` its place)."
)
class DraftedFact:
    kind: str = strawberry.field(
        description="actor, location, event, statement, agreement, attack, figure or target."
    )
    id: strawberry.ID
    parent: strawberry.ID | None
    index: int | None
    name: str | None
    text: str | None = strawberry.field(description="A statement's words.")
    value: int | None = strawberry.field(description="A figure's number.")
    metric: str | None
    in_graph: bool = strawberry.field(description="The id is one the graph already holds.")
    quotes: list[DraftQuote]
    drafted: Drafted | None = strawberry.field(description="Null for a fact nothing drafted.")


@strawberry.type(description="A facts file drafted from a report, for a person to review.")
class FactsDraft:
    source_id: strawberry.ID = strawberry.field(description="The report's source id.")
    yaml: str = strawberry.field(
        description="The facts file, commented: review, then `deedgraph load` or submitFacts."
    )
    document: strawberry.scalars.JSON = strawberry.field(
        description="The same facts file as JSON (submitFacts takes it as text)."
    )
    facts: list[DraftedFact]
    least_sure: list[DraftedFact] = strawberry.field(
        description=f"The {LEAST_SURE} drafted facts it is least sure of, least sure first."
    )
    summary: str = strawberry.field(description="Facts by kind, and the least sure ones.")
    pipeline: str = strawberry.field(description="The language pipeline that read the text.")
    notes: list[str] = strawberry.field(
        description="What the drafter decided about the report's frame, and what it lacked."
    )


def mark(item: Any) -> Drafted | None:
    found = getattr(item, "drafted", None)
    return None if found is None else Drafted(rule=found.rule, confidence=found.confidence)


def quotes(text: str, item: Any) -> list[DraftQuote]:
    out = []
    for quote in getattr(item, "quotes", ()):
        where = positions(text, quote)
        out.append(DraftQuote(text=quote, start=where and where[0], end=where and where[1]))
    return out


def facts_of(result: Any, text: str, held: set[str]) -> list[DraftedFact]:
    found: list[DraftedFact] = []
    for group, kind in SINGULAR.items():
        for fact in getattr(result.facts, group):
            found.append(DraftedFact(
                kind=kind, id=strawberry.ID(fact.id), parent=None, index=None,
                name=getattr(fact, "name", None), text=getattr(fact, "text", None), value=None,
                metric=None, in_graph=fact.id in held, quotes=quotes(text, fact),
                drafted=mark(fact),
            ))  # fmt: skip
            for part_kind in ("figures", "targets"):
                for index, part in enumerate(getattr(fact, part_kind, ())):
                    found.append(DraftedFact(
                        kind=part_kind[:-1], id=strawberry.ID(f"{fact.id}/{part_kind}/{index}"),
                        parent=strawberry.ID(fact.id), index=index,
                        name=getattr(part, "name", None) or getattr(part, "category", None),
                        text=None, value=getattr(part, "value", None),
                        metric=getattr(part, "metric", None), in_graph=False,
                        quotes=quotes(text, part), drafted=mark(part),
                    ))  # fmt: skip
    return found


@strawberry.type
class DraftQuery:
    @strawberry.field(
        description="Draft a facts file from a news report's text: actors, places, events, "
        "statements, agreements and attacks with their figures, each with the report's exact "
        "words and marked `drafted`, names resolved to the ids the graph holds. Writes "
        "nothing. The text is at most DEEDGRAPH_MAX_DRAFT_CHARS characters."
    )
    async def draft_facts(
        self,
        info: Info,
        text: str,
        published: str | None = None,
        timezone: str | None = None,
        title: str | None = None,
        url: str | None = None,
        publisher: str | None = None,
    ) -> FactsDraft:
        request = checked(
            text, published or None, timezone or None, title or None, url or None,
            publisher or None, info.context.settings.max_draft_chars,
        )  # fmt: skip
        result, held = await draft(info.context.database, request)
        facts = facts_of(result, text, held | result.in_graph)
        marked = sorted(
            (f for f in facts if f.drafted is not None),
            key=lambda f: f.drafted.confidence if f.drafted else 1.0,
        )
        notes = list(result.notes)
        if result.fallback:
            notes.append(result.fallback)
        text_of = result.yaml()
        return FactsDraft(
            source_id=strawberry.ID(result.facts.document),
            yaml=text_of,
            document=yaml.safe_load(text_of),
            facts=facts,
            least_sure=marked[:LEAST_SURE],
            summary=result.summary(LEAST_SURE),
            pipeline=result.pipeline,
            notes=notes,
        )
