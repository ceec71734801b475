"""The shapes the agreement questions answer in: attacks after an agreement, violations and
statement-versus-action pairs."""

from __future__ import annotations

from enum import Enum

import strawberry

from api.types.deeds import Attack, Target
from api.types.kinds import Agreement, Party, Statement
from api.types.provenance import Evidence, evidence


@strawberry.enum
class AgreementMoment(Enum):
    ANNOUNCEMENT = "announcement"
    IN_FORCE = "in_force"


@strawberry.type(description="An attack after an agreement, and how sure 'after' is.")
class AttackAfter:
    attack: Attack
    definitely_after: bool = strawberry.field(
        description="Its earliest start is later than the agreement's latest time."
    )
    hours_after: float = strawberry.field(
        description="From the agreement's latest time to the attack's earliest start."
    )
    machine_coded: bool = strawberry.field(
        default=False,
        description="True when the answer rests on a machine-coded fact (GDELT: coded from "
        "news by a program, with a confidence), not only on facts a source states.",
    )


@strawberry.type(description="Why an attack counts as breaking an agreement.")
class ViolationReasons:
    party: str
    time: str
    scope: str


@strawberry.type
class Violation:
    attack: Attack
    party: Party = strawberry.field(description="The accepting party, with its evidence.")
    definitely_after: bool
    matched_targets: list[Target]
    agreement_statement: Statement | None = strawberry.field(
        description="The statement announcing the agreement."
    )
    reasons: ViolationReasons
    target_inferred: bool = strawberry.field(
        description="True when every matched target was inferred from a dataset's notes, not "
        "stated by a source: the violation rests on that inference."
    )
    machine_coded: bool = strawberry.field(
        default=False,
        description="True when the answer rests on a machine-coded fact (GDELT: coded from "
        "news by a program, with a confidence), not only on facts a source states.",
    )

    @strawberry.field(description="The attack's sources and quotes.")
    def attack_evidence(self) -> list[Evidence]:
        return evidence(self.attack.row)


@strawberry.enum
class Bearing(Enum):
    CONTRADICTS = "contradicts"
    BEARS_OUT = "bears_out"


@strawberry.type(
    description="A statement paired with an action that bears on it: a commitment and a later "
    "attack in its scope, an accusation and the accused side's later attacks, a denial or claim "
    "about a side's conduct and that side's attacks in the period it speaks of."
)
class StatementVersusAction:
    statement: Statement | None
    agreement: Agreement | None
    action: Attack
    relation: Bearing
    reason: str
    definitely_after: bool
    target_inferred: bool = strawberry.field(
        description="True when the pairing rests only on targets inferred from a dataset's notes."
    )
    timing: str = strawberry.field(
        description="How certain the time order is: 'definitely after' or 'possibly after' an "
        "agreement; 'definitely during' or 'possibly during' the period a claim speaks of; "
        "'definitely before' or 'possibly before' an accusation made with no agreement."
    )
    targets: list[Target] = strawberry.field(
        description="For a claim about conduct: the targets that contradict or bear it out."
    )
    machine_coded: bool = strawberry.field(
        default=False,
        description="True when the answer rests on a machine-coded fact (GDELT: coded from "
        "news by a program, with a confidence), not only on facts a source states.",
    )
