"""Which fields the compiler reads, and how: every entity kind's plain fields (a property of
the node, as api/types/build.py reads it) and the outgoing relationships listed in RELATIONS.
Everything else (resolvers that load accounts, incoming relationships, time bounds, dates,
enums, arguments) is not compiled: the document takes the standard path.

A plain field is compiled only when its value reaches the answer unchanged by Python: its
row key is the node's own property (not one the projection turns into text for Python to
parse, like time bounds and dates) and its GraphQL type is a built-in scalar or a list of
them, coerced by graphql-core's own coercion in shape.py as on the standard path."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, LiteralString

import strawberry
from graphql import (
    GraphQLBoolean,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLString,
)

from api.types.build import entity_types, plan
from graph.queries.projections import DAYS, INSTANTS

SCALARS = frozenset({GraphQLString, GraphQLID, GraphQLInt, GraphQLFloat, GraphQLBoolean})
# Keys the projection (graph/queries/projections.py PLAIN, LINKS, PROVENANCE) sets itself.
PROJECTED = frozenset({*INSTANTS, *DAYS, "labels", "point", "outgoing", "retractions", "evidence"})
# Keys the projection computes: the same expression here (`v` is the node's variable).
COMPUTED: dict[str, tuple[LiteralString, LiteralString, LiteralString]] = {
    "text": ("CASE WHEN ", ":Source THEN null ELSE ", ".text END"),
    "latitude": ("", "", ".point.latitude"),
    "longitude": ("", "", ".point.longitude"),
}
PROPERTY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Relation:
    """A field answered by `related` (a list) or `first` (single) over the node's outgoing
    relationships of one type (api/types/reach.py), to entities of one kind."""

    type: LiteralString
    kind: str  # a kind's name, or "Entity" for any
    single: bool


# (type, field) -> how its resolver reaches the far ends. tests/unit/api/test_compile.py
# reads each resolver's source to check the table says what the resolver does.
RELATIONS: dict[tuple[str, str], Relation] = {
    ("Actor", "country"): Relation("BASED_IN", "Location", True),
    ("Actor", "partOf"): Relation("PART_OF", "Actor", False),
    ("Actor", "speaksFor"): Relation("SPEAKS_FOR", "Actor", False),
    ("Location", "within"): Relation("WITHIN", "Location", True),
    ("Event", "participants"): Relation("PARTICIPANT", "Actor", False),
    ("Event", "location"): Relation("AT", "Location", True),
    ("Statement", "speaker"): Relation("MADE_BY", "Actor", True),
    ("Statement", "about"): Relation("ABOUT", "Entity", False),
    ("TargetCategory", "broader"): Relation("BROADER", "TargetCategory", False),
    ("Agreement", "scope"): Relation("COVERS", "TargetCategory", False),
    ("Attack", "partOf"): Relation("PART_OF", "Attack", True),
    ("Attack", "by"): Relation("CARRIED_OUT_BY", "Actor", False),
    ("Attack", "locations"): Relation("AT", "Location", False),
    ("Attack", "targets"): Relation("HIT", "Target", False),
    ("Attack", "figures"): Relation("HAS_FIGURE", "Figure", False),
    ("Target", "category"): Relation("IN_CATEGORY", "TargetCategory", True),
    ("Target", "location"): Relation("LOCATED_IN", "Location", True),
    ("Figure", "reportedBy"): Relation("REPORTED_BY", "Actor", True),
    ("Figure", "statement"): Relation("REPORTED_IN", "Statement", True),
    ("Figure", "locations"): Relation("IN", "Location", False),
    ("Interception", "by"): Relation("CARRIED_OUT_BY", "Actor", False),
    ("Interception", "against"): Relation("AGAINST", "Actor", False),
    ("Interception", "locations"): Relation("AT", "Location", False),
}


@dataclass(frozen=True)
class Leaf:
    """A plain field: the node's property `key`, what a missing value becomes (build.EMPTY),
    and its GraphQL type (a scalar, or a list of one)."""

    key: str
    empty: object
    scalar: GraphQLScalarType
    non_null: bool
    is_list: bool
    item_non_null: bool


def leaf_type(kind: Any) -> tuple[GraphQLScalarType, bool, bool, bool] | None:
    """(scalar, non-null, list, items non-null) for a built-in scalar or a list of one."""
    non_null = isinstance(kind, GraphQLNonNull)
    kind = kind.of_type if non_null else kind
    is_list = isinstance(kind, GraphQLList)
    item_non_null = False
    if is_list:
        kind = kind.of_type
        item_non_null = isinstance(kind, GraphQLNonNull)
        kind = kind.of_type if item_non_null else kind
    if kind not in SCALARS:
        return None
    return kind, non_null, is_list, item_non_null


class Catalogue:
    """The compiled fields of one schema, worked out once."""

    def __init__(self, schema: strawberry.Schema) -> None:
        self.types: dict[str, GraphQLObjectType] = {}
        self.leaves: dict[tuple[str, str], Leaf] = {}
        graphql_schema = schema._schema
        convert = schema.config.name_converter
        for kind in entity_types():
            name = kind.__name__
            found = graphql_schema.type_map.get(name)
            if not isinstance(found, GraphQLObjectType):
                continue
            self.types[name] = found
            fields = {f.python_name: f for f in kind.__strawberry_definition__.fields}  # type: ignore[attr-defined]
            for python_name, key, empty in plan(kind)[0]:
                field = fields[python_name]
                if field.base_resolver is not None or field.permission_classes:
                    continue
                if field.extensions or key in PROJECTED or not PROPERTY.fullmatch(key):
                    continue
                graphql_name = convert.get_graphql_name(field)
                typed = leaf_type(found.fields[graphql_name].type)
                if typed is not None:
                    self.leaves[name, graphql_name] = Leaf(key, empty, *typed)
        # Relations whose field is as the table says in this schema: a single relation
        # must be nullable (the far end may be retracted), a list a non-null list.
        self.relations = {
            at: relation
            for at, relation in RELATIONS.items()
            if at[0] in self.types and _matches(self.types[at[0]], at[1], relation)
        }

    def leaf(self, kind: str, field: str) -> Leaf | None:
        return self.leaves.get((kind, field))

    def relation(self, kind: str, field: str) -> Relation | None:
        return self.relations.get((kind, field))


def _matches(parent: GraphQLObjectType, name: str, relation: Relation) -> bool:
    field = parent.fields.get(name)
    if field is None or field.args:
        return False
    kind = field.type
    if relation.single:
        return getattr(kind, "name", None) == relation.kind
    return (
        isinstance(kind, GraphQLNonNull)
        and isinstance(kind.of_type, GraphQLList)
        and isinstance(kind.of_type.of_type, GraphQLNonNull)
        and getattr(kind.of_type.of_type.of_type, "name", None) == relation.kind
    )


def property_of(var: LiteralString, leaf: Leaf) -> LiteralString:
    """The Cypher reading a plain field's property of the node `var`: the projection's own
    expression for the keys it computes, else the property itself. The key comes from the
    schema (a dataclass field's name, camel-cased), never from a request, and is checked to
    be a plain identifier before it is written into the query."""
    computed = COMPUTED.get(leaf.key)
    if computed is not None:
        before, middle, after = computed
        return before + (var + middle if middle else "") + var + after
    if not PROPERTY.fullmatch(leaf.key):
        raise ValueError(f"not a property the schema names: {leaf.key!r}")
    key: LiteralString = leaf.key  # checked just above: an identifier from the schema
    return var + "." + key
