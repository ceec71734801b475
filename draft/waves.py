"""Waves beyond the first: a mass launch is a wave even where it names its target city ("over
330 drones targeted Moscow"); "subsequent", "further" or "new" strikes are a wave of their own,
by the attacker of the attack before them, in the country they name, between that attack and
the report; and incidents told before the wave they belong to (a teaser, a lead paragraph)
join it once it is found."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from draft.context import Context, Fact
from draft.text import Span, slug

MASS = 20  # weapons launched at once: a wave, not an incident
FOLLOW_UP = re.compile(
    r"\b(?P<words>(?:subsequent|further|later|new|additional|more|follow-up|other) "
    r"(?:strikes|attacks|raids|drone attacks|missile strikes|drone strikes))\b",
    re.I,
)

HIT = re.compile(r"\b(?:hit|struck|targeted|damaged|destroyed|shelled|killed|injured)\b", re.I)
NOT_YET = re.compile(
    r"\b(?:will|would|could|may|might|warn\w*|threat\w*|plan\w*|prepar\w*|fear\w*)\b", re.I
)


def mass(found: list[Any]) -> bool:
    return any(
        f.figure["metric"] == "launched" and int(f.figure.get("value") or 0) >= MASS for f in found
    )


def follow_up(
    ctx: Context, span: Span, before: Fact, targets: list[Any], found: list[Any], forces: list[str]
) -> Fact | None:
    """A new wave for "subsequent strikes have hit Russia's fossil fuel infrastructure": by the
    sentence's own attacker, else the one of the attack before it."""
    words = span.of(ctx.text)
    m = FOLLOW_UP.search(words)
    if m is None or not HIT.search(words) or NOT_YET.search(words):
        return None  # "warned of further strikes" is no attack
    places = [x.id for x in ctx.mentions_in(span, "Location")]
    if not places:
        return None
    from draft.attacks import _figures, _targets, category

    day = ctx.report.published.isoformat() if ctx.report.published else "undated"
    where = ctx.facts["locations"].get(places[0], {}).get("name") or places[0].split(":")[1]
    what = targets[0].category if targets else "strikes"
    fact: Fact = {
        "id": f"attack:{day}-{slug(where)}-{slug(what)}",
        "name": f"{m['words'][0].upper()}{m['words'][1:]} in {where}"[:200],
        "kind": "wave",
        "category": category(words),
        "by": forces[:1] or list(before.get("by", [])),
        "locations": list(dict.fromkeys(places)),
        "quotes": [" ".join(words.split())],
        "drafted": ctx.drafted("attacks.follow-up", 0.5),
        "time": _after(ctx, before, m["words"]),
    }
    ctx.add("attacks", fact)
    _targets(ctx, fact, span, targets)
    _figures(ctx, fact, found, [p for p in places if p not in ctx.countries])
    return fact


def _after(ctx: Context, before: Fact, words: str) -> dict[str, Any]:
    """From the attack before it to the end of the report's day."""
    time = before.get("time", {})
    earliest = (time.get("start") or {}).get("earliest")
    if earliest is None and time.get("date"):
        earliest = dt.datetime.combine(dt.date.fromisoformat(str(time["date"])), dt.time(0))
    published = ctx.report.published
    if earliest is None or published is None:
        from draft import times

        return times.publication(ctx, "by the day of the report") or times.undated(ctx)
    latest = dt.datetime.combine(published, dt.time(23, 59))
    bounds = {"earliest": earliest, "latest": latest}
    return {
        "text": f"{words}: after the attack told before them, by the day of the report",
        "start": bounds,
        "end": dict(bounds),
        "quotes": [words],
    }


def settle(ctx: Context) -> None:
    """Incidents told before their wave join it, and take its attacker when they name none."""
    wave = ctx.facts["attacks"].get(ctx.main_attack or "")
    if wave is None or wave.get("kind") != "wave":
        return
    for attack in ctx.facts["attacks"].values():
        if attack.get("kind") != "incident":
            continue
        if not attack.get("by") and wave.get("by"):
            attack["by"] = list(wave["by"])
        if "part_of" not in attack and not attack.get("_own_time"):
            attack["part_of"] = wave["id"]
            attack["time"] = {
                "text": "during the attack the report tells of",
                "anchor": wave["id"],
                "quotes": wave["time"].get("quotes") or wave["quotes"][:1],
            }
