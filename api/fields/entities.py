"""Root fields that fetch entities by id: any node, several, or one of a kind
(graph/queries/by_id.py, one function per field)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry

from api.context import Info
from api.selection import own_detail
from api.types.build import build
from api.types.deeds import Attack
from api.types.entity import Entity
from api.types.kinds import Actor, Agreement, Event, Location, Source, Statement
from graph.errors import BadInputError
from graph.queries import by_id
from graph.queries.entities import EntityRow
from graph.queries.projections import Detail
from graph.store.database import Database

E = TypeVar("E", bound=Entity)


ById = Callable[[Database, str, Detail], Awaitable[EntityRow | None]]


async def one(info: Info, id: str, cls: type[E], fetch: ById) -> E | None:
    needed = own_detail(info)
    if needed == "full":  # the loader's complete row, shared with other fields
        row = await info.context.loader.load(id)
    else:  # less than the loader's complete row: fetched apart, not shared with other fields
        row = await fetch(info.context.database, id, needed)
    entity = build(row) if row is not None else None
    return entity if isinstance(entity, cls) else None


def by_id_field(kind: type[Entity], fetch: ById) -> Any:
    """A root field returning one entity of a kind by id (null if there is none)."""

    async def resolve(info: Info, id: strawberry.ID) -> Any:
        return await one(info, id, kind, fetch)

    resolve.__annotations__ = {"info": Info, "id": strawberry.ID, "return": kind | None}
    return strawberry.field(resolver=resolve)


@strawberry.type
class EntityQuery:
    @strawberry.field(description="Any entity by its id.")
    async def node(self, info: Info, id: strawberry.ID) -> Entity | None:
        return await one(info, id, Entity, by_id.node)

    @strawberry.field(description="Entities by id, in the order asked; null where none exists.")
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Entity | None]:
        if len(ids) > info.context.settings.max_page_size:
            raise BadInputError(f"ids: at most {info.context.settings.max_page_size} at once")
        rows = await info.context.loader.load_many(ids)  # by_id.nodes, batched
        return [build(row) if row is not None else None for row in rows]

    actor = by_id_field(Actor, by_id.actor)
    agreement = by_id_field(Agreement, by_id.agreement)
    attack = by_id_field(Attack, by_id.attack)
    statement = by_id_field(Statement, by_id.statement)
    location = by_id_field(Location, by_id.location)
    event = by_id_field(Event, by_id.event)
    source = by_id_field(Source, by_id.source)
