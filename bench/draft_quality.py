"""How good `deedgraph draft` is: precision and recall per fact kind against hand-made facts
files, and the time to draft a 2,000-word report once the pipeline is loaded.

    .venv/bin/python -m bench.draft_quality [--runs 7]

Cases: the seed report drafted with no graph, against its curated facts file; each of the
four real excerpts (seeds/reports) drafted against a graph holding what its hand file is
written on top of (the seed; for 07 also 06), against that hand file. The "graph" is a
`Snapshot` read from those files' YAML (ids, names, aliases, kinds, ISO codes): no Neo4j is
needed. The publication date and zone are given as a user would give them (`--published`,
`--timezone Europe/Kyiv`), the date taken from the hand file's document source.

Matching rules (one drafted fact matches at most one hand fact):
- actors, places: the same id, or a name/alias of the drafted fact equal to one of the hand
  fact's (case, accents, apostrophes and "the" ignored). Ids the draft takes from the graph
  count as drafted facts of their kind, and the graph's ids the hand file refers to (an
  attack's country, a city's region, a party) count as hand facts of theirs.
- statements: the same speaker (after mapping drafted actor ids to hand ids as above) and a
  quote or text sharing 5 consecutive words with the hand statement's quotes or text.
- figures (every attack's): the same metric and value, and the same reporter (`reported_by`
  mapped; both absent counts as the same: the outlet).
- agreements: a quote or name sharing 3 consecutive words with the hand agreement's quotes or
  name, and every hand party present with the same role (parties and roles right).
- attacks: the same kind (wave/incident), a shared place (or one within the other per the
  files' `within`), the same attacker when the hand fact names one, and quotes sharing 5
  consecutive words. Time overlap is not computed here: all times of one report fall in the
  same night or day, so place, kind and words decide.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from draft import Draft, NoGraph, Snapshot, draft_report, read_report
from draft.lookup import Known
from draft.nlp import pipeline
from draft.text import key

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_28cd22a57464658d"
REPORTS = ROOT / "seeds" / "reports"
GROUPS = ("actors", "locations", "statements", "figures", "agreements", "attacks")
Fact = dict[str, Any]


@dataclass
class Case:
    name: str
    text: Path
    hand: Path
    base: list[Path] = field(default_factory=list)  # what the hand file loads on top of


def cases() -> list[Case]:
    seed_facts = SEED.with_suffix(".facts.yaml")
    found = [Case("seed (no graph)", SEED.with_suffix(".txt"), seed_facts)]
    for text in sorted(REPORTS.glob("*.txt")):
        base = [seed_facts]
        if text.name.startswith("07_"):
            base.append(REPORTS / "06_themoscowtimes_energy-gas-attack.facts.yaml")
        found.append(Case(text.stem[:24], text, text.with_suffix(".facts.yaml"), base))
    return found


def load(path: Path) -> Fact:
    data: Fact = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def merged(files: Iterable[Fact]) -> dict[str, Fact]:
    """Every fact by id, later files adding to earlier ones (as the loader merges them)."""
    out: dict[str, Fact] = {}
    for data in files:
        for group in ("actors", "locations", "events", "agreements", "statements", "attacks"):
            for fact in data.get(group) or []:
                out.setdefault(fact["id"], {}).update(
                    {k: v for k, v in fact.items() if k != "quotes"}
                )
    return out


def snapshot(base: list[Fact]) -> Snapshot:
    nodes = []
    labels = {"actors": "Actor", "locations": "Location", "events": "Event"}
    for data in base:
        for group, label in labels.items():
            for f in data.get(group) or []:
                if "name" in f:
                    code = f.get("iso3166_2") or f.get("iso3166_1")
                    aliases = tuple(f.get("aliases", []))
                    nodes.append(Known(f["id"], label, f["name"], aliases, f.get("kind"), code))
    return Snapshot(nodes, [])


def names(fact: Fact) -> set[str]:
    return {key(n) for n in (fact.get("name"), *fact.get("aliases", [])) if n}


def grams(words: Iterable[str], n: int) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for text in words:
        tokens = key(text).split()
        out |= {tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))}
    return out


def overlap(a: Fact, b: Fact, n: int) -> bool:
    def words(f: Fact) -> list[str]:
        return [*f.get("quotes", []), *(x for x in (f.get("text"), f.get("name")) if x)]

    return bool(grams(words(a), n) & grams(words(b), n))


def _refs(value: Any) -> Iterable[str]:
    """Every id a facts file refers to (not the ids it defines)."""
    if isinstance(value, str):
        if value.startswith(("actor:", "location:")):
            yield value
    elif isinstance(value, dict):
        for name, v in value.items():
            if name not in ("id", "quotes", "text", "name", "note"):
                yield from _refs(v)
    elif isinstance(value, list):
        for v in value:
            yield from _refs(v)


@dataclass
class Score:
    drafted: int = 0
    hand: int = 0
    right_drafted: int = 0  # drafted facts matching a hand fact
    right_hand: int = 0  # hand facts matched by a drafted fact

    def add(self, other: Score) -> None:
        for name in ("drafted", "hand", "right_drafted", "right_hand"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float | None:
        return self.right_drafted / self.drafted if self.drafted else None

    @property
    def recall(self) -> float | None:
        return self.right_hand / self.hand if self.hand else None


def score(drafted: list[Fact], hand: list[Fact], same: Callable[[Fact, Fact], bool]) -> Score:
    """Greedy one-to-one matching in order."""
    used: set[int] = set()
    right = 0
    for d in drafted:
        for i, h in enumerate(hand):
            if i not in used and same(d, h):
                used.add(i)
                right += 1
                break
    return Score(len(drafted), len(hand), right, right)


class Comparison:
    """One draft against one hand file, with the facts the hand file builds on."""

    def __init__(self, draft: Draft, hand: Fact, base: list[Fact]) -> None:
        self.draft = draft.facts.model_dump(mode="json", exclude_none=True)
        self.hand = hand
        self.known = merged([*base, hand])
        self.in_graph = draft.in_graph
        # The graph's ids the hand file refers to (an attack's country, a city's region) count
        # as hand facts of their kind, as the graph's ids the draft refers to count as drafted.
        self.base_ids = set(merged(base)) - set(merged([hand]))
        self.referenced = set(_refs(hand))
        drafted_ids = merged([self.draft])
        self.ids: dict[str, str] = {}  # drafted id -> hand id
        for group in ("actors", "locations"):
            for h in self.facts(hand, group):
                for d in self.facts(self.draft, group):
                    if d["id"] == h["id"] or names(drafted_ids.get(d["id"], d)) & names(h):
                        self.ids.setdefault(d["id"], h["id"])

    def facts(self, data: Fact, group: str) -> list[Fact]:
        """The facts of a group, references filled in from the files they build on."""
        out = []
        for f in data.get(group) or []:
            out.append({**self.known.get(f["id"], {}), **f} if data is self.hand else f)
        if group in ("actors", "locations"):
            prefix = "actor:" if group == "actors" else "location:"
            listed = {f["id"] for f in out}
            graph = self.in_graph if data is self.draft else self.referenced & self.base_ids
            out += [{"id": i} for i in sorted(graph - listed) if i.startswith(prefix)]
        return out

    def map(self, id: str | None) -> str | None:
        return self.ids.get(id, id) if id else None

    def within(self, id: str) -> set[str]:
        chain = {id}
        while (up := self.known.get(id, {}).get("within")) and up not in chain:
            chain.add(up)
            id = up
        return chain

    def kind(self, group: str) -> Score:
        source = "attacks" if group == "figures" else group
        d, h = self.facts(self.draft, source), self.facts(self.hand, source)
        if group in ("actors", "locations"):
            return score(d, h, lambda a, b: self.ids.get(a["id"]) == b["id"])
        if group == "statements":
            return score(d, h, lambda a, b: self.map(a.get("speaker")) == b.get("speaker")
                         and overlap(a, b, 5))  # fmt: skip
        if group == "figures":
            d = [x for a in d for x in a.get("figures", [])]
            h = [x for a in h for x in a.get("figures", [])]
            return score(d, h, lambda a, b: (a.get("metric"), a.get("value")) ==
                         (b.get("metric"), b.get("value"))
                         and self.map(a.get("reported_by")) == b.get("reported_by"))  # fmt: skip
        if group == "agreements":
            return score(d, h, self.same_agreement)
        return score(d, h, self.same_attack)

    def same_agreement(self, a: Fact, b: Fact) -> bool:
        if not overlap(a, b, 3) and a["id"] != b["id"]:
            return False
        roles = {(self.map(p["actor"]), p["role"]) for p in a.get("parties", [])}
        return all((p["actor"], p["role"]) in roles for p in b.get("parties", []))

    def same_attack(self, a: Fact, b: Fact) -> bool:
        if a["id"] == b["id"]:
            return True
        if a.get("kind") != b.get("kind") or not overlap(a, b, 5):
            return False
        mine = {x for p in a.get("locations", []) for x in self.within(self.map(p) or p)}
        theirs = {x for p in b.get("locations", []) for x in self.within(p)}
        places = {self.map(p) for p in a.get("locations", [])}
        if b.get("kind") == "incident" and not (
            places & theirs or set(b.get("locations", [])) & mine
        ):
            return False
        by = {self.map(x) for x in a.get("by", [])}
        return not b.get("by") or bool(by & set(b["by"]))


def draft_case(case: Case) -> tuple[Draft, Fact, list[Fact]]:
    hand = load(case.hand)
    base = [load(p) for p in case.base]
    published = hand["sources"][0].get("published")
    day = dt.date.fromisoformat(str(published)) if published else dt.date(2025, 3, 19)
    report = read_report(
        case.text.read_text(encoding="utf-8"), case.text.stem, published=day,
        timezone="Europe/Kyiv",
    )  # fmt: skip
    graph = snapshot(base) if base else NoGraph()
    return draft_report(report, graph), hand, base


def fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{100 * x:4.0f}%"


def quality() -> list[str]:
    lines = ["| case | " + " | ".join(GROUPS) + " |", "|---" * (len(GROUPS) + 1) + "|"]
    totals = {g: Score() for g in GROUPS}
    excerpts = {g: Score() for g in GROUPS}
    for case in cases():
        draft, hand, base = draft_case(case)
        comparison = Comparison(draft, hand, base)
        cells = []
        for group in GROUPS:
            s = comparison.kind(group)
            totals[group].add(s)
            if base:
                excerpts[group].add(s)
            cells.append(f"P {fmt(s.precision)} R {fmt(s.recall)} ({s.right_hand}/{s.hand})")
        lines.append(f"| {case.name} | " + " | ".join(cells) + " |")
    for name, sums in (("four excerpts", excerpts), ("all five", totals)):
        cells = [f"P {fmt(s.precision)} R {fmt(s.recall)} ({s.right_hand}/{s.hand})"
                 for s in sums.values()]  # fmt: skip
        lines.append(f"| **{name}** | " + " | ".join(cells) + " |")
    return lines


def long_report(words: int = 2000) -> str:
    """Real report text, repeated (paragraphs in turn) to about `words` words."""
    paragraphs = [
        p
        for path in [SEED.with_suffix(".txt"), *sorted(REPORTS.glob("*.txt"))]
        for p in path.read_text(encoding="utf-8").split("\n\n")
        if p.strip()
    ]
    out: list[str] = []
    i = 0
    while sum(len(p.split()) for p in out) < words:
        out.append(paragraphs[i % len(paragraphs)])
        i += 1
    return "\n\n".join(out)


def speed(runs: int) -> list[str]:
    began = time.perf_counter()
    nlp = pipeline()
    loaded = time.perf_counter() - began
    text = long_report()
    report = read_report(text, "bench-2000", published=dt.date(2025, 3, 19),
                         timezone="Europe/Kyiv")  # fmt: skip
    draft_report(report, NoGraph(), nlp)  # warm: the rulebooks are read once per process
    seconds, parse = [], []
    for _ in range(runs):
        seconds.append(draft_report(report, NoGraph(), nlp).seconds)
        began = time.perf_counter()
        nlp.nlp(text)
        parse.append(time.perf_counter() - began)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return [
        f"- pipeline {nlp.name}, loaded in {loaded:.2f} s (once per process)",
        f"- {len(text.split())} words, {runs} runs after one warm-up: median "
        f"{statistics.median(seconds):.2f} s, min {min(seconds):.2f} s, max {max(seconds):.2f} s",
        f"- of which spaCy's pipeline alone: median {statistics.median(parse):.2f} s; the rules: "
        f"the rest",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {load} (1, 5, 15 min) while measuring",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    timing = speed(args.runs)  # first: it times loading the pipeline
    print("\n".join(quality()))
    print()
    print("\n".join(timing))


if __name__ == "__main__":
    main()
