"""A compiled list asked (api/compile/lists.py): its arguments converted as Strawberry converts
them for the resolver and checked by the resolver's own list_request, its page fetched (and
its count when asked), and the connection shaped from the rows as the resolvers shape it:
nodes of another kind left out, cursors made by encode_cursor, a related entity shown when it
is of its kind and not retracted, only the first for a single one. An empty page near a place
is left to the standard path, which says whether the place is the reason."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from graphql.execution.values import VariableValues

from api.compile.analyses import ID, TYPENAME
from api.compile.compiler import ID_LEAF, Unsupported
from api.compile.lists import (
    CURSOR,
    DISTANCE,
    EDGES,
    LEAF,
    NAME,
    NODE,
    NODE_ID,
    NODE_KIND,
    NODES,
    PAGE_INFO,
    RELATION,
    RETRACTED,
    TOTAL,
    Fields,
    ListPlan,
)
from api.compile.rows import Rows, resolver_arguments
from api.compile.shape import NAME_LEAF, Violation, completed
from api.fields.listing import Pages, distances, list_page, list_request, paging
from api.types.build import KINDS, figure_name, kind_of
from api.types.connections import encode_cursor
from api.types.entity import Entity
from graph.errors import DeedgraphError
from graph.queries import lists
from graph.store.database import Database


async def list_answer(
    plan: ListPlan,
    schema: strawberry.Schema,
    database: Database,
    variables: VariableValues,
    max_page_size: int,
) -> Rows:
    """The answer, or Unsupported: the standard path answers."""
    listed = plan.listed
    try:
        kwargs = resolver_arguments(schema, plan.root.field, plan.root.node, variables)
        pages = Pages(kwargs["first"], kwargs["after"], kwargs["last"], kwargs["before"])
        order = kwargs["order"]
        request = list_request(max_page_size, listed.label, kwargs["filter"], pages, order)
    except (GraphQLError, DeedgraphError, TypeError, ValueError, KeyError):
        raise Unsupported("arguments", "its arguments do not hold") from None
    page = await list_page(database, listed, request, plan.detail)
    if request.area is not None and not page.rows:
        raise Unsupported("empty", "an empty page near a place is checked against the place")
    total = (
        await lists.total(database, listed.label, request.spec, request.area)
        if plan.total
        else None
    )
    edges = [
        (row, encode_cursor(order.value, key, str(row["id"])), distance)
        for row, key, distance in zip(page.rows, page.keys, distances(page), strict=True)
        if issubclass(kind_of(row.get("labels") or []), listed.kind)
    ]
    has_next, has_previous = paging(request, page)
    facts = {
        "hasNextPage": has_next,
        "hasPreviousPage": has_previous,
        "startCursor": edges[0][1] if edges else None,
        "endCursor": edges[-1][1] if edges else None,
    }
    try:
        connection = made(plan.fields, edges, facts, total)
    except (Violation, ValueError, KeyError, TypeError):
        raise Unsupported("error", "the answer has an error") from None
    data: dict[str, Any] = {name: "Query" for name in plan.root.typenames}
    data[plan.root.response_name] = connection
    return Rows(data, [])


Edge = tuple[Any, str, float | None]  # a row, its cursor, its distance


def made(fields: Fields, edges: list[Edge], facts: dict[str, Any], total: int | None) -> Any:
    answer: dict[str, Any] = {}
    for response_name, how, argument in fields:
        if how == EDGES:
            answer[response_name] = [edge_made(argument, edge) for edge in edges]
        elif how == NODES:
            answer[response_name] = [node_made(argument, row) for row, _, _ in edges]
        elif how == PAGE_INFO:
            answer[response_name] = {
                name: facts[key] if kind == PAGE_INFO else key for name, kind, key in argument
            }
        elif how == TOTAL:
            answer[response_name] = total
        else:
            assert how == TYPENAME
            answer[response_name] = argument
    return answer


def edge_made(fields: Fields, edge: Edge) -> dict[str, Any]:
    row, cursor, distance = edge
    answer: dict[str, Any] = {}
    for response_name, how, argument in fields:
        if how == NODE:
            answer[response_name] = node_made(argument, row)
        elif how == CURSOR:
            answer[response_name] = cursor
        elif how == DISTANCE:
            answer[response_name] = distance
        else:
            answer[response_name] = argument  # __typename
    return answer


def node_made(fields: Fields, row: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = {}
    kind = kind_of(row.get("labels") or [])
    for response_name, how, argument in fields:
        if how == LEAF:
            answer[response_name] = completed(row.get(argument.key), argument)
        elif how == NODE_ID:
            answer[response_name] = completed(row["id"], ID_LEAF)
        elif how == NODE_KIND:
            answer[response_name] = kind.__name__
        elif how == NAME:
            name = row.get("name")
            if name is None and kind.__name__ == "Figure":
                name = figure_name(row)  # type: ignore[arg-type]
            answer[response_name] = completed(name, NAME_LEAF)
        elif how == RETRACTED:
            answer[response_name] = bool(row.get("retracted"))
        else:
            assert how == RELATION
            type, far_kind, single, identity = argument
            items = [i for i in row.get("outgoing") or [] if i["type"] == type]
            wanted = Entity if far_kind == "Entity" else KINDS[far_kind]
            kept = [
                {
                    name: str(i["id"]) if what == ID else kind_of(i["labels"]).__name__
                    for name, what in identity
                }
                for i in (items[:1] if single else items)
                if not i.get("retracted") and issubclass(kind_of(i.get("labels") or []), wanted)
            ]
            answer[response_name] = (kept[0] if kept else None) if single else kept
    return answer
