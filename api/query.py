"""Root fields that fetch entities: by id, as filtered connections, and by full-text search."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, TypeVar

import strawberry

from api.context import Info
from api.selection import asks_for, connection_detail, field_detail, own_detail
from api.types.connections import BadInput, Connection, connection, decode_cursor
from api.types.entities import (
    Actor,
    Agreement,
    Attack,
    Entity,
    Event,
    Location,
    Source,
    Statement,
    build,
)
from graph.queries import entities, explore, listing

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
        raise BadInput(f"first: must be between 0 and {limit}, got {size}")
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
        raise BadInput("filter.end: is before filter.start")
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


async def one(info: Info, id: str, cls: type[E]) -> E | None:
    needed = own_detail(info)
    if needed == "full":
        row = await info.context.loader.load(id)
    else:  # less than the loader's complete row: fetched apart, not shared with other fields
        row = (await entities.entities_by_ids(info.context.database, [id], needed)).get(id)
    entity = build(row) if row is not None else None
    return entity if isinstance(entity, cls) else None


def by_id_field(kind: type[Entity]) -> Any:
    """A root field returning one entity of a kind by id (null if there is none)."""

    async def resolve(info: Info, id: strawberry.ID) -> Any:
        return await one(info, id, kind)

    resolve.__annotations__ = {"info": Info, "id": strawberry.ID, "return": kind | None}
    return strawberry.field(resolver=resolve)


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


@strawberry.type(description="A full-text match with its relevance score.")
class SearchHit:
    score: float
    entity: Entity


@strawberry.type
class EntityQuery:
    @strawberry.field(description="Any entity by its id.")
    async def node(self, info: Info, id: strawberry.ID) -> Entity | None:
        return await one(info, id, Entity)

    @strawberry.field(description="Entities by id, in the order asked; null where none exists.")
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Entity | None]:
        if len(ids) > info.context.settings.max_page_size:
            raise BadInput(f"ids: at most {info.context.settings.max_page_size} at once")
        rows = await info.context.loader.load_many(ids)
        return [build(row) if row is not None else None for row in rows]

    actor = by_id_field(Actor)
    agreement = by_id_field(Agreement)
    attack = by_id_field(Attack)
    statement = by_id_field(Statement)
    location = by_id_field(Location)
    event = by_id_field(Event)
    source = by_id_field(Source)

    actors = connection_field("Actor", Actor, Order.NAME)
    agreements = connection_field("Agreement", Agreement, Order.TIME_ASC)
    attacks = connection_field("Attack", Attack, Order.TIME_ASC)
    statements = connection_field("Statement", Statement, Order.TIME_ASC)
    locations = connection_field("Location", Location, Order.NAME)
    events = connection_field("Event", Event, Order.TIME_ASC)

    @strawberry.field(description="Full-text search over names, aliases and statement text.")
    async def search(self, info: Info, text: str, first: int | None = None) -> list[SearchHit]:
        if len(text) > 500:
            raise BadInput("text: at most 500 characters")
        needed = field_detail(info, "entity")
        hits = await explore.search(info.context.database, text, page_size(info, first), needed)
        if needed == "full":
            info.context.remember([hit["node"] for hit in hits])
        return [SearchHit(score=hit["score"], entity=build(hit["node"])) for hit in hits]
