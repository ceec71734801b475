"""The root fields about sources: one source's review for an editor (graph/queries/review.py),
and the sources most recently loaded or imported (graph/queries/loads.py)."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.context import Info
from api.fields import result_size
from api.types.build import build
from api.types.kinds import Source
from api.types.review import SourceReview, source_review
from graph.errors import NotFoundError
from graph.queries import loads, review

RECENT_DEFAULT = 6


@strawberry.type(description="A source's latest load or import, as the change log recorded it.")
class LoadedSource:
    source_id: strawberry.ID
    at: dt.datetime = strawberry.field(description="When the load or import committed (UTC).")
    operation: str = strawberry.field(
        description="What loaded it: load (a facts file or seed), submit_facts (over the "
        "API) or import (a dataset)."
    )
    count: int = strawberry.field(description="How many facts the load wrote or changed.")
    seq: int = strawberry.field(
        description="The change's number in the log (later loads have higher numbers)."
    )

    @strawberry.field(description="The source itself.")
    async def source(self, info: Info) -> Source | None:
        row = await info.context.loader.load(str(self.source_id))
        found = build(row) if row is not None else None
        return found if isinstance(found, Source) else None


@strawberry.type
class ReviewQuery:
    @strawberry.field(
        description="A source in one read: every fact resting on outside knowledge, every "
        "inferred link, every figure without a reporter or a number, and every quote in the "
        "order of the source's text. One Cypher query."
    )
    async def source_review(self, info: Info, source_id: strawberry.ID) -> SourceReview | None:
        try:
            found = await review.source_review(info.context.database, source_id)
        except NotFoundError as error:
            raise NotFoundError(f"sourceId: {error}") from None
        return source_review(found)

    @strawberry.field(
        description="The sources most recently loaded or imported, newest first, from the "
        "change log: each source once, at its latest load (a facts file or seed, a document "
        "submitted over the API, a dataset import); a source unloaded since is left out, and "
        "one not loaded in the log's last 10,000 changes too. `first`: how many (default 6). "
        "One Cypher query."
    )
    async def recently_loaded(
        self, info: Info, first: int | None = RECENT_DEFAULT
    ) -> list[LoadedSource]:
        rows = await loads.recently_loaded(info.context.database, result_size(first))
        return [
            LoadedSource(
                source_id=strawberry.ID(row["id"]),
                at=row["at"],
                operation=row["operation"],
                count=row["count"],
                seq=row["seq"],
            )
            for row in rows
        ]
