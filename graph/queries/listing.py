"""Filtered, sorted, paginated lists of one kind of entity, paged in Cypher."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, LiteralString, TypedDict, cast

from graph.queries.incidents import one_per_incident, one_source
from graph.queries.keyset import KEY_OF_ROW, Order, Page, Position, Sort, read_page
from graph.queries.overlap import BUSY, LONGEST_ATTACK, LONGEST_TIMED, REACH, SEEK_BOUNDS
from graph.queries.projections import Fetched, projection
from graph.store.database import Database

Label = Literal["Actor", "Agreement", "Attack", "Statement", "Location", "Event"]
TimeMode = Literal["definitely", "possibly"]

LABELS: dict[str, LiteralString] = {
    "Actor": "Actor",
    "Agreement": "Agreement",
    "Attack": "Attack",
    "Statement": "Statement",
    "Location": "Location",
    "Event": "Event",
}
# How each kind of entity is tied to an actor: its side includes units that are part of it.
ACTOR_LINK: dict[str, LiteralString] = {
    "Attack": "(n)-[:CARRIED_OUT_BY]->(:Actor)-[:PART_OF*0..4]->(:Entity {id: $actor})",
    "Statement": "(n)-[:MADE_BY]->(:Actor)-[:PART_OF|SPEAKS_FOR*0..4]->(:Entity {id: $actor})",
    "Agreement": "(n)-[:HAS_PARTY]->(:Entity {id: $actor})",
    "Event": "(n)-[:PARTICIPANT]->(:Actor)-[:PART_OF|SPEAKS_FOR*0..4]->(:Entity {id: $actor})",
    "Actor": "(n)-[:PART_OF|SPEAKS_FOR*0..4]->(:Entity {id: $actor})",
}
# Everything inside a region counts as being in it.
LOCATION_LINK: dict[str, LiteralString] = {
    "Attack": "(n)-[:AT]->(:Location)-[:WITHIN*0..5]->(:Entity {id: $location})",
    "Event": "(n)-[:AT]->(:Location)-[:WITHIN*0..5]->(:Entity {id: $location})",
    "Location": "(n)-[:WITHIN*0..5]->(:Entity {id: $location})",
    "Actor": "(n)-[:BASED_IN]->(:Location)-[:WITHIN*0..5]->(:Entity {id: $location})",
    "Agreement": "(n)-[:COVERS_AREA]->(:Location)-[:WITHIN*0..5]->(:Entity {id: $location})",
    "Statement": "(n)-[:ABOUT]->(:Entity)-[:AT|WITHIN*0..5]->(:Entity {id: $location})",
}
# The same walks written to run from each candidate node upwards: the end has no label, so
# the planner cannot start there and fan out through every place in the region.
LOCATION_CHECK: dict[str, LiteralString] = {
    label: "EXISTS { MATCH "
    + pattern.replace("(:Entity {id: $location})", "(top)")
    + " WHERE top.id = $location }"
    for label, pattern in LOCATION_LINK.items()
}
# The time-ordered scan tests each candidate against the actor's side, gathered once before
# it (the actor and its units: a few dozen nodes), not by walking up from every candidate:
# a unit's first 50 attacks in a region read 26,000 db hits instead of 50,000 (10^6 events).
SIDE: dict[str, tuple[LiteralString, LiteralString]] = {
    "Attack": ("CARRIED_OUT_BY", "PART_OF"),
    "Statement": ("MADE_BY", "PART_OF|SPEAKS_FOR"),
    "Event": ("PARTICIPANT", "PART_OF|SPEAKS_FOR"),
}
SIDE_OF: dict[str, LiteralString] = {
    label: "COLLECT { MATCH (x)<-[:" + chain + "*0..4]-(u:Actor) RETURN u }"
    for label, (_, chain) in SIDE.items()
}
ACTOR_CHECK: dict[str, LiteralString] = {
    label: "EXISTS { MATCH (n)-[:" + link + "]->(u) WHERE u IN side }"
    for label, (link, _) in SIDE.items()
}
TARGET_CATEGORY_LINK: LiteralString = (
    "(n)-[:HIT]->(:Target)-[:IN_CATEGORY]->(:TargetCategory)"
    "-[:BROADER*0..4]->(:Entity {id: $targetCategory})"
)
ABOUT_LINK: LiteralString = "(n)-[:ABOUT]->(:Entity {id: $about})"
TEXT_MATCH: LiteralString = (
    "(toLower(coalesce(n.name, '')) CONTAINS $text "
    "OR toLower(coalesce(n.text, '')) CONTAINS $text "
    "OR toLower(coalesce(n.aliasesText, '')) CONTAINS $text)"
)
DEFINITELY_FROM: LiteralString = "n.startEarliest >= $from"
DEFINITELY_TO: LiteralString = "n.endLatest <= $to"
POSSIBLY_FROM: LiteralString = "n.endLatest >= $from"
POSSIBLY_TO: LiteralString = "n.startEarliest <= $to"


@dataclass(frozen=True)
class ListFilter:
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    time_mode: TimeMode = "possibly"
    actor: str | None = None
    location: str | None = None
    kind: str | None = None
    category: str | None = None
    target_category: str | None = None
    status: str | None = None
    about: str | None = None
    text: str | None = None
    include_retracted: bool = False
    single_source: bool = False
    one_per_incident: bool = False  # a confirmed incident once (exports), not every record


def _anchor(label: str, filter: ListFilter) -> LiteralString:
    """Start from the named actor or place when there is one: the planner then walks from an
    index seek to the few matching nodes instead of filtering every node of the label."""
    if filter.actor is not None and label in ACTOR_LINK:
        return " MATCH " + ACTOR_LINK[label] + " WITH DISTINCT n"
    if filter.location is not None and label in LOCATION_LINK:
        return " MATCH " + LOCATION_LINK[label] + " WITH DISTINCT n"
    return ""


@dataclass
class Conditions:
    """A filter as Cypher: tests of a node's own properties, and walks from it."""

    own: list[LiteralString] = field(default_factory=list)
    walks: list[LiteralString] = field(default_factory=list)
    params: dict[str, object] = field(default_factory=dict)


