"""The typed write inputs follow the facts-file models field for field, and give back what a
facts file would have said."""

from __future__ import annotations

import datetime as dt
import typing

import pytest
from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLNonNull
from pydantic import BaseModel
from strawberry.utils.str_converters import to_camel_case

from api.schema import build_schema
from api.types import inputs
from graph.domain import vocabulary
from graph.ingest.facts import models, time_spec
from graph.settings import Settings

SCHEMA = build_schema(Settings.from_env({})).as_str()
GRAPHQL = build_schema(Settings.from_env({}))._schema


def input_of(model: type[BaseModel]) -> GraphQLInputObjectType:
    found = GRAPHQL.get_type(inputs.NAMES[model])
    assert isinstance(found, GraphQLInputObjectType)
    return found


@pytest.mark.parametrize("model", list(inputs.NAMES), ids=lambda m: m.__name__)
def test_every_model_field_is_an_input_field_and_required_alike(model: type[BaseModel]) -> None:
    made = input_of(model)
    expected = {
        to_camel_case(name): info.is_required()
        for name, info in model.model_fields.items()
        if (model, name) not in inputs.LEFT_OUT
    }
    assert {name: isinstance(f.type, GraphQLNonNull) for name, f in made.fields.items()} == (
        expected
    )


def test_a_source_over_http_has_no_file_to_point_at() -> None:
    assert "textFile" not in input_of(models.SourceSpec).fields


# The vocabularies some facts-file field uses (graph/domain/vocabulary.py holds others too,
# for imports and answers only): each becomes an enum of the schema.
USED = [
    n
    for n, a in vars(vocabulary).items()
    if typing.get_origin(a) is typing.Literal and n in SCHEMA.split()
]


def test_the_facts_files_vocabularies_are_all_found() -> None:
    assert {"ActorKind", "AttackCategory", "PartyRole", "Weapon", "Precision"} <= set(USED)


@pytest.mark.parametrize("name", USED)
def test_each_vocabulary_is_an_enum_of_its_own_words(name: str) -> None:
    enum = GRAPHQL.get_type(name)
    assert isinstance(enum, GraphQLEnumType)
    assert list(enum.values) == list(typing.get_args(getattr(vocabulary, name)))


def test_ids_are_ids_and_durations_durations() -> None:
    actor = input_of(models.ActorSpec).fields
    assert str(actor["id"].type) == "ID!" and str(actor["partOf"].type) == "[ID!]"
    time = input_of(time_spec.TimeSpec).fields
    assert str(time["offset"].type) == "Duration"
    assert str(time["zone"].type) == "[String!]"


def test_an_input_gives_back_the_facts_file_shape_without_what_was_left_out() -> None:
    kind = inputs.vocabulary_enum(vocabulary.AttackKind)
    category = inputs.vocabulary_enum(vocabulary.AttackCategory)
    status = inputs.vocabulary_enum(vocabulary.TargetStatus)
    attack = inputs.AttackInput(
        id="attack:x",
        name="X",
        kind=kind["incident"],
        category=category["missile_attack"],
        time=inputs.input_type(time_spec.TimeSpec)(
            text="that night", date=dt.date(2025, 3, 19), zone=["Europe/Kyiv"]
        ),
        targets=[
            inputs.input_type(models.TargetSpec)(
                name="Homes", category="residential", status=status["targeted"]
            )
        ],
    )
    plain = inputs.plain(attack)
    assert plain == {
        "id": "attack:x",
        "name": "X",
        "kind": "incident",
        "category": "missile_attack",
        "time": {"text": "that night", "date": dt.date(2025, 3, 19), "zone": ["Europe/Kyiv"]},
        "targets": [{"name": "Homes", "category": "residential", "status": "targeted"}],
    }
    spec = models.AttackSpec.model_validate(plain)
    assert spec.figures == [] and spec.targets[0].status == "targeted"


def test_problem_paths_are_said_in_the_clients_names() -> None:
    assert inputs.graphql_path("fact.part_of[0]") == "fact.partOf[0]"
    assert inputs.graphql_path("fact.figures[1].reported_by") == "fact.figures[1].reportedBy"
    assert inputs.graphql_path("fact.time.in_force_from") == "fact.time.inForceFrom"


def test_without_power_is_a_figure_metric_of_the_facts_file_and_the_schema() -> None:
    """Issue 25's metrics: households or people left without electricity."""
    assert "without_power" in typing.get_args(vocabulary.FigureMetric)
    enum = GRAPHQL.get_type("FigureMetric")
    assert isinstance(enum, GraphQLEnumType) and "without_power" in enum.values
    spec = models.FigureSpec(metric="without_power", value=40000, quotes=["40,000 households"])
    assert (spec.metric, spec.value) == ("without_power", 40000)
