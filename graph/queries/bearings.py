"""Statements set against actions: what an actor committed to, accused others of, or said of
a side's conduct, each paired with later attacks that contradict it or bear it out."""

from __future__ import annotations

from typing import LiteralString, TypedDict, cast

from graph.queries.entities import EntityRow
from graph.queries.overlap import BUSY, BY_UNITS, LONGEST_ATTACK, UNITS, attack_reach, back
from graph.queries.projections import identity
from graph.queries.reviewed import chosen
from graph.store.database import Database

# Each branch reads attacks in time order through an ordered index seek and stops at the
# limit (graph/queries/overlap.py); a busy side's attacks are most of the graph, so driving
# from the side instead read them all (measured 10^6 attacks: seconds, against milliseconds).
# Branch by branch:
# - a side's commitments (agreements it accepted) against its side's later attacks in scope;
# - its accusations against another side, against that side's later attacks;
# - what it says of a side's conduct (denials, claims of striking only some targets) against
#   that side's attacks in the period it speaks of, with the targets that decide.
# Pairs come ordered by statement, then by the action's time. A quiet side's attacks are
# gathered instead (graph/queries/overlap.py attack_reach): a scan for a side with none would
# read every later attack.
IN_SCOPE: LiteralString = """COLLECT {
      MATCH (a)-[:HIT]->(t:Target)-[:IN_CATEGORY]->(:TargetCategory)
            -[:BROADER*0..4]->(:TargetCategory)<-[:COVERS]-(g)
      WHERE t.retracted IS NULL
      RETURN coalesce(t.inferred, false) AS inferred
    }"""
