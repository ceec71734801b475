"""Root fields that list one kind of entity: filtered, sorted, and paged in Cypher
(graph/queries/listing.py)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, TypeVar

import strawberry

from api.context import Info
from api.selection import asks_for, connection_detail
from api.types.build import build
from api.types.connections import Connection, connection, decode_cursor
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


def page_size(info: Info, first: int | None) -> int:
    limit = info.context.settings.max_page_size
    size = 50 if first is None else first
    if size < 0 or size > limit:
        raise BadInputError(f"first: must be between 0 and {limit}, got {size}")
    return size


async def entity_connection(
    info: Info,
    label: listing.Label,
    cls: type[E],
    filter: Filter | None,
    first: int | None,
    after: str | None,
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
    size = page_size(info, first)
    offset = decode_cursor(after)
    database = info.context.database
    needed = connection_detail(info)
    page = await listing.list_page(database, label, spec, order.value, offset, size, needed)
    if needed == "full":  # only complete rows may stand in for the loader's
        info.context.remember(page.rows)
    total = await listing.count(database, label, spec) if asks_for(info, "totalCount") else None
    nodes = [node for node in (build(row) for row in page.rows) if isinstance(node, cls)]
    return connection(nodes, offset, page.has_next, total)


def connection_field(label: listing.Label, kind: type[Entity], default: Order) -> Any:
    """A root field listing entities of a kind: filtered, sorted, paged in Cypher."""

    async def resolve(
        info: Info,
        filter: Filter | None = None,
        first: int | None = None,
        after: str | None = None,
        order: Order = default,
    ) -> Any:
        return await entity_connection(info, label, kind, filter, first, after, order)

    # Concrete types for Strawberry: the schema shows Connection of this kind.
    resolve.__annotations__ = {
        "info": Info,
        "filter": Filter | None,
        "first": int | None,
        "after": str | None,
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
