"""One GraphQL type per kind of node, built from a projected row; related nodes come from the
request's entity loader, so a nested query costs one Cypher query per level, not per item."""

from __future__ import annotations

from typing import Any

import strawberry

from api.context import Info
from api.types.common import Evidence, SourceRef, TimeBounds, evidence, source_ref, time_bounds

Row = dict[str, Any]


def outgoing(row: Row, type: str) -> list[Row]:
    return [item for item in row.get("outgoing") or [] if item["type"] == type]


def incoming(row: Row, type: str) -> list[Row]:
    return [item for item in row.get("incoming") or [] if item["type"] == type]


async def related(info: Info, ids: list[str]) -> list[Entity]:
    found = await info.context.loader.load_many(ids)
    return [build(row) for row in found if row is not None]


async def related_one(info: Info, id: str | None) -> Entity | None:
    if id is None:
        return None
    row = await info.context.loader.load(id)
    return build(row) if row is not None else None


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

    @strawberry.field(description="Sources and the exact quotes supporting this fact.")
    def sources(self) -> list[Evidence]:
        return evidence(self.row)

    @strawberry.field(description="Statements about this entity.")
    async def mentioned_in(self, info: Info) -> list[Statement]:
        ids = [item["id"] for item in incoming(self.row, "ABOUT")]
        return [e for e in await related(info, ids) if isinstance(e, Statement)]


@strawberry.type
class Actor(Entity):
    kind: str
    aliases: list[str]
    wikidata_id: str | None

    @strawberry.field
    async def country(self, info: Info) -> Location | None:
        ids = [i["id"] for i in outgoing(self.row, "BASED_IN")]
        found = await related_one(info, ids[0] if ids else None)
        return found if isinstance(found, Location) else None

    @strawberry.field(description="Actors this one belongs to (a unit's army, a body's state).")
    async def part_of(self, info: Info) -> list[Actor]:
        return await actors(info, [i["id"] for i in outgoing(self.row, "PART_OF")])

    @strawberry.field
    async def speaks_for(self, info: Info) -> list[Actor]:
        return await actors(info, [i["id"] for i in outgoing(self.row, "SPEAKS_FOR")])

    @strawberry.field(description="Actors that belong to or speak for this one.")
    async def members(self, info: Info) -> list[Actor]:
        ids = [i["id"] for i in incoming(self.row, "PART_OF") + incoming(self.row, "SPEAKS_FOR")]
        return await actors(info, ids)

    @strawberry.field
    async def statements(self, info: Info) -> list[Statement]:
        found = await related(info, [i["id"] for i in incoming(self.row, "MADE_BY")])
        return [e for e in found if isinstance(e, Statement)]

    @strawberry.field(description="Attacks it carried out itself (see attacks(filter) for units).")
    async def attacks(self, info: Info) -> list[Attack]:
        found = await related(info, [i["id"] for i in incoming(self.row, "CARRIED_OUT_BY")])
        return [e for e in found if isinstance(e, Attack)]

    @strawberry.field
    async def agreements(self, info: Info) -> list[Party]:
        return [
            Party(agreement_id=i["id"], actor_id=self.id, props=i["props"])
            for i in incoming(self.row, "HAS_PARTY")
        ]


async def actors(info: Info, ids: list[str]) -> list[Actor]:
    return [e for e in await related(info, ids) if isinstance(e, Actor)]


async def locations(info: Info, ids: list[str]) -> list[Location]:
    return [e for e in await related(info, ids) if isinstance(e, Location)]


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
        found = await locations(info, [i["id"] for i in outgoing(self.row, "WITHIN")])
        return found[0] if found else None

    @strawberry.field
    async def contains(self, info: Info) -> list[Location]:
        return await locations(info, [i["id"] for i in incoming(self.row, "WITHIN")])

    @strawberry.field(description="Attacks recorded at exactly this place.")
    async def attacks(self, info: Info) -> list[Attack]:
        found = await related(info, [i["id"] for i in incoming(self.row, "AT")])
        return [e for e in found if isinstance(e, Attack)]


