"""How much of a node a query projects into its row: what it is, its properties, its
outgoing relationships (all, or only the types a selection asks for), its provenance. Every
query that returns entity rows (entities.py, listing.py, spatial.py, explore.py, the
analyses' identities) projects them from here, so graph/queries/entities.py parses them alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, LiteralString

# How much of a node a query brings back: what it is ("identity": id, labels, retraction), its
# properties ("plain"), with its outgoing relationships ("links"), or also its provenance and
# retractions ("full").
Detail = Literal["identity", "plain", "links", "full"]

# Temporal properties travel as ISO 8601 text and are parsed in `parsed`: the driver builds a
# neo4j.time object for every temporal value it receives (about 50 µs each, a third of the
# time of a 50-attack page), while Python parses the text in about a microsecond.
# Time bounds are written by graph/ingest/facts/plan/time_properties.py and the importers.
INSTANTS: tuple[LiteralString, ...] = tuple(
    prefix + bound
    for prefix, bounds in (
        ("", ("startEarliest", "startLatest", "endEarliest", "endLatest")),
        ("inForce", ("StartEarliest", "StartLatest", "EndEarliest", "EndLatest")),
        ("expires", ("StartEarliest", "StartLatest", "EndEarliest", "EndLatest")),
    )
    for bound in bounds
)
DAYS: tuple[LiteralString, ...] = ("published", "retrieved")
# Something known only to lie within [earliest, latest] (an ACLED day) stores just those two:
# its latest start is its latest end, its earliest end its earliest start.
DERIVED_BOUNDS: dict[str, LiteralString] = {
    "startLatest": "coalesce(n.startLatest, n.endLatest)",
    "endEarliest": "coalesce(n.endEarliest, n.startEarliest)",
}
AS_TEXT: LiteralString = "".join(
    "\n  " + key + ": toString(" + DERIVED_BOUNDS.get(key, "n." + key) + "),"
    for key in INSTANTS + DAYS
)

PLAIN: LiteralString = (
    """
  .*,"""
    + AS_TEXT
    + """
  text: CASE WHEN n:Source THEN null ELSE n.text END,
  labels: labels(n),
  latitude: n.point.latitude,
  longitude: n.point.longitude,
  point: null"""
)
LINK: LiteralString = """
             | {type: type(r), id: m.id, labels: labels(m), retracted: m.retracted,
                props: properties(r)}]"""
LINKS: LiteralString = (
    """,
  outgoing: [(n)-[r]->(m) WHERE type(r) <> 'SUPPORTED_BY'"""
    + LINK
)
SOURCE: LiteralString = """s {.id, .kind, .title, .publisher, .url,
                           published: toString(s.published),
                           retrieved: toString(s.retrieved), .contentHash, .note}"""
# A figure or target an import derives from a dataset's row carries its evidence (quotes and
# note) on itself; its source is the dataset of the event that has it. One relationship less
# per derived node made the ACLED import a fifth faster (graph/ingest/datasets/event_writes.py).
PROVENANCE: LiteralString = (
    """,
  retractions: [(n)<-[:RETRACTS]-(x:Retraction) | x {at: toString(x.at), .by, .reason}],
  evidence: [(n)-[r:SUPPORTED_BY]->(s)
             | {source: """
    + SOURCE
    + """,
                quotes: r.quotes, aspect: r.aspect, external: r.external, note: r.note,
                draftedRule: r.draftedRule, draftedConfidence: r.draftedConfidence}]
            + [(n)<-[:HIT|HAS_FIGURE]-()-[:SUPPORTED_BY {aspect: 'existence'}]->(s:Source)
               WHERE n.evidenceNote IS NOT NULL AND s.kind = 'dataset'
               | {source: """
    + SOURCE
    + """,
                  quotes: coalesce(n.evidenceQuotes, []), aspect: 'existence',
                  external: false, note: n.evidenceNote}]"""
)


def identity(node: LiteralString) -> LiteralString:
    """A node's identity as a row names it (id, labels, retraction): all that a selection of
    ids needs, so an analysis whose rows carry it answers `{ id }` without a second query."""
    return node + " {" + _identity_keys(node) + "}"


def _identity_keys(node: LiteralString) -> LiteralString:
    return ".id, .retracted, labels: labels(" + node + ")"


PROJECTIONS: dict[Detail, LiteralString] = {
    "identity": identity("n"),
    "plain": "n {" + PLAIN + "\n}",
    "links": "n {" + PLAIN + LINKS + "\n}",
    "full": "n {" + PLAIN + LINKS + PROVENANCE + "\n}",
}


# The relationship types a node's row may carry going out of it (Links): a selection's types
# are checked against these before they reach Cypher.
LINK_TYPES: tuple[LiteralString, ...] = (
    "ABOUT",
    "AGAINST",
    "ANNOUNCED_IN",
    "AROSE_FROM",
    "AT",
    "BASED_IN",
    "BROADER",
    "CARRIED_OUT_BY",
    "COVERS",
    "COVERS_AREA",
    "HAS_FIGURE",
    "HAS_PARTY",
    "HIT",
    "IN",
    "IN_CATEGORY",
    "LOCATED_IN",
    "MADE_BY",
    "PARTICIPANT",
    "PART_OF",
    "REPORTED_BY",
    "REPORTED_IN",
    "SPEAKS_FOR",
    "WITHIN",
)


@dataclass(frozen=True)
class Links:
    """A node's identity (or with `plain`, its properties) and its outgoing relationships of
    these types only. A compiled selection asking `targets { id }` of a page of attacks reads
    one type, not the node's every link: at 10^6 the page's query took 15.3 ms instead of
    20.3 (PROFILE of the nested benchmark question, 1 client)."""

    types: frozenset[str]
    plain: bool = False

    def __post_init__(self) -> None:
        unknown = self.types - set(LINK_TYPES)
        if unknown or not self.types:
            raise ValueError(f"not relationship types a row carries: {sorted(unknown)}")


# What a query is asked to project of each node.
Fetched = Detail | Links


def projection(fetched: Fetched) -> LiteralString:
    """The map projection of `n` for this much of it."""
    if not isinstance(fetched, Links):
        return PROJECTIONS[fetched]
    types = "|".join(type for type in LINK_TYPES if type in fetched.types)
    return (
        "n {"
        + (PLAIN if fetched.plain else _identity_keys("n"))
        + ",\n  outgoing: [(n)-[r:"
        + types
        + "]->(m)"
        + LINK
        + "\n}"
    )
