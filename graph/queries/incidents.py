"""The same incident told by two sources: for an attack, attacks from other sources whose time
bounds overlap its own, at the same or a nested place, with a compatible category or target,
each scored with its reasons. Never merged: an investigator decides."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import LiteralString, TypedDict, cast

from graph.domain.vocabulary import narrower_or_equal
from graph.queries.entities import instant
from graph.store.database import Database

# A window on the candidates' start keeps the scan on the start index: no attack in the graph
# is longer than ACLED's month precision (or a facts file's explicit bounds, within reason).
LONGEST = "P32D"


# Records confirmed as one incident (SAME_AS, through any number) count once in the analyses:
# through the record a document defined (a report's, not a dataset row's), the first by id
# among equals. The others answer through it (`sameIncident`, `versions`, `corroboration`).
# An attack without SAME_AS relationships costs a degree check.
def one_per_incident(a: LiteralString) -> LiteralString:
    """True for the record through which its incident is counted (every record that has no
    SAME_AS relationship: a degree check)."""
    return (
        "NOT EXISTS { MATCH ("
        + a
        + ")-[:SAME_AS*1..4]-(o:Attack) WHERE o.retracted IS NULL AND (o.definedBy IS NOT NULL"
        " AND "
        + a
        + ".definedBy IS NULL OR (o.definedBy IS NULL) = ("
        + a
        + ".definedBy IS NULL) AND o.id < "
        + a
        + ".id) }"
    )


ONE_PER_INCIDENT: LiteralString = one_per_incident("a")


def one_source(n: LiteralString) -> LiteralString:
    """True for a fact that rests on one source alone: no second document or dataset tells it,
    itself or through a record confirmed as the same incident (outside sources, which only
    supply what a document leaves out, do not count)."""
    return (
        "size(COLLECT { MATCH (" + n + ")-[:SAME_AS*0..4]-(:Entity)-[:SUPPORTED_BY]->(s:Source)"
        " WHERE coalesce(s.kind, 'document') <> 'external' RETURN DISTINCT s.id AS id }) <= 1"
    )


CANDIDATES: LiteralString = """
UNWIND $ids AS id
MATCH (a:Attack:Entity {id: id})
WITH a, [(a)-[:SUPPORTED_BY {aspect: 'existence'}]->(s:Source) | s.id] AS sources,
     [(a)-[:AT]->(p:Location) | p] AS places,
     [(a)-[:HIT]->(:Target)-[:IN_CATEGORY]->(c:TargetCategory) | c.key] AS targets
CALL (a, sources, places, targets) {
  MATCH (b:Attack)
  WHERE b.startEarliest >= a.startEarliest - duration($longest)
    AND b.startEarliest <= a.endLatest AND b.endLatest >= a.startEarliest
    AND b <> a AND b.retracted IS NULL
    AND NOT EXISTS { (a)-[:PART_OF]-(b) }
    AND NOT EXISTS { MATCH (a)-[:SAME_AS*1..4]-(b) }
    AND NOT EXISTS { MATCH (b)-[:SUPPORTED_BY {aspect: 'existence'}]->(s:Source)
                     WHERE s.id IN sources }
  MATCH (b)-[:AT]->(q:Location)
  // A country holds every strike in it: sharing one alone is nesting 3, which only a
  // shared kind of target makes a candidate (score()).
  WITH a, b, CASE
      WHEN q IN places AND q.kind <> 'country' THEN 0
      WHEN EXISTS { MATCH (q)-[:WITHIN*1..5]->(x) WHERE x IN places AND x.kind <> 'country' }
        THEN 1
      WHEN q.kind <> 'country' AND EXISTS { MATCH (x)-[:WITHIN*1..5]->(q) WHERE x IN places }
        THEN 2
      WHEN q IN places OR EXISTS { MATCH (q)-[:WITHIN*1..5]->(x) WHERE x IN places }
           OR EXISTS { MATCH (x)-[:WITHIN*1..5]->(q) WHERE x IN places } THEN 3
    END AS nesting
  WHERE nesting IS NOT NULL
  WITH b, min(nesting) AS nesting
  RETURN collect({id: b.id, category: b.category, nesting: nesting,
                  start: toString(b.startEarliest), end: toString(b.endLatest),
                  targets: [(b)-[:HIT]->(:Target)-[:IN_CATEGORY]->(c:TargetCategory) | c.key],
                  sources: [(b)-[:SUPPORTED_BY {aspect: 'existence'}]->(s:Source) | s.id]})
         [..$limit * 4] AS found
}
RETURN collect({id: a.id, category: a.category, start: toString(a.startEarliest),
                end: toString(a.endLatest), targets: targets, found: found}) AS rows
