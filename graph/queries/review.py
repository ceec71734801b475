"""A review of one source for an editor: what its facts take from outside it, which links were
inferred rather than stated, which figures have no reporter or no number, and every quote it
gives, in the order the words appear in its text, and the facts it gives as drafted by a
program and not yet reviewed. One Cypher query, whatever the source's size;
each list stops at a limit and says so. Each item's shape is declared once, here, as the row
the query returns; api/types/review.py shows the rows as they are."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import LiteralString, TypedDict, cast

from graph.domain.quotes import normalise
from graph.errors import NotFoundError
from graph.store.database import Database

LIMIT = 5000  # the most items of one kind a review lists

REVIEW: LiteralString = """
MATCH (s:Source:Entity {id: $source})
RETURN s.id AS id, s.kind AS kind, coalesce(s.title, s.name, s.id) AS title, s.text AS text,
COLLECT {
  MATCH (n:Entity)-[:SUPPORTED_BY]->(s) WHERE n.retracted IS NULL
  WITH DISTINCT n
  MATCH (n)-[r:SUPPORTED_BY {external: true}]->(o:Source)
  WITH n, r, o ORDER BY n.id, r.aspect LIMIT $more
  RETURN {what: 'evidence', fact: n.id, kind: [l IN labels(n) WHERE l <> 'Entity'][0],
          aspect: r.aspect, because: 'comes from ' + o.id, source: o.id, text: null,
          note: r.note, quotes: coalesce(r.quotes, []), related: null}
} + COLLECT {
  MATCH (n:Entity)-[:SUPPORTED_BY]->(s) WHERE n.retracted IS NULL
  WITH DISTINCT n
  UNWIND [{aspect: 'time', external: n.timeExternal, because: n.timeExternalBecause,
           text: n.timeText},
          {aspect: 'in_force_from', external: n.inForceTimeExternal,
           because: n.inForceTimeExternalBecause, text: n.inForceTimeText},
          {aspect: 'expires', external: n.expiresTimeExternal,
           because: n.expiresTimeExternalBecause, text: n.expiresTimeText},
          {aspect: 'conduct period', external: n.conductTimeExternal,
           because: n.conductTimeExternalBecause, text: n.conductTimeText}] AS t
  WITH n, t WHERE t.external = true
  WITH n, t ORDER BY n.id, t.aspect LIMIT $more
  RETURN {what: 'time', fact: n.id, kind: [l IN labels(n) WHERE l <> 'Entity'][0],
          aspect: t.aspect, because: coalesce(t.because, 'marked external'), source: null,
          text: t.text, note: null, related: null,
          quotes: reduce(q = [], x IN [(n)-[r:SUPPORTED_BY]->(s) WHERE r.aspect = t.aspect
                                       | r.quotes] | q + coalesce(x, []))}
} + COLLECT {
  MATCH (n:Entity)-[:SUPPORTED_BY]->(s) WHERE n.retracted IS NULL
  WITH DISTINCT n
  MATCH (n)-[p:HAS_PARTY {external: true}]->(a:Entity)
  WITH n, p, a ORDER BY n.id, a.id LIMIT $more
  RETURN {what: 'party', fact: n.id, kind: [l IN labels(n) WHERE l <> 'Entity'][0],
          aspect: 'party', because: 'comes from ' + coalesce(p.sourceId, 'an outside source'),
          source: p.sourceId, text: p.role, note: null, quotes: coalesce(p.quotes, []),
          related: a.id}
} AS outside,
COLLECT {
  MATCH (n:Entity)-[r:NAMED_IN]->(s)
  WHERE coalesce(r.how, '') <> 'exact' AND n.retracted IS NULL
  WITH n, r ORDER BY n.id, r.name LIMIT $more
  RETURN {link: 'resolution', fact: n.id, kind: [l IN labels(n) WHERE l <> 'Entity'][0],
          name: r.name, column: r.column, how: r.how, rule: r.rule, event: null, quotes: []}
} + COLLECT {
  MATCH (e:Entity)-[:SUPPORTED_BY]->(s) WHERE e.retracted IS NULL
  WITH DISTINCT e
  MATCH (e)-[:HIT]->(t:Target {inferred: true}) WHERE t.retracted IS NULL
  WITH e, t ORDER BY t.id LIMIT $more
  RETURN {link: 'target', fact: t.id, kind: 'Target', name: t.name, column: null,
          how: 'inferred', rule: t.evidenceNote, event: e.id,
          quotes: coalesce(t.evidenceQuotes, [])}
} AS inferred,
COLLECT {
  MATCH (f:Figure)-[r:SUPPORTED_BY]->(s)
  WHERE (f.attribution = 'unattributed' OR f.value IS NULL) AND f.retracted IS NULL
  WITH f, collect(r) AS evidence ORDER BY f.id LIMIT $more
  RETURN {fact: f.id, attack: [(a:Attack)-[:HAS_FIGURE]->(f) | a.id][0], metric: f.metric,
          weapon: f.weapon, value: f.value, qualifier: f.qualifier,
          attribution: f.attribution, note: [r IN evidence WHERE r.note IS NOT NULL | r.note][0],
          quotes: reduce(q = [], r IN evidence | q + coalesce(r.quotes, []))}
} AS figures,
COLLECT {
  MATCH (n:Entity)-[r:SUPPORTED_BY]->(s) WHERE n.retracted IS NULL
  UNWIND coalesce(r.quotes, []) AS quote
  WITH n, r, quote LIMIT $more
  RETURN {fact: n.id, kind: [l IN labels(n) WHERE l <> 'Entity'][0],
          aspect: coalesce(r.aspect, 'existence'), quote: quote, related: null}
} + COLLECT {
  MATCH (g:Entity)-[p:HAS_PARTY]->(a:Entity)
  WHERE p.sourceId = $source AND g.retracted IS NULL
  UNWIND coalesce(p.quotes, []) AS quote
  WITH g, p, a, quote LIMIT $more
  RETURN {fact: g.id, kind: [l IN labels(g) WHERE l <> 'Entity'][0],
          aspect: 'party (' + coalesce(p.role, 'no role') + ')', quote: quote, related: a.id}
} AS quotes,
COLLECT {
  MATCH (n:Entity)-[r:SUPPORTED_BY {aspect: 'existence'}]->(s)
  WHERE r.draftedRule IS NOT NULL AND n.retracted IS NULL
  WITH n, r ORDER BY r.draftedConfidence, n.id LIMIT $more
  RETURN {fact: n.id, kind: [l IN labels(n) WHERE l <> 'Entity'][0], rule: r.draftedRule,
          confidence: r.draftedConfidence, quotes: coalesce(r.quotes, [])}
} AS drafted
"""


class OutsideRow(TypedDict):
    """Something a fact of the source rests on that the source does not say. A fact's second
    times are stored under a prefix (graph/ingest/facts/plan/timed.py), named by aspect."""

    what: str  # 'evidence' (from an outside source), 'time' (marked external), 'party'
    fact: str
    kind: str
    aspect: str
    because: str
    source: str | None
    text: str | None  # the time as worded, or the party's role
    note: str | None
    quotes: list[str]
    related: str | None  # a party's actor


class InferredRow(TypedDict):
    link: str  # 'resolution' (a name tied to a node) or 'target' (inferred from notes)
    fact: str
    kind: str
    name: str | None
    column: str | None
    how: str | None
    rule: str | None
    event: str | None
    quotes: list[str]


class FigureRow(TypedDict):
    fact: str
    attack: str | None
    metric: str
    weapon: str | None
    value: int | None
    qualifier: str | None
    attribution: str | None
    note: str | None
    quotes: list[str]


class QuoteRow(TypedDict):
    fact: str
    kind: str
    aspect: str
    quote: str
    related: str | None  # for a relationship's quote: the node at its far end


class DraftedRow(TypedDict):
    """A fact whose existence this source gives as drafted by a program, not yet reviewed."""

    fact: str
    kind: str
    rule: str
    confidence: float
    quotes: list[str]


class ReviewRow(TypedDict):
    id: str
    kind: str | None
    title: str
    text: str | None
    outside: list[OutsideRow]
    inferred: list[InferredRow]
    figures: list[FigureRow]
    quotes: list[QuoteRow]
    drafted: list[DraftedRow]


class PlacedQuote(QuoteRow):
    position: int | None  # offset in the source's text (white space collapsed)


class UnreportedFigure(FigureRow):
    reasons: list[str]  # 'unattributed', 'no number'


@dataclass(frozen=True)
class Review:
    source: str
    title: str
    kind: str | None
    has_text: bool
    outside: list[OutsideRow]
    inferred: list[InferredRow]  # resolutions, then targets
    unreported_figures: list[UnreportedFigure]
    quotes: list[PlacedQuote]
    drafted: list[DraftedRow] = field(default_factory=list)  # least sure first
    truncated: list[str] = field(default_factory=list)  # lists cut at the limit


def in_text_order(text: str | None, quotes: Iterable[QuoteRow]) -> list[PlacedQuote]:
    """The quotes with their position in the text (compared as the loader compares them:
    white space collapsed, typographic quote marks plain), first words first; quotes not
    found (or a source without text) last, by fact."""
    body = normalise(text) if text else ""
    placed: list[PlacedQuote] = []
    for quote in quotes:
        words = normalise(quote["quote"])
        found = body.find(words) if body and words else -1
        placed.append({**quote, "position": found if found >= 0 else None})
    return sorted(
        placed,
        key=lambda q: (q["position"] is None, q["position"] or 0, q["fact"], q["aspect"]),
    )


def merge_outside(rows: Iterable[OutsideRow]) -> list[OutsideRow]:
    """One item per fact and aspect: a time marked external and the outside evidence for the
    same time are one thing to review (the time's reason, the evidence's source and note)."""
    merged: dict[tuple[str, str, str | None], OutsideRow] = {}
    for row in rows:
        key = (row["fact"], row["aspect"], row["related"])
        if row["note"] == row["aspect"]:
            row = {**row, "note": None}  # 'coordinates' says nothing the aspect does not
        known = merged.get(key)
        if known is None:
            merged[key] = row
            continue
        time, evidence = (known, row) if known["what"] == "time" else (row, known)
        merged[key] = {
            **time,
            "source": time["source"] or evidence["source"],
            "note": time["note"] or evidence["note"],
            "quotes": time["quotes"] + [q for q in evidence["quotes"] if q not in time["quotes"]],
        }
    return sorted(merged.values(), key=lambda r: (r["fact"], r["aspect"], r["related"] or ""))


def unreported(row: FigureRow) -> UnreportedFigure:
    reasons = ["unattributed"] if row["attribution"] == "unattributed" else []
    reasons += ["no number"] if row["value"] is None else []
    return {**row, "reasons": reasons}


def assemble(row: ReviewRow, limit: int = LIMIT) -> Review:
    """The query's one record as a review: each list in its order, cut at the limit."""
    outside = merge_outside(row["outside"])
    inferred = row["inferred"]  # resolutions, then targets
    figures = [unreported(item) for item in row["figures"]]
    quotes = in_text_order(row["text"], row["quotes"])
    sizes = {"outside": len(outside), "inferred": len(inferred), "figures": len(figures)}
    sizes["quotes"] = len(quotes)
    sizes["drafted"] = len(row["drafted"])
    return Review(
        source=row["id"],
        title=row["title"],
        kind=row["kind"],
        has_text=bool(row["text"]),
        outside=outside[:limit],
        inferred=inferred[:limit],
        unreported_figures=figures[:limit],
        quotes=quotes[:limit],
        drafted=row["drafted"][:limit],
        truncated=[name for name, size in sizes.items() if size > limit],
    )


async def source_review(database: Database, source_id: str, limit: int = LIMIT) -> Review:
    """Query.sourceReview: the review of one source; NotFoundError when no source has the
    id. Built from REVIEW (one query), assembled in Python (assemble, merge_outside,
    in_text_order)."""
    records = await database.read(REVIEW, source=source_id, more=limit + 1)
    if not records:
        raise NotFoundError(f"no source with id {source_id!r}")
    return assemble(cast(ReviewRow, records[0]), limit)