@strawberry.type
class Event(Entity):
    kind: str
    time: TimeBounds | None

    @strawberry.field
    async def participants(self, info: Info) -> list[Actor]:
        return await actors(info, [i["id"] for i in outgoing(self.row, "PARTICIPANT")])

    @strawberry.field
    async def location(self, info: Info) -> Location | None:
        found = await locations(info, [i["id"] for i in outgoing(self.row, "AT")])
        return found[0] if found else None


@strawberry.type
class Statement(Entity):
    kind: str
    text: str
    time: TimeBounds | None

    @strawberry.field
    async def speaker(self, info: Info) -> Actor | None:
        found = await actors(info, [i["id"] for i in outgoing(self.row, "MADE_BY")])
        return found[0] if found else None

    @strawberry.field(description="What the statement is about: agreements, attacks, actors.")
    async def about(self, info: Info) -> list[Entity]:
        return await related(info, [i["id"] for i in outgoing(self.row, "ABOUT")])


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
        found = await actors(info, [self.actor_id])
        return found[0] if found else None

    @strawberry.field
    async def agreement(self, info: Info) -> Agreement | None:
        found = await related_one(info, self.agreement_id)
        return found if isinstance(found, Agreement) else None

    @strawberry.field(description="The statement that says so, if one does.")
    async def statement(self, info: Info) -> Statement | None:
        found = await related_one(info, self.props.get("statementId"))
        return found if isinstance(found, Statement) else None

    @strawberry.field
    async def evidence(self, info: Info) -> Evidence | None:
        return await edge_evidence(info, self.props)


@strawberry.type
class TargetCategory(Entity):
    key: str

    @strawberry.field
    async def broader(self, info: Info) -> list[TargetCategory]:
        found = await related(info, [i["id"] for i in outgoing(self.row, "BROADER")])
        return [e for e in found if isinstance(e, TargetCategory)]


async def categories(info: Info, ids: list[str]) -> list[TargetCategory]:
    return [e for e in await related(info, ids) if isinstance(e, TargetCategory)]


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
        return await categories(info, [i["id"] for i in outgoing(self.row, "COVERS")])

    @strawberry.field
    async def area(self, info: Info) -> list[Location]:
        return await locations(info, [i["id"] for i in outgoing(self.row, "COVERS_AREA")])

    @strawberry.field
    def parties(self) -> list[Party]:
        return [
            Party(agreement_id=self.id, actor_id=i["id"], props=i["props"])
            for i in outgoing(self.row, "HAS_PARTY")
        ]

    @strawberry.field
    async def announced_in(self, info: Info) -> Statement | None:
        ids = [i["id"] for i in outgoing(self.row, "ANNOUNCED_IN")]
        found = await related_one(info, ids[0] if ids else None)
        return found if isinstance(found, Statement) else None

    @strawberry.field
    async def arose_from(self, info: Info) -> Event | None:
        ids = [i["id"] for i in outgoing(self.row, "AROSE_FROM")]
        found = await related_one(info, ids[0] if ids else None)
        return found if isinstance(found, Event) else None


@strawberry.type
class Target(Entity):
    @strawberry.field
    async def category(self, info: Info) -> TargetCategory | None:
        found = await categories(info, [i["id"] for i in outgoing(self.row, "IN_CATEGORY")])
        return found[0] if found else None

    @strawberry.field
    async def location(self, info: Info) -> Location | None:
        found = await locations(info, [i["id"] for i in outgoing(self.row, "LOCATED_IN")])
        return found[0] if found else None


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
        found = await actors(info, [i["id"] for i in outgoing(self.row, "REPORTED_BY")])
        return found[0] if found else None

    @strawberry.field
    async def statement(self, info: Info) -> Statement | None:
        ids = [i["id"] for i in outgoing(self.row, "REPORTED_IN")]
        found = await related_one(info, ids[0] if ids else None)
        return found if isinstance(found, Statement) else None

    @strawberry.field
    async def locations(self, info: Info) -> list[Location]:
        return await locations(info, [i["id"] for i in outgoing(self.row, "IN")])


