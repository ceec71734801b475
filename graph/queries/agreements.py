"""What happened after an agreement: attacks after it, and those that break it."""

from __future__ import annotations

import datetime as dt
from typing import Literal, LiteralString, TypedDict, cast

from graph.queries.entities import EntityRow
from graph.queries.incidents import ONE_PER_INCIDENT, one_source
from graph.queries.overlap import BUSY, BY_UNITS, LONGEST_ATTACK, attack_reach, back
from graph.queries.projections import identity
from graph.queries.reviewed import chosen
from graph.store.database import Database

Reference = Literal["announcement", "in_force"]

# Attacks in time order from the agreement on, through an ordered index seek that stops at
# the limit (graph/queries/overlap.py). Parties are tested per attack: an agreement's parties are
# the busiest actors, so most attacks pass and few are read past the limit.
ATTACKS_AFTER: LiteralString = (
    """
MATCH (g:Agreement:Entity {id: $agreement})
WHERE g.retracted IS NULL AND coalesce(g.confidence, 1.0) >= $minConfidence
WITH g,
     CASE WHEN $reference = 'in_force' AND g.inForceStartEarliest IS NOT NULL
          THEN g.inForceStartEarliest ELSE g.startEarliest END AS refStart,
     CASE WHEN $reference = 'in_force' AND g.inForceEndLatest IS NOT NULL
          THEN g.inForceEndLatest ELSE g.endLatest END AS refEnd,
     """
    + LONGEST_ATTACK
    + """ AS longest,
     """
    + attack_reach("(g)-[p:HAS_PARTY]->(:Actor)", "WHERE NOT p.role IN ['mediator', 'guarantor']")
    + """ AS reach,
     // The parties' units, gathered once (graph/queries/overlap.py UNITS).
     COLLECT { MATCH (g)-[p:HAS_PARTY]->(:Actor)<-[:PART_OF*0..4]-(unit:Actor)
               WHERE NOT p.role IN ['mediator', 'guarantor'] RETURN DISTINCT unit } AS units
CALL (g, refStart, refEnd, longest, reach, units) {
  // The guard before the CALL: under it, the seek does not run at all for quiet parties.
  WITH g, refStart, refEnd, longest, units WHERE NOT $partiesOnly OR reach > $busy
  CALL (g, refStart, refEnd, longest, units) {
    MATCH (a:Attack) USING INDEX a:Attack(startEarliest)
    WHERE a.startEarliest >= CASE WHEN $definitelyOnly THEN refEnd
                                  ELSE """
    + back("refStart", "longest")
    + """ END
      AND a.endLatest > refStart AND a.retracted IS NULL
        AND coalesce(a.confidence, 1.0) >= $minConfidence
      AND ($window IS NULL OR a.startEarliest <= refEnd + $window)
      AND (NOT $definitelyOnly OR a.startEarliest > refEnd)
      AND """
    + ONE_PER_INCIDENT
    + """
      AND (NOT $partiesOnly OR """
    + BY_UNITS
    + """)
    WITH a ORDER BY a.startEarliest, a.id LIMIT $limit
    RETURN a
  }
  RETURN a
  UNION
  WITH g, refStart, refEnd WHERE $partiesOnly AND reach <= $busy
  MATCH (g)-[p:HAS_PARTY]->(:Actor)<-[:PART_OF*0..4]-(:Actor)<-[:CARRIED_OUT_BY]-(a:Attack)
  WHERE NOT p.role IN ['mediator', 'guarantor']
  // DISTINCT before the time tests, so the planner walks from the parties, not from a seek
  // over every later attack.
  WITH DISTINCT a, refStart, refEnd
  WHERE a.endLatest > refStart AND a.retracted IS NULL
        AND coalesce(a.confidence, 1.0) >= $minConfidence
    AND ($window IS NULL OR a.startEarliest <= refEnd + $window)
    AND (NOT $definitelyOnly OR a.startEarliest > refEnd)
    AND """
    + ONE_PER_INCIDENT
    + """
  WITH a ORDER BY a.startEarliest, a.id LIMIT $limit
  RETURN a
}
WITH a, refEnd, g ORDER BY a.startEarliest, a.id
RETURN collect({id: a.id, definitely: a.startEarliest > refEnd,
                machineCoded: coalesce(a.machineCoded, false) OR coalesce(g.machineCoded, false),
                hoursAfter: duration.inSeconds(refEnd, a.startEarliest).seconds / 3600.0,
                known: ["""
    + identity("a")
    + """]}) AS rows
"""
)


