"""Fetch entities by id, each as one row with its relationships and provenance projected in.
A relationship row names the far node's id, labels and retraction, so a query that selects
only ids of related nodes is answered without fetching them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, MutableMapping
from typing import LiteralString, NotRequired, Required, TypedDict, cast

from graph.queries.projections import DAYS, INSTANTS, PROJECTIONS, Detail
from graph.store.database import Database

# How many related ids a single entity row carries per relationship type. Larger sets are
# reached through the filtered, paginated root connections (attacks(filter: {actor: ...})).
RELATED_CAP = 200

# Relationship types followed into an entity (the other end points at it).
INCOMING: list[LiteralString] = [
    "MADE_BY",
    "CARRIED_OUT_BY",
    "HAS_PARTY",
    "PART_OF",
    "WITHIN",
    "AT",
    "ABOUT",
    "ANNOUNCED_IN",
    "PARTICIPANT",
    "REPORTED_BY",
    "BROADER",
    "COVERS",
    "IN_CATEGORY",
]

BY_IDS: dict[Detail, LiteralString] = {
    detail: "MATCH (n:Entity) WHERE n.id IN $ids RETURN collect(" + projection + ") AS rows"
    for detail, projection in PROJECTIONS.items()
}

# Incoming relationships are fetched only when a field asks for them: hubs (an actor with
# thousands of attacks) would otherwise make every fetch of them slow. COLLECT with LIMIT
# stops reading at the cap.
# Each type is capped on its own, so a unit's 100,000 attacks cannot crowd out its one
# statement, and each type's total comes from the node's degree (no relationship is read):
# a field showing fewer than the total says so (api/extensions/truncation.py).
INCOMING_BY_IDS: LiteralString = (
    """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN collect({id: id, incoming: COLLECT {"""
    + "\n  UNION ALL".join(
        "\n  MATCH (n)<-[r:"
        + type
        + "]-(m) RETURN {type: type(r), id: m.id, labels: labels(m), retracted: m.retracted,"
        " props: properties(r)} AS item LIMIT $cap"
        for type in INCOMING
    )
    + """
}, totals: {"""
    + ", ".join(type + ": COUNT { (n)<-[:" + type + "]-() }" for type in INCOMING)
    + """}}) AS rows
"""
)


class RelationRow(TypedDict):
    """A relationship as projections.LINKS and INCOMING_BY_IDS project it, with its far
    end's identity."""

    type: str
    id: str
    labels: list[str]
    retracted: bool | None
    props: dict[str, object]


class SourceRow(TypedDict, total=False):
    id: Required[str]
    kind: str | None
    title: str | None
    publisher: str | None
    url: str | None
    published: dt.date | None
    retrieved: dt.date | None
    contentHash: str | None
    note: str | None


class EvidenceRow(TypedDict):
    """A SUPPORTED_BY relationship with its source (PROVENANCE)."""

    source: SourceRow
    quotes: list[str] | None
    aspect: str | None
    external: bool | None
    note: str | None
    draftedRule: NotRequired[str | None]  # the existence evidence of a drafted fact
    draftedConfidence: NotRequired[float | None]


class RetractionRow(TypedDict):
    at: dt.datetime
    by: str
    reason: str


class EntityRow(TypedDict, total=False):
    """A node as projections.PROJECTIONS return it: its own properties (which ones depends
    on its kind, and on the detail asked for), plus what the projection adds. Properties are
    written by graph/ingest/facts/plan/ and the importers."""

    id: Required[str]
    labels: list[str]
    retracted: bool | None
    name: str | None
    latitude: float | None
    longitude: float | None
    outgoing: list[RelationRow]
    retractions: list[RetractionRow]
    evidence: list[EvidenceRow]
    metric: str | None
    value: int | None
    startEarliest: dt.datetime | None
    startLatest: dt.datetime | None
    endEarliest: dt.datetime | None
    endLatest: dt.datetime | None
    inForceStartEarliest: dt.datetime | None
    inForceEndLatest: dt.datetime | None
    inForceStartLatest: dt.datetime | None
    published: dt.date | None
    retrieved: dt.date | None


class IncomingRow(TypedDict):
    id: str
    incoming: list[RelationRow]  # at most RELATED_CAP of each type
    totals: dict[str, int]  # how many of each type there are


def instant(text: str) -> dt.datetime:
    # A named zone follows the offset in brackets; the offset already fixes the instant.
    return dt.datetime.fromisoformat(text.partition("[")[0])


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def _parse(
    row: MutableMapping[str, object], keys: tuple[str, ...], parse: Callable[[str], object]
) -> None:
    for key in keys:
        value = row.get(key)
        if isinstance(value, str):
            row[key] = parse(value)


def parsed(found: object) -> EntityRow:
    """A projected node with the temporal text of its projection turned into Python values."""
    node = cast(EntityRow, found)
    properties = cast(MutableMapping[str, object], node)
    _parse(properties, INSTANTS, instant)
    _parse(properties, DAYS, day)
    for retraction in node.get("retractions") or ():
        _parse(cast(MutableMapping[str, object], retraction), ("at",), instant)
    for evidence in node.get("evidence") or ():
        _parse(cast(MutableMapping[str, object], evidence["source"]), DAYS, day)
    return node


# A source's stored text is fetched only for a field that asks for it (Source.text): PLAIN
# leaves it out so lists of sources stay light.
SOURCE_TEXTS: LiteralString = """
MATCH (s:Source) WHERE s.id IN $ids
RETURN collect({id: s.id, text: s.text}) AS rows
"""


async def entities_by_ids(
    database: Database, ids: list[str], detail: Detail = "full"
) -> dict[str, EntityRow]:
    nodes = [parsed(node) for node in await database.read_list(BY_IDS[detail], ids=ids)]
    return {node["id"]: node for node in nodes}


async def incoming_by_ids(database: Database, ids: list[str]) -> dict[str, IncomingRow]:
    found = await database.read_list(INCOMING_BY_IDS, ids=ids, cap=RELATED_CAP)
    rows = cast(list[IncomingRow], found)
    return {row["id"]: row for row in rows}


class SourceTextRow(TypedDict):
    id: str
    text: str | None


async def source_texts(database: Database, ids: list[str]) -> dict[str, str | None]:
    """The stored text of each of these sources (None: it keeps none), in one query."""
    rows = cast(list[SourceTextRow], await database.read_list(SOURCE_TEXTS, ids=ids))
    return {row["id"]: row["text"] for row in rows}
