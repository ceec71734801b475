"""The opening every analysis root field shares (attacksAfter, agreementViolations,
statementsVersusActions, timeline): the size asked for, one row more fetched, the subject
required when nothing came, the rows kept to size, and the entities they name loaded by id."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from api.context import Info
from api.fields import kept, result_size
from api.selection import fields_detail
from api.types.entity import Entity
from api.types.reach import by_id, known, require

R = TypeVar("R", bound=Mapping[str, object])
E = TypeVar("E", bound=Entity)


@dataclass(frozen=True)
class Subject:
    """What an analysis is about, as its argument names it: a NOT_FOUND error names the
    argument when nothing of the kind has the id."""

    argument: str  # agreementId, actorId, entityId
    id: str
    kind: type[Entity]


@dataclass(frozen=True)
class Question(Generic[R]):
    """An analysis asked with its arguments, before its size: what it is about, and
    `fetch(limit)` for its rows. The resolver and the compiled path (api/compile/analyses.py)
    both ask it, so arguments are checked and the query is called in one place."""

    subject: Subject
    fetch: Callable[[int], Awaitable[list[R]]]


@dataclass(frozen=True)
class Opened(Generic[R, E]):
    rows: list[R]  # at most the size asked for
    entities: dict[str, E]  # what the rows name, by id, as much as the selection needs


async def opened(
    info: Info,
    first: int | None,
    subject: Subject,
    fetch: Callable[[int], Awaitable[list[R]]],
    ids: Callable[[list[R]], list[str]],
    kind: type[E],
    fields: tuple[str, ...],
) -> Opened[R, E]:
    """`fetch(limit)` asks the analysis's query for one row more than `first` allows (to
    know the answer was cut); an empty answer then asks whether the subject exists (rows
    prove it does). The rows are kept to size (extensions.truncated says when cut), and the
    entities `ids(rows)` names are loaded in one batch, as much of them as the selection of
    `fields` under this field needs (only their identities: from the rows, no query)."""
    size = result_size(first)
    rows = await fetch(size + 1)
    if not rows:
        await require(info, subject.argument, subject.id, subject.kind)
    rows = kept(info, rows, size)
    needed = fields_detail(info, *fields)
    entities = await by_id(info, ids(rows), kind, needed, known(rows))
    return Opened(rows, entities)