# What rests on one source alone (`singleSource`): the same queries with one more test where
# each keeps one record per incident, so the plain queries (which the benchmark's peer runs
# too) stay as they are.
ONE_SOURCE_ONLY: LiteralString = ONE_PER_INCIDENT + " AND " + one_source("a")


class AttackAfterRow(TypedDict):
    id: str
    definitely: bool
    machineCoded: bool  # the attack or the agreement is a machine-coded fact (GDELT)
    hoursAfter: float
    known: list[EntityRow]  # the identity of the attack (graph/queries/projections.py identity)


# An attack breaks an agreement when it comes after it, is carried out by (a unit of) a party
# that accepted it, and hits a target whose category lies inside the agreement's scope (and
# inside its area, when the agreement has one). A ceasefire with no scope covers every attack,
# armed clashes included. A target inferred from a dataset's notes (not stated by a source)
# is marked so, and so is a violation that rests only on such targets.
SCOPE_MATCHES: LiteralString = """COLLECT {
    MATCH (a)-[:HIT]->(t:Target)-[:IN_CATEGORY]->(c:TargetCategory)
          -[:BROADER*0..4]->(s:TargetCategory)<-[:COVERS]-(g)
    WHERE t.retracted IS NULL
    RETURN DISTINCT {target: t.id, category: c.key, scope: s.key,
                     inferred: coalesce(t.inferred, false)}
  }"""
VIOLATIONS: LiteralString = (
    """
MATCH (g:Agreement:Entity {id: $agreement})
WHERE g.retracted IS NULL AND coalesce(g.confidence, 1.0) >= $minConfidence
  AND EXISTS { (g)-[p:HAS_PARTY]->(:Actor) WHERE p.role IN ['accepted', 'signatory'] }
WITH g, g.kind = 'ceasefire' AND NOT EXISTS { (g)-[:COVERS]->() } AS total,
     EXISTS { (g)-[:COVERS_AREA]->() } AS bounded, """
    + LONGEST_ATTACK
    + """ AS longest, """
    + attack_reach("(g)-[p:HAS_PARTY]->(:Actor)", "WHERE p.role IN ['accepted', 'signatory']")
    + """ AS reach,
     // Each unit with the party it belongs to, once per path as the pattern would match it:
     // the seek then reads each attack's own CARRIED_OUT_BY (graph/queries/overlap.py UNITS).
     [(g)-[p:HAS_PARTY]->(party:Actor)<-[:PART_OF*0..4]-(doer:Actor)
      WHERE p.role IN ['accepted', 'signatory'] | {doer: doer, party: party, p: p}] AS covering
CALL (g, total, bounded, longest, reach, covering) {
  WITH g, total, bounded, longest, covering WHERE reach > $busy
  CALL (g, total, bounded, longest, covering) {
    MATCH (a:Attack) USING INDEX a:Attack(startEarliest)
    WHERE a.startEarliest >= """
    + back("g.startEarliest", "longest")
    + """
      AND a.endLatest > g.startEarliest AND a.retracted IS NULL
      AND coalesce(a.confidence, 1.0) >= $minConfidence
      AND """
    + ONE_PER_INCIDENT
    + """
      AND (NOT bounded
           OR EXISTS { (a)-[:AT]->(:Location)-[:WITHIN*0..5]->(:Location)<-[:COVERS_AREA]-(g) })
    MATCH (a)-[:CARRIED_OUT_BY]->(doer:Actor)
    UNWIND [c IN covering WHERE c.doer = doer] AS c
    WITH g, a, c.party AS party, c.p AS p, doer, total
    WITH g, a, party, p, doer, total, """
    + SCOPE_MATCHES
    + """ AS matches
    WHERE total OR size(matches) > 0
    WITH a, party, p, doer, matches ORDER BY a.startEarliest, a.id, party.id LIMIT $limit
    RETURN a, party, p, doer, matches
  }
  RETURN a, party, p, doer, matches
  UNION
  WITH g, total, bounded WHERE reach <= $busy
  MATCH (g)-[p:HAS_PARTY]->(party:Actor)<-[:PART_OF*0..4]-(doer:Actor)<-[:CARRIED_OUT_BY]-(a:Attack)
  WHERE p.role IN ['accepted', 'signatory']
  WITH DISTINCT g, p, party, doer, a, total, bounded
  WHERE a.endLatest > g.startEarliest AND a.retracted IS NULL
    AND coalesce(a.confidence, 1.0) >= $minConfidence
    AND """
    + ONE_PER_INCIDENT
    + """
    AND (NOT bounded
         OR EXISTS { (a)-[:AT]->(:Location)-[:WITHIN*0..5]->(:Location)<-[:COVERS_AREA]-(g) })
  WITH g, a, party, p, doer, total, """
    + SCOPE_MATCHES
    + """ AS matches
  WHERE total OR size(matches) > 0
  WITH a, party, p, doer, matches ORDER BY a.startEarliest, a.id, party.id LIMIT $limit
  RETURN a, party, p, doer, matches
}
WITH g, a, party, p, doer, matches ORDER BY a.startEarliest, a.id, party.id LIMIT $limit
RETURN collect({attack: a.id, party: party.id, doer: doer.id, role: p.role,
                statement: p.statementId, source: p.sourceId, quotes: p.quotes,
                external: p.external, definitely: a.startEarliest > g.endLatest,
                machineCoded: coalesce(a.machineCoded, false) OR coalesce(g.machineCoded, false),
                matches: matches,
                announcement: [(g)-[:ANNOUNCED_IN]->(st:Statement) | st.id][0],
                known: ["""
    + identity("a")
    + ", "
    + identity("party")
    + "] + [(g)-[:ANNOUNCED_IN]->(st:Statement) | "
    + identity("st")
    + """][..1]}) AS rows
"""
)


