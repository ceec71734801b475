"""One GraphQL type per kind of node, built from a projected row; related nodes come from the
request's entity loader, so a nested query costs one Cypher query per level, not per item."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

import strawberry
from strawberry.types.nodes import SelectedField

from api.context import Info
from api.types.common import (
    Evidence,
    Retraction,
    SourceRef,
    TimeBounds,
    evidence,
    retractions,
    source_ref,
    time_bounds,
)
from graph.errors import NotFoundError

Row = dict[str, Any]
E = TypeVar("E", bound="Entity")


def outgoing(row: Row, *types: str) -> list[Row]:
    return [item for item in row.get("outgoing") or [] if item["type"] in types]


async def incoming(info: Info, entity: Entity, *types: str) -> list[Row]:
    """Relationships pointing at the entity, fetched (batched) only when a field needs them."""
    found = await info.context.incoming.load(str(entity.id))
    return [item for item in found if item["type"] in types]


def refs(ids: list[str]) -> list[Row]:
    """Ids known only by themselves: what they are is found by loading them."""
    return [{"id": id} for id in ids]


# Fields an entity answers from a relationship row alone (its id and labels).
IDENTITY = frozenset({"id", "__typename", "typeName"})


def identity_only(info: Info) -> bool:
    """True when the field selects nothing beyond identity: then related nodes need no fetch."""
    for field in info.selected_fields:
        for selection in field.selections:
            if not isinstance(selection, SelectedField) or selection.name not in IDENTITY:
                return False
            if selection.directives:
                return False
    return True


async def related(info: Info, items: list[Row], kind: type[E]) -> list[E]:
    """The entities at the far end of these relationships that are of this kind (not retracted).
    Relationship rows carry the far node's id, labels and retraction, which is all a selection
    of ids needs; anything more comes through the request's loader."""
    if all("labels" in item for item in items) and identity_only(info):
        found: list[Row | None] = list(items)  # unselected fields stay empty
    else:
        found = await info.context.loader.load_many([item["id"] for item in items])
    return [
        e
        for row in found
        if row is not None and not row.get("retracted") and isinstance(e := build(row), kind)
    ]


async def first(info: Info, items: list[Row], kind: type[E]) -> E | None:
    found = await related(info, items[:1], kind)
    return found[0] if found else None


async def require(info: Info, argument: str, id: str, kind: type[E]) -> E:
    """The entity an argument names, or a NOT_FOUND error that says which argument."""
    found = await first(info, refs([id]), kind)
    if found is None:
        noun = "entity" if kind is Entity else kind.__name__.lower()
        raise NotFoundError(f"{argument}: no {noun} with id {id!r}")
    return found


async def edge_evidence(info: Info, props: Row) -> Evidence | None:
    """The source and quotes written on a relationship (a party's role, say)."""
    source_id = props.get("sourceId")
    if source_id is None:
        return None
    row = await info.context.loader.load(source_id)
    ref = source_ref(row) if row is not None else source_ref({"id": source_id})
    return Evidence(
        source=ref,
        quotes=props.get("quotes") or [],
        aspect="relationship",
        external=bool(props.get("external")),
        note=None,
    )


@strawberry.interface(description="Anything in the graph, with a stable, readable id.")
class Entity:
    id: strawberry.ID
    name: str | None
    row: strawberry.Private[Row]

    @strawberry.field(description="The node's kind of entity: Actor, Attack, ...")
    def type_name(self) -> str:
        return type(self).__name__

    @strawberry.field(description="True when the fact has been retracted (see retractions).")
    def retracted(self) -> bool:
        return bool(self.row.get("retracted"))

    @strawberry.field(description="Who retracted this fact, when and why; kept for history.")
    def retractions(self) -> list[Retraction]:
        return retractions(self.row)

    @strawberry.field(description="Sources and the exact quotes supporting this fact.")
    def sources(self) -> list[Evidence]:
        return evidence(self.row)

    @strawberry.field(description="Statements about this entity.")
    async def mentioned_in(self, info: Info) -> list[Statement]:
        return await related(info, await incoming(info, self, "ABOUT"), Statement)


