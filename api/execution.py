"""A cheaper graphql-core executor for deedgraph's answers, which are mostly plain leaves.

graphql-core completes every field the same general way: a Path, a GraphQLResolveInfo, the
argument values, the resolver, then complete_value's chain of type tests down to the scalar's
coercion. For a leaf that is a plain attribute (no resolver of its own, no arguments, a scalar
or an enum) all of that comes down to `getattr` and the type's coercion. Measured in-process
(bench/layer.py, one 50-item answer of 7 fields), the general way was most of the request.

FastExecutionContext completes such leaves directly and hands every other field, and every
leaf whose value is null where null is not allowed or whose coercion fails, to the standard
path, which then builds the very error (message, path, locations) it always did. With
resolver middleware (an extension hooking `resolve`, like OpenTelemetry's tracing) every
field takes the standard path, so the middleware sees each one.

DEEDGRAPH_FAST_PATH=false keeps graphql-core's own executor throughout; the differential
tests (tests/integration/test_two_paths.py) ask both and compare the answers."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any, NamedTuple, cast

from graphql import (
    GraphQLBoolean,
    GraphQLField,
    GraphQLID,
    GraphQLLeafType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLString,
    is_leaf_type,
)
from graphql.execution.collect_fields import GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path, Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

TYPENAME = "__typename"


class Leaf(NamedTuple):
    """How to complete one plain leaf field: its attribute, its type, whether null is an
    error (left to the standard path to raise), and the Python type whose values the
    type's coercion gives back unchanged (a str for String and ID, a bool for Boolean)."""

    attribute: str
    kind: GraphQLLeafType
    non_null: bool
    unchanged: type | None


# graphql-core's own coercions of these give a value of this exact type back as it is.
UNCHANGED: dict[GraphQLLeafType, type] = {GraphQLString: str, GraphQLID: str, GraphQLBoolean: bool}

# A field's plan: a Leaf, or None for "take the standard path". Planned once per schema (the
# key holds the schema's type), not per request.
_plans: dict[tuple[GraphQLObjectType, str], Leaf | None] = {}


def plan(parent_type: GraphQLObjectType, name: str) -> Leaf | None:
    key = (parent_type, name)
    try:
        return _plans[key]
    except KeyError:
        pass
    field = parent_type.fields.get(name)
    leaf = _leaf(field) if field is not None else None
    _plans[key] = leaf
    return leaf


def _leaf(field: GraphQLField) -> Leaf | None:
    # Strawberry marks the resolver of a field with no resolver, permission or extension
    # of its own (`field.get_result` is then `getattr(source, python_name)`).
    resolve = field.resolve
    if resolve is None or not getattr(resolve, "_is_default", False) or field.args:
        return None
    strawberry_field = _strawberry_field(resolve)
    if strawberry_field is None or strawberry_field.base_resolver is not None:
        return None
    if strawberry_field.default_resolver is not getattr:
        return None
    kind: Any = field.type
    non_null = isinstance(kind, GraphQLNonNull)
    if non_null:
        kind = kind.of_type
    if not is_leaf_type(kind):
        return None
    return Leaf(strawberry_field.python_name, kind, non_null, UNCHANGED.get(kind))


def _strawberry_field(resolve: Any) -> Any:
    """The StrawberryField a basic resolver closes over."""
    for cell in getattr(resolve, "__closure__", None) or ():
        value = cell.cell_contents
        if hasattr(value, "python_name") and hasattr(value, "base_resolver"):
            return value
    return None


# One selection's plan: each response name with its Leaf, TYPENAME, or None (standard path).
Row = tuple[tuple[str, Leaf | str | None, Any], ...]


class FastExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        middleware = self.middleware_manager
        # Resolver middleware must see every field: then every field takes the standard path.
        self.fast = middleware is None or not middleware.middlewares
        # graphql-core memoizes a selection's grouped fields (collect_subfields), so the 50
        # items of a list share one: planned once per request, not once per item. The value
        # keeps the key's object alive, so its id is not reused meanwhile.
        self.rows: dict[int, tuple[GroupedFieldSet, GraphQLObjectType, Row]] = {}

    def row(self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet) -> Row:
        known = self.rows.get(id(grouped_field_set))
        if known is not None and known[1] is parent_type:
            return known[2]
        row: list[tuple[str, Leaf | str | None, Any]] = []
        for response_name, field_details_list in grouped_field_set.items():
            name = field_details_list[0].node.name.value
            how = TYPENAME if name == TYPENAME else plan(parent_type, name)
            row.append((response_name, how, field_details_list))
        done = tuple(row)
        self.rows[id(grouped_field_set)] = (grouped_field_set, parent_type, done)
        return done

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        if source_value is None or not self.fast:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        # Leaves done here; the rest (and any leaf that needs an error) by the standard
        # path. Every key is set here first, so the answer keeps the document's order.
        results: dict[str, Any] = {}
        rest: GroupedFieldSet = {}
        for response_name, how, field_details_list in self.row(parent_type, grouped_field_set):
            if isinstance(how, Leaf):
                leaf = how
                try:
                    value = getattr(source_value, leaf.attribute)
                    if value is None:
                        if not leaf.non_null:
                            results[response_name] = None
                            continue
                    elif value.__class__ is leaf.unchanged:
                        results[response_name] = value
                        continue
                    else:
                        coerced = leaf.kind.coerce_output_value(value)
                        if coerced is not None and coerced is not Undefined:
                            results[response_name] = coerced
                            continue
                except Exception:  # the standard path raises it again, located
                    pass
            elif how is TYPENAME:
                results[response_name] = parent_type.name
                continue
            results[response_name] = Undefined
            rest[response_name] = field_details_list
        if not rest:
            return results
        standard = super().execute_fields(parent_type, source_value, path, rest, position_context)
        if self.is_awaitable(standard):
            pending = cast(Awaitable[dict[str, Any]], standard)

            async def merged() -> dict[str, Any]:
                return _merge(results, len(rest), await pending)

            return merged()
        return _merge(results, len(rest), cast(dict[str, Any], standard))


def _merge(results: dict[str, Any], rest: int, standard: dict[str, Any]) -> dict[str, Any]:
    results.update(standard)
    if len(standard) == rest:
        return results
    # A field the schema does not know is left out, as the standard path leaves it out.
    return {key: value for key, value in results.items() if value is not Undefined}
