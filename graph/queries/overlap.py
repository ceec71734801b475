"""Index seeks for "everything overlapping a moment, in time order".

A node overlaps a moment T when it starts before T ends and ends after T starts. Range indexes
hold one value per node, so the seek runs on startEarliest, from T minus the longest span any
node of the label has (spanSeconds, indexed and written beside the bounds): nothing that starts
earlier can still be running at T. Reading the longest span is one step down an index.

Measured at 10^6 synthetic attacks (bench/README.md): the first 50 attacks after a moment took
120-140 ms through the endLatest index (which orders nothing, so every later attack is read and
sorted) and under 5 ms as an ordered seek that stops at the 50th. The seek only keeps its order
when it is the leaf of a subquery (CALL or COLLECT): under an Apply, Neo4j 5.26 sorts again.
The fragments name their node `spanned`, a name no query around them uses: a COLLECT subquery
sees the variables of its query, and reusing one would silently narrow it to that node.
"""

from __future__ import annotations

from typing import LiteralString

LONGEST_ATTACK: LiteralString = """COLLECT {
  MATCH (spanned:Attack) WHERE spanned.spanSeconds IS NOT NULL
  RETURN spanned.spanSeconds ORDER BY spanned.spanSeconds DESC LIMIT 1 }"""

LONGEST_TIMED: LiteralString = """COLLECT {
  MATCH (spanned:Entity) WHERE spanned.spanSeconds IS NOT NULL
  RETURN spanned.spanSeconds ORDER BY spanned.spanSeconds DESC LIMIT 1 }"""


def back(moment: LiteralString, longest: LiteralString) -> LiteralString:
    """The earliest start of anything (of the longest span) still running at `moment`."""
    return moment + " - duration({seconds: coalesce(" + longest + "[0], 0)})"


# How many attacks hang off the actors a pattern reaches and their units, from node degrees
# alone (no relationship to an attack is read). Scanning attacks in time order suits a busy
# side (most attacks are theirs, few are read past the page); a quiet side's few attacks are
# cheaper gathered and sorted, and a scan for a side with none would read every later attack.
def attack_reach(actors: LiteralString, where: LiteralString = "") -> LiteralString:
    """`actors`: a pattern ending in an actor whose attacks count (with its units'), and a
    WHERE on that pattern."""
    return (
        "reduce(n = 0, k IN COLLECT { MATCH "
        + actors
        + "<-[:PART_OF*0..4]-(unit:Actor) "
        + where
        + " RETURN COUNT { (unit)<-[:CARRIED_OUT_BY]-() } AS k } | n + k)"
    )


# A side's units (itself and what is part of it, four levels down), gathered once before a
# seek in time order, and the test of each attack the seek reads: by its own CARRIED_OUT_BY
# alone. Tested as one pattern up to the side (or to an agreement's party), the planner chose
# by its statistics where to start, and once the graph held more actors than the synthetic
# world it walked from the side down to every unit for each attack read: 55,543 db hits for
# attacks after an agreement at 10^5 against 2,815 this way, the same rows.
UNITS: LiteralString = "COLLECT { MATCH (side)<-[:PART_OF*0..4]-(unit:Actor) RETURN DISTINCT unit }"
BY_UNITS: LiteralString = "EXISTS { (a)-[:CARRIED_OUT_BY]->(doer) WHERE doer IN units }"


# Above this reach, scan in time order; below it, gather and sort. Gathering costs the reach,
# scanning about limit x nodes / reach: they meet near sqrt(50 x 10^6), 7,000.
BUSY = 7_000


# A list anchor's reach (graph/queries/listing.py): how many nodes hang off an actor (with its
# units and spokespeople) or a place (with the places inside it), from node degrees alone.
REACH: dict[str, LiteralString] = {
    "actor": """reduce(n = 0, d IN COLLECT {
        MATCH (x)<-[:PART_OF|SPEAKS_FOR*0..4]-(d:Actor)
        RETURN COUNT { (d)<-[:CARRIED_OUT_BY|MADE_BY|PARTICIPANT]-() } AS n } | n + d)""",
    "location": """reduce(n = 0, d IN COLLECT {
        MATCH (x)<-[:WITHIN*0..5]-(d:Location) RETURN COUNT { (d)<-[:AT]-() } AS n } | n + d)""",
}


# Where the seek starts: anything that may still be running at $from started at most the
# longest span before it; anything that started after $to is out either way.
SEEK_BOUNDS: LiteralString = (
    """
     CASE WHEN $from IS NULL THEN datetime('0001-01-01T00:00:00Z')
          WHEN $definitely THEN $from
          ELSE """
    + back("$from", "longest")
    + """ END AS seekFrom,
     coalesce($to, datetime('9999-12-31T23:59:59Z')) AS seekTo"""
)
