"""The root field listing where sources differ (graph/queries/disagreements.py)."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.fields import result_size
from api.types.accounts import Disagreement, disagreement
from api.types.connections import Connection, Edge, connection, decode_cursor, encode_cursor
from graph.errors import BadInputError, NotFoundError
from graph.queries import disagreements


@strawberry.type
class DisagreementQuery:
    @strawberry.field(
        description="Where sources differ: figures of one count with different values (145 "
        "against 150 drones) or reporters, times whose bounds do not overlap, places that do "
        "not nest, different attributions. About one fact (with the records confirmed as the "
        "same incident), or every fact more than one source tells. Two Cypher queries."
    )
    async def disagreements(
        self,
        info: Info,
        about: strawberry.ID | None = None,
        kinds: list[str] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Disagreement]:
        size = result_size(first)
        for kind in kinds or []:
            if kind not in disagreements.KINDS:
                raise BadInputError(
                    f"kinds: {kind!r} is not one of {', '.join(disagreements.KINDS)}"
                )
        found = await disagreements.disagreements(
            info.context.database, str(about) if about is not None else None, kinds
        )
        if found is None:
            raise NotFoundError(f"about: no fact with id {str(about)!r}")
        position = decode_cursor("after", after, "disagreements")
        start = int(position.id) + 1 if position is not None and position.id.isdigit() else 0
        page = found[start : start + size]
        edges = [
            Edge(cursor=encode_cursor("disagreements", None, str(start + i)), node=disagreement(d))
            for i, d in enumerate(page)
        ]
        return connection(
            edges, has_next=start + size < len(found), has_previous=start > 0, total=len(found)
        )
