"""The analyses' questions apart from their resolvers (api/fields/agreements.py, explore.py):
what each is about, its arguments checked, and its one query. The resolvers and the compiled
path (api/compile/analyses.py) both ask them, so nothing is checked or called twice."""

from __future__ import annotations

import datetime as dt

from api.fields.analysis import Question, Subject
from api.types.agreements import AgreementMoment
from api.types.entity import Entity
from api.types.filters import TimeMode
from api.types.kinds import Actor, Agreement
from graph.errors import BadInputError
from graph.queries import agreements, bearings, timeline
from graph.queries.agreements import AttackAfterRow, ViolationRow
from graph.queries.bearings import BearingRow
from graph.queries.timeline import TimelineRow
from graph.store.database import Database


def attacks_after_question(
    database: Database,
    *,
    agreement_id: str,
    mode: TimeMode = TimeMode.POSSIBLY,
    moment: AgreementMoment = AgreementMoment.ANNOUNCEMENT,
    within_days: float | None = None,
    parties_only: bool = False,
    single_source: bool = False,
    min_confidence: float = 0.0,
    reviewed_only: bool = False,
) -> Question[AttackAfterRow]:
    if within_days is not None and within_days <= 0:
        raise BadInputError("withinDays: must be positive")
    window = dt.timedelta(days=within_days) if within_days is not None else None
    return Question(
        Subject("agreementId", agreement_id, Agreement),
        lambda limit: agreements.attacks_after(
            database,
            agreement_id,
            moment.value,
            limit,
            definitely_only=mode == TimeMode.DEFINITELY,
            window=window,
            parties_only=parties_only,
            single_source=single_source,
            min_confidence=min_confidence,
            reviewed_only=reviewed_only,
        ),
    )


def agreement_violations_question(
    database: Database,
    *,
    agreement_id: str,
    single_source: bool = False,
    min_confidence: float = 0.0,
    reviewed_only: bool = False,
) -> Question[ViolationRow]:
    return Question(
        Subject("agreementId", agreement_id, Agreement),
        lambda limit: agreements.agreement_violations(
            database,
            agreement_id,
            limit,
            single_source=single_source,
            min_confidence=min_confidence,
            reviewed_only=reviewed_only,
        ),
    )


def statements_versus_actions_question(
    database: Database,
    *,
    actor_id: str,
    min_confidence: float = 0.0,
    reviewed_only: bool = False,
) -> Question[BearingRow]:
    return Question(
        Subject("actorId", actor_id, Actor),
        lambda limit: bearings.statements_versus_actions(
            database,
            actor_id,
            limit,
            min_confidence=min_confidence,
            reviewed_only=reviewed_only,
        ),
    )


def target_inferred(row: ViolationRow) -> bool:
    """Every matched target was inferred from a dataset's notes (none when nothing matched)."""
    return bool(row["matches"]) and all(m["inferred"] for m in row["matches"])


def timeline_question(
    database: Database,
    *,
    entity_id: str,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    min_confidence: float = 0.0,
    reviewed_only: bool = False,
) -> Question[TimelineRow]:
    if start and end and end < start:
        raise BadInputError("end: is before start")
    return Question(
        Subject("entityId", entity_id, Entity),
        lambda limit: timeline.timeline(
            database,
            entity_id,
            start,
            end,
            limit,
            min_confidence=min_confidence,
            reviewed_only=reviewed_only,
        ),
    )
