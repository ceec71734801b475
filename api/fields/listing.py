"""Root fields that list one kind of entity: filtered, sorted, and paged in Cypher
(graph/queries/lists.py, one function per field)."""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol, TypeVar

import strawberry

from api.context import Info
from api.selection import asks_for, connection_detail
from api.types.build import build
from api.types.connections import Connection, Edge, connection, decode_cursor, encode_cursor
from api.types.deeds import Attack
from api.types.entity import Entity
from api.types.filters import Filter, area_of, kind_word, word
from api.types.kinds import Actor, Agreement, Event, Location, Statement
from api.types.reach import require
from graph.domain.areas import Area
from graph.errors import BadInputError
from graph.queries import keyset, listing, lists, spatial
from graph.queries.projections import Fetched
from graph.store.database import Database

E = TypeVar("E", bound=Entity)


@strawberry.enum
class Order(Enum):
    TIME_ASC = "time_asc"
    TIME_DESC = "time_desc"
    NAME = "name"


def page_size(info: Info, first: int | None, argument: str = "first") -> int:
    return sized(info.context.settings.max_page_size, first, argument)


def sized(limit: int, first: int | None, argument: str = "first") -> int:
    size = 50 if first is None else first
    if size < 0 or size > limit:
        raise BadInputError(f"{argument}: must be between 0 and {limit}, got {size}")
    return size


@dataclass(frozen=True)
class Listed:
    """A list root field: the label it lists, its GraphQL kind, its default order, its query
    (graph/queries/lists.py)."""

    label: listing.Label
    kind: type[Entity]
    default: Order
    fetch: Lister


@dataclass(frozen=True)
class ListRequest:
    """A list's arguments checked and made into what its query takes."""

    spec: listing.ListFilter
    area: Area | None
    order: Order
    backward: bool
    size: int
    cursor: str | None  # the one given (after, or before when backward)
    position: keyset.Position | None


def list_request(
    limit: int, label: listing.Label, filter: Filter | None, pages: Pages, order: Order
) -> ListRequest:
    """The arguments checked (BadInputError says which is wrong) and made ready; the resolver
    and the compiled path (api/compile/lists.py) both ask this."""
    filter = filter or Filter()
    if filter.start and filter.end and filter.end < filter.start:
        raise BadInputError("filter.end: is before filter.start")
    area = area_of(filter)
    if area is not None and label not in spatial.SPATIAL_LABELS:
        raise BadInputError("filter: near, nearPlace and bbox narrow attacks and events only")
    spec = list_filter(label, filter)
    backward = pages.last is not None or pages.before is not None
    if pages.first is not None and pages.last is not None:
        raise BadInputError("last: give first or last, not both")
    if pages.after is not None and pages.before is not None:
        raise BadInputError("before: give after or before, not both")
    if backward and pages.first is not None:
        raise BadInputError("first: pages backwards (before) take last")
    size = sized(limit, pages.last if backward else pages.first, "last" if backward else "first")
    cursor = pages.before if backward else pages.after
    position = decode_cursor("before" if backward else "after", cursor, order.value)
    return ListRequest(spec, area, order, backward, size, cursor, position)


async def list_page(
    database: Database, listed: Listed, request: ListRequest, needed: Fetched
) -> keyset.Page:
    """One page of the list, as much of each node as `needed`."""
    return await listed.fetch(
        database,
        request.spec,
        request.order.value,
        request.position,
        request.size,
        needed,
        backward=request.backward,
        area=request.area,
    )


def distances(page: keyset.Page) -> list[float | None]:
    return page.distances_km if isinstance(page, spatial.NearPage) else [None] * len(page.rows)


def paging(request: ListRequest, page: keyset.Page) -> tuple[bool, bool]:
    """(has next page, has previous page)."""
    if request.backward:
        return request.cursor is not None, page.more
    return page.more, request.cursor is not None


