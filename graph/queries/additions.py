"""What a source adds to facts other sources defined, and where it disagrees with them: the
part of a source's review (graph/queries/review.py) that only exists when reports build on
each other."""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString, TypedDict, cast

from graph.queries import disagreements as told
from graph.queries.accounts import accounts
from graph.store.database import Database

ADDED: LiteralString = """
MATCH (s:Source {id: $source})
UNWIND coalesce(s.touched, []) AS id
MATCH (n:Entity {id: id}) WHERE NOT n:Source
WITH n, coalesce(n.definedBy, '') <> $source AS added
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS kind, n.name AS name,
       n.definedBy AS definedBy, added
ORDER BY n.id
"""


class AddedRow(TypedDict):
    id: str
    kind: str
    name: str | None
    definedBy: str | None
    added: bool


@dataclass(frozen=True)
class Addition:
    fact: str
    kind: str
    name: str | None
    defined_by: str | None  # None: an import's record


@dataclass(frozen=True)
class Contribution:
    source: str
    additions: tuple[Addition, ...]
    disagreements: tuple[told.Disagreement, ...]  # where its words differ from another's


async def contribution(database: Database, source: str) -> Contribution:
    """Two queries: what the source touched, and the accounts of the facts among them."""
    rows = cast(list[AddedRow], await database.read(ADDED, source=source))
    added = tuple(
        Addition(r["id"], r["kind"], r["name"], r["definedBy"]) for r in rows if r["added"]
    )
    facts = [r["id"] for r in rows if r["kind"] not in ("Figure", "Target")]
    found = await accounts(database, facts) if facts else {}
    differing = tuple(
        d
        for id in facts
        if id in found
        for d in told.differences(found[id])
        if any(source in (c.source["source"], c.source["document"]) for c in d.claims)
    )
    return Contribution(source, added, differing)
