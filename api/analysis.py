"""Root fields for the relational questions: after, violations, say-versus-do, time, network."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import TypeVar

import strawberry

from api.context import Info
from api.query import TimeMode
from api.selection import asks_for
from api.types.analysis import (
    AgreementMoment,
    AttackAfter,
    Bearing,
    Graph,
    RegionDay,
    StatementVersusAction,
    Stats,
    TimelineItem,
    Violation,
    ViolationReasons,
    WeaponTotals,
    graph_of,
)
from api.types.connections import BadInput
from api.types.entities import (
    Actor,
    Agreement,
    Attack,
    Entity,
    Party,
    Statement,
    Target,
    refs,
    related,
    require,
)
from graph.queries import agreements, explore

E = TypeVar("E", bound=Entity)

RESULT_CAP = 500


async def by_id(info: Info, ids: list[str], kind: type[E]) -> dict[str, E]:
    """Entities of one kind fetched in one loader batch, keyed by id."""
    return {str(e.id): e for e in await related(info, refs(ids), kind)}


@strawberry.type
class AnalysisQuery:
    @strawberry.field(
        description="Attacks that came after an agreement's announcement or entry "
        "into force; DEFINITELY keeps only those certainly after it."
    )
    async def attacks_after(
        self,
        info: Info,
        agreement_id: strawberry.ID,
        mode: TimeMode = TimeMode.POSSIBLY,
        moment: AgreementMoment = AgreementMoment.ANNOUNCEMENT,
        within_days: float | None = None,
        parties_only: bool = False,
    ) -> list[AttackAfter]:
        if within_days is not None and within_days <= 0:
            raise BadInput("withinDays: must be positive")
        await require(info, "agreementId", agreement_id, Agreement)
        window = dt.timedelta(days=within_days) if within_days is not None else None
        rows = await agreements.attacks_after(
            info.context.database,
            agreement_id,
            moment.value,
            mode == TimeMode.DEFINITELY,
            window,
            parties_only,
            RESULT_CAP,
        )
        found = await by_id(info, [row["id"] for row in rows], Attack)
        return [
            AttackAfter(
                attack=found[row["id"]],
                definitely_after=row["definitely"],
                hours_after=row["hoursAfter"],
            )
            for row in rows
            if row["id"] in found
        ]

    @strawberry.field(
        description="Attacks after the agreement, by a party that accepted it, on "
        "a target inside its scope, each with the evidence and why it matches."
    )
    async def agreement_violations(
        self, info: Info, agreement_id: strawberry.ID
    ) -> list[Violation]:
        await require(info, "agreementId", agreement_id, Agreement)
        rows = await agreements.violations(info.context.database, agreement_id, RESULT_CAP)
        ids = [r["attack"] for r in rows] + [m["target"] for r in rows for m in r["matches"]]
        ids += [r["announcement"] for r in rows if r["announcement"]]
        entities = await by_id(info, ids, Entity)
        result = []
        for row in rows:
            attack = entities.get(row["attack"])
            if not isinstance(attack, Attack):
                continue
            targets = dict.fromkeys(m["target"] for m in row["matches"])
            matched = [e for t in targets if isinstance(e := entities.get(t), Target)]
            scope = "; ".join(
                f"{m['category']} is within the scope '{m['scope']}'" for m in row["matches"]
            )
            statement = entities.get(row["announcement"] or "")
            when = "definitely" if row["definitely"] else "possibly"
            result.append(
                Violation(
                    attack=attack,
                    party=Party(
                        agreement_id=agreement_id,
                        actor_id=row["party"],
                        props={
                            "role": row["role"],
                            "statementId": row["statement"],
                            "sourceId": row["source"],
                            "quotes": row["quotes"],
                            "external": row["external"],
                        },
                    ),
                    definitely_after=row["definitely"],
                    matched_targets=matched,
                    agreement_statement=statement if isinstance(statement, Statement) else None,
                    reasons=ViolationReasons(
                        party=f"carried out by {row['doer']}, part of {row['party']}, which "
                        f"{row['role']} the agreement",
                        time=f"{when} after the agreement was announced",
                        scope=scope,
                    ),
                )
            )
        return result

    @strawberry.field(
        description="An actor's statements and commitments paired with later "
        "actions that contradict or bear them out."
    )
    async def statements_versus_actions(
        self, info: Info, actor_id: strawberry.ID
    ) -> list[StatementVersusAction]:
        await require(info, "actorId", actor_id, Actor)
        rows = await agreements.statements_versus_actions(
            info.context.database, actor_id, RESULT_CAP
        )
        ids = [r["action"] for r in rows] + [r["agreement"] for r in rows]
        ids += [r["statement"] for r in rows if r["statement"]]
        entities = await by_id(info, ids, Entity)
        result = []
        for row in rows:
            action = entities.get(row["action"])
            if not isinstance(action, Attack):
                continue
            statement = entities.get(row["statement"] or "")
            agreement = entities.get(row["agreement"])
            result.append(
                StatementVersusAction(
                    statement=statement if isinstance(statement, Statement) else None,
                    agreement=agreement if isinstance(agreement, Agreement) else None,
                    action=action,
                    relation=Bearing(row["relation"]),
                    reason=row["reason"],
                    definitely_after=row["definitely"],
                )
            )
        return result

    @strawberry.field(description="Everything touching an entity, in time order.")
    async def timeline(
        self,
        info: Info,
        entity_id: strawberry.ID,
        start: dt.datetime | None = None,
        end: dt.datetime | None = None,
    ) -> list[TimelineItem]:
        if start and end and end < start:
            raise BadInput("end: is before start")
        await require(info, "entityId", entity_id, Entity)
        rows = await explore.timeline(info.context.database, entity_id, start, end, RESULT_CAP)
        entities = await by_id(info, [r["id"] for r in rows], Entity)
        return [
            TimelineItem(entity=entities[r["id"]], relations=r["relations"])
            for r in rows
            if r["id"] in entities
        ]

    @strawberry.field(description="Nodes and edges around an entity, ready to draw.")
    async def neighborhood(
        self, info: Info, id: strawberry.ID, depth: int = 1, limit: int = 100
    ) -> Graph | None:
        if not 1 <= depth <= 3:
            raise BadInput("depth: must be 1, 2 or 3")
        if not 1 <= limit <= info.context.settings.max_page_size:
            raise BadInput(f"limit: must be between 1 and {info.context.settings.max_page_size}")
        edges = asks_for(info, "edges")
        row = await explore.neighbourhood(info.context.database, id, depth, limit, edges)
        if row is None:  # only now is it worth a query to say whether the id names anything
            await require(info, "id", id, Entity)
            return None
        return graph_of(row["nodes"], row["edges"])

    @strawberry.field(description="The shortest connection between two entities.")
    async def path(
        self, info: Info, from_id: strawberry.ID, to_id: strawberry.ID, max_hops: int = 4
    ) -> Graph | None:
        if not 1 <= max_hops <= 6:
            raise BadInput("maxHops: must be between 1 and 6")
        row = await explore.shortest_path(info.context.database, from_id, to_id, max_hops)
        if row is None:
            await asyncio.gather(
                require(info, "fromId", from_id, Entity), require(info, "toId", to_id, Entity)
            )
            return None
        return graph_of(row["nodes"], row["edges"])

    @strawberry.field(description="What a dashboard plots.")
    async def stats(
        self, info: Info, start: dt.datetime | None = None, end: dt.datetime | None = None
    ) -> Stats:
        database = info.context.database
        days = await explore.attacks_per_region_per_day(database, start, end, 5000)
        weapons = await explore.weapons(database, start, end)
        return Stats(
            attacks_per_region_per_day=[
                RegionDay(
                    region_id=strawberry.ID(r["region"]),
                    region=r["name"],
                    day=r["day"],
                    attacks=r["attacks"],
                )
                for r in days
            ],
            weapons=[
                WeaponTotals(
                    weapon=r["weapon"],
                    launched=r["launched"],
                    intercepted=r["intercepted"],
                    lost_as_decoys=r["lostAsDecoys"],
                )
                for r in weapons
            ],
        )
