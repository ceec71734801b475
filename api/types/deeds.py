"""The GraphQL types of what parties do: attacks with their targets and reported figures, and
interceptions (shot-down drones and missiles: not strikes)."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.fields import FIRST, result_size
from api.types.connections import Connection, Edge, connection, decode_cursor, encode_cursor
from api.types.entity import Entity
from api.types.kinds import Actor, Location, Statement, TargetCategory
from api.types.provenance import TimeBounds
from api.types.reach import answer, first, loaded, outgoing, pointing_at, refs, related
from graph.queries.incidents import CAP as INCIDENTS_CAP


@strawberry.type
class Target(Entity):
    inferred: bool = strawberry.field(
        description="True when no source states it: it was inferred from a dataset's notes by "
        "a rule of seeds/resolution/targets.yaml; its evidence quotes the words matched."
    )
    inference_rule: str | None = strawberry.field(description="The rulebook phrase that matched.")
    status: str | None = strawberry.field(
        description="'hit': the source says it was struck; 'targeted': that it was aimed at."
    )

    @strawberry.field
    def category(self, info: Info) -> TargetCategory | None:
        return answer(first(info, outgoing(self.row, "IN_CATEGORY"), TargetCategory))

    @strawberry.field
    def location(self, info: Info) -> Location | None:
        return answer(first(info, outgoing(self.row, "LOCATED_IN"), Location))


@strawberry.type(
    description="A number a named body reported (or that the source left unattributed)."
)
class Figure(Entity):
    metric: str
    value: int | None = strawberry.field(
        description="Null when the source gives no number ('reports of injuries')."
    )
    qualifier: str
    weapon: str | None
    category: str | None
    attribution: str = strawberry.field(description="'reported', or 'unattributed' in the source.")
    locations_partial: bool = strawberry.field(
        description="True when the source names only some of the places ('including ...')."
    )

    @strawberry.field
    def reported_by(self, info: Info) -> Actor | None:
        return answer(first(info, outgoing(self.row, "REPORTED_BY"), Actor))

    @strawberry.field
    def statement(self, info: Info) -> Statement | None:
        return answer(first(info, outgoing(self.row, "REPORTED_IN"), Statement))

    @strawberry.field
    def locations(self, info: Info) -> list[Location]:
        return answer(related(info, outgoing(self.row, "IN"), Location))


@strawberry.type
class Attack(Entity):
    kind: str
    category: str
    description: str | None
    time: TimeBounds | None
    geo_precision: int | None = strawberry.field(
        description="How exactly a dataset placed it (ACLED's geo_precision): 1 at the named "
        "place, 2 near it or in part of its region, 3 only somewhere in a larger region; null "
        "when the source names its places itself."
    )

    @strawberry.field(description="The wave this incident belongs to.")
    def part_of(self, info: Info) -> Attack | None:
        return answer(first(info, outgoing(self.row, "PART_OF"), Attack))

    @strawberry.field(description="The incidents that make up this wave.")
    async def incidents(self, info: Info) -> list[Attack]:
        return await pointing_at(info, self, Attack, "PART_OF")

    @strawberry.field
    def by(self, info: Info) -> list[Actor]:
        return answer(related(info, outgoing(self.row, "CARRIED_OUT_BY"), Actor))

    @strawberry.field
    def locations(self, info: Info) -> list[Location]:
        return answer(related(info, outgoing(self.row, "AT"), Location))

    @strawberry.field
    def targets(self, info: Info) -> list[Target]:
        return answer(related(info, outgoing(self.row, "HIT"), Target))

    @strawberry.field(description="Weapons, interceptions, damage and casualties, each reported.")
    def figures(self, info: Info) -> list[Figure]:
        return answer(related(info, outgoing(self.row, "HAS_FIGURE"), Figure))

    @strawberry.field(
        description="Accounts of other sources that may be this same incident: overlapping "
        "times, the same or a nested place, a compatible kind or target; scored, with reasons. "
        "Never merged: deciding is the investigator's."
    )
    async def same_incident_candidates(
        self, info: Info, first: FIRST = 20, after: str | None = None
    ) -> Connection[IncidentCandidate]:
        size = result_size(first)
        found = await info.context.incidents.load(str(self.id))
        position = decode_cursor("after", after, "candidates")
        start = int(position.id) + 1 if position is not None and position.id.isdigit() else 0
        page = found[start : start + size]
        attacks = {str(a.id): a for a in await loaded(info, refs([c.id for c in page]), Attack)}
        edges = [
            Edge(
                cursor=encode_cursor("candidates", None, str(start + i)),
                node=IncidentCandidate(
                    attack=attacks[c.id], score=c.score, reasons=list(c.reasons)
                ),
            )
            for i, c in enumerate(page)
            if c.id in attacks
        ]
        if len(found) >= INCIDENTS_CAP and start + size >= len(found):
            info.context.cut(info.path.as_list(), len(found), None, "narrow the attack's time")
        return connection(
            edges, has_next=start + size < len(found), has_previous=start > 0, total=len(found)
        )


@strawberry.type(description="Another source's attack that may be the same incident.")
class IncidentCandidate:
    attack: Attack
    score: float = strawberry.field(description="0..1: time overlap, place, kind and target.")
    reasons: list[str]


@strawberry.type(
    description="Weapons shot down or otherwise stopped (ACLED's 'Disrupted weapons use'): "
    "not a strike."
)
class Interception(Entity):
    kind: str
    category: str
    description: str | None
    time: TimeBounds | None

    @strawberry.field(description="Who intercepted.")
    def by(self, info: Info) -> list[Actor]:
        return answer(related(info, outgoing(self.row, "CARRIED_OUT_BY"), Actor))

    @strawberry.field(description="Whose weapons were stopped.")
    def against(self, info: Info) -> list[Actor]:
        return answer(related(info, outgoing(self.row, "AGAINST"), Actor))

    @strawberry.field
    def locations(self, info: Info) -> list[Location]:
        return answer(related(info, outgoing(self.row, "AT"), Location))