@strawberry.type
class Actor(Entity):
    kind: str
    aliases: list[str]
    wikidata_id: str | None

    @strawberry.field
    async def country(self, info: Info) -> Location | None:
        return await first(info, outgoing(self.row, "BASED_IN"), Location)

    @strawberry.field(description="Actors this one belongs to (a unit's army, a body's state).")
    async def part_of(self, info: Info) -> list[Actor]:
        return await related(info, outgoing(self.row, "PART_OF"), Actor)

    @strawberry.field
    async def speaks_for(self, info: Info) -> list[Actor]:
        return await related(info, outgoing(self.row, "SPEAKS_FOR"), Actor)

    @strawberry.field(description="Actors that belong to or speak for this one.")
    async def members(self, info: Info) -> list[Actor]:
        return await related(info, await incoming(info, self, "PART_OF", "SPEAKS_FOR"), Actor)

    @strawberry.field
    async def statements(self, info: Info) -> list[Statement]:
        return await related(info, await incoming(info, self, "MADE_BY"), Statement)

    @strawberry.field(description="Attacks it carried out itself (see attacks(filter) for units).")
    async def attacks(self, info: Info) -> list[Attack]:
        return await related(info, await incoming(info, self, "CARRIED_OUT_BY"), Attack)

    @strawberry.field
    async def agreements(self, info: Info) -> list[Party]:
        return [
            Party(agreement_id=i["id"], actor_id=self.id, props=i["props"])
            for i in await incoming(info, self, "HAS_PARTY")
        ]


@strawberry.type
class Location(Entity):
    kind: str
    aliases: list[str]
    iso3166_2: str | None = strawberry.field(name="iso3166_2")
    wikidata_id: str | None
    latitude: float | None
    longitude: float | None

    @strawberry.field
    async def within(self, info: Info) -> Location | None:
        return await first(info, outgoing(self.row, "WITHIN"), Location)

    @strawberry.field
    async def contains(self, info: Info) -> list[Location]:
        return await related(info, await incoming(info, self, "WITHIN"), Location)

    @strawberry.field(description="Attacks recorded at exactly this place.")
    async def attacks(self, info: Info) -> list[Attack]:
        return await related(info, await incoming(info, self, "AT"), Attack)


@strawberry.type
class Event(Entity):
    kind: str
    time: TimeBounds | None

    @strawberry.field
    async def participants(self, info: Info) -> list[Actor]:
        return await related(info, outgoing(self.row, "PARTICIPANT"), Actor)

    @strawberry.field
    async def location(self, info: Info) -> Location | None:
        return await first(info, outgoing(self.row, "AT"), Location)


@strawberry.type
class Statement(Entity):
    kind: str
    text: str
    time: TimeBounds | None

    @strawberry.field
    async def speaker(self, info: Info) -> Actor | None:
        return await first(info, outgoing(self.row, "MADE_BY"), Actor)

    @strawberry.field(description="What the statement is about: agreements, attacks, actors.")
    async def about(self, info: Info) -> list[Entity]:
        return await related(info, outgoing(self.row, "ABOUT"), Entity)


@strawberry.type(description="An actor's role in an agreement, with the evidence for it.")
class Party:
    agreement_id: strawberry.Private[str]
    actor_id: strawberry.Private[str]
    props: strawberry.Private[Row]

    @strawberry.field
    def role(self) -> str:
        return str(self.props.get("role"))

    @strawberry.field
    async def actor(self, info: Info) -> Actor | None:
        return await first(info, refs([self.actor_id]), Actor)

    @strawberry.field
    async def agreement(self, info: Info) -> Agreement | None:
        return await first(info, refs([self.agreement_id]), Agreement)

    @strawberry.field(description="The statement that says so, if one does.")
    async def statement(self, info: Info) -> Statement | None:
        statement = self.props.get("statementId")
        return await first(info, refs([statement] if statement else []), Statement)

    @strawberry.field
    async def evidence(self, info: Info) -> Evidence | None:
        return await edge_evidence(info, self.props)


@strawberry.type
class TargetCategory(Entity):
    key: str

    @strawberry.field
    async def broader(self, info: Info) -> list[TargetCategory]:
        return await related(info, outgoing(self.row, "BROADER"), TargetCategory)


@strawberry.type
class Agreement(Entity):
    kind: str
    status: str
    description: str | None
    duration: str | None
    time: TimeBounds | None
    in_force: TimeBounds | None
    expires: TimeBounds | None

    @strawberry.field(description="Target categories it protects (and all narrower ones).")
    async def scope(self, info: Info) -> list[TargetCategory]:
        return await related(info, outgoing(self.row, "COVERS"), TargetCategory)

    @strawberry.field
    async def area(self, info: Info) -> list[Location]:
        return await related(info, outgoing(self.row, "COVERS_AREA"), Location)

    @strawberry.field
    def parties(self) -> list[Party]:
        return [
            Party(agreement_id=self.id, actor_id=i["id"], props=i["props"])
            for i in outgoing(self.row, "HAS_PARTY")
        ]

    @strawberry.field
    async def announced_in(self, info: Info) -> Statement | None:
        return await first(info, outgoing(self.row, "ANNOUNCED_IN"), Statement)

    @strawberry.field
    async def arose_from(self, info: Info) -> Event | None:
        return await first(info, outgoing(self.row, "AROSE_FROM"), Event)


