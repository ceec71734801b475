"""One GraphQL type per kind of node that says, agrees or names (actors, places, events,
statements, agreements, sources); what is done is in api/types/deeds.py. Each is built from a
projected row (api/types/build.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.context import Info
from api.types.entity import Entity
from api.types.provenance import Evidence, TimeBounds
from api.types.reach import (
    Reference,
    answer,
    edge_evidence,
    first,
    incoming,
    outgoing,
    pointing_at,
    refs,
    related,
    settled,
)

if TYPE_CHECKING:
    from api.types.deeds import Attack

# Attacks are defined with what else is done (api/types/deeds.py), which refers back here.
LazyAttack = Annotated["Attack", strawberry.lazy("api.types.deeds")]


@strawberry.type
class Actor(Entity):
    kind: str
    aliases: list[str]
    wikidata_id: str | None

    @strawberry.field
    def country(self, info: Info) -> Location | None:
        return answer(first(info, outgoing(self.row, "BASED_IN"), Location))

    @strawberry.field(description="Actors this one belongs to (a unit's army, a body's state).")
    def part_of(self, info: Info) -> list[Actor]:
        return answer(related(info, outgoing(self.row, "PART_OF"), Actor))

    @strawberry.field
    def speaks_for(self, info: Info) -> list[Actor]:
        return answer(related(info, outgoing(self.row, "SPEAKS_FOR"), Actor))

    @strawberry.field(description="Actors that belong to or speak for this one.")
    async def members(self, info: Info) -> list[Actor]:
        return await pointing_at(info, self, Actor, "PART_OF", "SPEAKS_FOR")

    @strawberry.field
    async def statements(self, info: Info) -> list[Statement]:
        return await pointing_at(info, self, Statement, "MADE_BY")

    @strawberry.field(description="Attacks it carried out itself (see attacks(filter) for units).")
    async def attacks(
        self, info: Info
    ) -> list[Annotated[Attack, strawberry.lazy("api.types.deeds")]]:
        from api.types.deeds import Attack

        return await pointing_at(info, self, Attack, "CARRIED_OUT_BY")

    @strawberry.field
    async def agreements(self, info: Info) -> list[Party]:
        return [
            Party(agreement_ref=i, actor_ref=self.row, props=i["props"])
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
    def within(self, info: Info) -> Location | None:
        return answer(first(info, outgoing(self.row, "WITHIN"), Location))

    @strawberry.field
    async def contains(self, info: Info) -> list[Location]:
        return await pointing_at(info, self, Location, "WITHIN")

    @strawberry.field(description="Attacks recorded at exactly this place.")
    async def attacks(
        self, info: Info
    ) -> list[Annotated[Attack, strawberry.lazy("api.types.deeds")]]:
        from api.types.deeds import Attack

        return await pointing_at(info, self, Attack, "AT")


@strawberry.type
class Event(Entity):
    kind: str
    description: str | None
    time: TimeBounds | None

    @strawberry.field
    def participants(self, info: Info) -> list[Actor]:
        return answer(related(info, outgoing(self.row, "PARTICIPANT"), Actor))

    @strawberry.field
    def location(self, info: Info) -> Location | None:
        return answer(first(info, outgoing(self.row, "AT"), Location))


@strawberry.type
class Statement(Entity):
    kind: str
    text: str
    time: TimeBounds | None

    @strawberry.field
    def speaker(self, info: Info) -> Actor | None:
        return answer(first(info, outgoing(self.row, "MADE_BY"), Actor))

    @strawberry.field(description="What the statement is about: agreements, attacks, actors.")
    def about(self, info: Info) -> list[Entity]:
        return answer(related(info, outgoing(self.row, "ABOUT"), Entity))


@strawberry.type(description="An actor's role in an agreement, with the evidence for it.")
class Party:
    # Both ends as their rows name them (with labels, a selection of ids needs no fetch).
    agreement_ref: strawberry.Private[Reference]
    actor_ref: strawberry.Private[Reference]
    props: strawberry.Private[Mapping[str, object]]

    @strawberry.field
    def role(self) -> str:
        return str(self.props.get("role"))

    @strawberry.field
    def actor(self, info: Info) -> Actor | None:
        return answer(first(info, [self.actor_ref], Actor))

    @strawberry.field
    def agreement(self, info: Info) -> Agreement | None:
        return answer(first(info, [self.agreement_ref], Agreement))

    @strawberry.field(description="The statement that says so, if one does.")
    async def statement(self, info: Info) -> Statement | None:
        statement = self.props.get("statementId")
        ids = [statement] if isinstance(statement, str) else []
        return await settled(first(info, refs(ids), Statement))

    @strawberry.field
    async def evidence(self, info: Info) -> Evidence | None:
        return await edge_evidence(info, self.props)


@strawberry.type
class TargetCategory(Entity):
    key: str

    @strawberry.field
    def broader(self, info: Info) -> list[TargetCategory]:
        return answer(related(info, outgoing(self.row, "BROADER"), TargetCategory))


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
    def scope(self, info: Info) -> list[TargetCategory]:
        return answer(related(info, outgoing(self.row, "COVERS"), TargetCategory))

    @strawberry.field
    def area(self, info: Info) -> list[Location]:
        return answer(related(info, outgoing(self.row, "COVERS_AREA"), Location))

    @strawberry.field
    def parties(self) -> list[Party]:
        return [
            Party(agreement_ref=self.row, actor_ref=i, props=i["props"])
            for i in outgoing(self.row, "HAS_PARTY")
        ]

    @strawberry.field
    def announced_in(self, info: Info) -> Statement | None:
        return answer(first(info, outgoing(self.row, "ANNOUNCED_IN"), Statement))

    @strawberry.field
    def arose_from(self, info: Info) -> Event | None:
        return answer(first(info, outgoing(self.row, "AROSE_FROM"), Event))


@strawberry.type
class Source(Entity):
    kind: str
    title: str
    publisher: str | None
    url: str | None
    content_hash: str | None
    note: str | None

    @strawberry.field(
        description="The document's stored text, as quotes are checked against; null when it "
        "keeps none (an outside source, a dataset). Loaded only when asked for."
    )
    async def text(self, info: Info) -> str | None:
        return await info.context.texts.load(str(self.id))
