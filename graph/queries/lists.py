"""The root fields listing one kind of entity, one function each (`actors`, `attacks`, ...):
filtered, sorted and keyset-paged in Cypher. A plain list is listing.list_page; attacks and
events narrowed to an area are spatial.list_page, each row with its distance. Both page
through keyset.read_page; `total` counts what a list holds (listing.count, spatial.count)."""

from __future__ import annotations

from typing import cast

from graph.domain.areas import Area
from graph.errors import BadInputError
from graph.queries import listing, spatial
from graph.queries.keyset import Order, Page, Position
from graph.queries.projections import Fetched
from graph.store.database import Database


async def _listed(
    database: Database,
    label: listing.Label,
    filter: listing.ListFilter,
    order: Order,
    after: Position | None,
    limit: int,
    detail: Fetched,
    *,
    backward: bool,
    area: Area | None,
) -> Page:
    if area is None:
        return await listing.list_page(
            database, label, filter, order, after, limit, detail, backward=backward
        )
    if label not in spatial.SPATIAL_LABELS:
        raise BadInputError(f"an area narrows attacks and events only, not {label}")
    return await spatial.list_page(
        database,
        label,
        filter,
        area,
        order,
        after,
        limit,
        detail,
        backward=backward,
    )


async def actors(
    database: Database,
    filter: listing.ListFilter,
    order: Order,
    after: Position | None,
    limit: int,
    detail: Fetched = "full",
    *,
    backward: bool = False,
    area: Area | None = None,
) -> Page:
    """Query.actors: a page of actors. Built from listing.list_page (listing.LABELS,
    listing.ACTOR_LINK and the filter's conditions, keyset.KEY_OF_ROW)."""
    return await _listed(
        database, "Actor", filter, order, after, limit, detail, backward=backward, area=area
    )


async def agreements(
    database: Database,
    filter: listing.ListFilter,
    order: Order,
    after: Position | None,
    limit: int,
    detail: Fetched = "full",
    *,
    backward: bool = False,
    area: Area | None = None,
) -> Page:
    """Query.agreements: a page of agreements. Built from listing.list_page (the time-ordered
    scan from overlap.REACH and overlap.SEEK_BOUNDS for a busy actor or place)."""
    return await _listed(
        database, "Agreement", filter, order, after, limit, detail, backward=backward, area=area
    )


async def attacks(
    database: Database,
    filter: listing.ListFilter,
    order: Order,
    after: Position | None,
    limit: int,
    detail: Fetched = "full",
    *,
    backward: bool = False,
    area: Area | None = None,
) -> Page:
    """Query.attacks: a page of attacks. Built from listing.list_page (incidents
    one_per_incident and one_source, overlap.LONGEST_ATTACK), or spatial.list_page in an area
    (spatial.AT_PLACE, spatial.WITHIN_DISTANCE, spatial.IN_BOX): a spatial.NearPage then."""
    return await _listed(
        database, "Attack", filter, order, after, limit, detail, backward=backward, area=area
    )


async def statements(
    database: Database,
    filter: listing.ListFilter,
    order: Order,
    after: Position | None,
    limit: int,
    detail: Fetched = "full",
    *,
    backward: bool = False,
    area: Area | None = None,
) -> Page:
    """Query.statements: a page of statements. Built from listing.list_page
    (listing.ACTOR_LINK: a side's statements include its units' and spokesmen's)."""
    return await _listed(
        database, "Statement", filter, order, after, limit, detail, backward=backward, area=area
    )


async def locations(
    database: Database,
    filter: listing.ListFilter,
    order: Order,
    after: Position | None,
    limit: int,
    detail: Fetched = "full",
    *,
    backward: bool = False,
    area: Area | None = None,
) -> Page:
    """Query.locations: a page of places. Built from listing.list_page (sorted by name)."""
    return await _listed(
        database, "Location", filter, order, after, limit, detail, backward=backward, area=area
    )


async def events(
    database: Database,
    filter: listing.ListFilter,
    order: Order,
    after: Position | None,
    limit: int,
    detail: Fetched = "full",
    *,
    backward: bool = False,
    area: Area | None = None,
) -> Page:
    """Query.events: a page of events. Built from listing.list_page, or spatial.list_page in
    an area (spatial.AT_PLACE, spatial.WITHIN_DISTANCE, spatial.IN_BOX): a spatial.NearPage
    then."""
    return await _listed(
        database, "Event", filter, order, after, limit, detail, backward=backward, area=area
    )


async def total(
    database: Database, label: listing.Label, filter: listing.ListFilter, area: Area | None
) -> int:
    """How many a list holds, all pages (a connection's totalCount): listing.count, or
    spatial.count in an area."""
    if area is None:
        return await listing.count(database, label, filter)
    return await spatial.count(database, cast(spatial.SpatialLabel, label), filter, area)
