"""How an entity's related nodes are reached: from the relationship rows a projected node
carries, through the request's entity loader, so a nested query costs one Cypher query per
level, not per item; and the entities an analysis's rows name, by id (by_id, require)."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeAlias, TypeVar, cast

from strawberry.types.nodes import SelectedField

from api.context import Info
from api.types.build import build
from api.types.provenance import Evidence, source_ref
from graph.errors import NotFoundError
from graph.queries.entities import EntityRow, RelationRow, SourceRow, entities_by_ids
from graph.queries.projections import Detail

if TYPE_CHECKING:
    from api.types.entity import Entity

E = TypeVar("E", bound="Entity")
T = TypeVar("T")


# A far end as known before loading it: a relationship row, or an id alone (refs).
Reference = RelationRow | EntityRow


def outgoing(row: EntityRow, *types: str) -> list[RelationRow]:
    return [item for item in row.get("outgoing") or [] if item["type"] in types]


async def incoming(info: Info, entity: Entity, *types: str) -> list[RelationRow]:
    """Relationships pointing at the entity, fetched (batched) only when a field needs them;
    a list cut at RELATED_CAP says so in the answer's extensions."""
    found = await info.context.incoming.load(str(entity.id))
    if found is None:
        return []
    items = [item for item in found["incoming"] if item["type"] in types]
    total = sum(found["totals"].get(type, 0) for type in types)
    if total > len(items):
        info.context.cut(
            info.path.as_list(),
            len(items),
            total,
            "page through them with the filtered root lists, e.g. attacks(filter: {actor: ...})",
        )
    return items


def refs(ids: list[str]) -> list[EntityRow]:
    """Ids known only by themselves: what they are is found by loading them."""
    return [{"id": id} for id in ids]


# Fields an entity answers from a relationship row alone (its id and labels).
IDENTITY = frozenset({"id", "__typename", "typeName"})


def identity_only(info: Info) -> bool:
    """True when the field selects nothing beyond identity: then related nodes need no fetch."""
    for field in info.selected_fields:
        for selection in field.selections:
            if not isinstance(selection, SelectedField) or selection.name not in IDENTITY:
                return False
            if selection.directives:
                return False
    return True


# What a resolver returns when it may answer at once or may have to load first. A resolver
# that answers at once makes no coroutine: graphql-core gathers every awaitable item of a
# list as a task, and in a violations answer (50 parties, each asked for its actor's id)
# those tasks cost 3 of the request's 10 ms of CPU.
Soon: TypeAlias = T | Awaitable[T]


def answer(value: Soon[T]) -> T:
    """A resolver's answer, given now or awaitable. graphql-core awaits what a resolver returns
    when it is awaitable, whatever kind of function the resolver is, so a plain (non-async)
    resolver may return either; it is typed as the value because Strawberry reads the
    resolver's annotation for the schema."""
    return cast(T, value)


async def settled(value: Soon[T]) -> T:
    """The value, awaited if it has to be (for resolvers that go on with it)."""
    return await value if inspect.isawaitable(value) else value


def related(info: Info, items: Sequence[Reference], kind: type[E]) -> Soon[list[E]]:
    """The entities at the far end of these relationships that are of this kind (not retracted).
    Relationship rows carry the far node's id, labels and retraction, which is all a selection
    of ids needs: then the answer comes at once. Anything more comes through the request's
    loader, and the answer is awaitable."""
    if all("labels" in item for item in items) and identity_only(info):
        return of_kind([cast(EntityRow, item) for item in items], kind)  # the rest stays empty
    return loaded(info, items, kind)


async def loaded(info: Info, items: Sequence[Reference], kind: type[E]) -> list[E]:
    found = await info.context.loader.load_many([item["id"] for item in items])
    return of_kind(found, kind)


def of_kind(rows: Iterable[EntityRow | None], kind: type[E]) -> list[E]:
    return [
        e
        for row in rows
        if row is not None and not row.get("retracted") and isinstance(e := build(row), kind)
    ]


def first(info: Info, items: Sequence[Reference], kind: type[E]) -> Soon[E | None]:
    found = related(info, items[:1], kind)
    if isinstance(found, list):
        return found[0] if found else None
    return head(found)


async def head(found: Awaitable[list[E]]) -> E | None:
    items = await found
    return items[0] if items else None


async def pointing_at(info: Info, entity: Entity, kind: type[E], *types: str) -> list[E]:
    """The entities of this kind whose relationships of these types point at the entity."""
    return await settled(related(info, await incoming(info, entity, *types), kind))


def known(rows: Iterable[Mapping[str, object]]) -> list[EntityRow]:
    """The identities an analysis's rows carry beside their ids (graph/queries/projections.py
    identity)."""
    return [node for row in rows for node in cast(list[EntityRow], row["known"])]


async def by_id(
    info: Info,
    ids: list[str],
    kind: type[E],
    needed: Detail = "full",
    known: Sequence[EntityRow] = (),
) -> dict[str, E]:
    """Entities of one kind fetched in one batch, keyed by id: through the loader, whole,
    unless the selection asks only what they are (an analysis asking for ids loaded 50
    attacks with their provenance: 20 ms of a 26 ms answer at 10^6 events). `known`: the
    identities an analysis's rows carry; when they cover every id, a selection of what the
    entities are needs no query at all (7 ms of a violations answer at 10^6 events)."""
    if needed != "identity":  # richer selections go through the loader, whole
        return {str(e.id): e for e in await loaded(info, refs(ids), kind)}
    wanted = list(dict.fromkeys(ids))
    rows: Mapping[str, EntityRow] = {row["id"]: row for row in known}
    if any(id not in rows for id in wanted):
        rows = await entities_by_ids(info.context.database, wanted, needed)
    built = (build(rows[id]) for id in wanted if id in rows and not rows[id].get("retracted"))
    return {str(e.id): e for e in built if isinstance(e, kind)}


async def require(info: Info, argument: str, id: str, kind: type[E]) -> E:
    """The entity an argument names, or a NOT_FOUND error that says which argument. An
    analysis whose query matches its anchor (of its kind, not retracted) asks only when it
    found nothing: rows prove the anchor is there, and the check cost 5-10 ms at 10^6."""
    found = await settled(first(info, refs([id]), kind))
    if found is None:
        noun = kind.__name__.lower()  # "entity" for any kind
        raise NotFoundError(f"{argument}: no {noun} with id {id!r}")
    return found


async def edge_evidence(info: Info, props: Mapping[str, object]) -> Evidence | None:
    """The source and quotes written on a relationship (a party's role, say)."""
    source_id = props.get("sourceId")
    if not isinstance(source_id, str):
        return None
    row = await info.context.loader.load(source_id)
    ref = source_ref(cast(SourceRow, row) if row is not None else {"id": source_id})
    quotes = props.get("quotes")
    return Evidence(
        source=ref,
        quotes=[str(quote) for quote in quotes] if isinstance(quotes, list) else [],
        aspect="relationship",
        external=bool(props.get("external")),
        note=None,
    )