async def entity_connection(
    info: Info, listed: Listed, filter: Filter | None, pages: Pages, order: Order
) -> Connection[Entity]:
    settings = info.context.settings
    request = list_request(settings.max_page_size, listed.label, filter, pages, order)
    database = info.context.database
    needed = connection_detail(info)
    page = await list_page(database, listed, request, needed)
    if request.area is not None and not page.rows:
        await place_check(info, request.area)
    if needed == "full":  # only complete rows may stand in for the loader's
        info.context.remember(page.rows)
    total = None
    if asks_for(info, "totalCount"):
        total = await lists.total(database, listed.label, request.spec, request.area)
    edges = [
        Edge(cursor=encode_cursor(order.value, key, node.id), node=node, distance_km=distance)
        for node, key, distance in zip(
            (build(row) for row in page.rows), page.keys, distances(page), strict=True
        )
        if isinstance(node, listed.kind)
    ]
    has_next, has_previous = paging(request, page)
    return connection(edges, has_next=has_next, has_previous=has_previous, total=total)


def list_filter(label: str, filter: Filter) -> listing.ListFilter:
    """The filter as graph/queries/listing.py takes it (its area apart: area_of)."""
    return listing.ListFilter(
        start=filter.start,
        end=filter.end,
        time_mode=filter.time_mode.value,
        actor=filter.actor,
        location=filter.location,
        kind=kind_word(label, filter.kind),
        category=word(filter.category),
        target_category=word(filter.target_category),
        status=word(filter.status),
        about=filter.about,
        text=filter.text,
        include_retracted=filter.include_retracted,
        single_source=filter.single_source,
    )


async def place_check(info: Info, area: Area) -> None:
    """Why a list near a place came back empty, when the place is the reason: no such place
    (NOT_FOUND) or a place without coordinates (BAD_USER_INPUT). Asked only of an empty
    page: rows prove the place is there with a point (the same rule as the analyses)."""
    place_id = area.circle.place_id if area.circle is not None else None
    if place_id is None:
        return
    place = await require(info, "filter.nearPlace.id", place_id, Location)
    if place.latitude is None or place.longitude is None:
        raise BadInputError(
            f"filter.nearPlace.id: {place_id!r} has no coordinates; "
            "give near with a point instead, or location for the place and what is inside it"
        )


@dataclass(frozen=True)
class Pages:
    """Relay's paging arguments: first/after forwards, last/before backwards."""

    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None


class Lister(Protocol):
    """A list root field's query (graph/queries/lists.py)."""

    def __call__(
        self,
        database: Database,
        filter: listing.ListFilter,
        order: keyset.Order,
        after: keyset.Position | None,
        limit: int,
        detail: Fetched = "full",
        *,
        backward: bool = False,
        area: Area | None = None,
    ) -> Awaitable[keyset.Page]: ...


def connection_field(listed: Listed) -> Any:
    """A root field listing entities of a kind: filtered, sorted, paged in Cypher."""

    async def resolve(
        info: Info,
        filter: Filter | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        order: Order = listed.default,
    ) -> Any:
        pages = Pages(first, after, last, before)
        return await entity_connection(info, listed, filter, pages, order)

    # Concrete types for Strawberry: the schema shows Connection of this kind.
    resolve.__annotations__ = {
        "info": Info,
        "filter": Filter | None,
        "first": int | None,
        "after": str | None,
        "last": int | None,
        "before": str | None,
        "order": Order,
        "return": Connection[listed.kind],  # type: ignore[name-defined]
    }
    return strawberry.field(resolver=resolve)


# The list root fields by their GraphQL names (api/compile/lists.py compiles them too).
LISTS: dict[str, Listed] = {
    "actors": Listed("Actor", Actor, Order.NAME, lists.actors),
    "agreements": Listed("Agreement", Agreement, Order.TIME_ASC, lists.agreements),
    "attacks": Listed("Attack", Attack, Order.TIME_ASC, lists.attacks),
    "statements": Listed("Statement", Statement, Order.TIME_ASC, lists.statements),
    "locations": Listed("Location", Location, Order.NAME, lists.locations),
    "events": Listed("Event", Event, Order.TIME_ASC, lists.events),
}


@strawberry.type
class ListingQuery:
    actors = connection_field(LISTS["actors"])
    agreements = connection_field(LISTS["agreements"])
    attacks = connection_field(LISTS["attacks"])
    statements = connection_field(LISTS["statements"])
    locations = connection_field(LISTS["locations"])
    events = connection_field(LISTS["events"])
