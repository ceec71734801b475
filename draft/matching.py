"""Drafted attacks matched against the graph's: an attack the graph already holds (the same
days, place, targets and kind) is drafted as an addition to it, or confirmed as the same
incident (`same_as`), with the score and its reasons in a comment."""

from __future__ import annotations

import datetime as dt
from typing import Any

from draft.context import Context, Fact


def match_graph(ctx: Context) -> None:
    """Each drafted attack against the graph's attacks of the same days: the best match at
    0.75 or more makes the draft an addition to it; 0.5 or more, a new attack confirmed as
    the same incident (`same_as`); the score and its reasons go in a comment."""
    if not ctx.graph.reachable:
        return
    for id, attack in list(ctx.facts["attacks"].items()):
        window = _window(ctx, attack)
        if window is None:
            continue
        best: tuple[float, Any, list[str]] | None = None
        for known in ctx.graph.attacks_between(*window):
            if known.kind not in (None, attack["kind"]):
                continue
            score, reasons = _score(ctx, attack, known, window)
            if best is None or score > best[0]:
                best = (score, known, reasons)
        if best is None or best[0] < 0.5:
            continue
        score, known, reasons = best
        ctx.in_graph.add(known.id)
        comment = f"matches {known.id} ({known.name}): score {score:.2f}; " + "; ".join(reasons)
        if score >= 0.75:
            addition: Fact = {
                "id": known.id,
                "quotes": attack["quotes"],
                "drafted": ctx.drafted("attacks.graph-match", score),
            }
            for field in ("figures", "targets"):
                if attack.get(field):
                    addition[field] = attack[field]
            for fig in addition.get("figures", []):
                if "id" in fig:
                    fig["id"] = fig["id"].replace(id + "/", known.id + "/", 1)
            del ctx.facts["attacks"][id]
            ctx.facts["attacks"][known.id] = addition
            ctx.note(known.id, "addition: " + comment)
            for other in ctx.facts["attacks"].values():
                if other.get("part_of") == id:
                    other["part_of"] = known.id
                if other.get("time", {}).get("anchor") == id:
                    other["time"]["anchor"] = known.id
            for group in ("statements", "events"):
                for fact in ctx.facts[group].values():
                    if fact.get("time", {}).get("anchor") == id:
                        fact["time"]["anchor"] = known.id
                    if id in fact.get("about", []):
                        fact["about"] = [known.id if a == id else a for a in fact["about"]]
            if ctx.main_attack == id:
                ctx.main_attack = known.id
        else:
            attack["same_as"] = [{"id": known.id, "note": comment}]
            ctx.note(id, "same incident? " + comment)


def _window(ctx: Context, attack: Fact) -> tuple[dt.datetime, dt.datetime] | None:
    day = ctx.report.published
    if day is None:
        return None
    start = dt.datetime.combine(day - dt.timedelta(days=2), dt.time(0), dt.UTC)
    return start, dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), dt.UTC)


def _words(category: str) -> set[str]:
    """A target category's telling words: railway_energy_infrastructure -> railway, energy."""
    return set(category.split("_")) - {"infrastructure", "other", "facility", "facilities"}


def _score(
    ctx: Context, attack: Fact, known: Any, window: tuple[dt.datetime, dt.datetime]
) -> tuple[float, list[str]]:
    reasons = ["their times overlap the report's days"]
    mine = set(attack.get("locations", []))
    shared = mine & set(known.places)
    if mine and known.places and not shared:
        # A strike in Lviv is not one in Sumy, however alike and however close in time.
        return 0.0, [*reasons, "at other places"]
    place = 1.0 if shared else 0.0
    if shared:
        reasons.append("the same place or one inside it: " + ", ".join(sorted(shared)))
    cats = {t["category"] for t in attack.get("targets", [])}
    common = cats & set(known.targets)
    related = {k for k in known.targets for c in cats if _words(k) & _words(c)} - common
    mine_kind, their_kind = attack.get("category") or "", known.category or ""
    alike = (_words(mine_kind) & _words(their_kind)) - {"strike", "attack"}
    kind = 1.0 if common else 0.85 if related else 0.7 if mine_kind == their_kind else (
        0.5 if alike else 0.3)  # fmt: skip
    if common:
        reasons.append("targets of the same kind: " + ", ".join(sorted(common)))
    elif related:
        reasons.append("targets of a related kind: " + ", ".join(sorted(related)))
    if known.category == attack.get("category"):
        reasons.append(f"the same kind of attack ({known.category})")
    elif alike:
        reasons.append(f"attacks of a related kind ({their_kind}, {mine_kind})")
    reasons.append("told by " + ", ".join(known.sources) if known.sources else "no source")
    return round(0.3 + 0.35 * place + 0.35 * kind, 2), reasons