"""


class Found(TypedDict):
    id: str
    category: str | None
    nesting: int  # 0 the same place, 1 inside the attack's place, 2 around it, 3 one country
    start: str
    end: str
    targets: list[str]
    sources: list[str]


class CandidatesRow(TypedDict):
    id: str
    category: str | None
    start: str
    end: str
    targets: list[str]
    found: list[Found]


@dataclass(frozen=True)
class Candidate:
    id: str
    score: float
    reasons: tuple[str, ...]


# Attack categories that may describe one strike in two sources: ACLED files missiles under
# "Shelling/artillery/missile attack", and a report's combined wave under either.
COMPATIBLE: dict[str, frozenset[str]] = {
    "missile_attack": frozenset({"shelling_artillery", "combined_missile_drone_strike"}),
    "shelling_artillery": frozenset({"missile_attack", "combined_missile_drone_strike"}),
    "air_drone_strike": frozenset({"combined_missile_drone_strike"}),
    "combined_missile_drone_strike": frozenset(
        {"air_drone_strike", "missile_attack", "shelling_artillery"}
    ),
}


def related_targets(mine: list[str], theirs: list[str]) -> list[str]:
    """Target categories of the two that are the same or one inside the other."""
    return sorted(
        {
            a if b in narrower_or_equal(a) else b
            for a in mine
            for b in theirs
            if b in narrower_or_equal(a) or a in narrower_or_equal(b)
        }
    )


def overlap(a: tuple[dt.datetime, dt.datetime], b: tuple[dt.datetime, dt.datetime]) -> float:
    """How much of the shorter interval the two share (0..1)."""
    shared = (min(a[1], b[1]) - max(a[0], b[0])).total_seconds()
    if shared < 0:
        return 0.0
    shorter = min((a[1] - a[0]).total_seconds(), (b[1] - b[0]).total_seconds())
    return min(1.0, shared / shorter) if shorter > 0 else 1.0  # an instant inside the other


def score(row: CandidatesRow, found: Found) -> Candidate | None:
    """A candidate, or None when neither category nor target is compatible."""
    same_category = found["category"] is not None and found["category"] == row["category"]
    close_category = found["category"] in COMPATIBLE.get(row["category"] or "", frozenset())
    targets = related_targets(row["targets"], found["targets"])
    if not (same_category or close_category or targets):
        return None
    if found["nesting"] == 3 and not targets:
        return None  # a country and a kind of attack are not enough: every strike has them
    when = overlap(
        (instant(row["start"]), instant(row["end"])),
        (instant(found["start"]), instant(found["end"])),
    )
    place = (1.0, 0.6, 0.6, 0.2)[found["nesting"]]
    kind = 1.0 if targets else (0.7 if same_category else 0.5)
    reasons = [
        f"their times overlap ({when:.0%} of the shorter one)",
        (
            "the same place",
            "a place inside this attack's",
            "a place around this attack's",
            "only the same country",
        )[found["nesting"]],
    ]
    if targets:
        reasons.append("targets of the same kind: " + ", ".join(targets))
    if same_category:
        reasons.append(f"the same kind of attack ({found['category']})")
    elif close_category:
        reasons.append(f"compatible kinds of attack ({row['category']}, {found['category']})")
    reasons.append("told by " + ", ".join(found["sources"]) if found["sources"] else "no source")
    total = round(0.4 * when + 0.3 * place + 0.3 * kind, 3)
    return Candidate(found["id"], total, tuple(reasons))


# The most candidates an attack answers (in pages); more are noted as cut, never dropped silently.
CAP = 500


async def candidates(
    database: Database, ids: list[str], limit: int = CAP
) -> dict[str, list[Candidate]]:
    """Each attack's candidates, best first (one query for all the attacks)."""
    found = await database.read_list(CANDIDATES, ids=ids, longest=LONGEST, limit=limit)
    result: dict[str, list[Candidate]] = {}
    for row in cast(list[CandidatesRow], found):
        scored = [c for f in row["found"] if (c := score(row, f)) is not None]
        result[row["id"]] = sorted(scored, key=lambda c: (-c.score, c.id))[:limit]
    return result
