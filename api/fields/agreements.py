"""Root fields for the agreement questions: attacks after an agreement, its violations, and
statements set against actions (graph/queries/agreements.py)."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.fields import FIRST, MIN_CONFIDENCE, REVIEWED_ONLY, SINGLE_SOURCE
from api.fields.analysis import opened
from api.fields.questions import (
    agreement_violations_question,
    attacks_after_question,
    statements_versus_actions_question,
    target_inferred,
)
from api.selection import asks_for
from api.types.agreements import (
    AgreementMoment,
    AttackAfter,
    Bearing,
    StatementVersusAction,
    Violation,
    ViolationReasons,
)
from api.types.deeds import Attack, Target
from api.types.entity import Entity
from api.types.filters import TimeMode
from api.types.kinds import Agreement, Party, Statement
from api.types.reach import known
from graph.queries.agreements import ViolationRow


@strawberry.type
class AgreementQuery:
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
        first: FIRST = None,
        single_source: SINGLE_SOURCE = False,
        min_confidence: MIN_CONFIDENCE = 0.0,
        reviewed_only: REVIEWED_ONLY = False,
    ) -> list[AttackAfter]:
        question = attacks_after_question(
            info.context.database,
            agreement_id=agreement_id,
            mode=mode,
            moment=moment,
            within_days=within_days,
            parties_only=parties_only,
            single_source=single_source,
            min_confidence=min_confidence,
            reviewed_only=reviewed_only,
        )
        answer = await opened(
            info,
            first,
            question.subject,
            question.fetch,
            lambda rows: [row["id"] for row in rows],
            Attack,
            ("attack",),
        )
        rows, found = answer.rows, answer.entities
        return [
            AttackAfter(
                attack=found[row["id"]],
                definitely_after=row["definitely"],
                hours_after=row["hoursAfter"],
                machine_coded=row["machineCoded"],
            )
            for row in rows
            if row["id"] in found
        ]

    @strawberry.field(
        description="Attacks after the agreement, by a party that accepted it, on "
        "a target inside its scope, each with the evidence and why it matches."
    )
    async def agreement_violations(
        self,
        info: Info,
        agreement_id: strawberry.ID,
        first: FIRST = None,
        single_source: SINGLE_SOURCE = False,
        min_confidence: MIN_CONFIDENCE = 0.0,
        reviewed_only: REVIEWED_ONLY = False,
    ) -> list[Violation]:

        def named(rows: list[ViolationRow]) -> list[str]:
            ids = [r["attack"] for r in rows]
            if asks_for(info, "matchedTargets"):
                ids += [m["target"] for r in rows for m in r["matches"]]
            if asks_for(info, "agreementStatement"):
                ids += [r["announcement"] for r in rows if r["announcement"]]
            return ids

        question = agreement_violations_question(
            info.context.database,
            agreement_id=agreement_id,
            single_source=single_source,
            min_confidence=min_confidence,
            reviewed_only=reviewed_only,
        )
        answer = await opened(
            info,
            first,
            question.subject,
            question.fetch,
            named,
            Entity,
            ("attack", "matchedTargets", "agreementStatement"),
        )
        rows, entities = answer.rows, answer.entities
        parties = {node["id"]: node for node in known(rows)}
        result = []
        for row in rows:
            attack = entities.get(row["attack"])
            if not isinstance(attack, Attack):
                continue
            targets = dict.fromkeys(m["target"] for m in row["matches"])
            matched = [e for t in targets if isinstance(e := entities.get(t), Target)]
            scope = (
                "; ".join(
                    f"{m['category']} is within the scope '{m['scope']}'"
                    + (
                        " (the target is inferred from the notes of a dataset)"
                        if m["inferred"]
                        else ""
                    )
                    for m in row["matches"]
                )
                or "a ceasefire with no limited scope covers every attack"
            )
            statement = entities.get(row["announcement"] or "")
            when = "definitely" if row["definitely"] else "possibly"
            result.append(
                Violation(
                    attack=attack,
                    party=Party(
                        agreement_ref={"id": agreement_id},
                        actor_ref=parties[row["party"]],
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
                    target_inferred=target_inferred(row),
                    machine_coded=row["machineCoded"],
                )
            )
        return result

    @strawberry.field(
        description="An actor's statements and commitments paired with later "
        "actions that contradict or bear them out."
    )
    async def statements_versus_actions(
        self,
        info: Info,
        actor_id: strawberry.ID,
        first: FIRST = None,
        min_confidence: MIN_CONFIDENCE = 0.0,
        reviewed_only: REVIEWED_ONLY = False,
    ) -> list[StatementVersusAction]:
        question = statements_versus_actions_question(
            info.context.database,
            actor_id=actor_id,
            min_confidence=min_confidence,
            reviewed_only=reviewed_only,
        )
        answer = await opened(
            info,
            first,
            question.subject,
            question.fetch,
            lambda rows: (
                [r["action"] for r in rows]
                + [r["agreement"] for r in rows if r["agreement"]]
                + [target for r in rows for target in r["targets"]]
                + [r["statement"] for r in rows if r["statement"]]
            ),
            Entity,
            ("action", "agreement", "targets", "statement"),
        )
        rows, entities = answer.rows, answer.entities
        result = []
        for row in rows:
            action = entities.get(row["action"])
            if not isinstance(action, Attack):
                continue
            statement = entities.get(row["statement"] or "")
            agreement = entities.get(row["agreement"] or "")
            result.append(
                StatementVersusAction(
                    statement=statement if isinstance(statement, Statement) else None,
                    agreement=agreement if isinstance(agreement, Agreement) else None,
                    action=action,
                    relation=Bearing(row["relation"]),
                    reason=row["reason"],
                    definitely_after=row["definitely"],
                    target_inferred=row["targetInferred"],
                    timing=row["timing"],
                    targets=[t for i in row["targets"] if isinstance(t := entities.get(i), Target)],
                    machine_coded=row["machineCoded"],
                )
            )
        return result
