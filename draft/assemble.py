"""The pipeline and the assembler: run the rules in order over one report, keep only what
refers to ids the draft defines or the graph holds, and give a `FactsFile` (validated) with a
YAML rendering that carries the comments (graph matches with their score and reasons) and a
summary (facts by kind, the least sure ones)."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Any

import yaml

from draft import (
    actors,
    agreements,
    attacks,
    events,
    matching,
    places,
    relevance,
    statements,
)
from draft.context import GROUPS, Context
from draft.lookup import GraphLookup, NoGraph
from draft.nlp import Pipeline, pipeline
from draft.report import Report
from draft.text import sentences
from graph.ingest.facts.models import FactsFile

REFERENCES = ("speaker", "within", "country", "part_of", "by", "locations", "participants",
              "about", "announced_in", "arose_from", "area", "location", "speaks_for")  # fmt: skip


@dataclass
class Draft:
    facts: FactsFile
    comments: dict[str, list[str]]
    pipeline: str
    fallback: str | None
    seconds: float
    in_graph: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    def drafted(self) -> list[tuple[str, str, float, str]]:
        """(group, id, confidence, rule) of every drafted fact, figure and target."""
        found = []
        for group in GROUPS:
            for fact in getattr(self.facts, group):
                if fact.drafted is not None:
                    found.append((group, fact.id, fact.drafted.confidence, fact.drafted.rule))
                for part in (*getattr(fact, "figures", ()), *getattr(fact, "targets", ())):
                    if part.drafted is not None:
                        what = getattr(part, "metric", None) or getattr(part, "category", "")
                        found.append(
                            ("figures" if hasattr(part, "metric") else "targets",
                             f"{fact.id} {what}", part.drafted.confidence, part.drafted.rule)
                        )  # fmt: skip
        return found

    def summary(self, least: int = 5) -> str:
        counts = {g: len(getattr(self.facts, g)) for g in GROUPS}
        figures = sum(len(a.figures) for a in self.facts.attacks)
        targets = sum(len(a.targets) for a in self.facts.attacks)
        lines = [
            "drafted: " + ", ".join(f"{n} {g}" for g, n in counts.items() if n)
            + f", {figures} figures, {targets} targets"
            + (f"; {len(self.in_graph)} ids taken from the graph" if self.in_graph else ""),
            f"pipeline: {self.pipeline}"
            + (f" (fallback: {self.fallback})" if self.fallback else ""),
        ]  # fmt: skip
        lines += [f"note: {n}" for n in self.notes]
        lines.append("least sure:")
        for group, id, sure, rule in sorted(self.drafted(), key=lambda d: d[2])[:least]:
            lines.append(f"  {sure:.2f} {group[:-1]} {id} ({rule})")
        return "\n".join(lines)

    def yaml(self) -> str:
        data = self.facts.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        data["document"] = self.facts.document
        data["sources"] = [s.model_dump(mode="json", exclude_none=True) for s in self.facts.sources]
        head = [
            "# Drafted by `deedgraph draft`: every fact a rule found carries `drafted: {rule,",
            "# confidence}`. Review each one, delete its `drafted` marker to accept it, then",
            "# `deedgraph load --check` and `deedgraph load`.",
            f"# pipeline: {self.pipeline}" + (f" ({self.fallback})" if self.fallback else ""),
        ]
        body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        out: list[str] = []
        items: dict[int, int] = {}  # indent of a list item's "- " -> its line in `out`
        for line in body.splitlines():
            stripped = line.lstrip()
            indent = len(line) - len(stripped)
            if stripped.startswith("- "):
                items[indent] = len(out)
                stripped, indent = stripped[2:], indent + 2
            if stripped.startswith("id: ") and indent - 2 in items:
                id = stripped[len("id: ") :].strip("'\"")
                at = items.pop(indent - 2)
                comments = [f"{' ' * (indent - 2)}# {c}" for c in self.comments.get(id, [])]
                out[at:at] = comments  # before the item the id is in
            out.append(line)
        return "\n".join(head + out) + "\n"


def draft_report(
    report: Report, graph: GraphLookup | None = None, nlp: Pipeline | None = None
) -> Draft:
    began = time.perf_counter()
    used = nlp or pipeline()
    doc = used.nlp(report.text)
    ctx = Context(report, used, graph or NoGraph(), doc, sentences(report.text, doc))
    places.find(ctx)
    actors.find(ctx)
    events.find_events(ctx)
    statements.find(ctx)
    attacks.find(ctx)
    agreements.find(ctx)
    events.settle_events(ctx)
    statements.settle_times(ctx)
    agreements.settle_times(ctx)
    matching.match_graph(ctx)
    relevance.prune(ctx)
    facts = build(ctx)
    notes = list(report.notes)
    return Draft(
        facts, ctx.comments, used.name, used.fallback, time.perf_counter() - began,
        ctx.in_graph, notes,
    )  # fmt: skip


def build(ctx: Context) -> FactsFile:
    report = ctx.report
    for group in GROUPS:  # a fact without words to show for it is not drafted
        for id in [i for i, f in ctx.facts[group].items() if not f.get("quotes")]:
            if "source" not in ctx.facts[group][id] and id not in ctx.in_graph:
                del ctx.facts[group][id]
    defined = {id for group in GROUPS for id in ctx.facts[group]} | ctx.in_graph
    source: dict[str, Any] = {"id": report.document, "kind": "document",
                              "title": report.title or report.name}  # fmt: skip
    for name in ("publisher", "url", "published"):
        if getattr(report, name):
            source[name] = getattr(report, name)
    if report.text_file:
        source["text_file"] = report.text_file
    else:
        source["text"] = report.text
    data: dict[str, Any] = {
        "document": report.document,
        "sources": [source, *ctx.sources],
    }
    if report.timezone:
        data["timezone"] = report.timezone
    for group in GROUPS:
        data[group] = [clean(fact, defined) for fact in ctx.facts[group].values()]
    return FactsFile.model_validate(data)


def clean(fact: dict[str, Any], defined: set[str]) -> dict[str, Any]:
    """The fact without references to ids neither drafted nor in the graph, empty lists and
    quotes that are not quotes."""
    out: dict[str, Any] = {}
    for name, value in fact.items():
        if name.startswith("_"):
            continue
        if name in REFERENCES:
            if isinstance(value, list):
                value = [v for v in dict.fromkeys(value) if v in defined and v != fact["id"]]
                if not value:
                    continue
            elif value not in defined:
                continue
        if name == "parties":
            value = [p for p in value if p["actor"] in defined]
        if name in ("figures", "targets"):
            value = [clean(v, defined) | {"id": None} if False else clean_part(v, defined)
                     for v in value]  # fmt: skip
        if name == "quotes":
            value = [q for q in dict.fromkeys(value) if len(q) >= 3]
        if (
            name == "time"
            and isinstance(value, dict)
            and value.get("anchor") not in (None, *defined)
        ):
            continue
        if value in ([], None, ""):
            continue
        out[name] = value
    return out


def clean_part(part: dict[str, Any], defined: set[str]) -> dict[str, Any]:
    out = {k: v for k, v in part.items() if v not in ([], None)}
    for name in ("reported_by", "statement", "location"):
        if name in out and out[name] not in defined:
            del out[name]
    if "locations" in out:
        out["locations"] = [x for x in out["locations"] if x in defined]
        if not out["locations"]:
            del out["locations"]
            out.pop("locations_partial", None)
    return out


def today() -> dt.date:
    return dt.date.today()