STATEMENTS_VERSUS_ACTIONS: LiteralString = (
    """
MATCH (me:Actor:Entity {id: $actor}) WHERE me.retracted IS NULL
WITH me, """
    + LONGEST_ATTACK
    + """ AS longest
CALL (me, longest) {
  MATCH (me)-[:PART_OF|SPEAKS_FOR*0..4]->(side:Actor)
  WITH DISTINCT side, """
    + attack_reach("(side)")
    + """ AS reach
  MATCH (side)<-[p:HAS_PARTY]-(g:Agreement)
  WHERE p.role IN ['accepted', 'signatory'] AND g.retracted IS NULL
    AND coalesce(g.confidence, 1.0) >= $minConfidence
  WITH DISTINCT side, reach, g,
       coalesce(p.statementId, [(g)-[:ANNOUNCED_IN]->(s) | s.id][0]) AS statement
  ORDER BY statement, g.id
  CALL (side, g, longest, reach) {
    // The guard before the CALL: under it, the seek does not run at all for a quiet side.
    WITH side, g, longest WHERE reach > $busy
    CALL (side, g, longest) {
      WITH side, g, longest, """
    + UNITS
    + """ AS units
      MATCH (a:Attack) USING INDEX a:Attack(startEarliest)
      WHERE a.startEarliest >= """
    + back("g.startEarliest", "longest")
    + """
        AND a.endLatest > g.startEarliest AND a.retracted IS NULL
        AND coalesce(a.confidence, 1.0) >= $minConfidence
        AND """
    + BY_UNITS
    + """
      WITH a, g, """
    + IN_SCOPE
    + """ AS inferred
      WHERE size(inferred) > 0
      WITH a, inferred ORDER BY a.startEarliest, a.id LIMIT $limit
      RETURN a, all(x IN inferred WHERE x) AS targetInferred
    }
    RETURN a, targetInferred
    UNION
    WITH side, g WHERE reach <= $busy
    MATCH (side)<-[:PART_OF*0..4]-(:Actor)<-[:CARRIED_OUT_BY]-(a:Attack)
    // DISTINCT first: a time test next to the MATCH let the planner seek every later
    // attack by time and test each for the side, the plan this branch exists to avoid.
    WITH DISTINCT a, g
    WHERE a.endLatest > g.startEarliest AND a.retracted IS NULL
        AND coalesce(a.confidence, 1.0) >= $minConfidence
    WITH a, g, """
    + IN_SCOPE
    + """ AS inferred
    WHERE size(inferred) > 0
    WITH a, inferred ORDER BY a.startEarliest, a.id LIMIT $limit
    RETURN a, all(x IN inferred WHERE x) AS targetInferred
  }
  WITH statement, g, a, targetInferred,
       side.name + ' accepted ' + g.name + '; this later attack by its side hit a target '
       + 'inside the agreement\\'s scope'
       + CASE WHEN targetInferred THEN ' (a target inferred from the notes of a '
              + 'dataset, not stated by a source)' ELSE '' END AS reason
  LIMIT $limit
  RETURN statement, g.id AS agreement, a, 'contradicts' AS relation, reason,
         a.startEarliest > g.endLatest AS definitely, targetInferred,
         CASE WHEN a.startEarliest > g.endLatest THEN 'definitely after'
              ELSE 'possibly after' END AS timing, [] AS targets
  UNION
  MATCH (me)<-[:PART_OF|SPEAKS_FOR*0..4]-(:Actor)<-[:MADE_BY]-(s:Statement {kind: 'accusation'})
  WHERE s.retracted IS NULL AND coalesce(s.confidence, 1.0) >= $minConfidence
  // Over each agreement it is about; one about none (a machine-coded 112 says who is
  // accused, not over what) is borne out by the side's attacks in the days up to it.
  UNWIND COLLECT { MATCH (s)-[:ABOUT]->(g:Agreement)
                   WHERE g.retracted IS NULL AND coalesce(g.confidence, 1.0) >= $minConfidence
                   RETURN g }
         + CASE WHEN EXISTS { (s)-[:ABOUT]->(:Agreement) } THEN [] ELSE [null] END AS g
  MATCH (s)-[:ABOUT]->(accused:Actor)-[:PART_OF|SPEAKS_FOR*0..4]->(side:Actor)
  WHERE side <> me AND NOT (me)-[:PART_OF|SPEAKS_FOR*0..4]->(side)
  WITH DISTINCT s, g, accused, side,
       CASE WHEN g IS NULL THEN s.startEarliest - duration({days: $accusedDays})
            ELSE g.startEarliest END AS since,
       CASE WHEN g IS NULL THEN s.endLatest END AS until
  ORDER BY s.id, g.id, accused.id, side.id
  CALL (s, g, side, longest, since, until) {
    WITH g, side, longest, since, until, """
    + attack_reach("(side)")
    + """ AS reach
    CALL (side, longest, reach, since, until) {
      WITH side, longest, since, until WHERE reach > $busy
      CALL (side, longest, since, until) {
        WITH side, longest, since, until, """
    + UNITS
    + """ AS units
        MATCH (a:Attack) USING INDEX a:Attack(startEarliest)
        WHERE a.startEarliest >= """
    + back("since", "longest")
    + """
          AND a.endLatest > since AND a.retracted IS NULL
          AND (until IS NULL OR a.startEarliest <= until)
          AND coalesce(a.confidence, 1.0) >= $minConfidence
          AND NOT EXISTS { (a)-[:PART_OF]->(:Attack) }
          AND """
    + BY_UNITS
    + """
        WITH a ORDER BY a.startEarliest, a.id LIMIT $limit
        RETURN a
      }
      RETURN a
      UNION
      WITH side, since, until WHERE reach <= $busy
      MATCH (side)<-[:PART_OF*0..4]-(:Actor)<-[:CARRIED_OUT_BY]-(a:Attack)
      WITH DISTINCT a, since, until
      WHERE a.endLatest > since AND a.retracted IS NULL
        AND (until IS NULL OR a.startEarliest <= until)
        AND coalesce(a.confidence, 1.0) >= $minConfidence
        AND NOT EXISTS { (a)-[:PART_OF]->(:Attack) }
      WITH a ORDER BY a.startEarliest, a.id LIMIT $limit
      RETURN a
    }
    RETURN a
  }
  WITH s, g, accused, side, a LIMIT $limit
  RETURN s.id AS statement, g.id AS agreement, a, 'bears_out' AS relation,
         CASE WHEN g IS NULL
              THEN 'the statement accuses ' + accused.name + '; this attack by ' + side.name
                   + ' came in the ' + toString($accusedDays) + ' days up to it'
              ELSE 'the statement accuses ' + accused.name + ' over ' + g.name
                   + '; this attack by ' + side.name + ' came after it' END AS reason,
         coalesce(a.startEarliest > g.endLatest, false) AS definitely, false AS targetInferred,
         CASE WHEN g IS NULL AND a.endLatest <= s.startEarliest THEN 'definitely before'
              WHEN g IS NULL THEN 'possibly before'
              WHEN a.startEarliest > g.endLatest THEN 'definitely after'
              ELSE 'possibly after' END AS timing, [] AS targets
  UNION
  MATCH (me)<-[:PART_OF|SPEAKS_FOR*0..4]-(:Actor)<-[:MADE_BY]-(s:Statement)
  WHERE s.retracted IS NULL AND s.conductStartEarliest IS NOT NULL
    AND coalesce(s.confidence, 1.0) >= $minConfidence
  MATCH (s)-[:CLAIMS_CONDUCT_OF]->(side:Actor)
  WITH DISTINCT s, side ORDER BY s.id, side.id
  CALL (s, side, longest) {
    WITH s, side, longest, """
    + UNITS
    + """ AS units
    MATCH (a:Attack) USING INDEX a:Attack(startEarliest)
    WHERE a.startEarliest >= """
    + back("s.conductStartEarliest", "longest")
    + """
      AND a.startEarliest <= s.conductEndLatest AND a.endLatest >= s.conductStartEarliest
      AND a.retracted IS NULL
        AND coalesce(a.confidence, 1.0) >= $minConfidence
      AND """
    + BY_UNITS
    + """
    WITH a, COLLECT {
      MATCH (a)-[:HIT]->(t:Target)-[:IN_CATEGORY]->(c:TargetCategory)
      WHERE t.retracted IS NULL
      RETURN {id: t.id, key: c.key, inferred: coalesce(t.inferred, false),
              keys: [(c)-[:BROADER*0..4]->(b:TargetCategory) | b.key]} AS hit
    } AS hits
    WITH a, hits,
         [h IN hits WHERE any(k IN h.keys WHERE k IN s.conductDenies)] AS denied,
         [h IN hits WHERE size(s.conductOnly) > 0
                          AND none(k IN h.keys WHERE k IN s.conductOnly)] AS outside
    WITH a, hits, denied + outside AS against,
         CASE WHEN size(denied) + size(outside) > 0 THEN 'contradicts'
              WHEN size(s.conductOnly) > 0 AND size(hits) > 0 THEN 'bears_out' END AS relation
    WHERE relation IS NOT NULL
    WITH a, relation, CASE relation WHEN 'contradicts' THEN against ELSE hits END AS shown
    ORDER BY a.startEarliest, a.id LIMIT $limit
    RETURN a, relation, shown
  }
  WITH s, side, a, relation, shown LIMIT $limit
  RETURN s.id AS statement, null AS agreement, a, relation,
         'the statement says ' + side.name
         + CASE WHEN size(s.conductDenies) > 0
                THEN ' did not strike ' + reduce(t = '', k IN s.conductDenies | t
                     + CASE t WHEN '' THEN '' ELSE ', ' END + k) ELSE '' END
         + CASE WHEN size(s.conductDenies) > 0 AND size(s.conductOnly) > 0 THEN ' and' ELSE '' END
         + CASE WHEN size(s.conductOnly) > 0
                THEN ' struck only ' + reduce(t = '', k IN s.conductOnly | t
                     + CASE t WHEN '' THEN '' ELSE ', ' END + k) ELSE '' END
         + '; this attack by its side in that period hit '
         + reduce(t = '', h IN shown | t + CASE t WHEN '' THEN '' ELSE ', ' END + h.key
                  + CASE WHEN h.inferred THEN ' (inferred from notes)' ELSE '' END) AS reason,
         a.startEarliest > s.conductEndLatest AS definitely,
         all(h IN shown WHERE h.inferred) AS targetInferred,
         CASE WHEN a.startEarliest >= s.conductStartEarliest
                   AND a.endLatest <= s.conductEndLatest THEN 'definitely during'
              ELSE 'possibly during' END AS timing,
         [h IN shown | h.id] AS targets
}
WITH DISTINCT statement, agreement, a, relation, reason, definitely, targetInferred, timing,
     targets
ORDER BY statement, a.startEarliest, a.id
LIMIT $limit
RETURN collect({statement: statement, agreement: agreement, action: a.id,
                machineCoded: coalesce(a.machineCoded, false) OR EXISTS {
                  MATCH (x:Entity) WHERE x.id IN [statement, agreement] AND x.machineCoded },
                relation: relation, reason: reason, definitely: definitely,
                targetInferred: targetInferred, timing: timing, targets: targets,
                known: ["""
    + identity("a")
    + "] + COLLECT { MATCH (x:Entity) WHERE x.id IN [statement, agreement] RETURN "
    + identity("x")
    + """ AS x }}) AS rows
"""
)


