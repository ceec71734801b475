"""Reaching related nodes: answered at once from relationship rows when a selection asks only
what they are, awaited through the request's loader otherwise."""

from __future__ import annotations

import asyncio
import inspect
from dataclasses import dataclass, field
from typing import Any, cast

from strawberry.types.nodes import SelectedField

from api.context import Info
from api.types.deeds import Attack
from api.types.kinds import Actor
from api.types.reach import Reference, Soon, first, related, settled
from graph.queries.entities import EntityRow

RUSSIA: Reference = {"id": "actor:russia", "labels": ["Actor", "Entity"], "retracted": None}
GONE: Reference = {"id": "actor:gone", "labels": ["Actor", "Entity"], "retracted": True}


def selecting(*names: str) -> SelectedField:
    chosen = [SelectedField(name=n, directives={}, arguments={}, selections=[]) for n in names]
    return SelectedField(name="by", directives={}, arguments={}, selections=list(chosen))


@dataclass
class Loader:
    rows: dict[str, EntityRow]
    asked: list[list[str]] = field(default_factory=list)

    async def load_many(self, ids: list[str]) -> list[EntityRow | None]:
        self.asked.append(ids)
        return [self.rows.get(id) for id in ids]


@dataclass
class Context:
    loader: Loader


@dataclass
class FakeInfo:
    selected_fields: list[SelectedField]
    context: Context


def info(*names: str, rows: dict[str, EntityRow] | None = None) -> Any:
    return cast(Info, FakeInfo([selecting(*names)], Context(Loader(rows or {}))))


def test_a_selection_of_ids_is_answered_at_once_without_a_coroutine() -> None:
    asked = info("id", "__typename")
    found = related(asked, [RUSSIA, GONE], Actor)
    assert isinstance(found, list)  # not awaitable: graphql-core makes no task for it
    assert [str(a.id) for a in found] == ["actor:russia"]  # the retracted one drops out
    assert asked.context.loader.asked == []
    one = first(asked, [RUSSIA], Actor)
    assert isinstance(one, Actor) and one.id == "actor:russia"


def test_anything_more_is_awaited_through_the_loader() -> None:
    row: EntityRow = {"id": "actor:russia", "labels": ["Actor", "Entity"], "name": "Russia"}
    asked = info("id", "name", rows={"actor:russia": row})
    found: Soon[list[Actor]] = related(asked, [RUSSIA], Actor)
    assert inspect.isawaitable(cast(object, found))  # not narrowed: settled takes either
    [actor] = asyncio.run(settled(found))
    assert actor.name == "Russia" and asked.context.loader.asked == [["actor:russia"]]


def test_ids_without_labels_are_loaded_and_kept_to_their_kind() -> None:
    asked = info("id", rows={"actor:russia": cast(EntityRow, RUSSIA)})
    found: Soon[list[Attack]] = related(asked, [{"id": "actor:russia"}], Attack)
    assert inspect.isawaitable(cast(object, found))  # not narrowed: settled takes either
    assert asyncio.run(settled(found)) == []  # an actor is no attack
    assert asyncio.run(settled(first(asked, [{"id": "actor:russia"}], Actor))) is not None
