"""Writes made through the API: validated exactly like the loader, one transaction each."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any, LiteralString, TypedDict, cast

import neo4j

from graph.errors import LoadError, NotFoundError, Problem
from graph.ingest.facts.loader import AUDIT, Editor, Loaded, write_documents
from graph.ingest.facts.parse import LineMap, Parsed, parse_text, validate
from graph.ingest.facts.rederive import rederive
from graph.ingest.facts.unload import Unloaded, unload
from graph.store.changes import Change, record
from graph.store.database import Database, run_in

REQUEST = Path("request")
SOURCE_FIELDS = ("kind", "title", "publisher", "url", "published", "retrieved", "note", "text")

FIND_SOURCE: LiteralString = "MATCH (s:Source {id: $id}) RETURN properties(s) AS props"


class SourcePropsRow(TypedDict):
    props: dict[str, object]


RETRACT: LiteralString = """
MATCH (n:Entity {id: $id})
WHERE NOT n:TargetCategory
CREATE (r:Retraction {at: datetime(), by: $by, reason: $reason})-[:RETRACTS]->(n)
SET n.retracted = true
CREATE (:Audit {at: r.at, by: $by, operation: 'retract', ids: [$id]})
RETURN r.at AS at, r.by AS by, r.reason AS reason
"""


async def submit_facts(database: Database, text: str, editor: Editor) -> Loaded:
    """Mutation.submitFacts: a whole facts document (YAML or JSON); sources must carry
    their text inline."""
    parsed = parse_text(REQUEST, text, files_allowed=False)
    [loaded] = await write_documents(database, [parsed], editor, whole=True)
    return loaded


async def source_spec(database: Database, id: str) -> dict[str, object]:
    rows = cast(list[SourcePropsRow], await database.read(FIND_SOURCE, id=id))
    if not rows:
        raise NotFoundError(f"sourceId: no source with id {id!r}")
    props = rows[0]["props"]
    spec = {key: props[key] for key in SOURCE_FIELDS if props.get(key) is not None}
    return {"id": id, **spec}


def _as_fact(problem: Problem, group: str) -> Problem:
    """Problems in a single-fact write are about the `fact` argument, not a file."""
    prefix = f"{group}[0]"
    path = "fact" + problem.path[len(prefix) :] if problem.path.startswith(prefix) else problem.path
    return replace(problem, file="request", line=None, path=path)


async def put_fact(
    database: Database, group: str, fact: Any, source_id: str, editor: Editor
) -> Loaded:
    """Add or update one fact (by its id), with quotes from a source already in the graph."""
    data = {"document": source_id, "sources": [await source_spec(database, source_id)]}
    data[group] = [fact]
    parsed = validate(Parsed(REQUEST, "", LineMap({}), None, [], files_allowed=False), data)
    try:
        [loaded] = await write_documents(database, [parsed], editor)
    except LoadError as error:
        raise LoadError([_as_fact(p, group) for p in error.problems]) from None
    return loaded


async def put_actor(database: Database, fact: Any, source_id: str, editor: Editor) -> Loaded:
    """Mutation.putActor: add or update an actor (put_fact)."""
    return await put_fact(database, "actors", fact, source_id, editor)


async def put_location(database: Database, fact: Any, source_id: str, editor: Editor) -> Loaded:
    """Mutation.putLocation: add or update a place (put_fact)."""
    return await put_fact(database, "locations", fact, source_id, editor)


async def put_event(database: Database, fact: Any, source_id: str, editor: Editor) -> Loaded:
    """Mutation.putEvent: add or update an event (put_fact)."""
    return await put_fact(database, "events", fact, source_id, editor)


async def put_statement(database: Database, fact: Any, source_id: str, editor: Editor) -> Loaded:
    """Mutation.putStatement: add or update a statement (put_fact)."""
    return await put_fact(database, "statements", fact, source_id, editor)


async def put_agreement(database: Database, fact: Any, source_id: str, editor: Editor) -> Loaded:
    """Mutation.putAgreement: add or update an agreement with its parties (put_fact)."""
    return await put_fact(database, "agreements", fact, source_id, editor)


async def put_attack(database: Database, fact: Any, source_id: str, editor: Editor) -> Loaded:
    """Mutation.putAttack: add or update an attack with its targets and figures (put_fact)."""
    return await put_fact(database, "attacks", fact, source_id, editor)


async def put_source(database: Database, source: Any, editor: Editor) -> Loaded:
    """Mutation.putSource: add or update a source, with its text when it is a document."""
    document = source.get("id") if isinstance(source, dict) else None
    data = {"document": document, "sources": [source]}
    parsed = validate(Parsed(REQUEST, "", LineMap({}), None, [], files_allowed=False), data)
    try:
        [loaded] = await write_documents(database, [parsed], editor)
    except LoadError as error:
        raise LoadError([_as_fact(p, "sources") for p in error.problems]) from None
    return loaded


class RetractedRow(TypedDict):
    at: dt.datetime
    by: str
    reason: str


async def retract(database: Database, id: str, reason: str, editor: Editor) -> RetractedRow:
    """Mutation.retract: mark a fact retracted, keeping who, when and why; nothing is
    deleted. Times other facts anchor on it are marked as resting on a retracted fact."""
    rows: list[RetractedRow] = []

    async def work(tx: neo4j.AsyncManagedTransaction) -> None:
        found = await run_in(tx, RETRACT, id=id, by=editor.name, reason=reason)
        rows.extend(cast(list[RetractedRow], found))
        if found:
            await rederive(tx, [id])
            await record(tx, Change("retract", (id,), ()))

    await database.write_transaction(work)
    if not rows:
        raise NotFoundError(f"id: no fact with id {id!r}")
    return rows[0]


async def unload_source(database: Database, id: str, editor: Editor) -> Unloaded:
    """Mutation.unloadSource: take back everything one loaded document contributed
    (graph/ingest/facts/unload.py)."""
    unloaded = await unload(database, id)
    await database.write(AUDIT, by=editor.name, operation="unload", ids=[id])
    return unloaded
