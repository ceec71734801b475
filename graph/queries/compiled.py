"""Run a query whose one record's `answer` is the whole result (api/compile/ builds them from
GraphQL documents; nothing here knows of GraphQL)."""

from __future__ import annotations

from typing import LiteralString

from graph.store.database import Database


async def compiled_answer(
    database: Database, cypher: LiteralString, parameters: dict[str, object]
) -> list[object]:
    """The `answer` of the query's one record (a list: one item per part of the result)."""
    records = await database.read(cypher, **parameters)
    answer = records[0]["answer"] if records else []
    return answer if isinstance(answer, list) else []