class ScopeMatch(TypedDict):
    target: str
    category: str
    scope: str
    inferred: bool


class ViolationRow(TypedDict):
    attack: str
    party: str
    doer: str
    role: str
    statement: str | None
    source: str | None
    quotes: list[str] | None
    external: bool | None
    definitely: bool
    machineCoded: bool
    matches: list[ScopeMatch]
    announcement: str | None
    known: list[EntityRow]  # the identities of the attack, the party and the announcement


async def attacks_after(
    database: Database,
    agreement: str,
    reference: Reference,
    limit: int,
    *,
    definitely_only: bool = False,
    window: dt.timedelta | None = None,
    parties_only: bool = False,
    busy: int = BUSY,
    min_confidence: float = 0.0,
    single_source: bool = False,
    reviewed_only: bool = False,
) -> list[AttackAfterRow]:
    """Query.attacksAfter: attacks after an agreement's `reference` moment. Built from
    ATTACKS_AFTER (overlap.attack_reach, overlap.back, overlap.LONGEST_ATTACK,
    incidents.ONE_PER_INCIDENT, projections.identity; ONE_SOURCE_ONLY for `single_source`,
    reviewed.chosen for `reviewed_only`).
    `busy`: the reach above which the time-ordered scan is used (the answer is the same).
    `min_confidence`: facts below it are left out; a fact without a confidence (a report, an
    ACLED row) counts as certain."""
    cypher = ATTACKS_AFTER.replace(ONE_PER_INCIDENT, ONE_SOURCE_ONLY) if single_source else None
    rows = await database.read_list(
        chosen(cypher or ATTACKS_AFTER, reviewed=reviewed_only),
        agreement=agreement,
        reference=reference,
        definitelyOnly=definitely_only,
        window=window,
        partiesOnly=parties_only,
        limit=limit,
        busy=busy,
        minConfidence=min_confidence,
    )
    return cast(list[AttackAfterRow], rows)


async def agreement_violations(
    database: Database,
    agreement: str,
    limit: int,
    *,
    busy: int = BUSY,
    min_confidence: float = 0.0,
    single_source: bool = False,
    reviewed_only: bool = False,
) -> list[ViolationRow]:
    """Query.agreementViolations: attacks after the agreement by a party that accepted it,
    on a target in its scope. Built from VIOLATIONS (SCOPE_MATCHES, overlap.attack_reach,
    overlap.back, incidents.ONE_PER_INCIDENT, projections.identity; ONE_SOURCE_ONLY for
    `single_source`, reviewed.chosen for `reviewed_only`)."""
    cypher = VIOLATIONS.replace(ONE_PER_INCIDENT, ONE_SOURCE_ONLY) if single_source else VIOLATIONS
    rows = await database.read_list(
        chosen(cypher, reviewed=reviewed_only),
        agreement=agreement,
        limit=limit,
        busy=busy,
        minConfidence=min_confidence,
    )
    return cast(list[ViolationRow], rows)
