"""What each document contributes to the graph, so that many reports can tell one story.

A fact belongs to the document that first defined it (`definedBy`): its properties are that
document's words. Another document that lists it adds its own evidence, relationships,
figures and targets, and its own version of the fact's fields (kept on its evidence as
`said`), never overwriting the first. Every relationship names the documents that state it
(`contributors`), and a document's Source node lists every fact it touched (`touched`), so a
reload or an unload takes back exactly that document's part:

- a relationship loses the document from its contributors, and goes when none is left;
- a fact only the document supports goes; one others support loses only its evidence;
- a fact the document defined that others still support passes to one of them
  (`promote`), with that document's version of its fields.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, LiteralString, TypedDict, cast

import neo4j

from graph.errors import Problem
from graph.ingest.facts.parse import Parsed, kinds
from graph.ingest.facts.plan import Plan
from graph.ingest.facts.plan.rows import VERSION_FIELDS
from graph.store.database import Database, run_in

OWNERS: LiteralString = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, labels(n) AS labels,
       coalesce(n.definedBy, CASE
         WHEN EXISTS { (n)-[:SUPPORTED_BY {aspect: 'existence'}]->(:Source {id: $document}) }
           OR NOT EXISTS { (n)-[:SUPPORTED_BY]->() } THEN $document END) AS owner
"""


class OwnerRow(TypedDict):
    id: str
    labels: list[str]
    owner: str | None


async def owners(database: Database, plan: Plan) -> list[OwnerRow]:
    ids = [id for id, label in plan.labels.items() if label != "Source"]
    if not ids:
        return []
    rows = await database.read(OWNERS, ids=ids, document=plan.document)
    return cast(list[OwnerRow], rows)


def settle(parsed: Parsed, plan: Plan, found: list[OwnerRow]) -> list[Problem]:
    """Facts of the plan that another source defined become additions to them: the file's
    version of their fields is kept on its evidence, not written over the first source's.
    An id the graph holds as another kind of thing is a problem."""
    problems = []
    for row in found:
        label = plan.labels[row["id"]]
        if label not in row["labels"]:
            have = kinds(set(row["labels"]) - {"Entity"})
            problems.append(
                parsed.problem((), f"{row['id']!r} is in the graph as {have}, not {kinds({label})}")
            )
        elif row["owner"] != plan.document:
            del plan.labels[row["id"]]
            plan.additions[row["id"]] = label
            plan.nodes[label] = [n for n in plan.nodes[label] if n["id"] != row["id"]]
    return problems


TOUCHED: LiteralString = "MATCH (s:Source {id: $document}) RETURN coalesce(s.touched, []) AS ids"


class TouchedRow(TypedDict):
    ids: list[str]


# Relationships written before contributors were kept (`contributors` missing) belong to the
# node's own document, except names and evidence other sources gave it (imports' NAMED_IN).
CLEAR: LiteralString = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]->(end)
WHERE CASE WHEN r.contributors IS NULL
           THEN coalesce(n.definedBy, $document) = $document
                AND NOT ((r:NAMED_IN OR r:SUPPORTED_BY) AND NOT end.id IN $sources)
           ELSE $document IN r.contributors END
