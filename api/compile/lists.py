"""The list root fields compiled (`attacks`, `actors`, `agreements`, `statements`,
`locations`, `events`): each runs its own one page query (the resolver's, api/fields/listing.py,
with the same checks of its arguments), plus the count when `totalCount` is asked, and the
connection is shaped from the page's rows by a plan made once per document.

The subset under the connection: `edges { cursor node distanceKm }`, `nodes`, `pageInfo`,
`totalCount` and `__typename` anywhere; under a node, what every entity answers (`id`,
`name`, `typeName`, `__typename`, `retracted`), its kind's plain fields (catalogue.py) and its
outgoing relationships (catalogue.RELATIONS) when their selection asks only what the far
entities are: the page's rows carry those identities (graph/queries/projections.py LINKS)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    GraphQLSchema,
    OperationDefinitionNode,
)

from api.compile.analyses import TYPENAME, named_type
from api.compile.analyses import identity as identity_of
from api.compile.catalogue import Catalogue
from api.compile.compiler import RootPlan, Unsupported, fields_of, one_root
from api.fields.listing import LISTS, Listed
from api.selection import names_detail
from graph.queries.projections import Fetched, Links

# How a field of the connection is made (api/compile/pages.py).
EDGES = 1  # the edge's fields, alike
NODES = 2  # the node's fields
PAGE_INFO = 3  # (response name, one of the PageInfo fields below) pairs
TOTAL = 4
CURSOR = 5
NODE = 6  # under an edge: the node's fields
DISTANCE = 7

# How a field of a node is made from its row.
NODE_ID = 10
NAME = 11
RETRACTED = 12
LEAF = 13  # the argument: the Leaf
RELATION = 14  # (type, kind, single, identity fields as analyses.identity makes them)
NODE_KIND = 15  # __typename and typeName: the name of the kind the labels make

PAGE_FIELDS = frozenset({"hasNextPage", "hasPreviousPage", "startCursor", "endCursor"})

Fields = tuple[tuple[str, int, Any], ...]


@dataclass(frozen=True)
class ListPlan:
    root: RootPlan
    listed: Listed
    detail: Fetched  # how much of each node the page fetches: only the links asked for
    total: bool  # totalCount is asked
    fields: Fields


def compile_list(
    schema: GraphQLSchema, catalogue: Catalogue, operation: OperationDefinitionNode
) -> ListPlan:
    root = one_root(schema, operation, LISTS, "list")
    listed = LISTS[root.node.name.value]
    field = root.field
    kind = listed.kind.__name__
    names: list[str] = []  # the node's own fields' names, for the detail they need
    fields: list[tuple[str, int, Any]] = []
    connection = named_type(field.type).name
    for selection in fields_of(root.node):
        asked_name = selection.name.value
        response_name = selection.alias.value if selection.alias else asked_name
        if asked_name == "__typename":
            fields.append((response_name, TYPENAME, connection))
        elif asked_name == "totalCount":
            fields.append((response_name, TOTAL, None))
        elif asked_name == "nodes":
            fields.append((response_name, NODES, node_fields(catalogue, kind, selection, names)))
        elif asked_name == "pageInfo":
            fields.append((response_name, PAGE_INFO, page_fields(selection)))
        elif asked_name == "edges":
            edge = named_type(field.type).fields["edges"].type
            fields.append(
                (response_name, EDGES, edge_fields(catalogue, kind, selection, names, edge))
            )
        else:
            raise Unsupported("field", f"{connection}.{asked_name} is not compiled")
    return ListPlan(
        root=root,
        listed=listed,
        detail=fetched(names, fields),
        total=any(f[1] == TOTAL for f in fields),
        fields=tuple(fields),
    )


def fetched(names: list[str], fields: Iterable[tuple[str, int, Any]]) -> Fetched:
    """What the page fetches of each node: as the resolver would (names_detail), but of its
    outgoing relationships only the types the selection asks for."""
    detail = names_detail(names)
    types = frozenset(relation_types(fields))
    if not types:
        return detail
    assert detail in ("identity", "plain"), detail  # what else a compiled node asks
    return Links(types, plain=detail == "plain")


def relation_types(fields: Iterable[tuple[str, int, Any]]) -> list[str]:
    found = []
    for _, how, argument in fields:
        if how == RELATION:
            found.append(argument[0])
        elif how in (EDGES, NODES, NODE):
            found += relation_types(argument)
    return found


def edge_fields(
    catalogue: Catalogue, kind: str, node: FieldNode, names: list[str], edge_type: Any
) -> Fields:
    fields: list[tuple[str, int, Any]] = []
    for selection in fields_of(node):
        name = selection.name.value
        response_name = selection.alias.value if selection.alias else name
        if name == "__typename":
            fields.append((response_name, TYPENAME, named_type(edge_type).name))
        elif name == "cursor":
            fields.append((response_name, CURSOR, None))
        elif name == "distanceKm":
            fields.append((response_name, DISTANCE, None))
        elif name == "node":
            fields.append((response_name, NODE, node_fields(catalogue, kind, selection, names)))
        else:
            raise Unsupported("field", f"{named_type(edge_type).name}.{name} is not compiled")
    return tuple(fields)


def page_fields(node: FieldNode) -> Fields:
    fields: list[tuple[str, int, Any]] = []
    for selection in fields_of(node):
        name = selection.name.value
        response_name = selection.alias.value if selection.alias else name
        if name == "__typename":
            fields.append((response_name, TYPENAME, "PageInfo"))
        elif name in PAGE_FIELDS:
            fields.append((response_name, PAGE_INFO, name))
        else:
            raise Unsupported("field", f"PageInfo.{name} is not compiled")
    return tuple(fields)


def node_fields(catalogue: Catalogue, kind: str, node: FieldNode, names: list[str]) -> Fields:
    """A node's selection, made from its row; `names` gathers what it asks for."""
    fields: list[tuple[str, int, Any]] = []
    for selection in fields_of(node):
        name = selection.name.value
        response_name = selection.alias.value if selection.alias else name
        where = f"{kind}.{name}"
        if selection.arguments:
            raise Unsupported("argument", f"{where}: arguments are not compiled")
        relation = catalogue.relation(kind, name)
        if relation is None and selection.selection_set is not None:
            raise Unsupported("field", f"{where} is not compiled")
        if relation is None:  # a relation's type is fetched on its own (`fetched`)
            names.append(name)
        if name in ("__typename", "typeName"):
            fields.append((response_name, NODE_KIND, None))
        elif name == "id":
            fields.append((response_name, NODE_ID, None))
        elif name == "name":
            fields.append((response_name, NAME, None))
        elif name == "retracted":
            fields.append((response_name, RETRACTED, None))
        elif (leaf := catalogue.leaf(kind, name)) is not None:
            fields.append((response_name, LEAF, leaf))
        elif relation is not None:
            if selection.selection_set is None:
                raise Unsupported("field", f"{where} needs a selection")
            identity = tuple(identity_of(selection, where))
            fields.append(
                (response_name, RELATION, (relation.type, relation.kind, relation.single, identity))
            )
        else:
            raise Unsupported("field", f"{where} is not compiled")
    return tuple(fields)
