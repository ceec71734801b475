"""Relay-style connections, paged in Cypher with opaque offset cursors."""

from __future__ import annotations

import base64
from typing import Generic, TypeVar

import strawberry

from graph.errors import BadInputError

T = TypeVar("T")


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


MAX_OFFSET = 2**53


def decode_cursor(cursor: str | None) -> int:
    if cursor is None:
        return 0
    try:
        kind, _, number = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        offset = int(number)
    except (ValueError, UnicodeDecodeError):
        raise BadInputError(f"after: {cursor!r} is not a cursor this API gave out") from None
    # No cursor this API gives out is past MAX_OFFSET; a larger number cannot even be sent
    # to Neo4j as SKIP (the driver packs 64-bit integers).
    if kind != "offset" or not 0 <= offset < MAX_OFFSET:
        raise BadInputError(f"after: {cursor!r} is not a cursor this API gave out")
    return offset + 1


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


def connection(nodes: list[T], offset: int, has_next: bool, total: int | None) -> Connection[T]:
    edges = [Edge(cursor=encode_cursor(offset + i), node=node) for i, node in enumerate(nodes)]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=offset > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=total,
    )
