"""Events the report's times hang on: the calls and talks it names (or the graph's, when it
holds them), and, once every fact is drafted, a time for each event the text dates only
relative to an attack of its own."""

from __future__ import annotations

import datetime as dt
import re

from draft.context import Context, Fact
from draft.text import Span, slug
from draft.times import KINDS, NUMBERS, RELATIVE, graph_event, in_sentence, undated

CALL = re.compile(
    r"\b(?:a |the )?(?:(?P<len>[\d.]+-hours?) )?phone (?:call|conversation) (?:between|with) "
    r"|\b(?:a |the )?call (?:between|with) "
)
TALKS = re.compile(
    r"\b(?:held )?(?P<w>talks|meeting|summit)(?: (?:of|between) [^,.;:\n]{3,60}?)? in "
    r"(?P<place>[A-Z][\w ]+?)\b(?= on| in|,|\.|$)",
    re.M,
)


def find_events(ctx: Context) -> None:
    """Calls and talks the report names, or the graph's when it holds them."""
    for m in CALL.finditer(ctx.text):
        span = ctx.sentence_at(m.start())
        tail = Span(m.end(), span.end)
        people = list(
            {x.id: x for x in ctx.mentions_in(tail, "Actor") if x.id in _people(ctx)}.values()
        )[:2]  # each person once: "Donald Trump" and its "Trump" are one
        known = graph_event(ctx, "phone_call")
        if known is not None:
            ctx.note(known, "the report's call: " + " ".join(m.group(0).split()))
            continue
        names = [ctx.facts["actors"][p.id]["name"] for p in people]
        last = [n.split()[-1] for n in names]
        id = "event:" + "-".join(slug(n) for n in last) + "-call" if last else "event:phone-call"
        end = people[-1].end if people else m.end()
        fact: Fact = {
            "id": id,
            "name": "Phone call between " + " and ".join(names) if names else "Phone call",
            "kind": "phone_call",
            "participants": [p.id for p in people],
            "quotes": [ctx.text[m.start() : end].strip()],
            "drafted": ctx.drafted("times.call", 0.8),
        }
        own = in_sentence(ctx, span)
        if own is not None and "date" in own:
            fact["time"] = own
        ctx.add("events", fact)
    for m in TALKS.finditer(ctx.text):
        span = ctx.sentence_at(m.start())
        place = [x for x in ctx.mentions_in(Span(m.start("place"), m.end("place")), "Location")]
        known = graph_event(ctx, KINDS[m["w"]])
        if known is not None:
            if place:  # the report tells where the graph's talks were held
                ctx.add("events", {"id": known, "location": place[0].id, "quotes": [m.group(0)],
                                   "drafted": ctx.drafted("times.talks-place", 0.6)})  # fmt: skip
            continue
        id = f"event:{m['w']}-in-{slug(m['place'])}"
        states = [x.id for x in ctx.mentions_in(span, "Actor") if _is_state(ctx, x.id)]
        fact = {
            "id": id,
            "name": f"{m['w'].capitalize()} in {m['place']}",
            "kind": KINDS[m["w"]],
            "participants": list(dict.fromkeys(states)),
            "quotes": [m.group(0)],
            "drafted": ctx.drafted("times.talks", 0.75),
        }
        if place:
            fact["location"] = place[0].id
        own = in_sentence(ctx, span)
        if own is not None and "date" in own:
            fact["time"] = own
        ctx.add("events", fact)


def _people(ctx: Context) -> set[str]:
    return {id for id, a in ctx.facts["actors"].items() if a.get("kind") == "person"}


def _is_state(ctx: Context, id: str) -> bool:
    return ctx.facts["actors"].get(id, {}).get("kind") == "state" or id in ctx.in_graph


def settle_events(ctx: Context) -> None:
    """An event the report dates only relative to a fact of its own ("a day after a phone
    call") is anchored on that fact, backwards; one with nothing to anchor on is undated."""
    for event in ctx.facts["events"].values():
        if "time" in event:
            continue
        for m in RELATIVE.finditer(ctx.text):
            if not m["n"]:
                continue
            span = ctx.sentence_at(m.start())
            target = ctx.main_attack if "attack" in span.of(ctx.text).lower() else None
            if target is None:
                continue
            days = NUMBERS[m["n"]] * (7 if m["unit"].startswith("week") else 1)
            offset = dt.timedelta(days=-days if m["dir"] == "after" else days)
            event["time"] = {
                "text": m.group(0) + " (read back from the attacks)",
                "anchor": target,
                "offset": offset,
                "quotes": [m.group(0)],
            }
            break
        else:
            event["time"] = undated(ctx)
            event["drafted"]["confidence"] = min(event["drafted"]["confidence"], 0.3)
