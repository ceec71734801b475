"""An operation's selection made into a Plan: one Cypher query, the root fields whose `id`
arguments it takes as parameters, and the Shape of the answer. Raises Unsupported, with a
reason for `extensions.compiledReason`, for anything outside the subset:

- root fields: `node`, `actor`, `agreement`, `attack`, `statement`, `location`, `event`,
  `source` (each `(id: ...)`, a literal or a variable), and `__typename`;
- under an entity of a kind: `__typename`, `typeName`, `id`, `name`, `retracted`, the kind's
  plain fields (catalogue.py) and the outgoing relationships of catalogue.RELATIONS, with
  their own selections alike; under `node` or another field typed Entity, only the first
  five;
- no fragments, no directives, no field asked twice under one response name."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from typing import LiteralString

from graphql import (
    FieldNode,
    GraphQLField,
    GraphQLID,
    GraphQLSchema,
    OperationDefinitionNode,
    VariableDefinitionNode,
)

from api.compile import cypher
from api.compile.catalogue import Catalogue, Leaf, property_of
from api.compile.shape import CONSTANT, FIRST, KIND, LEAF, LIST, NAME, RETRACTED, Shape
from api.types.build import KINDS
from api.types.entity import Entity


class Unsupported(Exception):
    """Not in the compiled subset: `code` for the metric, the message for the answer."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# Root fields fetching an entity by id, and the kind they answer (graph/queries/by_id.py).
ROOTS = {
    "node": "Entity",
    "actor": "Actor",
    "agreement": "Agreement",
    "attack": "Attack",
    "statement": "Statement",
    "location": "Location",
    "event": "Event",
    "source": "Source",
}
# Fields every entity answers from the item's head or its own properties.
COMMON = frozenset({"__typename", "typeName", "id", "name", "retracted"})
# What a related entity's selection may hold to be answered from the relationship alone
# (api/types/reach.py IDENTITY): then the standard path does not load it, nor check that
# it is an Entity node.
IDENTITY = frozenset({"id", "__typename", "typeName"})
ID_LEAF = Leaf("id", None, GraphQLID, True, False, False)


@dataclass(frozen=True)
class Root:
    response_name: str
    field: GraphQLField | None  # None: Query's __typename
    node: FieldNode
    shape: Shape | None


@dataclass(frozen=True)
class Plan:
    cypher: LiteralString
    roots: tuple[Root, ...]
    variables: tuple[VariableDefinitionNode, ...]  # the operation's, to coerce them
    operation: str  # its name, for the request's log line and metrics


def compile_operation(
    schema: GraphQLSchema, catalogue: Catalogue, operation: OperationDefinitionNode
) -> Plan:
    query_type = schema.query_type
    if query_type is None:
        raise Unsupported("operation", "the schema has no query type")
    roots: list[Root] = []
    calls: list[LiteralString] = []
    for node in fields_of(operation):
        name = node.name.value
        response_name = node.alias.value if node.alias else name
        if name == "__typename":
            roots.append(Root(response_name, None, node, None))
            continue
        kind = ROOTS.get(name)
        field = query_type.fields.get(name)
        if kind is None or field is None:
            raise Unsupported("field", f"Query.{name} is not compiled")
        if [a.name.value for a in node.arguments or ()] != ["id"] or list(field.args) != ["id"]:
            raise Unsupported("argument", f"Query.{name}: only its id is compiled")
        if len(calls) >= len(cypher.PARAMETERS):
            raise Unsupported("size", "too many root fields")
        var = cypher.VARIABLES[0]
        shape, node_item = selection(catalogue, kind, node, 0, root=True)
        calls.append(cypher.by_id(len(calls), var, node_item))
        roots.append(Root(response_name, field, node, shape))
    if not calls:
        raise Unsupported("field", "no root field fetches an entity")
    return Plan(
        cypher.query(calls),
        tuple(roots),
        tuple(operation.variable_definitions or ()),
        operation_name(operation),
    )


@dataclass(frozen=True)
class RootPlan:
    """What a plan answering one root field from its resolver's query keeps (analyses.py,
    lists.py, explore.py): the field and its node, to convert its arguments as Strawberry
    converts them for the resolver; the operation's own `__typename`s beside it; the
    operation's variables, to coerce them; its name."""

    response_name: str
    field: GraphQLField
    node: FieldNode
    typenames: tuple[str, ...]  # response names of the operation's own __typename
    variables: tuple[VariableDefinitionNode, ...]
    operation: str  # its name, for the request's log line and metrics


def asks(operation: OperationDefinitionNode, names: Container[str]) -> bool:
    """Whether the operation asks for one of these root fields."""
    return any(root.name.value in names for root in fields_of(operation))


