"""Relay-style connections, paged in Cypher with opaque keyset cursors (graph/queries/keyset.py):
a cursor names its row by sort key and id, so pages stay put while others write."""

from __future__ import annotations

import base64
import binascii
from typing import Generic, TypeVar

import orjson
import strawberry

from graph.errors import BadInputError
from graph.queries.keyset import Order, Position

T = TypeVar("T")


def encode_cursor(order: Order, key: str | None, id: str) -> str:
    return base64.urlsafe_b64encode(orjson.dumps({"o": order, "k": key, "i": id})).decode()


def decode_cursor(argument: str, cursor: str | None, order: Order) -> Position | None:
    """The row a cursor names; refused when this API did not give it out, or gave it out
    for another order."""
    if cursor is None:
        return None
    try:
        fields = orjson.loads(base64.urlsafe_b64decode(cursor.encode()))
        key, id, given = fields["k"], fields["i"], fields["o"]
    except (ValueError, binascii.Error, TypeError, KeyError, orjson.JSONDecodeError):
        raise BadInputError(f"{argument}: {cursor!r} is not a cursor this API gave out") from None
    if not isinstance(id, str) or not (key is None or isinstance(key, str)):
        raise BadInputError(f"{argument}: {cursor!r} is not a cursor this API gave out")
    if given != order:
        raise BadInputError(f"{argument}: the cursor is for order {given}, not {order}")
    return Position(key, id)


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T
    # On the edge, not the node: a distance belongs to this list's question (the node is the
    # same entity everywhere else in the answer, and in the per-request cache).
    distance_km: float | None = strawberry.field(
        default=None,
        description="Kilometres from the centre of a near or nearPlace filter to the "
        "node's nearest place within it; null without such a filter.",
    )


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int | None = strawberry.field(
        description="How many match in all (counted only when asked for)."
    )

    @strawberry.field(description="The nodes of the edges, for clients that need no cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


def connection(
    edges: list[Edge[T]], *, has_next: bool, has_previous: bool, total: int | None
) -> Connection[T]:
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=total,
    )