def _conditions(label: str, filter: ListFilter) -> Conditions:
    found = Conditions(own=[] if filter.include_retracted else ["n.retracted IS NULL"])
    own, walks, params = found.own, found.walks, found.params
    if filter.start is not None:
        own.append(DEFINITELY_FROM if filter.time_mode == "definitely" else POSSIBLY_FROM)
        params["from"] = filter.start
    if filter.end is not None:
        own.append(DEFINITELY_TO if filter.time_mode == "definitely" else POSSIBLY_TO)
        params["to"] = filter.end
    actor_anchored = filter.actor is not None and label in ACTOR_LINK
    if actor_anchored:
        params["actor"] = filter.actor  # the anchor (see _anchor) applies it
    if filter.location is not None and label in LOCATION_LINK:
        if actor_anchored:
            walks.append(LOCATION_CHECK[label])
        params["location"] = filter.location
    if filter.kind is not None:
        own.append("n.kind = $kind")
        params["kind"] = filter.kind
    if filter.category is not None:
        own.append("n.category = $category")
        params["category"] = filter.category
    if filter.status is not None:
        own.append("n.status = $status")
        params["status"] = filter.status
    if filter.target_category is not None and label == "Attack":
        walks.append("EXISTS { " + TARGET_CATEGORY_LINK + " }")
        params["targetCategory"] = "category:" + filter.target_category
    if filter.about is not None:
        walks.append("EXISTS { " + ABOUT_LINK + " }")
        params["about"] = filter.about
    if filter.text:
        own.append(TEXT_MATCH)
        params["text"] = filter.text.lower()
    if filter.single_source:
        walks.append(one_source("n"))
    if filter.one_per_incident and label == "Attack":
        walks.append(one_per_incident("n"))
    return found


def _where(clauses: list[LiteralString]) -> LiteralString:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


TIME_SEEK: dict[bool, LiteralString] = {  # by descending
    False: "n.startEarliest >= seekFrom",
    True: "n.startEarliest <= seekTo",
}


