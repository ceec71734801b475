"""Everything touching an entity, in time order: itself, what it is directly tied to, what
its parts (units, spokespeople) did or said, and what happened inside it (a place)."""

from __future__ import annotations

import datetime as dt
from typing import LiteralString, TypedDict, cast

from graph.queries.entities import EntityRow
from graph.queries.incidents import one_per_incident
from graph.queries.overlap import BUSY, LONGEST_TIMED, back
from graph.queries.projections import identity
from graph.queries.reviewed import chosen
from graph.store.database import Database

# Two plans, chosen per entity by its reach (the timed nodes tied to it, counted from node
# degrees without reading a relationship): a quiet entity's items are gathered from it and
# sorted; a busy one's are found by reading all timed nodes in time order and keeping those
# tied to it, which stops at the limit. Each costs about what the other saves: gathering is
# linear in the reach, scanning in (limit x timed nodes / reach); they meet near
# sqrt(limit x timed nodes), about 7,000 at 10^6 events and a limit of 50 (bench/README.md).
# Bounds go through datetime(): a client that sends them as text (the benchmark's
# @neo4j/graphql, running this same Cypher) gets the same answer.
TIMELINE: LiteralString = (
    """
MATCH (e:Entity {id: $id}) WHERE e.retracted IS NULL
WITH e, COUNT { (e)--() }
        + reduce(n = 0, d IN COLLECT {
            MATCH (e)<-[:PART_OF|SPEAKS_FOR*1..4]-(d:Actor)
            RETURN COUNT { (d)-[:CARRIED_OUT_BY|MADE_BY|PARTICIPANT|HAS_PARTY]-() } AS n
          } | n + d)
        + reduce(n = 0, d IN COLLECT {
            MATCH (e)<-[:WITHIN*1..5]-(d:Location) RETURN COUNT { (d)<-[:AT]-() } AS n
          } | n + d) AS reach,
     """
    + LONGEST_TIMED
    + """ AS longest
CALL (e, reach, longest) {
  WITH e WHERE reach <= $busy
  CALL (e) {
    WITH e WHERE e:Attack OR e:Statement OR e:Agreement OR e:Event
    RETURN e AS t
    UNION
    MATCH (e)-[r]-(t)
    WHERE (t:Attack OR t:Statement OR t:Agreement OR t:Event) AND type(r) <> 'SUPPORTED_BY'
    RETURN t
    UNION
    MATCH (e)<-[:PART_OF|SPEAKS_FOR*1..4]-(:Actor)
          -[:CARRIED_OUT_BY|MADE_BY|PARTICIPANT|HAS_PARTY]-(t)
    RETURN t
    UNION
    MATCH (e)<-[:WITHIN*1..5]-(:Location)<-[:AT]-(t)
    RETURN t
  }
  WITH t WHERE t.startEarliest IS NOT NULL AND t.retracted IS NULL
    AND (NOT t:Attack OR """
    + one_per_incident("t")
    + """)
    AND coalesce(t.confidence, 1.0) >= $minConfidence
    AND (datetime($from) IS NULL OR t.endLatest >= datetime($from))
    AND (datetime($to) IS NULL OR t.startEarliest <= datetime($to))
  WITH t ORDER BY t.startEarliest, t.id LIMIT $limit
  RETURN t
  UNION
  WITH e, longest WHERE reach > $busy
  CALL (e, longest) {
    MATCH (t:Entity) USING INDEX t:Entity(startEarliest)
    WHERE t.startEarliest >= CASE WHEN datetime($from) IS NULL THEN datetime('0001-01-01T00:00:00Z')
                                  ELSE """
    + back("datetime($from)", "longest")
    + """ END
      AND (datetime($from) IS NULL OR t.endLatest >= datetime($from))
      AND (datetime($to) IS NULL OR t.startEarliest <= datetime($to))
      AND (t:Attack OR t:Statement OR t:Agreement OR t:Event) AND t.retracted IS NULL
      AND (NOT t:Attack OR """
    + one_per_incident("t")
    + """)
      AND coalesce(t.confidence, 1.0) >= $minConfidence
      AND (t = e
           OR EXISTS { (e)-[r]-(t) WHERE type(r) <> 'SUPPORTED_BY' }
           OR EXISTS { (e)<-[:PART_OF|SPEAKS_FOR*1..4]-(:Actor)
                       -[:CARRIED_OUT_BY|MADE_BY|PARTICIPANT|HAS_PARTY]-(t) }
           OR EXISTS { (e)<-[:WITHIN*1..5]-(:Location)<-[:AT]-(t) })
    WITH t ORDER BY t.startEarliest, t.id LIMIT $limit
    RETURN t
  }
  RETURN t
}
WITH e, t ORDER BY t.startEarliest, t.id
RETURN collect({id: t.id, machineCoded: coalesce(t.machineCoded, false), known: ["""
    + identity("t")
    + """], relations: CASE WHEN t = e THEN ['self'] ELSE [] END + COLLECT {
  MATCH (e)-[r]-(t) WHERE type(r) <> 'SUPPORTED_BY' RETURN DISTINCT toLower(type(r)) AS relation
  UNION
  MATCH (e)<-[:PART_OF|SPEAKS_FOR*1..4]-(:Actor)
        -[r:CARRIED_OUT_BY|MADE_BY|PARTICIPANT|HAS_PARTY]-(t)
  RETURN DISTINCT toLower(type(r)) AS relation
  UNION
  MATCH (e)<-[:WITHIN*1..5]-(:Location)<-[:AT]-(t) RETURN 'inside' AS relation
}}) AS rows
"""
)


class TimelineRow(TypedDict):
    id: str
    relations: list[str]
    machineCoded: bool  # a machine-coded fact (GDELT)
    known: list[EntityRow]  # the identity of the item


async def timeline(
    database: Database,
    id: str,
    start: dt.datetime | None,
    end: dt.datetime | None,
    limit: int,
    *,
    busy: int = BUSY,
    min_confidence: float = 0.0,
    reviewed_only: bool = False,
) -> list[TimelineRow]:
    """Query.timeline: everything touching an entity, in time order. Built from TIMELINE
    (overlap.back, overlap.LONGEST_TIMED, incidents.one_per_incident, projections.identity;
    reviewed.chosen for `reviewed_only`).
    `busy`: the reach above which the time-ordered scan is used (the answer is the same);
    `min_confidence`: machine-coded facts below it are left out (others have none);
    `reviewed_only`: items still marked drafted are left out (the entity asked about is not)."""
    rows = await database.read_list(
        chosen(TIMELINE, reviewed=reviewed_only, keep=("e",)),
        id=id,
        **{"from": start, "to": end},
        limit=limit,
        busy=busy,
        minConfidence=min_confidence,
    )
    return cast(list[TimelineRow], rows)