WITH r, [c IN coalesce(r.contributors, []) WHERE c <> $document] AS rest
CALL (r, rest) { WITH r WHERE size(rest) = 0 DELETE r }
CALL (r, rest) { WITH r WHERE size(rest) > 0 SET r.contributors = rest }
"""


async def clear(
    tx: neo4j.AsyncManagedTransaction,
    document: str,
    ids: list[str],
    sources: list[str],
    *,
    whole: bool = True,
) -> list[str]:
    """Take back the document's relationships from the facts it restates; for a whole
    document (a reload, an unload), from everything it touched before too. What it touched
    before."""
    rows = cast(list[TouchedRow], await run_in(tx, TOUCHED, document=document))
    before = list(rows[0]["ids"]) if rows else []
    every = sorted({*before, *ids}) if whole else sorted(ids)
    await run_in(tx, CLEAR, ids=every, document=document, sources=sources)
    return before


def merge_relationships(type: LiteralString) -> LiteralString:
    """One relationship per pair and type, whichever documents state it: a second document
    joins its contributors. Evidence (SUPPORTED_BY) stays one per document and aspect."""
    if type == "SUPPORTED_BY":
        return (
            "UNWIND $rows AS row MATCH (a:Entity {id: row.start}) MATCH (b:Entity {id: row.end}) "
            "CREATE (a)-[r:SUPPORTED_BY]->(b) SET r = row.props RETURN count(r) AS written"
        )
    # A party's role is part of what a source says: two roles from two sources are two claims.
    key: LiteralString = " {role: row.props.role}" if type == "HAS_PARTY" else ""
    return (
        "UNWIND $rows AS row MATCH (a:Entity {id: row.start}) MATCH (b:Entity {id: row.end}) "
        "MERGE (a)-[r:" + type + key + "]->(b) "
        "ON CREATE SET r = row.props "
        "ON MATCH SET r.contributors = coalesce(r.contributors, []) + "
        "[c IN row.props.contributors WHERE NOT c IN coalesce(r.contributors, [])] "
        "RETURN count(r) AS written"
    )


# A fact the document defined, still supported by others: the first of them (by id) defines it
# now, with its version of the fields and of the time.
ORPHANS: LiteralString = """
MATCH (n:Entity) WHERE n.definedBy = $document AND NOT n:Source
MATCH (n)-[e:SUPPORTED_BY]->(:Source)
WHERE e.contributors IS NOT NULL AND NOT $document IN e.contributors
WITH n, e ORDER BY e.contributors[0]
WITH n, collect(e) AS evidence
WITH n, evidence[0].contributors[0] AS heir, evidence
RETURN n.id AS id, labels(n) AS labels, heir,
       [e IN evidence WHERE e.contributors[0] = heir AND e.aspect = 'existence' | e.said][0]
         AS said,
       [e IN evidence WHERE e.contributors[0] = heir AND e.aspect = 'time' | e.said][0] AS time,
       [e IN evidence WHERE e.contributors[0] = heir AND e.aspect = 'time' | e.timeSpec][0]
         AS timeSpec
"""
PROMOTE: LiteralString = """
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n += row.props, n.definedBy = row.heir
"""


class OrphanRow(TypedDict):
    id: str
    labels: list[str]
    heir: str
    said: str | None
    time: str | None
    timeSpec: str | None  # how the heir said its time, when anchored: derived again later


async def promote(tx: neo4j.AsyncManagedTransaction, document: str) -> list[str]:
    """Pass the facts the document defined and others still support to one of them; their ids."""
    rows = cast(list[OrphanRow], await run_in(tx, ORPHANS, document=document))
    promoted = []
    for row in rows:
        # The heir's words only: a field it did not give is left empty, not the old words
        # without their source.
        label = next((label for label in row["labels"] if label in VERSION_FIELDS), "")
        props: dict[str, Any] = dict.fromkeys(VERSION_FIELDS.get(label, ()))
        props |= json.loads(row["said"]) if row["said"] else {}
        props |= time_from_json(json.loads(row["time"])) if row["time"] else dict.fromkeys(TIME)
        if row["time"]:
            props["timeSpec"] = row["timeSpec"]
        if "text" in props:
            props["name"] = str(props["text"] or "")[:120] or None
        promoted.append({"id": row["id"], "heir": row["heir"], "props": props})
    if promoted:
        await run_in(tx, PROMOTE, rows=promoted)
    return [row["id"] for row in rows]


# A fact's own time, as node properties (graph/ingest/facts/plan/time_properties.py).
TIME = (
    "timeText",
    "startEarliest",
    "startLatest",
    "endEarliest",
    "endLatest",
    "timePrecision",
    "timeAnchor",
    "timeOffset",
    "timeZone",
    "timeExternal",
    "timeExternalBecause",
    "spanSeconds",
    "timeSpec",
)


def time_from_json(said: dict[str, Any]) -> dict[str, Any]:
    """A time version as kept on evidence (JSON, instants as ISO text), as node properties."""
    props = dict(said)
    for key in ("startEarliest", "startLatest", "endEarliest", "endLatest"):
        if isinstance(props.get(key), str):
            props[key] = dt.datetime.fromisoformat(props[key])
    props["timeOffset"] = None
    return props
