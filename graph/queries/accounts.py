"""Every source's account of a fact: what each said of it (versions), who stands behind it
(corroboration), and where they differ (graph/queries/disagreements.py). A fact confirmed as
the same incident as others (SAME_AS, either way, through any number) is read with them."""

from __future__ import annotations

import datetime as dt
from typing import LiteralString, TypedDict, cast

from graph.store.database import Database

EVIDENCE: LiteralString = """{source: s.id, kind: s.kind, publisher: s.publisher,
  title: coalesce(s.title, s.name, s.id), aspect: e.aspect, said: e.said,
  quotes: coalesce(e.quotes, []), document: coalesce(e.contributors[0], s.id)}"""

ACCOUNTS: LiteralString = (
    """
UNWIND $ids AS id
MATCH (f:Entity {id: id})
WITH f, [f] + [(f)-[:SAME_AS*1..4]-(m:Entity) WHERE m.retracted IS NULL | m] AS found
UNWIND found AS m
WITH f, collect(DISTINCT m) AS members
RETURN f.id AS id, [m IN members | {
  id: m.id, labels: labels(m), definedBy: m.definedBy, name: m.name, kind: m.kind,
  category: m.category, timeText: m.timeText, startEarliest: m.startEarliest,
  startLatest: m.startLatest, endEarliest: m.endEarliest, endLatest: m.endLatest,
  speaker: [(m)-[:MADE_BY]->(a:Actor) | a.id][0],
  evidence: [(m)-[e:SUPPORTED_BY]->(s:Source) | """
    + EVIDENCE
    + """],
  by: [(m)-[r:CARRIED_OUT_BY]->(a:Actor) | {id: a.id, name: a.name,
        broader: [(a)-[:PART_OF*1..4]->(b:Actor) | b.id], documents: r.contributors}],
  places: [(m)-[r:AT]->(p:Location) | {id: p.id, name: p.name,
        broader: [(p)-[:WITHIN*1..6]->(q:Location) | q.id], documents: r.contributors}],
  figures: [(m)-[:HAS_FIGURE]->(g:Figure) WHERE g.retracted IS NULL | {
        id: g.id, metric: g.metric, weapon: g.weapon, category: g.category, value: g.value,
        qualifier: g.qualifier, definedBy: g.definedBy,
        reporter: [(g)-[:REPORTED_BY]->(r:Actor) | r.id][0],
        evidence: [(g)-[e:SUPPORTED_BY]->(s:Source) | """
    + EVIDENCE
    + """]}],
  confirmed: [(m)-[r:SAME_AS]-(o:Entity) | {id: o.id, source: r.sourceId,
        quotes: coalesce(r.quotes, []), note: r.note}]
}] AS members
"""
)


class SourceEvidence(TypedDict):
    source: str
    kind: str | None  # 'document', 'external', 'dataset'
    publisher: str | None
    title: str
    aspect: str | None
    said: str | None  # JSON: what this source said of the fact's fields or time
    quotes: list[str]
    document: str  # the document that brought it (a file's document, or the source itself)


class Related(TypedDict):
    id: str
    name: str | None
    broader: list[str]  # the actors it is part of, the places it lies within
    documents: list[str] | None  # the documents that say so; None: written by an import


class FigureAccount(TypedDict):
    id: str
    metric: str
    weapon: str | None
    category: str | None
    value: int | None
    qualifier: str | None
    definedBy: str | None
    reporter: str | None
    evidence: list[SourceEvidence]


class Confirmation(TypedDict):
    id: str
    source: str | None
    quotes: list[str]
    note: str | None


class Member(TypedDict):
    id: str
    labels: list[str]
    definedBy: str | None
    name: str | None
    kind: str | None
    category: str | None
    timeText: str | None
    startEarliest: dt.datetime | None
    startLatest: dt.datetime | None
    endEarliest: dt.datetime | None
    endLatest: dt.datetime | None
    speaker: str | None
    evidence: list[SourceEvidence]
    by: list[Related]
    places: list[Related]
    figures: list[FigureAccount]
    confirmed: list[Confirmation]


class AccountRow(TypedDict):
    id: str
    members: list[Member]  # the fact first, then the records confirmed as the same incident


async def accounts(database: Database, ids: list[str]) -> dict[str, AccountRow]:
    """Each fact's accounts, in one query for all of them."""
    rows = cast(list[AccountRow], await database.read(ACCOUNTS, ids=ids))
    return {row["id"]: row for row in rows}


# Facts more than one document speaks of, and records confirmed as one incident: where
# disagreements can be.
TOLD_TWICE: LiteralString = """
CALL () {
  MATCH (s:Source) WHERE s.touched IS NOT NULL
  UNWIND s.touched AS id
  WITH id, count(DISTINCT s) AS tellers WHERE tellers > 1
  MATCH (n:Entity {id: id}) WHERE NOT n:Source AND NOT n:Figure AND NOT n:Target
    AND n.retracted IS NULL
  RETURN n.id AS id
  UNION
  MATCH (n:Entity)-[:SAME_AS]->(:Entity) WHERE n.retracted IS NULL
  RETURN n.id AS id
}
RETURN collect(DISTINCT id) AS ids
"""


class IdsRow(TypedDict):
    ids: list[str]


async def told_twice(database: Database) -> list[str]:
    rows = cast(list[IdsRow], await database.read(TOLD_TWICE))
    return sorted(rows[0]["ids"]) if rows else []
