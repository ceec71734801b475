"""The Entity interface every kind of node implements. Concrete kinds: api/types/kinds.py and
deeds.py, each registered as it is defined (Entity.__init_subclass__) for api/types/build.py
to turn rows into; how related nodes are reached: api/types/reach.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, cast

import strawberry

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
from api.types.build import KINDS
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
from api.types.reach import outgoing, pointing_at
from graph.queries import disagreements as told
from graph.queries.entities import EntityRow, SourceRow

if TYPE_CHECKING:
    from api.types.kinds import Statement


@strawberry.interface(description="Anything in the graph, with a stable, readable id.")
class Entity:
    id: strawberry.ID
    name: str | None
    row: strawberry.Private[EntityRow]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Each kind registers itself as it is defined, for rows to be built into
        (api/types/build.py): build then imports no kind, and no kind waits on build."""
        super().__init_subclass__(**kwargs)
        KINDS.setdefault(cls.__name__, cls)

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
