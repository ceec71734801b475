"""What the rules share while drafting one report: the text, its parse, the graph, the facts
found so far (as facts-file dicts, keyed by id) and where in the text each name was found."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from draft.lookup import GraphLookup
from draft.nlp import Pipeline
from draft.report import Report
from draft.text import Span, quote

Fact = dict[str, Any]
GROUPS = ("actors", "locations", "events", "statements", "agreements", "attacks")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    id: str
    label: str  # "Actor" or "Location"


@dataclass
class Context:
    report: Report
    pipeline: Pipeline
    graph: GraphLookup
    doc: Any
    sentences: list[Span]
    facts: dict[str, dict[str, Fact]] = field(default_factory=lambda: {g: {} for g in GROUPS})
    mentions: list[Mention] = field(default_factory=list)
    in_graph: set[str] = field(default_factory=set)  # ids the draft takes from the graph
    comments: dict[str, list[str]] = field(default_factory=dict)  # YAML comments per fact id
    sources: list[Fact] = field(default_factory=list)  # external sources the draft needed
    main_attack: str | None = None
    speaks_for: dict[str, str] = field(default_factory=dict)  # person -> state, by title
    countries: set[str] = field(default_factory=set)  # location ids that are countries
    region_codes: dict[str, str] = field(default_factory=dict)  # region id -> ISO 3166-2
    jurisdictions: set[str] = field(default_factory=set)  # places officials who speak govern

    def state_of(self, actor: str) -> str:
        """The state a person or body speaks for (a title's, the White House's), else the
        actor itself: agreements are between states."""
        drafted = self.facts["actors"].get(actor, {})
        if drafted.get("speaks_for"):
            return str(drafted["speaks_for"][0])
        return self.speaks_for.get(actor, actor)

    @property
    def text(self) -> str:
        return self.report.text

    def drafted(self, rule: str, confidence: float) -> dict[str, Any]:
        return {"rule": rule, "confidence": round(confidence, 2)}

    def add(self, group: str, fact: Fact) -> Fact:
        """Add a fact, or merge its quotes into the one of that id already drafted."""
        existing = self.facts[group].get(fact["id"])
        if existing is None:
            self.facts[group][fact["id"]] = fact
            return fact
        for q in fact.get("quotes", []):
            if q not in existing.setdefault("quotes", []):
                existing["quotes"].append(q)
        return existing

    def has(self, id: str) -> bool:
        return id in self.in_graph or any(id in facts for facts in self.facts.values())

    def sentence_at(self, offset: int) -> Span:
        for span in self.sentences:
            if span.start <= offset < span.end:
                return span
        return Span(offset, offset)

    def mentions_in(self, span: Span, label: str | None = None) -> list[Mention]:
        return [
            m
            for m in self.mentions
            if span.start <= m.start and m.end <= span.end and label in (None, m.label)
        ]

    def mention(self, start: int, end: int, id: str, label: str) -> None:
        """Where a name was found; a later, more specific one at the same words wins (the
        region over the country its code names, the police over its state)."""
        same = [m for m in self.mentions if (m.start, m.end, m.label) == (start, end, label)]
        if same and same[0].id == id:
            return
        for m in same:
            self.mentions.remove(m)
        bisect.insort(
            self.mentions, Mention(start, end, id, label), key=lambda m: (m.start, -m.end)
        )

    def words_around(self, start: int, end: int, after: int = 6) -> str | None:
        """A quote: the words from `start` to `end` and up to `after` words more, within the
        sentence and its clause."""
        sentence = self.sentence_at(start)
        stop = sentence.end if sentence.end > start else len(self.text)
        cut = end
        words = 0
        while cut < stop and words < after:
            nxt = self.text.find(" ", cut + 1)
            if nxt == -1 or nxt > stop:
                nxt = stop
            piece = self.text[cut:nxt]
            if any(p in piece for p in (",", ";", ".", "\n", "“", "”", '"')):
                break
            cut = nxt
            words += 1
        return quote(self.text, start, cut)

    def external_source(self, id_suffix: str, title: str, note: str) -> str:
        id = f"{self.report.document}-{id_suffix}"
        if not any(s["id"] == id for s in self.sources):
            self.sources.append({"id": id, "kind": "external", "title": title, "note": note})
        return id

    def note(self, id: str, line: str) -> None:
        self.comments.setdefault(id, []).append(line)

    def statement_at(self, span: Span) -> Fact | None:
        from draft.statements import statement_at

        return statement_at(self, span)

    def publication_day(self) -> dt.date | None:
        return self.report.published
