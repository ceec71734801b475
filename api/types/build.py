"""The GraphQL object for a projected node row: each plain field from its property."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

import strawberry

from api.types.provenance import time_bounds
from graph.queries.entities import EntityRow
from graph.queries.explore import NodeSummaryRow

if TYPE_CHECKING:
    from api.types.entity import Entity

# Every kind of entity by name, registered by Entity.__init_subclass__ as api/types/kinds.py
# and deeds.py define them (api/types/__init__.py imports both, so it is whole whichever
# module is imported first).
KINDS: dict[str, type[Entity]] = {}
# The kind a node is built as when its labels name more than one: the first of these.
PRECEDENCE = (
    "Actor",
    "Location",
    "Event",
    "Statement",
    "Agreement",
    "Attack",
    "Interception",
    "Target",
    "Figure",
    "TargetCategory",
    "Source",
)


def entity_types() -> list[type[Entity]]:
    """Every kind of entity, in PRECEDENCE order (then any other, by name)."""
    order = {name: i for i, name in enumerate(PRECEDENCE)}
    return sorted(
        KINDS.values(), key=lambda kind: (order.get(kind.__name__, len(order)), kind.__name__)
    )


# The row key of a field where it is not simply the field's name in camelCase.
ROW_KEYS = {"iso3166_2": "iso3166_2"}
# Time fields and the prefix of their properties on the node.
TIME_FIELDS = {"time": "", "in_force": "inForce", "expires": "expires"}
# What a missing value becomes in a field that cannot be null.
# (Strawberry leaves some annotations as text and resolves others to classes.)
EMPTY: dict[object, object] = {"str": "", str: "", "list[str]": [], "bool": False, bool: False}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return ROW_KEYS.get(name, head + "".join(part.title() for part in rest))


def figure_name(row: EntityRow | NodeSummaryRow) -> str | None:
    """Figures have no name of their own: "2 facilities hit" (None without the figure's row)."""
    if row.get("metric") is None:
        return None
    metric = str(row["metric"]).replace("_", " ")
    value = row.get("value")
    return f"{value} {metric}" if value is not None else f"{metric} (no number given)"


# How each kind is built, worked out once per kind: walking its dataclass fields and
# camel-casing their names on every row took 7 of the 11 µs an attack known by its identity
# took to build, and 4.5 of 12 µs with its properties (a violations answer builds 100).
Plan = tuple[tuple[tuple[str, str, object], ...], tuple[tuple[str, str], ...]]
PLANS: dict[type[Entity], Plan] = {}
BY_LABELS: dict[tuple[str, ...], type[Entity]] = {}


def plan(kind: type[Entity]) -> Plan:
    """The kind's plain fields as (field, row key, value when missing), and its time fields
    as (field, property prefix)."""
    found = PLANS.get(kind)
    if found is None:
        fields = [f for f in dataclasses.fields(kind) if f.init and f.name not in BUILT]
        found = PLANS[kind] = (
            tuple(
                (f.name, camel(f.name), EMPTY.get(f.type))
                for f in fields
                if f.name not in TIME_FIELDS
            ),
            tuple((f.name, TIME_FIELDS[f.name]) for f in fields if f.name in TIME_FIELDS),
        )
    return found


def kind_of(labels: list[str]) -> type[Entity]:
    key = tuple(labels)
    kind = BY_LABELS.get(key)
    if kind is None:
        kind = BY_LABELS[key] = next(
            (c for c in entity_types() if c.__name__ in labels), KINDS["Source"]
        )
    return kind


# Fields every kind gets from the row itself.
BUILT = frozenset({"id", "name", "row"})


def build(row: EntityRow) -> Entity:
    """The GraphQL object for a projected node row: each plain field from its property."""
    kind = kind_of(row.get("labels") or [])
    properties = cast(Mapping[str, object], row)
    # Constructor arguments: each field gets its property, whatever the kind declares.
    values: dict[str, Any] = {
        "id": strawberry.ID(row["id"]),
        "name": row.get("name"),
        "row": row,
    }
    if kind.__name__ == "Figure" and values["name"] is None:
        values["name"] = figure_name(row)
    plain, times = plan(kind)
    for field, key, empty in plain:
        value = properties.get(key)
        values[field] = empty if value is None else value
    for field, prefix in times:
        values[field] = time_bounds(row, prefix)
    return kind(**values)
