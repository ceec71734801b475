"""The root fields fetching entities by id: any entity (`node`), several (`nodes`), or one of
a kind (`actor`, `agreement`, ...). Each is entities.BY_IDS with the projection the
selection needs (projections.PROJECTIONS); a kind's field answers only an entity of that kind."""

from __future__ import annotations

from graph.queries.entities import EntityRow, entities_by_ids
from graph.queries.projections import Detail
from graph.store.database import Database


async def node(database: Database, id: str, detail: Detail = "full") -> EntityRow | None:
    """Query.node: any entity by its id, None if there is none. Built from entities.BY_IDS
    (with projections.PROJECTIONS[detail]). The API answers a complete row through the
    request's loader (`nodes`, batched) and a smaller one with this."""
    return (await entities_by_ids(database, [id], detail)).get(id)


async def nodes(
    database: Database, ids: list[str], detail: Detail = "full"
) -> list[EntityRow | None]:
    """Query.nodes: entities by id, in the order asked, None where none exists. Built from
    entities.BY_IDS (with projections.PROJECTIONS[detail]), each id asked once. The request's
    entity loader (api/context.py) is this, batched."""
    found = await entities_by_ids(database, list(dict.fromkeys(ids)), detail)
    return [found.get(id) for id in ids]


async def _of_kind(database: Database, id: str, label: str, detail: Detail) -> EntityRow | None:
    row = await node(database, id, detail)
    return row if row is not None and label in (row.get("labels") or []) else None


async def actor(database: Database, id: str, detail: Detail = "full") -> EntityRow | None:
    """Query.actor: the actor with this id, None if there is none. Built from entities.BY_IDS
    (with projections.PROJECTIONS[detail]), as `node`."""
    return await _of_kind(database, id, "Actor", detail)


async def agreement(database: Database, id: str, detail: Detail = "full") -> EntityRow | None:
    """Query.agreement: the agreement with this id, None if there is none. Built from
    entities.BY_IDS (with projections.PROJECTIONS[detail]), as `node`."""
    return await _of_kind(database, id, "Agreement", detail)


async def attack(database: Database, id: str, detail: Detail = "full") -> EntityRow | None:
    """Query.attack: the attack with this id, None if there is none. Built from
    entities.BY_IDS (with projections.PROJECTIONS[detail]), as `node`."""
    return await _of_kind(database, id, "Attack", detail)


async def statement(database: Database, id: str, detail: Detail = "full") -> EntityRow | None:
    """Query.statement: the statement with this id, None if there is none. Built from
    entities.BY_IDS (with projections.PROJECTIONS[detail]), as `node`."""
    return await _of_kind(database, id, "Statement", detail)


async def location(database: Database, id: str, detail: Detail = "full") -> EntityRow | None:
    """Query.location: the place with this id, None if there is none. Built from
    entities.BY_IDS (with projections.PROJECTIONS[detail]), as `node`."""
    return await _of_kind(database, id, "Location", detail)


async def event(database: Database, id: str, detail: Detail = "full") -> EntityRow | None:
    """Query.event: the event with this id, None if there is none. Built from
    entities.BY_IDS (with projections.PROJECTIONS[detail]), as `node`."""
    return await _of_kind(database, id, "Event", detail)


async def source(database: Database, id: str, detail: Detail = "full") -> EntityRow | None:
    """Query.source: the source (a document or a dataset) with this id, None if there is
    none. Built from entities.BY_IDS (with projections.PROJECTIONS[detail]), as `node`."""
    return await _of_kind(database, id, "Source", detail)
