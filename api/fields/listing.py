"""Root fields that list one kind of entity: filtered, sorted, and paged in Cypher
(graph/queries/listing.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

import strawberry

from api.context import Info
from api.selection import asks_for, connection_detail
from api.types.build import build
from api.types.connections import Connection, Edge, connection, decode_cursor, encode_cursor
from api.types.deeds import Attack
from api.types.entity import Entity
from api.types.kinds import Actor, Agreement, Event, Location, Statement
from graph.errors import BadInputError
from graph.queries import listing

E = TypeVar("E", bound=Entity)


@strawberry.enum(description="How an entity's uncertain time must relate to a time range.")
class TimeMode(Enum):
    DEFINITELY = "definitely"
    POSSIBLY = "possibly"


@strawberry.enum
class Order(Enum):
    TIME_ASC = "time_asc"
    TIME_DESC = "time_desc"
    NAME = "name"


@strawberry.input(description="Filters; each one given narrows the list.")
class Filter:
    start: dt.datetime | None = strawberry.field(default=None, description="From (inclusive).")
    end: dt.datetime | None = strawberry.field(default=None, description="Until (inclusive).")
    time_mode: TimeMode = strawberry.field(
        default=TimeMode.POSSIBLY,
        description="DEFINITELY: wholly inside start..end; POSSIBLY: may overlap it.",
    )
    actor: strawberry.ID | None = strawberry.field(
        default=None, description="By or involving this actor, its units and spokespeople."
    )
    location: strawberry.ID | None = strawberry.field(
        default=None, description="At this place or anywhere inside it."
    )
    kind: str | None = None
    category: str | None = strawberry.field(default=None, description="Attack category.")
    target_category: str | None = strawberry.field(
        default=None, description="Attacks that hit this target category or a narrower one."
    )
    status: str | None = strawberry.field(default=None, description="Agreement status.")
    about: strawberry.ID | None = strawberry.field(default=None, description="Statements about.")
    text: str | None = strawberry.field(default=None, description="Words in names or text.")
    include_retracted: bool = strawberry.field(
        default=False, description="Also list retracted facts (they carry their retraction)."
    )


def page_size(info: Info, first: int | None, argument: str = "first") -> int:
    limit = info.context.settings.max_page_size
    size = 50 if first is None else first
    if size < 0 or size > limit:
        raise BadInputError(f"{argument}: must be between 0 and {limit}, got {size}")
    return size


async def entity_connection(
    info: Info,
    label: listing.Label,
    cls: type[E],
    filter: Filter | None,
    pages: Pages,
    order: Order,
) -> Connection[E]:
    filter = filter or Filter()
    if filter.start and filter.end and filter.end < filter.start:
        raise BadInputError("filter.end: is before filter.start")
    spec = listing.ListFilter(
        start=filter.start,
        end=filter.end,
        time_mode=filter.time_mode.value,
        actor=filter.actor,
        location=filter.location,
        kind=filter.kind,
        category=filter.category,
        target_category=filter.target_category,
        status=filter.status,
        about=filter.about,
        text=filter.text,
        include_retracted=filter.include_retracted,
    )
    backward = pages.last is not None or pages.before is not None
    if pages.first is not None and pages.last is not None:
        raise BadInputError("last: give first or last, not both")
    if pages.after is not None and pages.before is not None:
        raise BadInputError("before: give after or before, not both")
    if backward and pages.first is not None:
        raise BadInputError("first: pages backwards (before) take last")
    size = page_size(info, pages.last if backward else pages.first, "last" if backward else "first")
    cursor = pages.before if backward else pages.after
    position = decode_cursor("before" if backward else "after", cursor, order.value)
    database = info.context.database
    needed = connection_detail(info)
    page = await listing.list_page(
        database, label, spec, order.value, position, size, needed, backward
    )
    if needed == "full":  # only complete rows may stand in for the loader's
        info.context.remember(page.rows)
    total = await listing.count(database, label, spec) if asks_for(info, "totalCount") else None
    edges = [
        Edge(cursor=encode_cursor(order.value, key, node.id), node=node)
        for node, key in zip((build(row) for row in page.rows), page.keys, strict=True)
        if isinstance(node, cls)
    ]
    if backward:
        return connection(edges, cursor is not None, page.more, total)
    return connection(edges, page.more, cursor is not None, total)


@dataclass(frozen=True)
class Pages:
    """Relay's paging arguments: first/after forwards, last/before backwards."""

    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None


def connection_field(label: listing.Label, kind: type[Entity], default: Order) -> Any:
    """A root field listing entities of a kind: filtered, sorted, paged in Cypher."""

    async def resolve(
        info: Info,
        filter: Filter | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        order: Order = default,
    ) -> Any:
        pages = Pages(first, after, last, before)
        return await entity_connection(info, label, kind, filter, pages, order)

    # Concrete types for Strawberry: the schema shows Connection of this kind.
    resolve.__annotations__ = {
        "info": Info,
        "filter": Filter | None,
        "first": int | None,
        "after": str | None,
        "last": int | None,
        "before": str | None,
        "order": Order,
        "return": Connection[kind],  # type: ignore[valid-type]
    }
    return strawberry.field(resolver=resolve)


@strawberry.type
class ListingQuery:
    actors = connection_field("Actor", Actor, Order.NAME)
    agreements = connection_field("Agreement", Agreement, Order.TIME_ASC)
    attacks = connection_field("Attack", Attack, Order.TIME_ASC)
    statements = connection_field("Statement", Statement, Order.TIME_ASC)
    locations = connection_field("Location", Location, Order.NAME)
    events = connection_field("Event", Event, Order.TIME_ASC)