@strawberry.type
class Target(Entity):
    @strawberry.field
    async def category(self, info: Info) -> TargetCategory | None:
        return await first(info, outgoing(self.row, "IN_CATEGORY"), TargetCategory)

    @strawberry.field
    async def location(self, info: Info) -> Location | None:
        return await first(info, outgoing(self.row, "LOCATED_IN"), Location)


@strawberry.type(
    description="A number a named body reported (or that the source left unattributed)."
)
class Figure(Entity):
    metric: str
    value: int
    qualifier: str
    weapon: str | None
    category: str | None
    attribution: str = strawberry.field(description="'reported', or 'unattributed' in the source.")

    @strawberry.field
    async def reported_by(self, info: Info) -> Actor | None:
        return await first(info, outgoing(self.row, "REPORTED_BY"), Actor)

    @strawberry.field
    async def statement(self, info: Info) -> Statement | None:
        return await first(info, outgoing(self.row, "REPORTED_IN"), Statement)

    @strawberry.field
    async def locations(self, info: Info) -> list[Location]:
        return await related(info, outgoing(self.row, "IN"), Location)


@strawberry.type
class Attack(Entity):
    kind: str
    category: str
    description: str | None
    time: TimeBounds | None

    @strawberry.field(description="The wave this incident belongs to.")
    async def part_of(self, info: Info) -> Attack | None:
        return await first(info, outgoing(self.row, "PART_OF"), Attack)

    @strawberry.field(description="The incidents that make up this wave.")
    async def incidents(self, info: Info) -> list[Attack]:
        return await related(info, await incoming(info, self, "PART_OF"), Attack)

    @strawberry.field
    async def by(self, info: Info) -> list[Actor]:
        return await related(info, outgoing(self.row, "CARRIED_OUT_BY"), Actor)

    @strawberry.field
    async def locations(self, info: Info) -> list[Location]:
        return await related(info, outgoing(self.row, "AT"), Location)

    @strawberry.field
    async def targets(self, info: Info) -> list[Target]:
        return await related(info, outgoing(self.row, "HIT"), Target)

    @strawberry.field(description="Weapons, interceptions, damage and casualties, each reported.")
    async def figures(self, info: Info) -> list[Figure]:
        return await related(info, outgoing(self.row, "HAS_FIGURE"), Figure)


@strawberry.type
class Source(Entity):
    kind: str
    title: str
    publisher: str | None
    url: str | None
    content_hash: str | None
    note: str | None


# The row key of a field where it is not simply the field's name in camelCase.
ROW_KEYS = {"iso3166_2": "iso3166_2"}
# Time fields and the prefix of their properties on the node.
TIME_FIELDS = {"time": "", "in_force": "inForce", "expires": "expires"}
# What a missing value becomes in a field that cannot be null.
EMPTY: dict[str, Any] = {"str": "", "list[str]": []}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return ROW_KEYS.get(name, head + "".join(part.title() for part in rest))


def figure_name(row: Row) -> str | None:
    """Figures have no name of their own: "2 facilities hit" (None without the figure's row)."""
    if row.get("metric") is None:
        return None
    return f"{row['value']} {str(row['metric']).replace('_', ' ')}"


def build(row: Row) -> Entity:
    """The GraphQL object for a projected node row: each plain field from its property."""
    labels = set(row.get("labels") or [])
    kind = next((cls for cls in ENTITY_TYPES if cls.__name__ in labels), Source)
    values: dict[str, Any] = {"id": strawberry.ID(row["id"]), "name": row.get("name"), "row": row}
    if kind is Figure and values["name"] is None:
        values["name"] = figure_name(row)
    for field in dataclasses.fields(kind):
        if not field.init or field.name in values:
            continue
        if field.name in TIME_FIELDS:
            values[field.name] = time_bounds(row, TIME_FIELDS[field.name])
            continue
        value = row.get(camel(field.name))
        values[field.name] = EMPTY.get(str(field.type)) if value is None else value
    entity: Entity = kind(**values)
    return entity


ENTITY_TYPES: list[type[Entity]] = [
    Actor,
    Location,
    Event,
    Statement,
    Agreement,
    Attack,
    Target,
    Figure,
    TargetCategory,
    Source,
]
__all__ = ["ENTITY_TYPES", "Entity", "SourceRef", "build"]
