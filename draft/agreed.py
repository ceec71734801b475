"""Agreements told by the verb rather than a ceasefire's name: "It was agreed to begin
negotiations on ..." (passive: the side whose statement says so accepted), and "EU leaders
agreed to strengthen the bloc's defence" (an actor, the parse's subject of "agreed", agreed to
act: an agreement of another kind, that actor accepting; needs a trained pipeline's parser),
and "a ceasefire was agreed" (its status and parties). Ceasefires, pauses and talks named as
such are found by agreements.py."""

from __future__ import annotations

import re

from draft.context import Context, Fact
from draft.statements import statement_at
from draft.text import Span, slug

PASSIVE = re.compile(
    r"\b[Ii]t (?:was|has been|had been|is) (?:also )?agreed to (?:begin|start|open|hold|launch|"
    r"resume|continue|hold) (?P<what>(?:technical )?(?:negotiations|talks|consultations|"
    r"discussions))\b[^,.;:\"\u201d\n]*"
)
NOT_A_VERB = {"be"}
# "a ceasefire was agreed (by Russia and Ukraine | between the two sides)"
WAS_AGREED = re.compile(
    r"^[^,.;:]{0,40}? (?:was|were|has been|have been|had been|is|are) (?:now |also )?"
    r"(?:agreed|accepted|signed)(?P<by> (?:by|between) [^,.;:]{2,80})?"
)
END = re.compile(r" (?:at|on|during|after|before|in) (?:a|an|the|[A-Z]\w+day)\b.*$")


def find(ctx: Context, named: set[int]) -> None:
    """`named`: the sentences (by start) where agreements.py found an agreement's name."""
    for span in ctx.sentences:
        if span.start in named:
            continue
        words = span.of(ctx.text)
        for m in PASSIVE.finditer(words):
            _passive(ctx, span, m)
    for tok in ctx.doc if ctx.doc is not None else ():
        if tok.lower_ != "agreed" or (span := ctx.sentence_at(tok.idx)).start in named:
            continue
        to = [c for c in tok.children if c.dep_ == "xcomp" and c.tag_ == "VB"]
        subject = [c for c in tok.children if c.dep_ == "nsubj"]
        if not to or not subject or to[0].lower_ in NOT_A_VERB:
            continue
        head = subject[0]
        who = [m for m in ctx.mentions_in(span, "Actor")
               if m.start <= head.idx < m.end]  # fmt: skip
        if who:
            end = min(to[0].right_edge.idx + len(to[0].right_edge), span.end)
            _agreed_to(ctx, span, who[0].id, who[0].start, end)


def _fact(ctx: Context, span: Span, id: str, name: str, kind: str, quote: str) -> Fact:
    fact: Fact = {
        "id": id,
        "name": name[0].upper() + name[1:],
        "kind": kind,
        "status": "agreed",
        "quotes": [quote],
        "parties": [],
        "drafted": ctx.drafted(f"agreements.agreed-{kind}", 0.55),
    }
    stated = statement_at(ctx, span)
    if stated is not None:
        fact["announced_in"] = stated["id"]
        if id not in stated["about"]:
            stated["about"].append(id)
    return ctx.add("agreements", fact)


def _passive(ctx: Context, span: Span, m: re.Match[str]) -> None:
    stated = statement_at(ctx, span)
    if stated is None:
        return  # "it was agreed" with no one saying so: no party to give the role to
    phrase = m.group(0).strip()
    what = phrase[phrase.index(m["what"]) :]
    fact = _fact(ctx, span, "agreement:" + slug(what)[:60], what, "talks_track", phrase)
    state = ctx.state_of(stated["speaker"])
    if not any(p["actor"] == state for p in fact["parties"]):
        fact["parties"].append({"actor": state, "role": "accepted", "quotes": [phrase]})


def _agreed_to(ctx: Context, span: Span, actor: str, start: int, end: int) -> None:
    quote = ctx.text[start:end].strip()
    to = quote[quote.index("agreed to ") + len("agreed to ") :]
    to = END.sub("", to)
    who = ctx.facts["actors"].get(actor, {}).get("name") or actor.split(":")[1]
    fact = _fact(
        ctx, span, "agreement:" + slug(f"{who} {to}")[:60], f"{who}: agreement to {to}", "other",
        quote,
    )  # fmt: skip
    if not any(p["actor"] == actor for p in fact["parties"]):
        fact["parties"].append({"actor": actor, "role": "accepted", "quotes": [quote]})


def passive_status(ctx: Context, fact: Fact, span: Span, end: int) -> None:
    """ "A ceasefire was agreed": agreed, by the actors after "by" or "between", else by the
    side whose statement says so."""
    m = WAS_AGREED.match(ctx.text[end : span.end])
    if m is None:
        return
    fact["status"] = "agreed"
    quote = " ".join(ctx.text[end - len(fact["quotes"][0]) : end + m.end()].split())
    actors = []
    if m["by"]:
        by = Span(end + m.start("by"), end + m.end("by"))
        actors = [ctx.state_of(x.id) for x in ctx.mentions_in(by, "Actor")]
    elif (stated := statement_at(ctx, span)) is not None:
        actors = [ctx.state_of(stated["speaker"])]
    for actor in dict.fromkeys(actors):
        if not any(p["actor"] == actor for p in fact["parties"]):
            fact["parties"].append({"actor": actor, "role": "accepted", "quotes": [quote]})
