"""Root fields to explore around entities: full-text search, timelines, neighbourhoods, paths
and dashboard statistics (graph/queries/explore.py)."""

from __future__ import annotations

import asyncio
import datetime as dt

import strawberry

from api.context import Info
from api.fields import FIRST, MIN_CONFIDENCE, REVIEWED_ONLY
from api.fields.analysis import opened
from api.fields.listing import sized
from api.fields.questions import timeline_question
from api.selection import asks_for, field_detail
from api.types.build import build
from api.types.entity import Entity
from api.types.explore import (
    Graph,
    RegionDay,
    SearchHit,
    Stats,
    TimelineItem,
    WeaponTotals,
    graph_of,
)
from api.types.reach import require
from graph.errors import BadInputError
from graph.queries import explore


def search_size(max_page_size: int, text: str, first: int | None) -> int:
    """How many hits a search may answer, its arguments checked (the compiled path's too)."""
    if len(text) > 500:
        raise BadInputError("text: at most 500 characters")
    return sized(max_page_size, first)


def neighborhood_check(max_page_size: int, depth: int, limit: int) -> None:
    """A neighbourhood's arguments checked (the compiled path's too)."""
    if not 1 <= depth <= 3:
        raise BadInputError("depth: must be 1, 2 or 3")
    if not 1 <= limit <= max_page_size:
        raise BadInputError(f"limit: must be between 1 and {max_page_size}")


@strawberry.type
class SearchQuery:
    @strawberry.field(description="Full-text search over names, aliases and statement text.")
    async def search(self, info: Info, text: str, first: int | None = None) -> list[SearchHit]:
        size = search_size(info.context.settings.max_page_size, text, first)
        needed = field_detail(info, "entity")
        hits = await explore.search(info.context.database, text, size, needed)
        if needed == "full":
            info.context.remember([hit["node"] for hit in hits])
        return [SearchHit(score=hit["score"], entity=build(hit["node"])) for hit in hits]


@strawberry.type
class ExploreQuery:
    @strawberry.field(description="Everything touching an entity, in time order.")
    async def timeline(
        self,
        info: Info,
        entity_id: strawberry.ID,
        start: dt.datetime | None = None,
        end: dt.datetime | None = None,
        first: FIRST = None,
        min_confidence: MIN_CONFIDENCE = 0.0,
        reviewed_only: REVIEWED_ONLY = False,
    ) -> list[TimelineItem]:
        question = timeline_question(
            info.context.database,
            entity_id=entity_id,
            start=start,
            end=end,
            min_confidence=min_confidence,
            reviewed_only=reviewed_only,
        )
        answer = await opened(
            info,
            first,
            question.subject,
            question.fetch,
            lambda rows: [r["id"] for r in rows],
            Entity,
            ("entity",),
        )
        rows, entities = answer.rows, answer.entities
        return [
            TimelineItem(
                entity=entities[r["id"]], relations=r["relations"], machine_coded=r["machineCoded"]
            )
            for r in rows
            if r["id"] in entities
        ]

    @strawberry.field(description="Nodes and edges around an entity, ready to draw.")
    async def neighborhood(
        self, info: Info, id: strawberry.ID, depth: int = 1, limit: int = 100
    ) -> Graph | None:
        neighborhood_check(info.context.settings.max_page_size, depth, limit)
        edges = asks_for(info, "edges")
        row = await explore.neighborhood(info.context.database, id, depth, limit, edges=edges)
        if row is None:  # only now is it worth a query to say whether the id names anything
            await require(info, "id", id, Entity)
            return None
        return graph_of(row["nodes"], row["edges"])

    @strawberry.field(description="The shortest connection between two entities.")
    async def path(
        self, info: Info, from_id: strawberry.ID, to_id: strawberry.ID, max_hops: int = 4
    ) -> Graph | None:
        if not 1 <= max_hops <= 6:
            raise BadInputError("maxHops: must be between 1 and 6")
        row = await explore.path(info.context.database, from_id, to_id, max_hops)
        if row is None:
            await asyncio.gather(
                require(info, "fromId", from_id, Entity), require(info, "toId", to_id, Entity)
            )
            return None
        return graph_of(row["nodes"], row["edges"])

    @strawberry.field(description="What a dashboard plots.")
    async def stats(
        self, info: Info, start: dt.datetime | None = None, end: dt.datetime | None = None
    ) -> Stats:
        found = await explore.stats(info.context.database, start, end)
        return Stats(
            attacks_per_region_per_day=[
                RegionDay(
                    region_id=strawberry.ID(r["region"]),
                    region=r["name"],
                    day=r["day"],
                    attacks=r["attacks"],
                )
                for r in found["attacksPerRegionPerDay"]
            ],
            weapons=[
                WeaponTotals(
                    weapon=r["weapon"],
                    launched=r["launched"],
                    intercepted=r["intercepted"],
                    lost_as_decoys=r["lostAsDecoys"],
                )
                for r in found["weapons"]
            ],
        )