class BearingRow(TypedDict):
    statement: str | None
    agreement: str | None
    action: str
    relation: str
    reason: str
    definitely: bool
    targetInferred: bool
    timing: str  # definitely/possibly after (an agreement), during (a claim's period), before
    machineCoded: bool  # the action, the statement or the agreement is machine-coded (GDELT)
    targets: list[str]  # for a claim about conduct: the targets that decide
    known: list[EntityRow]  # the identities of the action, the statement and the agreement


# An accusation about no agreement is borne out by the side's attacks in the week before it.
ACCUSED_DAYS = 7


async def statements_versus_actions(
    database: Database,
    actor: str,
    limit: int,
    *,
    busy: int = BUSY,
    min_confidence: float = 0.0,
    reviewed_only: bool = False,
) -> list[BearingRow]:
    """Query.statementsVersusActions: an actor's statements and commitments paired with
    later actions bearing on them. Built from STATEMENTS_VERSUS_ACTIONS (IN_SCOPE,
    overlap.attack_reach, overlap.back, overlap.LONGEST_ATTACK, projections.identity,
    ACCUSED_DAYS; reviewed.chosen for `reviewed_only`: statements,
    agreements and attacks still marked drafted left out)."""
    cypher = chosen(STATEMENTS_VERSUS_ACTIONS, reviewed=reviewed_only, keep=("me",))
    rows = await database.read_list(
        cypher,
        actor=actor,
        limit=limit,
        busy=busy,
        minConfidence=min_confidence,
        accusedDays=ACCUSED_DAYS,
    )
    return cast(list[BearingRow], rows)
