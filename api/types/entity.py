"""The Entity interface every kind of node implements, and how related nodes are reached: from
relationship rows a projected node carries, through the request's entity loader, so a nested
query costs one Cypher query per level, not per item. Concrete kinds: api/types/kinds.py;
turning a row into one: api/types/build.py."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, TypeAlias, TypeVar, cast

import strawberry
from strawberry.types.nodes import SelectedField

from api.context import Info
from api.types.accounts import (
    CombinedTime,
    Confirmation,
    Corroboration,
    Disagreement,
    SourceVersion,
    combined_time,
    confirmations,
    corroboration,
    disagreement,
    source_versions,
)
from api.types.provenance import (
    Drafted,
    Evidence,
    Resolution,
    Retraction,
    drafted,
    evidence,
    retractions,
    source_ref,
)
from graph.errors import NotFoundError
from graph.queries import disagreements as told
from graph.queries.entities import Detail, EntityRow, RelationRow, SourceRow, entities_by_ids

if TYPE_CHECKING:
    from api.types.kinds import Statement

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
    from api.types.build import build  # the kinds it builds import this module

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
    """The identities an analysis's rows carry beside their ids (graph/queries/entities.py
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
    from api.types.build import build  # the kinds it builds import this module

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
        noun = "entity" if kind is Entity else kind.__name__.lower()
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


@strawberry.interface(description="Anything in the graph, with a stable, readable id.")
class Entity:
    id: strawberry.ID
    name: str | None
    row: strawberry.Private[EntityRow]

    @strawberry.field(description="The node's kind of entity: Actor, Attack, ...")
    def type_name(self) -> str:
        return type(self).__name__

    @strawberry.field(description="True when the fact has been retracted (see retractions).")
    def retracted(self) -> bool:
        return bool(self.row.get("retracted"))

    @strawberry.field(description="Who retracted this fact, when and why; kept for history.")
    def retractions(self) -> list[Retraction]:
        return retractions(self.row)

    @strawberry.field(description="How a program drafted it; null once a person reviewed it.")
    def drafted(self) -> Drafted | None:
        return drafted(self.row)

    @strawberry.field(description="Sources and the exact quotes supporting this fact.")
    def sources(self) -> list[Evidence]:
        return evidence(self.row)

    @strawberry.field(
        description="Every source's version of this fact (and of records confirmed as the "
        "same incident): what each said of its fields, its time and who did it. None "
        "overwrites another."
    )
    async def versions(self, info: Info) -> list[SourceVersion]:
        row = await info.context.accounts.load(str(self.id))
        return source_versions(row) if row else []

    @strawberry.field(description="How many sources, and how many independent ones, support it.")
    async def corroboration(self, info: Info) -> Corroboration:
        row = await info.context.accounts.load(str(self.id))
        return (
            corroboration(row)
            if row
            else Corroboration(sources=0, independent_sources=0, source_ids=[], originators=[])
        )

    @strawberry.field(
        description="The time all its sources allow together, or `conflicting` where they do not."
    )
    async def combined_time(self, info: Info) -> CombinedTime | None:
        row = await info.context.accounts.load(str(self.id))
        return combined_time(row) if row else None

    @strawberry.field(
        description="Records from other sources confirmed as the same incident (same_as)."
    )
    async def same_incident(self, info: Info) -> list[Confirmation]:
        row = await info.context.accounts.load(str(self.id))
        return confirmations(row) if row else []

    @strawberry.field(description="Where this fact's sources differ (see the root field).")
    async def disagreements(self, info: Info) -> list[Disagreement]:
        row = await info.context.accounts.load(str(self.id))
        return [disagreement(d) for d in told.differences(row)] if row else []

    @strawberry.field(
        description="Names other sources give this entity, each with how it was resolved to "
        "it (an import's places and actors, a report's regions and their ISO codes)."
    )
    async def resolutions(self, info: Info) -> list[Resolution]:
        named = outgoing(self.row, "NAMED_IN")
        rows = await info.context.loader.load_many([item["id"] for item in named])
        return [
            Resolution(
                name=str(item["props"].get("name", "")),
                field=str(item["props"].get("column", "")),
                how=str(item["props"].get("how", "")),
                rule=str(item["props"].get("rule", "")),
                source=source_ref(cast(SourceRow, row) if row else {"id": item["id"]}),
            )
            for item, row in zip(named, rows, strict=True)
        ]

    @strawberry.field(description="Statements about this entity.")
    async def mentioned_in(
        self, info: Info
    ) -> list[Annotated[Statement, strawberry.lazy("api.types.kinds")]]:
        from api.types.kinds import Statement

        return await pointing_at(info, self, Statement, "ABOUT")
