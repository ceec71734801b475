"""A compiled analysis asked (api/compile/analyses.py): its arguments converted as Strawberry
converts them for the resolver, its question asked for one row more than its size, and the
answer shaped from the rows. What the standard path would answer otherwise (an argument it
refuses, an empty answer, which it checks against the subject, an identity the rows do not
carry, a value it cannot coerce) is left to it: Unsupported says which."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import strawberry
from graphql import FieldNode, GraphQLError, GraphQLField, GraphQLScalarType
from graphql.execution.values import VariableValues, get_argument_values
from strawberry.types.arguments import convert_arguments

from api.compile.analyses import ENTITY, ID, OBJECT, TYPENAME, VALUE, AnalysisPlan, Fields
from api.compile.compiler import Unsupported
from api.compile.shape import Violation, completed
from api.fields import rest_of, result_size
from api.types.build import KINDS, kind_of
from api.types.entity import Entity
from api.types.reach import known
from graph.errors import DeedgraphError
from graph.store.database import Database


@dataclass(frozen=True)
class Rows:
    data: dict[str, Any]
    truncated: list[dict[str, Any]]


async def analysis_answer(
    plan: AnalysisPlan,
    schema: strawberry.Schema,
    database: Database,
    variables: VariableValues,
) -> Rows:
    """The answer, or Unsupported: the standard path answers."""
    try:
        kwargs = resolver_arguments(schema, plan.root.field, plan.root.node, variables)
        size = result_size(kwargs.pop("first", None))
        question = plan.question(database, **kwargs)
    except (GraphQLError, DeedgraphError, TypeError, ValueError):
        raise Unsupported("arguments", "its arguments do not hold") from None
    rows = await question.fetch(size + 1)
    if not rows:
        raise Unsupported("empty", "an empty answer is checked against its subject")
    truncated = []
    if len(rows) > size:
        path = [plan.root.response_name]
        truncated.append({"path": path, "shown": size, "total": None, "rest": rest_of(size)})
        rows = rows[:size]
    identities = {node["id"]: node for node in known(rows)}
    try:
        items = [
            made(plan.fields, row, identities)
            for row in rows
            if all(entity(identities, n.read(row), n.kind) is not None for n in plan.required)
        ]
    except (Violation, ValueError, KeyError, TypeError):
        raise Unsupported("error", "the answer has an error") from None
    data: dict[str, Any] = {name: "Query" for name in plan.root.typenames}
    data[plan.root.response_name] = items
    return Rows(data, truncated)


def resolver_arguments(
    schema: strawberry.Schema, field: GraphQLField, node: FieldNode, variables: VariableValues
) -> dict[str, Any]:
    """A root field's arguments as its resolver receives them: coerced by graphql-core, then
    converted by Strawberry (input objects, enums, scalars) and named in Python."""
    values = get_argument_values(field, node, variables)
    definition = field.extensions["strawberry-definition"]
    return convert_arguments(
        values,
        definition.arguments,
        scalar_registry=schema.schema_converter.scalar_registry,
        config=schema.config,
    )


def made(fields: Fields, row: Any, identities: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = {}
    for response_name, how, argument in fields:
        if how == VALUE:
            read, (leaf, enum) = argument
            value = read(row)
            answer[response_name] = completed(value, leaf) if leaf else enumerated(enum, value)
        elif how == ENTITY:
            read, kind, many, identity = argument
            if many:
                found = (entity(identities, id, kind) for id in read(row))
                answer[response_name] = [shown(e, identity) for e in found if e is not None]
            else:
                one = entity(identities, read(row), kind)
                answer[response_name] = None if one is None else shown(one, identity)
        elif how == OBJECT:
            answer[response_name] = made(argument, row, identities)
        else:
            assert how == TYPENAME
            answer[response_name] = argument
    return answer


def entity(identities: dict[str, Any], id: str | None, kind: str) -> tuple[str, str] | None:
    """(id, kind's name) of the entity the row names, when it is of `kind` and not retracted;
    Unsupported when the rows do not carry its identity (the standard path then loads it)."""
    if id is None:
        return None
    row = identities.get(id)
    if row is None:
        raise Unsupported("identity", "the rows do not say what every entity is")
    if row.get("retracted"):
        return None
    made_kind = kind_of(row.get("labels") or [])
    wanted = Entity if kind == "Entity" else KINDS[kind]
    return (str(row["id"]), made_kind.__name__) if issubclass(made_kind, wanted) else None


def shown(found: tuple[str, str], identity: tuple[tuple[str, int], ...]) -> dict[str, str]:
    return {name: found[0] if how == ID else found[1] for name, how in identity}


def enumerated(enum: Any, value: Any) -> Any:
    try:
        return cast(GraphQLScalarType, enum).coerce_output_value(value)
    except Exception:  # the standard path raises it, located
        raise Violation(repr(value)) from None
