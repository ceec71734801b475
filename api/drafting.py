"""Drafting a report for the API (`draftFacts`): the graph's names and the report's days'
attacks read through graph/queries, the draft made by draft/ in a worker thread (the language
pipeline loads there on first use, never blocking the event loop), and where each quote lies
in the text. Nothing is written."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import threading
import zoneinfo
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.errors import BadInputError
from graph.queries import lookup
from graph.store.database import Database

if TYPE_CHECKING:
    from draft import Draft, Snapshot

MAX_FIELD = 1000  # title, url, publisher
# One draft at a time per process: the spaCy pipeline is shared, and drafting is CPU-bound.
_DRAFTING = threading.Lock()


def moment(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


async def graph_snapshot(database: Database, day: dt.date | None) -> Snapshot:
    """What the graph holds for the drafter: its names, and the attacks from three days
    before the publication date to the day after it. Two Cypher queries."""
    from draft.lookup import Known, KnownAttack, Snapshot

    rows = await lookup.names(database)
    found: list[KnownAttack] = []
    if day is not None:
        start = dt.datetime.combine(day - dt.timedelta(days=3), dt.time(0), dt.UTC)
        end = dt.datetime.combine(day + dt.timedelta(days=2), dt.time(0), dt.UTC)
        for a in await lookup.attacks_between(database, start, end):
            first, last = moment(a["start"]), moment(a["end"])
            if first is None or last is None:
                continue
            found.append(KnownAttack(
                a["id"], a["name"], a["category"], first, last, tuple(a["places"]),
                tuple(a["targets"]), tuple(a["sources"]), a["kind"],
            ))  # fmt: skip
    nodes = [
        Known(r["id"], r["label"], r["name"], tuple(r["aliases"]), r["kind"], r["code"],
              moment(r["start"]), moment(r["end"]))
        for r in rows
    ]  # fmt: skip
    return Snapshot(nodes, found)


@dataclass(frozen=True)
class Request:
    """A report as the API receives it, checked."""

    text: str
    published: dt.date | None
    timezone: str | None
    title: str | None
    url: str | None
    publisher: str | None

    @property
    def name(self) -> str:
        """The document's slug: the text's hash, so one report drafts to one source id."""
        return "draft-" + hashlib.sha256(self.text.encode()).hexdigest()[:16]


def checked(
    text: str,
    published: str | None,
    timezone: str | None,
    title: str | None,
    url: str | None,
    publisher: str | None,
    max_chars: int,
) -> Request:
    """The request's arguments, or a BadInputError naming the argument that is wrong."""
    if not text.strip():
        raise BadInputError("text: give the report's text")
    if len(text) > max_chars:
        raise BadInputError(
            f"text: {len(text)} characters is more than the {max_chars} a draft takes "
            "(DEEDGRAPH_MAX_DRAFT_CHARS): split the report"
        )
    if "\x00" in text:
        raise BadInputError("text: a report's text has no NUL characters")
    for name, value in (("title", title), ("url", url), ("publisher", publisher)):
        if value is not None and (len(value) > MAX_FIELD or not value.strip()):
            raise BadInputError(f"{name}: 1 to {MAX_FIELD} characters")
    day = None
    if published is not None:
        try:
            day = (
                dt.datetime.fromisoformat(published).date()
                if "T" in published
                else dt.date.fromisoformat(published)
            )
        except ValueError:
            raise BadInputError(
                f"published: {published[:40]!r} is not an ISO date (2025-03-19) "
                "or moment with offset"
            ) from None
    if timezone is not None:
        try:
            zoneinfo.ZoneInfo(timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise BadInputError(
                f"timezone: {timezone[:40]!r} is not an IANA time zone (Europe/Kyiv)"
            ) from None
    return Request(text, day, timezone, title, url, publisher)


def _draft(request: Request, graph: Snapshot) -> Draft:
    from draft import draft_report, read_report

    report = read_report(
        request.text, request.name, title=request.title, publisher=request.publisher,
        url=request.url, published=request.published, timezone=request.timezone,
    )  # fmt: skip
    with _DRAFTING:
        return draft_report(report, graph)


async def draft(database: Database, request: Request) -> tuple[Draft, set[str]]:
    """The draft of a report, resolved into the graph (drafted in a worker thread), and the
    ids the graph held when it was drafted."""
    from draft import read_report

    day = request.published or read_report(request.text, request.name).published
    graph = await graph_snapshot(database, day)
    held = {node.id for node in graph.nodes} | {attack.id for attack in graph.attacks}
    return await asyncio.to_thread(_draft, request, graph), held


def positions(text: str, quote: str) -> tuple[int, int] | None:
    """Where a quote first lies in the text, in characters (code points): [start, end)."""
    at = text.find(quote)
    return None if at < 0 else (at, at + len(quote))