def one_root(
    schema: GraphQLSchema, operation: OperationDefinitionNode, names: Container[str], what: str
) -> RootPlan:
    """The operation's one root field (`__typename`s aside), one of `names`."""
    assert schema.query_type is not None
    roots = fields_of(operation)
    asked = [n for n in roots if n.name.value != "__typename"]
    if len(asked) != 1:
        raise Unsupported("size", f"one {what} per compiled document")
    node = asked[0]
    name = node.name.value
    if name not in names:
        raise Unsupported("field", f"Query.{name} is not compiled")
    return RootPlan(
        response_name=node.alias.value if node.alias else name,
        field=schema.query_type.fields[name],
        node=node,
        typenames=tuple(n.alias.value if n.alias else "__typename" for n in roots if n is not node),
        variables=tuple(operation.variable_definitions or ()),
        operation=operation_name(operation),
    )


def operation_name(operation: OperationDefinitionNode) -> str:
    """The operation's name as the request's log line and metrics carry it ("" if none)."""
    return operation.name.value if operation.name else ""


def fields_of(node: OperationDefinitionNode | FieldNode) -> list[FieldNode]:
    """The fields a selection asks for, each under its own response name."""
    found: list[FieldNode] = []
    seen: set[str] = set()
    if node.selection_set is None:
        return found
    for selection in node.selection_set.selections:
        if not isinstance(selection, FieldNode):
            raise Unsupported("fragment", "fragments are not compiled")
        if selection.directives:
            raise Unsupported("directive", "directives are not compiled")
        response_name = selection.alias.value if selection.alias else selection.name.value
        if response_name in seen:
            raise Unsupported("repeated", f"{response_name} is asked for twice")
        seen.add(response_name)
        found.append(selection)
    return found


def selection(
    catalogue: Catalogue, kind: str, node: FieldNode, depth: int, *, root: bool = False
) -> tuple[Shape, LiteralString]:
    """The Shape of an entity of this kind (or of any, "Entity") under `node`, and the Cypher
    item giving it; the node's variable is cypher.VARIABLES[depth]."""
    if depth + 1 >= len(cypher.VARIABLES):
        raise Unsupported("size", "the selection is too deep")
    var = cypher.VARIABLES[depth]
    interface = kind == "Entity"
    fields: list[tuple[str, int, object]] = []
    expressions: list[LiteralString] = []

    def index() -> int:
        return cypher.FIELDS_FROM + len(expressions)

    asked = fields_of(node)
    for field in asked:
        name = field.name.value
        response_name = field.alias.value if field.alias else name
        if field.arguments:
            raise Unsupported("argument", f"{kind}.{name}: arguments are not compiled")
        if field.selection_set is not None and name in COMMON:
            raise Unsupported("field", f"{kind}.{name} has no selection")
        if name in ("__typename", "typeName"):
            fields.append(
                (response_name, KIND, None) if interface else (response_name, CONSTANT, kind)
            )
        elif name == "retracted":
            fields.append((response_name, RETRACTED, None))
        elif name == "id":
            fields.append((response_name, LEAF, (index(), ID_LEAF)))
            expressions.append(var + ".id")
        elif name == "name":
            fields.append((response_name, NAME, index()))
            expressions.append(cypher.name(var))
        elif interface:
            raise Unsupported("field", f"Entity.{name} is not compiled")
        elif (leaf := catalogue.leaf(kind, name)) is not None:
            if field.selection_set is not None:
                raise Unsupported("field", f"{kind}.{name} has no selection")
            fields.append((response_name, LEAF, (index(), leaf)))
            expressions.append(property_of(var, leaf))
        elif (relation := catalogue.relation(kind, name)) is not None:
            if field.selection_set is None:
                raise Unsupported("field", f"{kind}.{name} needs a selection")
            inner, far_item = selection(catalogue, relation.kind, field, depth + 1)
            far = cypher.VARIABLES[depth + 1]
            if relation.single:
                fields.append((response_name, FIRST, (index(), inner, False)))
                expressions.append(cypher.first(var, far, relation.type, far_item))
            else:
                fields.append((response_name, LIST, (index(), inner)))
                expressions.append(cypher.related(var, far, relation.type, far_item))
        else:
            raise Unsupported("field", f"{kind}.{name} is not compiled")
    identity_only = all(f.name.value in IDENTITY for f in asked)
    shape = Shape(
        kind=Entity if interface else KINDS[kind],
        # A root field's entity is matched as an Entity and shown even when retracted; a
        # related one answered from its relationship alone is not checked for the label.
        entity=not root and not identity_only,
        hide_retracted=not root,
        fields=tuple(fields),
    )
    return shape, cypher.item(var, expressions)
