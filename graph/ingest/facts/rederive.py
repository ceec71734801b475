"""Times anchored on another source's fact are derived from it, and derived again whenever
its time changes (a reload), it is retracted or it goes (an unload), through however many
anchors: each round re-derives the times anchored on what the last round changed."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, LiteralString, TypedDict, cast

import neo4j

from graph.domain.bounds import Bounds
from graph.ingest.facts.plan.time_properties import time_properties, time_said
from graph.ingest.facts.time_spec import TimeSpec
from graph.ingest.facts.times import TimeError, precision_of, resolve, zones
from graph.store.database import run_in

# However many anchors: a chain longer than this is a cycle the loader refused already.
ROUNDS = 32

DEPENDENTS: LiteralString = """
UNWIND $changed AS anchorId
CALL (anchorId) {
  MATCH (n:Entity {timeAnchor: anchorId}) WHERE n.timeSpec IS NOT NULL
  RETURN n.id AS id, null AS evidence, n.timeSpec AS spec
  UNION
  MATCH (n:Entity)-[r:SUPPORTED_BY {timeAnchor: anchorId}]->(:Source)
  WHERE r.timeSpec IS NOT NULL
  RETURN n.id AS id, elementId(r) AS evidence, r.timeSpec AS spec
}
OPTIONAL MATCH (a:Entity {id: anchorId})
RETURN id, evidence, spec, anchorId AS anchor, a IS NOT NULL AS present,
       a.startEarliest AS startEarliest, a.startLatest AS startLatest,
       a.endEarliest AS endEarliest, a.endLatest AS endLatest, a.timePrecision AS precision,
       a.timeExternalBecause AS because, a.retracted IS NOT NULL AS retracted
"""


class DependentRow(TypedDict):
    id: str
    evidence: str | None  # a source's version on its evidence; None: the node's own time
    spec: str
    anchor: str
    present: bool
    startEarliest: dt.datetime | None
    startLatest: dt.datetime | None
    endEarliest: dt.datetime | None
    endLatest: dt.datetime | None
    precision: str | None
    because: str | None
    retracted: bool


SET_NODES: LiteralString = "UNWIND $rows AS row MATCH (n:Entity {id: row.id}) SET n += row.props"
SET_EVIDENCE: LiteralString = """
UNWIND $rows AS row
MATCH ()-[r:SUPPORTED_BY]->() WHERE elementId(r) = row.evidence
SET r.said = row.said
"""


def derived(row: DependentRow) -> dict[str, Any]:
    """The dependent's time from its anchor's present one; when the anchor is gone, the time
    it had, marked as resting on nothing the graph holds."""
    stored = json.loads(row["spec"])
    spec = TimeSpec.model_validate(stored["spec"])
    where = zones(spec, stored["timezone"])
    anchor_because = row["because"]
    if not row["present"] or row["startEarliest"] is None:
        return {
            "timeExternal": True,
            "timeExternalBecause": f"it is relative to {row['anchor']}, which is no longer "
            "in the graph: its bounds are as they were derived then",
        }
    if row["retracted"]:
        anchor_because = "was retracted"
    assert row["startLatest"] and row["endEarliest"] and row["endLatest"]
    anchor = Bounds(row["startEarliest"], row["startLatest"], row["endEarliest"], row["endLatest"])
    try:
        bounds = resolve(spec, anchor, stored["timezone"], row["precision"])
    except TimeError:
        return {}
    because = stored.get("own")
    if because is None and anchor_because is not None:
        because = f"it is relative to {row['anchor']}, whose time {anchor_because}"
    precision = precision_of(spec, anchor, row["precision"])
    props = time_properties(spec, bounds, precision, where, because)
    props["timeSpec"] = row["spec"]
    return props


async def rederive(tx: neo4j.AsyncManagedTransaction, changed: list[str]) -> list[str]:
    """Derive again every time anchored, through any number of anchors, on the changed facts;
    the ids whose own time changed."""
    done: set[str] = set()
    frontier = sorted(set(changed))
    for _ in range(ROUNDS):
        if not frontier:
            break
        rows = cast(list[DependentRow], await run_in(tx, DEPENDENTS, changed=frontier))
        nodes: list[dict[str, Any]] = []
        evidence: list[dict[str, Any]] = []
        for row in rows:
            props = derived(row)
            if not props or (row["evidence"] is not None and "startEarliest" not in props):
                continue
            if row["evidence"] is None:
                nodes.append({"id": row["id"], "props": props})
            else:
                evidence.append({"evidence": row["evidence"], "said": time_said(props)})
        if nodes:
            await run_in(tx, SET_NODES, rows=nodes)
        if evidence:
            await run_in(tx, SET_EVIDENCE, rows=evidence)
        done |= set(frontier)
        frontier = sorted({str(row["id"]) for row in nodes} - done)
    return sorted(done - set(changed))
