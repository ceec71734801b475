"""The analyses compiled: `attacksAfter`, `agreementViolations`, `statementsVersusActions` and
`timeline`, each run as its own one query (the Question its resolver asks, api/fields/), with
the answer shaped from its rows by a plan made once per document instead of by graphql-core.

The subset, per row type (ROWS): the row's own values (read as the resolver reads them,
coerced by the field's GraphQL type as graphql-core coerces them), `__typename`, and the
entities a row names, when their selection asks only what they are (`id`, `__typename`,
`typeName`): the rows carry those identities (graph/queries/projections.py identity), so the
standard path answers them without a query too. Anything else (an entity's other fields,
evidence, reasons, matched targets) is not compiled: the document takes the standard path,
with the reason.

A row the resolver leaves out (its attack retracted or not an attack) is left out here too;
an entity a row names that is not of the field's kind is null, as in the resolver."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    GraphQLEnumType,
    GraphQLObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
)

from api.compile.catalogue import Leaf, leaf_type
from api.compile.compiler import IDENTITY, RootPlan, Unsupported, fields_of, one_root
from api.fields.analysis import Question
from api.fields.questions import (
    agreement_violations_question,
    attacks_after_question,
    statements_versus_actions_question,
    target_inferred,
    timeline_question,
)
from api.types.agreements import Bearing

Row = Mapping[str, Any]
Read = Callable[[Row], Any]


@dataclass(frozen=True)
class Value:
    """A value of the row, as the resolver reads it."""

    read: Read


@dataclass(frozen=True)
class Named:
    """An entity the row names by id (`read` gives the id or None, or a list of ids when
    `many`), shown when of `kind`; a `required` one missing leaves the whole row out."""

    read: Read
    kind: str
    many: bool = False
    required: bool = False


@dataclass(frozen=True)
class Nested:
    """An object made from the same row (a violation's party)."""

    type: str
    fields: Mapping[str, Value | Named]


def _key(name: str) -> Read:
    return lambda row: row[name]


def _optional(name: str) -> Read:
    return lambda row: row[name] or None


MACHINE_CODED = Value(_key("machineCoded"))
DEFINITELY = Value(_key("definitely"))

# What each row type's fields are made of, as the resolvers make them (api/fields/agreements.py,
# explore.py): tests/integration/test_compiled_analyses.py compares every selection of it with
# the standard path's answer, tests/unit/api/test_compile_analyses.py its names with the schema.
ROWS: dict[str, Mapping[str, Value | Named | Nested]] = {
    "AttackAfter": {
        "attack": Named(_key("id"), "Attack", required=True),
        "definitelyAfter": DEFINITELY,
        "hoursAfter": Value(_key("hoursAfter")),
        "machineCoded": MACHINE_CODED,
    },
    "Violation": {
        "attack": Named(_key("attack"), "Attack", required=True),
        "party": Nested(
            "Party",
            {"role": Value(lambda row: str(row["role"])), "actor": Named(_key("party"), "Actor")},
        ),
        "definitelyAfter": DEFINITELY,
        "targetInferred": Value(target_inferred),  # type: ignore[arg-type]
        "machineCoded": MACHINE_CODED,
    },
    "StatementVersusAction": {
        "statement": Named(_optional("statement"), "Statement"),
        "agreement": Named(_optional("agreement"), "Agreement"),
        "action": Named(_key("action"), "Attack", required=True),
        "relation": Value(lambda row: Bearing(row["relation"])),
        "reason": Value(_key("reason")),
        "definitelyAfter": DEFINITELY,
        "targetInferred": Value(_key("targetInferred")),
        "timing": Value(_key("timing")),
        "targets": Named(_key("targets"), "Target", many=True),
        "machineCoded": MACHINE_CODED,
    },
    "TimelineItem": {
        "entity": Named(_key("id"), "Entity", required=True),
        "relations": Value(_key("relations")),
        "machineCoded": MACHINE_CODED,
    },
}

# Root field -> the question its resolver asks (keyword arguments: the resolver's own).
QUESTIONS: dict[str, Callable[..., Question[Any]]] = {
    "attacksAfter": attacks_after_question,
    "agreementViolations": agreement_violations_question,
    "statementsVersusActions": statements_versus_actions_question,
    "timeline": timeline_question,
}

# How a field of the answer is made from a row (shaped by api/compile/rows.py).
TYPENAME = 0  # the argument: the type's name
VALUE = 1  # (read, coerce)
ENTITY = 2  # (read, kind, many, identity fields as (response name, how))
OBJECT = 3  # the nested object's fields, alike

# How an identity field of an entity is made: its id, or its kind's name.
ID = 0
KIND = 1

Fields = tuple[tuple[str, int, Any], ...]


@dataclass(frozen=True)
class AnalysisPlan:
    root: RootPlan
    question: Callable[..., Question[Any]]
    fields: Fields
    # What a row must name to be answered at all, asked or not (the resolver's `continue`).
    required: tuple[Named, ...]


def compile_analysis(schema: GraphQLSchema, operation: OperationDefinitionNode) -> AnalysisPlan:
    """One analysis root field (and any `__typename` beside it) to its plan."""
    root = one_root(schema, operation, QUESTIONS, "analysis")
    row_type = named_type(root.field.type)
    if not isinstance(row_type, GraphQLObjectType) or row_type.name not in ROWS:
        raise Unsupported("field", f"Query.{root.node.name.value} is not compiled")
    return AnalysisPlan(
        root=root,
        question=QUESTIONS[root.node.name.value],
        fields=_fields(schema, row_type, ROWS[row_type.name], root.node),
        required=tuple(
            n for n in ROWS[row_type.name].values() if isinstance(n, Named) and n.required
        ),
    )


def _fields(
    schema: GraphQLSchema,
    parent: GraphQLObjectType,
    table: Mapping[str, Value | Named | Nested],
    node: FieldNode,
) -> Fields:
    fields: list[tuple[str, int, Any]] = []
    for selection in fields_of(node):
        name = selection.name.value
        response_name = selection.alias.value if selection.alias else name
        where = f"{parent.name}.{name}"
        if name == "__typename":
            fields.append((response_name, TYPENAME, parent.name))
            continue
        how = table.get(name)
        field = parent.fields.get(name)
        if how is None or field is None:
            raise Unsupported("field", f"{where} is not compiled")
        if selection.arguments:
            raise Unsupported("argument", f"{where}: arguments are not compiled")
        if isinstance(how, Value):
            if selection.selection_set is not None:
                raise Unsupported("field", f"{where} has no selection")
            fields.append((response_name, VALUE, (how.read, _coercion(field.type, where))))
        elif isinstance(how, Nested):
            nested = schema.type_map.get(how.type)
            assert isinstance(nested, GraphQLObjectType), how.type
            fields.append((response_name, OBJECT, _fields(schema, nested, how.fields, selection)))
        else:
            shown = tuple(identity(selection, where))
            fields.append((response_name, ENTITY, (how.read, how.kind, how.many, shown)))
    return tuple(fields)


def identity(node: FieldNode, where: str) -> list[tuple[str, int]]:
    found = []
    for selection in fields_of(node):
        name = selection.name.value
        if name not in IDENTITY or selection.selection_set is not None or selection.arguments:
            raise Unsupported("field", f"{where}: only what an entity is (its id) is compiled")
        found.append(
            (selection.alias.value if selection.alias else name, ID if name == "id" else KIND)
        )
    return found


def named_type(kind: Any) -> Any:
    while hasattr(kind, "of_type"):
        kind = kind.of_type
    return kind


def _coercion(kind: Any, where: str) -> tuple[Leaf | None, GraphQLEnumType | None]:
    """How a value reaches the answer: a built-in scalar (or a list of one) as a Leaf for
    shape.completed, or an enum, non-null, by its own coercion."""
    typed = leaf_type(kind)
    if typed is not None:
        return Leaf(where, None, *typed), None
    inner = getattr(kind, "of_type", None)
    if isinstance(inner, GraphQLEnumType):
        return None, inner
    raise Unsupported("field", f"{where} is not compiled")