def _scan_or_gather(label: str, filter: ListFilter, sort: Sort) -> str | None:
    """Which anchor may be swapped for a time-ordered scan: a list of timed nodes in time
    order, tied to an actor or a place. For a busy anchor (the forces of a side, a region),
    gathering its nodes to sort them reads them all (144 ms for 100,000 attacks); the scan in
    time order stops at the page (graph/queries/overlap.py)."""
    if label not in ("Attack", "Statement", "Event") or sort.kind != "time":
        return None
    if filter.actor is not None:
        return "actor"
    if filter.location is not None:
        return "location"
    return None


async def list_page(
    database: Database,
    label: Label,
    filter: ListFilter,
    order: Order,
    after: Position | None,
    limit: int,
    detail: Fetched = "full",
    *,
    backward: bool = False,
) -> Page:
    """A page of `limit` rows after `after` in `order` (in the reverse order when paging
    `backward`, the page then given back in `order`)."""
    conditions = _conditions(label, filter)

    def query(sort: Sort) -> LiteralString:
        # Walks are tested after sorting, in order, until the page is full: a page of 50
        # from 10,000 candidates then walks from a few hundred of them, not all 10,000.
        gather = (
            "MATCH (n:"
            + LABELS[label]
            + ")"
            + _anchor(label, filter)
            + _where(conditions.own)
            + " WITH n ORDER BY "
            + sort.order_by
            + _where(conditions.walks)
            + " WITH n LIMIT $limit "
        )
        anchor = _scan_or_gather(label, filter, sort)
        if anchor is None:
            cypher = gather
        else:
            link = ACTOR_CHECK[label] if anchor == "actor" else LOCATION_CHECK[label]
            bound = sort.seek_bound(after)
            scan = (
                "MATCH (n:"
                + LABELS[label]
                + ") USING INDEX n:"
                + LABELS[label]
                + "(startEarliest)"
                + _where([TIME_SEEK[sort.descending], *([bound] if bound else []), *conditions.own])
                + " AND "
                + link
                + " WITH n ORDER BY "
                + sort.order_by
                + _where(conditions.walks)
                + " WITH n LIMIT $limit "
            )
            cypher = (
                "MATCH (x:Entity {id: $"
                + anchor
                + "}) WITH x, "
                + REACH[anchor]
                + " AS reach, "
                + (LONGEST_ATTACK if label == "Attack" else LONGEST_TIMED)
                + " AS longest, "
                + (SIDE_OF[label] if anchor == "actor" else "[]")
                + " AS side WITH reach, side, "
                + SEEK_BOUNDS
                # Each plan in a CALL under its guard: a guard beside a MATCH may be tested
                # after the MATCH has read everything.
                + " CALL (reach, seekFrom, seekTo, side) { WITH reach WHERE reach <= $busy "
                "CALL () { "
                + gather
                + "RETURN n } RETURN n UNION WITH reach, seekFrom, seekTo, side "
                "WHERE reach > $busy "
                "CALL (seekFrom, seekTo, side) { "
                + scan
                + "RETURN n } RETURN n } WITH n ORDER BY "
                + sort.order_by
                + " "
            )
            conditions.params.setdefault("from", None)
            conditions.params.setdefault("to", None)
            conditions.params.update(definitely=filter.time_mode == "definitely", busy=BUSY)
        return (
            cypher
            + "RETURN collect(["
            + projection(detail)
            + ", "
            + KEY_OF_ROW[sort.kind]
            + "]) AS rows"
        )

    page, _ = await read_page(
        database,
        label,
        order,
        after,
        limit,
        conditions.own,
        conditions.params,
        query,
        backward=backward,
    )
    return page


class CountRow(TypedDict):
    total: int


async def count(database: Database, label: Label, filter: ListFilter) -> int:
    conditions = _conditions(label, filter)
    cypher = (
        "MATCH (n:"
        + LABELS[label]
        + ")"
        + _anchor(label, filter)
        + _where(conditions.own + conditions.walks)
        + " RETURN count(n) AS total"
    )
    rows = cast(list[CountRow], await database.read(cypher, **conditions.params))
    return rows[0]["total"]
