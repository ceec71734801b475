"""Root fields that fetch entities by id: any node, several, or one of a kind."""

from __future__ import annotations

from typing import Any, TypeVar

import strawberry

from api.context import Info
from api.selection import own_detail
from api.types.build import build
from api.types.deeds import Attack
from api.types.entity import Entity
from api.types.kinds import Actor, Agreement, Event, Location, Source, Statement
from graph.errors import BadInputError
from graph.queries import entities

E = TypeVar("E", bound=Entity)


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


@strawberry.type
class EntityQuery:
    @strawberry.field(description="Any entity by its id.")
    async def node(self, info: Info, id: strawberry.ID) -> Entity | None:
        return await one(info, id, Entity)

    @strawberry.field(description="Entities by id, in the order asked; null where none exists.")
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Entity | None]:
        if len(ids) > info.context.settings.max_page_size:
            raise BadInputError(f"ids: at most {info.context.settings.max_page_size} at once")
        rows = await info.context.loader.load_many(ids)
        return [build(row) if row is not None else None for row in rows]

    actor = by_id_field(Actor)
    agreement = by_id_field(Agreement)
    attack = by_id_field(Attack)
    statement = by_id_field(Statement)
    location = by_id_field(Location)
    event = by_id_field(Event)
    source = by_id_field(Source)
