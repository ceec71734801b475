"""Agreements: ceasefires, pauses and halts, and talks tracks, with their parties' roles as
the words give them ("X agreed" accepted, "X-proposed" proposer, "X declined" rejected), a
duration ("30-day"), a scope from the target rulebook, the statement announcing them and the
event they arose from."""

from __future__ import annotations

import datetime as dt
import re

from draft import times
from draft.context import Context, Fact
from draft.statements import statement_at
from draft.text import Span, slug
from graph.ingest.resolve.targets import default_rules

PHRASE = re.compile(
    r"\b(?:a |an |the )?(?:(?P<who>[A-Z][\w.]*)-proposed )?(?:(?P<dur>\d+)-day )?"
    r"(?:(?P<potential>potential|complete|full|mutual) )?"
    r"(?P<what>ceasefire|truce|moratorium|pause(?: of| on)? [\w ]*?(?:strikes|attacks)|"
    r"cessation of (?:attacks|strikes|hostilities)(?: on [\w ]*?(?:facilities|infrastructure))?|"
    r"halt to hostilities)(?: in the (?P<area>[A-Z]\w+ Sea))?"
)
TALKS = re.compile(r"\b(?P<w>technical discussions|negotiations|talks) (?:on|for) (?:a |an )?")
REJECT = re.compile(r"\b(?P<who>[A-Z][a-z]+) (?:declined|rejected|refused)\b")
ACCEPT = re.compile(r"\b(?P<who>[A-Z][a-z]+|both sides) (?:had |has |have )?agreed\b")


def kind_of(what: str, talks: bool) -> str:
    if talks:
        return "talks_track"
    return "ceasefire" if what.startswith(("ceasefire", "truce")) else "moratorium"


def find(ctx: Context) -> None:
    rules = default_rules()
    latest: Fact | None = None
    for span in ctx.sentences:
        words = span.of(ctx.text)
        talks_at = {m.end(): m for m in TALKS.finditer(words)}
        for m in PHRASE.finditer(words):
            talks = talks_at.get(m.start()) or next(
                (t for e, t in talks_at.items() if 0 <= m.start() - e <= 12), None
            )
            start = talks.start() if talks else m.start()
            phrase = words[start : m.end()].strip()
            name = phrase[0].upper() + phrase[1:]
            name = re.sub(r"^(?:A|An|The) ", "", name)
            id = "agreement:" + slug(re.sub(r"^(?:a|an|the) ", "", phrase.lower()))[:60]
            if m["dur"] is None and latest is not None and not talks and m["what"] == "ceasefire":
                latest["quotes"].append(phrase) if phrase not in latest["quotes"] else None
                continue
            fact: Fact = {
                "id": id,
                "name": name,
                "kind": kind_of(m["what"], talks is not None),
                "status": "proposed",
                "quotes": [phrase],
                "parties": [],
                "drafted": ctx.drafted("agreements." + kind_of(m["what"], talks is not None), 0.6),
            }
            if m["dur"]:
                fact["duration"] = dt.timedelta(days=int(m["dur"]))
            scope = [t.category for t in rules.find(m.group(0))]
            if "infrastructure" in m.group(0) and "energy and infrastructure" in m.group(0):
                scope.append("infrastructure")
            if scope and not talks:
                fact["scope"] = list(dict.fromkeys(scope))
            if m["area"]:
                where = Span(span.start + m.start("area"), span.start + m.end("area"))
                area = [x.id for x in ctx.mentions_in(where)]
                if area:
                    fact["area"] = area
            _roles(ctx, fact, span, m)
            stated = statement_at(ctx, span)
            if stated is not None:
                fact["announced_in"] = stated["id"]
                if id not in stated["about"]:
                    stated["about"].append(id)
                if stated["kind"] == "announcement" and fact["status"] == "proposed":
                    fact["status"] = "announced"
            rel = times.relative(ctx, span)
            if rel is not None:
                fact["arose_from"] = rel[0]
            latest = ctx.add("agreements", fact)
        for r in REJECT.finditer(words):
            if latest is not None:
                who = _actor(ctx, span, r.start("who"), r.end("who"))
                if who:
                    _party(latest, who, "rejected", " ".join(words.split()))
                    latest["status"] = "rejected"


def _actor(ctx: Context, span: Span, start: int, end: int) -> str | None:
    found = ctx.mentions_in(Span(span.start + start, span.start + end), "Actor")
    return found[0].id if found else None


def _party(fact: Fact, actor: str, role: str, quote: str) -> None:
    if not any(p["actor"] == actor for p in fact["parties"]):
        fact["parties"].append({"actor": actor, "role": role, "quotes": [quote]})


def _roles(ctx: Context, fact: Fact, span: Span, m: re.Match[str]) -> None:
    words = span.of(ctx.text)
    if m["who"]:
        who = _actor(ctx, span, m.start("who"), m.end("who"))
        if who:
            _party(fact, who, "proposer", m.group(0).strip())
    for a in ACCEPT.finditer(words[: m.start() + 1]):
        if a["who"] == "both sides":
            rel = times.relative(ctx, span)
            event = ctx.facts["events"].get(rel[0]) if rel else None
            for person in (event or {}).get("participants", []):
                for state in ctx.facts["actors"].get(person, {}).get("speaks_for", []):
                    _party(fact, state, "accepted", a.group(0))
            if fact["status"] == "proposed":
                fact["status"] = "agreed"
        else:
            who = _actor(ctx, span, a.start("who"), a.end("who"))
            if who:
                _party(fact, who, "accepted", a.group(0))
                fact["status"] = "agreed"


def settle_times(ctx: Context) -> None:
    for fact in ctx.facts["agreements"].values():
        if "time" in fact:
            continue
        anchor = fact.get("arose_from")
        stated = ctx.facts["statements"].get(fact.get("announced_in", ""))
        if anchor and (anchor in ctx.in_graph or "time" in ctx.facts["events"].get(anchor, {})):
            fact["time"] = {"text": "at the event it arose from", "anchor": anchor,
                            "quotes": fact["quotes"][:1]}  # fmt: skip
        elif stated is not None:
            fact["time"] = {"text": "when it was announced", "anchor": stated["id"],
                            "quotes": fact["quotes"][:1]}  # fmt: skip
        else:
            fact["time"] = times.publication(ctx, "by the day of the report") or times.undated(ctx)
