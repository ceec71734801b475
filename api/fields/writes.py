"""Writes: editors add, update and retract facts; each validated like the loader."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import strawberry

from api import metrics
from api.context import Info
from api.types import inputs
from api.types.provenance import Retraction
from graph.errors import BadInputError, ForbiddenError, LoadError, UnauthenticatedError
from graph.ingest import writes
from graph.ingest.facts.loader import Editor, Loaded
from graph.store.database import Database

MAX_REASON = 2000


@strawberry.type(description="What a write changed: ids written and how much.")
class WriteResult:
    ids: list[strawberry.ID]
    nodes: int
    relationships: int
    warnings: list[str] = strawberry.field(
        description="Names that could mean more than one thing: written all the same."
    )


@strawberry.type(description="What unloading a source took back.")
class UnloadResult:
    source_id: strawberry.ID
    touched: int = strawberry.field(description="Facts the source defined or added to.")
    removed: int = strawberry.field(description="Facts only it supported, now gone.")
    promoted: list[strawberry.ID] = strawberry.field(
        description="Facts it defined that another source supports, and now defines."
    )


def editor(info: Info, operation: str) -> Editor:
    key = info.context.api_key
    if key is None:
        raise UnauthenticatedError("writes need an API key with the editor role")
    if key.role != "editor":
        raise ForbiddenError(f"the key {key.name!r} has the {key.role} role; writes need editor")
    return Editor(name=key.name, operation=operation)


def result(loaded: Loaded) -> WriteResult:
    metrics.rows_written(loaded.nodes, loaded.relationships)
    return WriteResult(
        ids=[strawberry.ID(id) for id in loaded.ids],
        nodes=loaded.nodes,
        relationships=loaded.relationships,
        warnings=list(loaded.warnings),
    )


async def written(write: Awaitable[Loaded]) -> WriteResult:
    """The write's result; its problems named by the fields the client wrote (camelCase)."""
    try:
        return result(await write)
    except LoadError as error:
        problems = [replace(p, path=inputs.graphql_path(p.path)) for p in error.problems]
        raise LoadError(problems, error.summary) from None


FACT_HELP = (
    " The fact has the fields of the facts-file format (docs/facts-format.md); its quotes "
    "are checked against the source named by sourceId. Same id again: updated."
)


PutFact = Callable[[Database, Any, str, Editor], Awaitable[Loaded]]


def put_field(operation: str, what: str, kind: type, put_fact: PutFact) -> Any:
    """A mutation adding or updating one fact of a kind, given as its typed input."""

    async def put(info: Info, source_id: strawberry.ID, fact: Any) -> WriteResult:
        who = editor(info, operation)
        spec = inputs.plain(fact)
        return await written(put_fact(info.context.database, spec, source_id, who))

    put.__annotations__ = {
        "info": Info,
        "source_id": strawberry.ID,
        "fact": kind,
        "return": WriteResult,
    }
    return strawberry.mutation(resolver=put, description=f"Add or update {what}." + FACT_HELP)


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Add or update everything in a facts document (YAML or JSON text), in "
        "one transaction. Sources give their text inline."
    )
    async def submit_facts(self, info: Info, document: str) -> WriteResult:
        who = editor(info, "submit_facts")
        return result(await writes.submit_facts(info.context.database, document, who))

    @strawberry.mutation(description="Add or update a source (with its text if a document).")
    async def put_source(
        self,
        info: Info,
        source: inputs.SourceInput,  # type: ignore[valid-type]
    ) -> WriteResult:
        who = editor(info, "put_source")
        spec = inputs.plain(source)
        return await written(writes.put_source(info.context.database, spec, who))

    put_actor = put_field("put_actors", "an actor", inputs.ActorInput, writes.put_actor)
    put_location = put_field(
        "put_locations", "a location", inputs.LocationInput, writes.put_location
    )
    put_event = put_field("put_events", "an event", inputs.EventInput, writes.put_event)
    put_statement = put_field(
        "put_statements", "a statement", inputs.StatementInput, writes.put_statement
    )
    put_agreement = put_field(
        "put_agreements",
        "an agreement with its parties and their roles",
        inputs.AgreementInput,
        writes.put_agreement,
    )
    put_attack = put_field(
        "put_attacks",
        "an attack with its targets and figures",
        inputs.AttackInput,
        writes.put_attack,
    )

    @strawberry.mutation(
        description="Unload a source: take back exactly what its document contributed. "
        "Facts only it supports go, facts others support lose only its evidence, "
        "confirmations it made are undone, and times anchored on what went are derived "
        "again: the graph answers as if it had never been loaded."
    )
    async def unload_source(self, info: Info, source_id: strawberry.ID) -> UnloadResult:
        who = editor(info, "unload_source")
        done = await writes.unload_source(info.context.database, source_id, who)
        return UnloadResult(
            source_id=strawberry.ID(done.source),
            touched=done.touched,
            removed=done.removed,
            promoted=[strawberry.ID(id) for id in done.promoted],
        )

    @strawberry.mutation(
        description="Retract a fact: it drops out of answers but is kept, with who, when "
        "and why. Submitting the fact again restores it."
    )
    async def retract(self, info: Info, id: strawberry.ID, reason: str) -> Retraction:
        who = editor(info, "retract")
        if not reason.strip() or len(reason) > MAX_REASON:
            raise BadInputError(f"reason: say why, in 1 to {MAX_REASON} characters")
        row = await writes.retract(info.context.database, id, reason, who)
        return Retraction(at=row["at"], by=row["by"], reason=row["reason"])