@strawberry.type
class Attack(Entity):
    kind: str
    category: str
    description: str | None
    time: TimeBounds | None

    @strawberry.field(description="The wave this incident belongs to.")
    async def part_of(self, info: Info) -> Attack | None:
        ids = [i["id"] for i in outgoing(self.row, "PART_OF")]
        found = await related_one(info, ids[0] if ids else None)
        return found if isinstance(found, Attack) else None

    @strawberry.field(description="The incidents that make up this wave.")
    async def incidents(self, info: Info) -> list[Attack]:
        found = await related(info, [i["id"] for i in incoming(self.row, "PART_OF")])
        return [e for e in found if isinstance(e, Attack)]

    @strawberry.field
    async def by(self, info: Info) -> list[Actor]:
        return await actors(info, [i["id"] for i in outgoing(self.row, "CARRIED_OUT_BY")])

    @strawberry.field
    async def locations(self, info: Info) -> list[Location]:
        return await locations(info, [i["id"] for i in outgoing(self.row, "AT")])

    @strawberry.field
    async def targets(self, info: Info) -> list[Target]:
        found = await related(info, [i["id"] for i in outgoing(self.row, "HIT")])
        return [e for e in found if isinstance(e, Target)]

    @strawberry.field(description="Weapons, interceptions, damage and casualties, each reported.")
    async def figures(self, info: Info) -> list[Figure]:
        found = await related(info, [i["id"] for i in outgoing(self.row, "HAS_FIGURE")])
        return [e for e in found if isinstance(e, Figure)]


@strawberry.type
class Source(Entity):
    kind: str
    title: str
    publisher: str | None
    url: str | None
    content_hash: str | None
    note: str | None


def build(row: Row) -> Entity:
    """The GraphQL object for a projected node row."""
    labels = set(row.get("labels") or [])
    base: dict[str, Any] = {"id": strawberry.ID(row["id"]), "name": row.get("name"), "row": row}
    if "Actor" in labels:
        return Actor(
            **base,
            kind=row.get("kind") or "",
            aliases=row.get("aliases") or [],
            wikidata_id=row.get("wikidataId"),
        )
    if "Location" in labels:
        return Location(
            **base,
            kind=row.get("kind") or "",
            aliases=row.get("aliases") or [],
            iso3166_2=row.get("iso3166_2"),
            wikidata_id=row.get("wikidataId"),
            latitude=row.get("latitude"),
            longitude=row.get("longitude"),
        )
    if "Event" in labels:
        return Event(**base, kind=row.get("kind") or "", time=time_bounds(row))
    if "Statement" in labels:
        return Statement(
            **base, kind=row.get("kind") or "", text=row.get("text") or "", time=time_bounds(row)
        )
    if "Agreement" in labels:
        return Agreement(
            **base,
            kind=row.get("kind") or "",
            status=row.get("status") or "",
            description=row.get("description"),
            duration=row.get("duration"),
            time=time_bounds(row),
            in_force=time_bounds(row, "inForce"),
            expires=time_bounds(row, "expires"),
        )
    if "Attack" in labels:
        return Attack(
            **base,
            kind=row.get("kind") or "",
            category=row.get("category") or "",
            description=row.get("description"),
            time=time_bounds(row),
        )
    if "Figure" in labels:
        if base["name"] is None:
            base["name"] = f"{row['value']} {row['metric'].replace('_', ' ')}"
        return Figure(
            **base,
            metric=row["metric"],
            value=row["value"],
            qualifier=row.get("qualifier") or "exact",
            weapon=row.get("weapon"),
            category=row.get("category"),
            attribution=row.get("attribution") or "",
        )
    if "Target" in labels:
        return Target(**base)
    if "TargetCategory" in labels:
        return TargetCategory(**base, key=row.get("key") or "")
    return Source(
        **base,
        kind=row.get("kind") or "document",
        title=row.get("title") or "",
        publisher=row.get("publisher"),
        url=row.get("url"),
        content_hash=row.get("contentHash"),
        note=row.get("note"),
    )


ENTITY_TYPES = [
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
