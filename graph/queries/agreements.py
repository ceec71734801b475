"""What happened after an agreement: attacks after it, and those that break it."""

from __future__ import annotations

import datetime as dt
from typing import Literal, LiteralString, TypedDict, cast

from graph.store.database import Database

Reference = Literal["announcement", "in_force"]

ATTACKS_AFTER: LiteralString = """
MATCH (g:Agreement:Entity {id: $agreement})
WITH g,
     CASE WHEN $reference = 'in_force' AND g.inForceStartEarliest IS NOT NULL
          THEN g.inForceStartEarliest ELSE g.startEarliest END AS refStart,
     CASE WHEN $reference = 'in_force' AND g.inForceEndLatest IS NOT NULL
          THEN g.inForceEndLatest ELSE g.endLatest END AS refEnd
MATCH (a:Attack)
WHERE a.endLatest > refStart AND a.retracted IS NULL
  AND ($window IS NULL OR a.startEarliest <= refEnd + $window)
  AND (NOT $partiesOnly OR EXISTS {
        MATCH (a)-[:CARRIED_OUT_BY]->(:Actor)-[:PART_OF*0..4]->(:Actor)<-[p:HAS_PARTY]-(g)
        WHERE NOT p.role IN ['mediator', 'guarantor'] })
WITH a, refEnd, a.startEarliest > refEnd AS definitely
WHERE NOT $definitelyOnly OR definitely
WITH a, definitely, refEnd ORDER BY a.startEarliest, a.id LIMIT $limit
RETURN collect({id: a.id, definitely: definitely,
                hoursAfter: duration.inSeconds(refEnd, a.startEarliest).seconds / 3600.0}) AS rows
"""


class AttackAfterRow(TypedDict):
    id: str
    definitely: bool
    hoursAfter: float


# An attack breaks an agreement when it comes after it, is carried out by (a unit of) a party
# that accepted it, and hits a target whose category lies inside the agreement's scope (and
# inside its area, when the agreement has one). A ceasefire with no scope covers every attack,
# armed clashes included. A target inferred from a dataset's notes (not stated by a source)
# is marked so, and so is a violation that rests only on such targets.
VIOLATIONS: LiteralString = """
MATCH (g:Agreement:Entity {id: $agreement})-[p:HAS_PARTY]->(party:Actor)
WHERE p.role IN ['accepted', 'signatory']
WITH g, p, party, g.kind = 'ceasefire' AND NOT EXISTS { (g)-[:COVERS]->() } AS total
MATCH (a:Attack)-[:CARRIED_OUT_BY]->(doer:Actor)-[:PART_OF*0..4]->(party)
WHERE a.endLatest > g.startEarliest AND a.retracted IS NULL
  AND (NOT EXISTS { (g)-[:COVERS_AREA]->() }
       OR EXISTS { (a)-[:AT]->(:Location)-[:WITHIN*0..5]->(:Location)<-[:COVERS_AREA]-(g) })
WITH g, a, party, p, doer, total, COLLECT {
  MATCH (a)-[:HIT]->(t:Target)-[:IN_CATEGORY]->(c:TargetCategory)
        -[:BROADER*0..4]->(s:TargetCategory)<-[:COVERS]-(g)
  WHERE t.retracted IS NULL
  RETURN DISTINCT {target: t.id, category: c.key, scope: s.key,
                   inferred: coalesce(t.inferred, false)}
} AS matches
WHERE total OR size(matches) > 0
WITH g, a, party, p, doer, matches, a.startEarliest > g.endLatest AS definitely
ORDER BY a.startEarliest, a.id, party.id
LIMIT $limit
RETURN collect({attack: a.id, party: party.id, doer: doer.id, role: p.role,
                statement: p.statementId, source: p.sourceId, quotes: p.quotes,
                external: p.external, definitely: definitely, matches: matches,
                announcement: [(g)-[:ANNOUNCED_IN]->(st:Statement) | st.id][0]}) AS rows
"""


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
    matches: list[ScopeMatch]
    announcement: str | None


async def attacks_after(
    database: Database,
    agreement: str,
    reference: Reference,
    definitely_only: bool,
    window: dt.timedelta | None,
    parties_only: bool,
    limit: int,
) -> list[AttackAfterRow]:
    rows = await database.read_list(
        ATTACKS_AFTER,
        agreement=agreement,
        reference=reference,
        definitelyOnly=definitely_only,
        window=window,
        partiesOnly=parties_only,
        limit=limit,
    )
    return cast(list[AttackAfterRow], rows)


async def violations(database: Database, agreement: str, limit: int) -> list[ViolationRow]:
    rows = await database.read_list(VIOLATIONS, agreement=agreement, limit=limit)
    return cast(list[ViolationRow], rows)


