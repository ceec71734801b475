"""Filtered, sorted, paginated lists of one kind of entity, paged in Cypher."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal, LiteralString

from graph.database import Database, Record
from graph.queries.entities import PROJECTION, projection_params

Label = Literal["Actor", "Agreement", "Attack", "Statement", "Location", "Event"]
TimeMode = Literal["definitely", "possibly"]
Order = Literal["time_asc", "time_desc", "name"]

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
    "Attack": "(n)-[:CARRIED_OUT_BY]->(:Actor)-[:PART_OF*0..4]->(:Actor {id: $actor})",
    "Statement": "(n)-[:MADE_BY]->(:Actor)-[:PART_OF|SPEAKS_FOR*0..4]->(:Actor {id: $actor})",
    "Agreement": "(n)-[:HAS_PARTY]->(:Actor {id: $actor})",
    "Event": "(n)-[:PARTICIPANT]->(:Actor)-[:PART_OF|SPEAKS_FOR*0..4]->(:Actor {id: $actor})",
    "Actor": "(n)-[:PART_OF|SPEAKS_FOR*0..4]->(:Actor {id: $actor})",
}
# Everything inside a region counts as being in it.
LOCATION_LINK: dict[str, LiteralString] = {
    "Attack": "(n)-[:AT]->(:Location)-[:WITHIN*0..5]->(:Location {id: $location})",
    "Event": "(n)-[:AT]->(:Location)-[:WITHIN*0..5]->(:Location {id: $location})",
    "Location": "(n)-[:WITHIN*0..5]->(:Location {id: $location})",
    "Actor": "(n)-[:BASED_IN]->(:Location)-[:WITHIN*0..5]->(:Location {id: $location})",
    "Agreement": "(n)-[:COVERS_AREA]->(:Location)-[:WITHIN*0..5]->(:Location {id: $location})",
    "Statement": "(n)-[:ABOUT]->(:Entity)-[:AT|WITHIN*0..5]->(:Location {id: $location})",
}
TARGET_CATEGORY_LINK: LiteralString = (
    "(n)-[:HIT]->(:Target)-[:IN_CATEGORY]->(:TargetCategory)"
    "-[:BROADER*0..4]->(:TargetCategory {id: $targetCategory})"
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
ORDERS: dict[str, LiteralString] = {
    "time_asc": "n.startEarliest ASC, n.id ASC",
    "time_desc": "n.startEarliest DESC, n.id DESC",
    "name": "toLower(n.name) ASC, n.id ASC",
}


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


def _where(label: str, filter: ListFilter) -> tuple[LiteralString, dict[str, Any]]:
    clauses: list[LiteralString] = [] if filter.include_retracted else ["n.retracted IS NULL"]
    params: dict[str, Any] = {}
    if filter.start is not None:
        clauses.append(DEFINITELY_FROM if filter.time_mode == "definitely" else POSSIBLY_FROM)
        params["from"] = filter.start
    if filter.end is not None:
        clauses.append(DEFINITELY_TO if filter.time_mode == "definitely" else POSSIBLY_TO)
        params["to"] = filter.end
    if filter.actor is not None and label in ACTOR_LINK:
        clauses.append("EXISTS { " + ACTOR_LINK[label] + " }")
        params["actor"] = filter.actor
    if filter.location is not None and label in LOCATION_LINK:
        clauses.append("EXISTS { " + LOCATION_LINK[label] + " }")
        params["location"] = filter.location
    if filter.kind is not None:
        clauses.append("n.kind = $kind")
        params["kind"] = filter.kind
    if filter.category is not None:
        clauses.append("n.category = $category")
        params["category"] = filter.category
    if filter.status is not None:
        clauses.append("n.status = $status")
        params["status"] = filter.status
    if filter.target_category is not None and label == "Attack":
        clauses.append("EXISTS { " + TARGET_CATEGORY_LINK + " }")
        params["targetCategory"] = "category:" + filter.target_category
    if filter.about is not None:
        clauses.append("EXISTS { " + ABOUT_LINK + " }")
        params["about"] = filter.about
    if filter.text:
        clauses.append(TEXT_MATCH)
        params["text"] = filter.text.lower()
    if not clauses:
        return "", params
    return " WHERE " + " AND ".join(clauses), params


@dataclass(frozen=True)
class Page:
    rows: list[Record]
    has_next: bool


async def list_page(
    database: Database,
    label: Label,
    filter: ListFilter,
    order: Order,
    skip: int,
    limit: int,
) -> Page:
    where, params = _where(label, filter)
    order_by = (
        ORDERS["name"] if label in ("Actor", "Location") and order != "name" else ORDERS[order]
    )
    cypher = (
        "MATCH (n:" + LABELS[label] + ")" + where + " WITH n ORDER BY " + order_by + " "
        "SKIP $skip LIMIT $limit RETURN " + PROJECTION + " AS node"
    )
    rows = await database.read(cypher, skip=skip, limit=limit + 1, **params, **projection_params())
    nodes = [row["node"] for row in rows]
    return Page(rows=nodes[:limit], has_next=len(nodes) > limit)


async def count(database: Database, label: Label, filter: ListFilter) -> int:
    where, params = _where(label, filter)
    cypher = "MATCH (n:" + LABELS[label] + ")" + where + " RETURN count(n) AS total"
    rows = await database.read(cypher, **params)
    return int(rows[0]["total"])
