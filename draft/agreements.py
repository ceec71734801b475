"""Agreements: ceasefires, pauses and halts, and talks tracks, with their parties' roles as
the words give them ("X agreed" accepted, "X-proposed" proposer, "X declined" rejected), a
duration ("30-day"), a scope from the target rulebook, the statement announcing them and the
event they arose from."""

from __future__ import annotations

import datetime as dt
import re

from draft import agreed, times
from draft.context import Context, Fact
from draft.statements import statement_at
from draft.text import Span, slug
from graph.ingest.resolve.targets import default_rules

PHRASE = re.compile(
    r"\b(?:a |an |the )?(?:(?P<who>[A-Z][\w.]*)-proposed )?(?:(?P<dur>\d+)-day )?"
    r"(?:(?P<potential>potential|complete|full|mutual) )?"
    r"(?P<what>ceasefire|truce|moratorium|pause(?: of| on)? [\w ]*?(?:strikes|attacks)"
    r"(?: on [\w ]*?(?:facilities|infrastructure))?|"
    r"cessation of (?:attacks|strikes|hostilities)(?: on [\w ]*?(?:facilities|infrastructure))?|"
    r"halt to hostilities)(?: in the (?P<area>[A-Z]\w+ Sea))?"
)
TALKS = re.compile(r"\b(?P<w>technical discussions|negotiations|talks) (?:on|for) (?:a |an )?")
ACCEPT = re.compile(r"\b(?P<who>both sides|both parties) (?:had |has |have )?agreed\b")
# What an actor named just before does to a proposal: its role.
ROLE_VERBS = re.compile(
    r"^\s*(?:has |have |had |also |then |later |,? ?who |immediately )*"
    r"(?:(?P<accepted>agreed|agrees|accepted|accepts|backed|supported|endorsed|welcomed|signed|"
    r"responded (?:positively|constructively)|expressed (?:its |their )?readiness to accept)"
    r"|(?P<rejected>declined|rejected|refused|dismissed|turned down)"
    r"|(?P<proposer>proposed|offered|suggested|put forward))\b"
)
PROPOSED_BY = re.compile(r"^(?:-proposed|-brokered|\u2019s proposal|'s proposal| proposal)\b")
REFERS = re.compile(
    r"\b(?:proposal|initiative|offer|plan|ceasefire|truce|pause|moratorium|agreement|deal)\b",
    re.I,
)


def kind_of(what: str, talks: bool) -> str:
    if talks:
        return "talks_track"
    return "ceasefire" if what.startswith(("ceasefire", "truce")) else "moratorium"


def find(ctx: Context) -> None:
    rules = default_rules()
    latest: Fact | None = None
    since = 0  # sentences since the latest agreement was named
    named: set[int] = set()
    for span in ctx.sentences:
        words = span.of(ctx.text)
        talks_at = {m.end(): m for m in TALKS.finditer(words)}
        for m in PHRASE.finditer(words):
            named.add(span.start)
            talks = talks_at.get(m.start()) or next(
                (t for e, t in talks_at.items() if -4 <= m.start() - e <= 12), None
            )
            start = min(talks.start(), m.start()) if talks else m.start()
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
            agreed.passive_status(ctx, fact, span, span.start + m.end())
            bare = not (talks or fact["parties"] or m["dur"] or m["potential"] or m["area"])
            if bare and m["what"] in ("ceasefire", "truce"):
                continue  # "for ceasefire" in a title: no agreement the words define
            stated = statement_at(ctx, span)
            if stated is not None:
                fact["announced_in"] = stated["id"]
                if id not in stated["about"]:
                    stated["about"].append(id)
                if stated["kind"] == "announcement" and fact["status"] == "proposed":
                    fact["status"] = "announced"
                if stated["kind"] == "announcement" and not fact["parties"]:
                    _party(fact, ctx.state_of(stated["speaker"]), "announced",
                           " ".join(words.split()))  # fmt: skip
            rel = times.relative(ctx, span)
            if rel is not None:
                fact["arose_from"] = rel[0]
            latest = ctx.add("agreements", fact)
            since = 0
        since += 1
        if latest is not None and (REFERS.search(words) or since <= 2):
            _verb_roles(ctx, latest, span)  # this sentence, or one of the two after it
    agreed.find(ctx, named)


def _verb_roles(ctx: Context, fact: Fact, span: Span) -> None:
    """Roles from the verbs after the actors of a sentence that speaks of the agreement:
    "Russia declined the proposal", "Putin responded positively", "the US proposal"."""
    text = ctx.text
    for m in ctx.mentions_in(span, "Actor"):
        after = text[m.end : min(span.end, m.end + 60)]
        verb = ROLE_VERBS.match(after) or PROPOSED_BY.match(after)
        if verb is None:
            continue
        groups = verb.groupdict()
        role = next((r for r in ("accepted", "rejected", "proposer") if groups.get(r)), "proposer")
        words = text[m.start : m.end + verb.end()]
        _party(fact, ctx.state_of(m.id), role, " ".join(words.split()))
        if role == "rejected":
            fact["status"] = "rejected"
        elif role == "accepted" and fact["status"] in ("proposed", "announced"):
            fact["status"] = "agreed"


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
            _party(fact, ctx.state_of(who), "proposer", m.group(0).strip())
    _verb_roles(ctx, fact, span)
    for a in ACCEPT.finditer(words[: m.start() + 1]):
        if a["who"] == "both sides":
            rel = times.relative(ctx, span)
            event = ctx.facts["events"].get(rel[0]) if rel else None
            for person in (event or {}).get("participants", []):
                for state in ctx.facts["actors"].get(person, {}).get("speaks_for", []):
                    _party(fact, state, "accepted", a.group(0))
            if fact["status"] == "proposed":
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
