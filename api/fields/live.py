"""The subscription root: `changes`, what was added, changed or retracted, streamed over the
graphql-transport-ws protocol after each write commits (graph/store/follow.py follows the
change log; api/view.py authorises the connection and limits connections and
subscriptions)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncGenerator

import strawberry

from api.context import Info
from graph.errors import BadInputError, NotFoundError
from graph.queries import placed
from graph.store.changes import ChangeRow

LABEL = re.compile(r"[A-Z][A-Za-z]{0,39}")
MOST_KINDS = 20


@strawberry.type(description="One committed write: what it touched, in commit order.")
class Change:
    seq: int = strawberry.field(
        description="The change's number; numbers grow in commit order, with gaps only "
        "where a subscription's filters left a change out."
    )
    at: dt.datetime = strawberry.field(description="When the write committed (UTC).")
    operation: str = strawberry.field(
        description="What wrote it: load, unload, import, put, submit, retract, restore, ..."
    )
    ids: list[strawberry.ID] = strawberry.field(
        description="The ids it added, changed or retracted (at most 1,000; see count). "
        "With `within`, only those located in the place."
    )
    kinds: list[str] = strawberry.field(
        description="The kinds (labels) of what it touched: Attack, Statement, Event, ..."
    )
    count: int = strawberry.field(description="How many ids it touched in all (ids may be fewer).")
    source: strawberry.ID | None = strawberry.field(
        description="The document or dataset that was loaded, imported or unloaded, if any."
    )


def change_of(row: ChangeRow) -> Change:
    return Change(
        seq=row["seq"],
        at=row["at"],
        operation=row["operation"],
        ids=[strawberry.ID(id) for id in row["ids"]],
        kinds=list(row["kinds"]),
        count=row["count"],
        source=strawberry.ID(row["source"]) if row["source"] is not None else None,
    )


def checked_kinds(kinds: list[str] | None) -> frozenset[str] | None:
    if kinds is None:
        return None
    if not kinds or len(kinds) > MOST_KINDS:
        raise BadInputError(f"kinds: give 1 to {MOST_KINDS} kinds, or leave it out for all")
    for kind in kinds:
        if not LABEL.fullmatch(kind):
            raise BadInputError(f"kinds: {kind!r} is not a kind (a label such as Attack)")
    return frozenset(kinds)


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="What is added, changed or retracted from now on (by a load, an import, "
        "a mutation, an unload), each write once it has committed. Over WebSocket with the "
        "graphql-transport-ws protocol at /graphql. `kinds`: only writes that touched one of "
        "these kinds (labels such as Attack, Event, Statement). `within`: only what is "
        "located in this place or a place inside it (its ids narrowed to those)."
    )
    async def changes(
        self,
        info: Info,
        kinds: list[str] | None = None,
        within: strawberry.ID | None = None,
    ) -> AsyncGenerator[Change, None]:
        wanted = checked_kinds(kinds)
        feed = info.context.feed
        if feed is None:
            raise BadInputError("changes: subscribe over WebSocket (graphql-transport-ws)")
        if within is not None and not await placed.is_place(info.context.database, within):
            raise NotFoundError(f"within: no place has the id {within!r}")
        async for row in feed.follow(wanted, within):
            yield change_of(row)