# A side's commitments (agreements it accepted) against its side's later attacks in scope;
# its accusations against another side, against that side's later attacks; what it says of a
# side's conduct (denials, claims of striking only some targets) against that side's attacks in
# the period it speaks of, with the targets that decide.
STATEMENTS_VERSUS_ACTIONS: LiteralString = """
MATCH (me:Actor:Entity {id: $actor})
CALL (me) {
  MATCH (me)-[:PART_OF|SPEAKS_FOR*0..4]->(side:Actor)<-[p:HAS_PARTY]-(g:Agreement)
  WHERE p.role IN ['accepted', 'signatory']
  MATCH (a:Attack)-[:CARRIED_OUT_BY]->(:Actor)-[:PART_OF*0..4]->(side)
  WHERE a.endLatest > g.startEarliest AND a.retracted IS NULL AND g.retracted IS NULL
  WITH me, side, p, g, a, COLLECT {
    MATCH (a)-[:HIT]->(t:Target)-[:IN_CATEGORY]->(:TargetCategory)
          -[:BROADER*0..4]->(:TargetCategory)<-[:COVERS]-(g)
    WHERE t.retracted IS NULL
    RETURN coalesce(t.inferred, false) AS inferred
  } AS inferred
  WHERE size(inferred) > 0
  RETURN DISTINCT coalesce(p.statementId, [(g)-[:ANNOUNCED_IN]->(s) | s.id][0]) AS statement,
         g.id AS agreement, a.id AS action, 'contradicts' AS relation,
         side.name + ' accepted ' + g.name + '; this later attack by its side hit a target '
         + 'inside the agreement\\'s scope'
         + CASE WHEN all(x IN inferred WHERE x) THEN ' (a target inferred from the notes of a '
                + 'dataset, not stated by a source)' ELSE '' END AS reason,
         a.startEarliest > g.endLatest AS definitely,
         all(x IN inferred WHERE x) AS targetInferred,
         CASE WHEN a.startEarliest > g.endLatest THEN 'definitely after'
              ELSE 'possibly after' END AS timing, [] AS targets
  UNION
  MATCH (s:Statement {kind: 'accusation'})-[:MADE_BY]->(:Actor)-[:PART_OF|SPEAKS_FOR*0..4]->(me)
  WHERE s.retracted IS NULL
  MATCH (s)-[:ABOUT]->(g:Agreement)
  MATCH (s)-[:ABOUT]->(accused:Actor)-[:PART_OF|SPEAKS_FOR*0..4]->(side:Actor)
  WHERE side <> me AND NOT (me)-[:PART_OF|SPEAKS_FOR*0..4]->(side)
  MATCH (a:Attack)-[:CARRIED_OUT_BY]->(:Actor)-[:PART_OF*0..4]->(side)
  WHERE a.endLatest > g.startEarliest AND a.retracted IS NULL
    AND NOT EXISTS { (a)-[:PART_OF]->(:Attack) }
  RETURN DISTINCT s.id AS statement, g.id AS agreement, a.id AS action,
         'bears_out' AS relation,
         'the statement accuses ' + accused.name + ' over ' + g.name
         + '; this attack by ' + side.name + ' came after it' AS reason,
         a.startEarliest > g.endLatest AS definitely, false AS targetInferred,
         CASE WHEN a.startEarliest > g.endLatest THEN 'definitely after'
              ELSE 'possibly after' END AS timing, [] AS targets
  UNION
  MATCH (s:Statement)-[:MADE_BY]->(:Actor)-[:PART_OF|SPEAKS_FOR*0..4]->(me)
  WHERE s.retracted IS NULL AND s.conductStartEarliest IS NOT NULL
  MATCH (s)-[:CLAIMS_CONDUCT_OF]->(side:Actor)
  MATCH (a:Attack)-[:CARRIED_OUT_BY]->(:Actor)-[:PART_OF*0..4]->(side)
  WHERE a.retracted IS NULL
    AND a.endLatest >= s.conductStartEarliest AND a.startEarliest <= s.conductEndLatest
  WITH s, side, a, COLLECT {
    MATCH (a)-[:HIT]->(t:Target)-[:IN_CATEGORY]->(c:TargetCategory)
    WHERE t.retracted IS NULL
    RETURN {id: t.id, key: c.key, inferred: coalesce(t.inferred, false),
            keys: [(c)-[:BROADER*0..4]->(b:TargetCategory) | b.key]} AS hit
  } AS hits
  WITH s, side, a, hits,
       [h IN hits WHERE any(k IN h.keys WHERE k IN s.conductDenies)] AS denied,
       [h IN hits WHERE size(s.conductOnly) > 0
                        AND none(k IN h.keys WHERE k IN s.conductOnly)] AS outside
  WITH s, side, a, hits, denied + outside AS against,
       CASE WHEN size(denied) + size(outside) > 0 THEN 'contradicts'
            WHEN size(s.conductOnly) > 0 AND size(hits) > 0 THEN 'bears_out' END AS relation
  WHERE relation IS NOT NULL
  WITH s, side, a, relation, CASE relation WHEN 'contradicts' THEN against ELSE hits END AS shown
  RETURN DISTINCT s.id AS statement, null AS agreement, a.id AS action, relation,
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
WITH statement, agreement, action, relation, reason, definitely, targetInferred, timing, targets
ORDER BY statement, action
LIMIT $limit
RETURN collect({statement: statement, agreement: agreement, action: action,
                relation: relation, reason: reason, definitely: definitely,
                targetInferred: targetInferred, timing: timing, targets: targets}) AS rows
"""


class BearingRow(TypedDict):
    statement: str | None
    agreement: str | None
    action: str
    relation: str
    reason: str
    definitely: bool
    targetInferred: bool
    timing: str  # definitely/possibly after (an agreement), during (a claim's period)
    targets: list[str]  # for a claim about conduct: the targets that decide


async def statements_versus_actions(database: Database, actor: str, limit: int) -> list[BearingRow]:
    rows = await database.read_list(STATEMENTS_VERSUS_ACTIONS, actor=actor, limit=limit)
    return cast(list[BearingRow], rows)
