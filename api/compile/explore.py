"""The exploring root fields compiled: `search` (each hit's score and entity) and `neighborhood`
(the nodes and edges to draw), each run as its resolver's one query (graph/queries/explore.py)
with its arguments checked by the resolver's own checks (api/fields/explore.py), the answer
shaped from the rows by a plan made once per document.

The subset: `__typename` anywhere; a hit's `score`, and of its entity what a page's node
answers (api/compile/lists.py node_fields: what it is, its name, `retracted`); a graph's
nodes' `id`, `label` and `type`, its edges' `id`, `source`, `target`, `type` and `properties`.
A graph node's `entity` (another query) is not compiled, and an empty neighbourhood is left to
the standard path, which says whether the id names anything."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import strawberry
from graphql import (
    FieldNode,
    GraphQLError,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    OperationDefinitionNode,
)
from graphql.execution.values import VariableValues

from api.compile.analyses import TYPENAME, named_type
from api.compile.catalogue import Catalogue, Leaf, leaf_type
from api.compile.compiler import RootPlan, Unsupported, fields_of, one_root
from api.compile.lists import Fields, node_fields
from api.compile.pages import node_made
from api.compile.rows import Rows, resolver_arguments
from api.compile.shape import Violation, completed
from api.fields.explore import neighborhood_check, search_size
from api.selection import names_detail
from api.types.explore import drawn, node_label
from graph.errors import DeedgraphError
from graph.queries import explore
from graph.queries.projections import Detail
from graph.store.database import Database

EXPLORED = frozenset({"search", "neighborhood"})

# How a field is made (TYPENAME as analyses.py: the argument is the type's name).
VALUE = 1  # (read, Leaf)
ENTITY = 2  # a hit's entity: its node fields (lists.node_fields)
ITEMS = 3  # (the row's key, the items' fields): a graph's nodes or edges

Read = Callable[[Mapping[str, Any]], Any]

# What each object's fields are made of, as api/fields/explore.py and api/types/explore.py
# make them.
READS: dict[str, dict[str, Read]] = {
    "SearchHit": {"score": lambda hit: hit["score"]},
    "GraphNode": {
        "id": lambda row: row["id"],
        "label": node_label,  # type: ignore[dict-item]
        "type": lambda row: row["type"],
    },
    "GraphEdge": {
        "id": lambda edge: edge["id"],
        "source": lambda edge: edge["source"],
        "target": lambda edge: edge["target"],
        "type": lambda edge: edge["type"],
        "properties": lambda edge: edge["props"],
    },
}


@dataclass(frozen=True)
class ExplorePlan:
    root: RootPlan
    fields: Fields
    detail: Detail  # how much of a hit's entity the search fetches
    edges: bool  # a graph's edges are asked (the resolver's asks_for)


def compile_explore(
    schema: GraphQLSchema, catalogue: Catalogue, operation: OperationDefinitionNode
) -> ExplorePlan:
    root = one_root(schema, operation, EXPLORED, "exploring field")
    parent = named_type(root.field.type)
    names: list[str] = []  # the hit entity's fields, for the detail they need
    fields = _fields(schema, catalogue, parent, root.node, names)
    return ExplorePlan(
        root=root,
        fields=fields,
        detail=names_detail(names),
        edges=any(how == ITEMS and argument[0] == "edges" for _, how, argument in fields),
    )


def _fields(
    schema: GraphQLSchema,
    catalogue: Catalogue,
    parent: GraphQLObjectType,
    node: FieldNode,
    names: list[str],
) -> Fields:
    found: list[tuple[str, int, Any]] = []
    for selection in fields_of(node):
        name = selection.name.value
        response_name = selection.alias.value if selection.alias else name
        where = f"{parent.name}.{name}"
        field = parent.fields.get(name)
        if name == "__typename":
            found.append((response_name, TYPENAME, parent.name))
        elif selection.arguments:
            raise Unsupported("argument", f"{where}: arguments are not compiled")
        elif field is None:
            raise Unsupported("field", f"{where} is not compiled")
        elif parent.name == "SearchHit" and name == "entity":
            found.append(
                (response_name, ENTITY, node_fields(catalogue, "Entity", selection, names))
            )
        elif parent.name == "Graph" and name in ("nodes", "edges"):
            items = named_type(field.type)
            found.append(
                (response_name, ITEMS, (name, _fields(schema, catalogue, items, selection, names)))
            )
        elif name in READS.get(parent.name, {}) and selection.selection_set is None:
            found.append((response_name, VALUE, (READS[parent.name][name], _leaf(field, where))))
        else:
            raise Unsupported("field", f"{where} is not compiled")
    return tuple(found)


def _leaf(field: Any, where: str) -> Leaf:
    """A built-in scalar as catalogue.leaf_type reads it, or a scalar of deedgraph's own
    (JSON), non-null or not, completed by its own serialize as on the standard path."""
    typed = leaf_type(field.type)
    if typed is not None:
        return Leaf(where, None, *typed)
    kind = field.type
    non_null = hasattr(kind, "of_type")
    kind = kind.of_type if non_null else kind
    if not isinstance(kind, GraphQLScalarType):
        raise Unsupported("field", f"{where} is not compiled")
    return Leaf(where, None, kind, non_null, False, False)


async def explore_answer(
    plan: ExplorePlan,
    schema: strawberry.Schema,
    database: Database,
    variables: VariableValues,
    max_page_size: int,
) -> Rows:
    """The answer, or Unsupported: the standard path answers."""
    root = plan.root
    try:
        kwargs = resolver_arguments(schema, root.field, root.node, variables)
        if root.node.name.value == "search":
            size = search_size(max_page_size, kwargs["text"], kwargs["first"])
        else:
            neighborhood_check(max_page_size, kwargs["depth"], kwargs["limit"])
    except (GraphQLError, DeedgraphError, TypeError, ValueError, KeyError):
        raise Unsupported("arguments", "its arguments do not hold") from None
    if root.node.name.value == "search":
        hits = await explore.search(database, kwargs["text"], size, plan.detail)
        answer: Any = [made(plan.fields, hit) for hit in hits]
    else:
        row = await explore.neighborhood(
            database, kwargs["id"], kwargs["depth"], kwargs["limit"], edges=plan.edges
        )
        if row is None:
            raise Unsupported("empty", "an empty neighbourhood is checked against its id")
        answer = made(
            plan.fields, {"nodes": row["nodes"], "edges": drawn(row["nodes"], row["edges"])}
        )
    data: dict[str, Any] = {name: "Query" for name in root.typenames}
    data[root.response_name] = answer
    return Rows(data, [])


def made(fields: Fields, item: Mapping[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = {}
    try:
        for response_name, how, argument in fields:
            if how == VALUE:
                read, leaf = argument
                answer[response_name] = completed(read(item), leaf)
            elif how == ENTITY:
                answer[response_name] = node_made(argument, item["node"])
            elif how == ITEMS:
                key, inner = argument
                answer[response_name] = [made(inner, one) for one in item[key]]
            else:
                answer[response_name] = argument  # __typename
    except (Violation, ValueError, KeyError, TypeError):
        raise Unsupported("error", "the answer has an error") from None
    return answer
