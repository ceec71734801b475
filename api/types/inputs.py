"""Typed write inputs: GraphQL input types generated from the facts-file models the loader
validates with (graph/ingest/facts/models.py), so GraphiQL completes them and frontends can
generate code from them, and a field added to the format appears here without a second list.

Strawberry's own `experimental.pydantic.input(all_fields=True)` cannot map these models: it
stops at the vocabularies (`Literal`), at durations and at a zone given as one name or
several (tried: "Unexpected type typing.Literal[...]"). So the walk below maps each model field
itself: a vocabulary becomes an enum whose values are the vocabulary's own words (the words
answers return), a duration an ISO 8601 string, nested models their own input types.

The input is turned back into the facts-file shape (`plain`) and validated by the loader as a
facts file would be; nothing is checked twice in two ways.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Annotated, Any, NewType, Union, get_args, get_origin

import strawberry
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from strawberry.types.base import has_object_definition
from strawberry.types.scalar import ScalarDefinition
from strawberry.utils.str_converters import to_camel_case

from graph.domain import vocabulary
from graph.ingest.facts import fields, models, time_spec

Duration = NewType("Duration", str)
# The schema's scalar_map (api/schema.py): checked as a duration by the loader, like a file's.
SCALARS: dict[object, ScalarDefinition] = {
    Duration: strawberry.scalar(
        name="Duration", description="An ISO 8601 duration: P1D (a day), PT6H (six hours)."
    )
}

# Input types are named after what they describe, not after the models' "Spec" suffix.
NAMES: dict[type[BaseModel], str] = {
    models.SourceSpec: "SourceInput",
    models.ActorSpec: "ActorInput",
    models.LocationSpec: "LocationInput",
    models.EventSpec: "EventInput",
    models.StatementSpec: "StatementInput",
    models.ConductSpec: "ConductInput",
    models.AgreementSpec: "AgreementInput",
    models.PartySpec: "PartyInput",
    models.AttackSpec: "AttackInput",
    models.TargetSpec: "TargetInput",
    models.FigureSpec: "FigureInput",
    models.SameAsSpec: "SameAsInput",
    models.Drafted: "DraftedInput",
    time_spec.TimeSpec: "TimeInput",
    time_spec.Bounds: "BoundsInput",
    time_spec.Supplied: "SuppliedInput",
}
# Files exist only for the CLI: a write over HTTP gives a source's text inline.
LEFT_OUT = {(models.SourceSpec, "text_file")}
EVIDENCE = set(fields.Evidenced.model_fields)


def _vocabularies() -> dict[Any, str]:
    named = {**vars(vocabulary), "TimePart": time_spec.TimePart}
    return {alias: name for name, alias in named.items() if get_origin(alias) is typing.Literal}


VOCABULARIES = _vocabularies()
_enums: dict[str, type[enum.Enum]] = {}
_inputs: dict[type[BaseModel], type] = {}


def vocabulary_enum(literal: Any) -> type[enum.Enum]:
    name = VOCABULARIES.get(literal)
    if name is None:
        raise TypeError(f"{literal} is not one of graph/domain/vocabulary's vocabularies")
    if name not in _enums:
        words = get_args(literal)
        made = enum.Enum(name, {word: word for word in words})  # type: ignore[misc]
        _enums[name] = strawberry.enum(made, description=f"The facts format's {name} words.")
    return _enums[name]


# What marks a field as a fact's id (graph/ingest/facts/fields.py): given the ID type.
ID_RULE = get_args(fields.Id)[1]


def graphql_type(annotation: Any, metadata: list[Any] | None = None) -> Any:
    """The GraphQL type standing for one pydantic annotation (and its constraints)."""
    if ID_RULE in (metadata or []) and annotation is str:
        return strawberry.ID
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *rules = get_args(annotation)
        return graphql_type(inner, rules)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        # A zone is one name or several: taken as a list, one name being a list of one.
        many = [a for a in options if get_origin(a) is list]
        chosen = graphql_type(many[0] if many else options[0])
        return chosen | None if len(options) < len(get_args(annotation)) or many else chosen
    if origin is typing.Literal:
        return vocabulary_enum(annotation)
    if origin is list:
        return list[graphql_type(get_args(annotation)[0])]  # type: ignore[misc]
    if annotation is dt.timedelta:
        return Duration
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return input_type(annotation)
    return annotation


def _field(info: FieldInfo, kind: Any) -> tuple[Any, Any]:
    """The field's type and its strawberry field: optional when the model has a default."""
    description = info.description
    if info.is_required():
        return kind, strawberry.field(description=description)
    default = info.default
    if isinstance(default, str) and isinstance(kind, type) and issubclass(kind, enum.Enum):
        default = kind(default)
    elif not isinstance(default, str | int | float | bool):
        default = None
    optional = kind if get_origin(kind) in (Union, types.UnionType) else kind | None
    return optional, strawberry.field(description=description, default=default)


def input_type(model: type[BaseModel]) -> type:
    """The GraphQL input type for one facts-file model (made once, then reused)."""
    if model not in _inputs:
        annotations: dict[str, Any] = {}
        namespace: dict[str, Any] = {"__annotations__": annotations}
        # A fact's own fields first; where it comes from (quotes, source, note) after them.
        owned = sorted(model.model_fields.items(), key=lambda item: item[0] in EVIDENCE)
        for name, info in owned:
            if (model, name) in LEFT_OUT:
                continue
            kind = graphql_type(info.annotation, info.metadata)
            annotations[name], namespace[name] = _field(info, kind)
        made = type(NAMES[model], (), namespace)
        told = " ".join((model.__doc__ or "").split())
        description = told or f"{NAMES[model][:-5]}, as in a facts file (docs/facts-format.md)."
        _inputs[model] = strawberry.input(made, description=description)
    return _inputs[model]


def plain(value: Any) -> Any:
    """An input back in the facts-file shape: model field names, vocabulary words, and
    nothing for what the client left out (so the model's defaults apply)."""
    if has_object_definition(value):
        fields = {name: plain(getattr(value, name)) for name in vars(value)}
        return {name: field for name, field in fields.items() if field is not None}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list):
        return [plain(item) for item in value]
    if value is strawberry.UNSET:
        return None
    return value


def graphql_path(path: str) -> str:
    """A problem's field path in the names the client wrote: 'fact.part_of' -> 'fact.partOf'."""
    return ".".join(to_camel_case(part) for part in path.split("."))


SourceInput = input_type(models.SourceSpec)
ActorInput = input_type(models.ActorSpec)
LocationInput = input_type(models.LocationSpec)
EventInput = input_type(models.EventSpec)
StatementInput = input_type(models.StatementSpec)
AgreementInput = input_type(models.AgreementSpec)
AttackInput = input_type(models.AttackSpec)
