"""The GraphQL object for a projected node row: each plain field from its property."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, cast

import strawberry

from api.types.deeds import Attack, Figure, Interception, Target
from api.types.entity import Entity
from api.types.kinds import (
    Actor,
    Agreement,
    Event,
    Location,
    Source,
    Statement,
    TargetCategory,
)
from api.types.provenance import time_bounds
from graph.queries.entities import EntityRow
from graph.queries.explore import NodeSummaryRow

ENTITY_TYPES: list[type[Entity]] = [
    Actor,
    Location,
    Event,
    Statement,
    Agreement,
    Attack,
    Interception,
    Target,
    Figure,
    TargetCategory,
    Source,
]

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


def build(row: EntityRow) -> Entity:
    """The GraphQL object for a projected node row: each plain field from its property."""
    labels = set(row.get("labels") or [])
    kind = next((cls for cls in ENTITY_TYPES if cls.__name__ in labels), Source)
    properties = cast(Mapping[str, object], row)
    # Constructor arguments: each field gets its property, whatever the kind declares.
    values: dict[str, Any] = {
        "id": strawberry.ID(row["id"]),
        "name": row.get("name"),
        "row": row,
    }
    if kind is Figure and values["name"] is None:
        values["name"] = figure_name(row)
    for field in dataclasses.fields(kind):
        if not field.init or field.name in values:
            continue
        if field.name in TIME_FIELDS:
            values[field.name] = time_bounds(row, TIME_FIELDS[field.name])
            continue
        value = properties.get(camel(field.name))
        values[field.name] = EMPTY.get(field.type) if value is None else value
    return kind(**values)
