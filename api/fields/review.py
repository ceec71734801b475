"""The root field reviewing one source for an editor (graph/queries/review.py)."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.types.review import SourceReview, source_review
from graph.errors import NotFoundError
from graph.queries import review


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
