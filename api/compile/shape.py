"""A compiled query's record made into the answer: each item named by its response names, its
leaves coerced by graphql-core's own coercions, its related entities kept or dropped as the
standard path's resolvers keep them (api/types/reach.py: the kind the labels make,
not retracted, the first relationship only for a single one).

Where the standard path would raise an error (a null or an uncoercible value in a field that
cannot have it), Violation says so and the request is answered by the standard path, which
raises it with its message and path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import GraphQLBoolean, GraphQLID, GraphQLScalarType, GraphQLString, Undefined

from api.compile.catalogue import Leaf
from api.types.build import figure_name, kind_of
from api.types.entity import Entity


class Violation(Exception):
    """The standard path would answer with an error here."""


# How a field's value is made from an item.
CONSTANT = 0  # the argument itself (a concrete type's __typename and typeName)
KIND = 1  # the name of the kind the labels make (an interface's __typename and typeName)
RETRACTED = 2  # bool(retracted)
LEAF = 3  # a plain field: the argument is (index, Leaf)
NAME = 4  # the name, or a figure's made-up name: the argument is its index
LIST = 5  # related entities: (index, Shape)
FIRST = 6  # the first related entity: (index, Shape, non-null)


@dataclass(frozen=True)
class Shape:
    """An object in the answer: the kind its entity must be, whether it must be an Entity
    node and not retracted (related entities; a root field's are matched as entities and
    answered retracted or not), and its fields as (response name, how, argument)."""

    kind: type[Entity]
    entity: bool
    hide_retracted: bool
    fields: tuple[tuple[str, int, Any], ...]


UNCHANGED: dict[GraphQLScalarType, type] = {
    GraphQLString: str,
    GraphQLID: str,
    GraphQLBoolean: bool,
}


def keeps(shape: Shape, item: list[Any]) -> bool:
    if shape.entity and not item[2]:
        return False
    if shape.hide_retracted and item[1]:
        return False
    return issubclass(kind_of(item[0] or []), shape.kind)


def made(shape: Shape, item: list[Any]) -> dict[str, Any]:
    answer: dict[str, Any] = {}
    for response_name, how, argument in shape.fields:
        if how == LEAF:
            index, leaf = argument
            answer[response_name] = completed(item[index], leaf)
        elif how == CONSTANT:
            answer[response_name] = argument
        elif how == KIND:
            answer[response_name] = kind_of(item[0] or []).__name__
        elif how == RETRACTED:
            answer[response_name] = bool(item[1])
        elif how == NAME:
            answer[response_name] = named(item, argument)
        elif how == LIST:
            index, inner = argument
            answer[response_name] = [made(inner, i) for i in item[index] if keeps(inner, i)]
        else:  # FIRST
            index, inner, non_null = argument
            far = item[index]
            if far is not None and keeps(inner, far):
                answer[response_name] = made(inner, far)
            elif non_null:
                raise Violation(response_name)
            else:
                answer[response_name] = None
    return answer


def named(item: list[Any], index: int) -> str | None:
    name, metric, value = item[index]
    if name is None and kind_of(item[0] or []).__name__ == "Figure":
        name = figure_name({"id": "", "metric": metric, "value": value})
    named: str | None = completed(name, NAME_LEAF)
    return named


NAME_LEAF = Leaf("name", None, GraphQLString, False, False, False)


def completed(value: Any, leaf: Leaf) -> Any:
    if value is None:
        value = leaf.empty  # as api/types/build.py builds the object
        if value is None:
            if leaf.non_null:
                raise Violation(leaf.key)
            return None
    if not leaf.is_list:
        return scalar(value, leaf.scalar)
    if not isinstance(value, list):
        raise Violation(leaf.key)
    items: list[Any] = []
    for one in value:
        if one is None:
            if leaf.item_non_null:
                raise Violation(leaf.key)
            items.append(None)
        else:
            items.append(scalar(one, leaf.scalar))
    return items


def scalar(value: Any, kind: GraphQLScalarType) -> Any:
    if value.__class__ is UNCHANGED.get(kind):
        return value
    try:
        coerced = kind.coerce_output_value(value)
    except Exception as error:  # the standard path raises it, located
        raise Violation(str(error)) from None
    if coerced is None or coerced is Undefined:
        raise Violation(repr(value))
    return coerced


def answer_of(roots: tuple[tuple[str, Shape | None], ...], record: list[Any]) -> dict[str, Any]:
    """The data: each root field's entity (the last matched, as the loader keeps the last of
    a repeated id) or null; a root's None shape is Query's __typename."""
    data: dict[str, Any] = {}
    results = iter(record)
    for response_name, shape in roots:
        if shape is None:
            data[response_name] = "Query"
            continue
        found = next(results)
        item = found[-1] if found else None
        data[response_name] = made(shape, item) if item is not None and keeps(shape, item) else None
    return data
