"""Attacks: the wave a report tells of, and the incidents it names by place, with their
targets (the rulebook seeds/resolution/targets.yaml), figures and who carried them out. An
attack the graph already holds is found by matching.py."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from draft import figures, times, waves
from draft.context import Context, Fact
from draft.text import Span, slug
from graph.ingest.resolve.targets import default_rules

TRIGGER = re.compile(
    r"\b(?:strikes?|struck|attacks?|attacked|assault|shelling|shelled|hit|bombard\w*|"
    r"launched|targeted|targeting|damaged|barrage)\b",
    re.I,
)
WAVE = re.compile(r"\b(?:wave|large-scale|massive|mass|combined|aerial assault|barrage)\b", re.I)
TARGETED = re.compile(r"\b(?:target(?:ed|ing)|aim(?:ed|ing) at)\b", re.I)
ATTACKS_NEXT = re.compile(
    r"^(?:\u2019s|'s)?\s+(?:has |have |had |also |again |then )*(?:launched|attacked|struck|"
    r"fired|deployed|targeted|shelled|bombed|hit|drones?|missiles?|strikes?|attacks?|forces)\b"
)
STRUCK_IN = re.compile(r"\b(?:on|in|across|against|at|over)\s+(?:the\s+)?$")
# A strike told with its verb ("drones struck", "the attack hit"): an incident where the
# sentence names a place, even with no target the rulebook knows and no figure.
STRUCK = re.compile(
    r"\b(?:attacks?|strikes?|drones?|missiles?|shells?|forces|troops)\s+"
    r"(?:also |again |have |has )*(?:struck|hit|damaged|destroyed|shelled)\b",
    re.I,
)
NOT_ATTACK = re.compile(r"\b(?:cessation|halt|pause|moratorium|ceasefire|refusal)\b", re.I)


def category(words: str) -> str:
    w = words.lower()
    missile = "missile" in w or "iskander" in w or "kalibr" in w
    drone = "drone" in w or "shahed" in w or "uav" in w
    if missile and drone:
        return "combined_missile_drone_strike"
    if drone:
        return "air_drone_strike"
    if missile:
        return "missile_attack"
    if "shell" in w or "artillery" in w:
        return "shelling_artillery"
    return "attack"


def find(ctx: Context) -> None:
    text = ctx.text
    rules = default_rules()
    wave: Fact | None = None
    day = ctx.report.published.isoformat() if ctx.report.published else "undated"
    attacker: list[str] = []
    last: Fact | None = None  # the incident the previous sentence told of
    for span in ctx.sentences:
        words = span.of(text)
        if ctx.report.title and words.strip() == ctx.report.title.strip():
            continue  # the headline repeats the body's facts in fewer words
        found = figures.in_sentence(text, span.start, span.end)
        if NOT_ATTACK.search(words) or not (TRIGGER.search(words) or found):
            continue
        forces = _attackers(ctx, span)
        places = [
            m.id
            for m in ctx.mentions_in(span, "Location")
            if ctx.facts["locations"].get(m.id, {}).get("kind") not in ("country", None)
            or (m.id in ctx.in_graph and m.id not in ctx.countries)
        ]
        targets = [t for t in rules.find(words)]
        launched = any(f.figure["metric"] == "launched" for f in found)
        mass = waves.mass(found)
        if wave is None and (WAVE.search(words) or mass or ((forces or launched) and not places)):
            if not (forces or targets or launched):
                continue
            attacker = forces[:1]
            wave = {
                "id": f"attack:{day}-wave",
                "name": _wave_name(ctx, words),
                "kind": "wave",
                "category": category(text),
                "by": attacker,
                "locations": places if places and mass else _wave_places(ctx, span),
                "quotes": [" ".join(words.split()) if "\n" not in words else words.split("\n")[0]],
                "drafted": ctx.drafted("attacks.wave", 0.7 if forces else 0.5),
            }
            wave["time"] = times.time_for(ctx, span) or _overnight(ctx)
            ctx.add("attacks", wave)
            ctx.main_attack = wave["id"]
            _targets(ctx, wave, span, targets)
            _figures(ctx, wave, found, places)
            continue
        before = last or wave
        if before is not None and waves.follow_up(ctx, span, before, targets, found, forces):
            continue  # "subsequent strikes have hit ...": a wave of their own
        if not places and last is not None and _goes_on(ctx, last, span, found):
            last["quotes"].append(" ".join(words.split()))  # the incident's next sentence
            _targets(ctx, last, span, targets)
            _figures(ctx, last, found, last.get("locations", []))
            last["_end"] = span.end
            continue
        if wave is not None and not places:
            if found or targets:
                if span.of(text) not in wave["quotes"]:
                    wave["quotes"].append(" ".join(words.split()))
                _targets(ctx, wave, span, targets)
                _figures(ctx, wave, found, places)
            continue
        if not places or not (targets or found or STRUCK.search(words)):
            continue
        name_place = ctx.facts["locations"].get(places[0], {}).get("name", places[0].split(":")[1])
        id = f"attack:{day}-{slug(name_place)}"
        if targets:
            id += "-" + slug(targets[0].category)
        incident: Fact = {
            "id": id,
            "name": _incident_name(targets, name_place, words),
            "kind": "incident",
            "category": category(words) if category(words) != "attack" else (
                wave["category"] if wave else "attack"),
            "by": forces[:1] or attacker,
            "locations": list(dict.fromkeys(places)),
            "quotes": [_clause(ctx, span, targets, found)],
            "drafted": ctx.drafted("attacks.incident", 0.6),
        }  # fmt: skip
        if wave is not None:
            incident["part_of"] = wave["id"]
            incident["time"] = {
                "text": "during the attack the report tells of",
                "anchor": wave["id"],
                "quotes": wave["time"].get("quotes") or wave["quotes"][:1],
            }
        else:
            incident["time"] = times.time_for(ctx, span) or _overnight(ctx)
            incident["_own_time"] = times.in_sentence(ctx, span) is not None
        last = ctx.add("attacks", incident)
        last["_end"] = span.end
        _targets(ctx, incident, span, targets)
        _figures(ctx, incident, found, places)
    waves.settle(ctx)


def _attackers(ctx: Context, span: Span) -> list[str]:
    """Who attacks in a sentence: armed forces, or a state or unit whose name is followed by an
    attack verb or a weapon ("Russia launched", "Ukrainian drones targeted")."""
    found = []
    for m in ctx.mentions_in(span, "Actor"):
        kind = ctx.facts["actors"].get(m.id, {}).get("kind")
        forces = kind in ("armed_forces", "military_unit") or m.id.endswith("-armed-forces")
        if forces or ATTACKS_NEXT.match(ctx.text[m.end : m.end + 40]):
            found.append(m.id)
    forces_of = {
        part: id
        for id, f in ctx.facts["actors"].items()
        if f.get("kind") == "armed_forces"
        for part in f.get("part_of", [])
    }  # "Russian drones" are flown by the Russian forces the report names
    return list(dict.fromkeys(forces_of.get(a, a) for a in found))


def _goes_on(ctx: Context, last: Fact, span: Span, found: list[figures.Found]) -> bool:
    """The sentence right after an incident's, in its paragraph, with figures and no place
    of its own, tells more of that incident."""
    end = last.get("_end")
    between = ctx.text[end : span.start] if end is not None else "\n"
    return bool(found) and between.strip() == "" and "\n" not in between


def _overnight(ctx: Context) -> dict[str, Any]:
    m = times.OVERNIGHT.search(ctx.text)
    if m is not None:
        spec = times.night_before(ctx, m.group(0))
        if spec is not None:
            return spec
    return times.publication(ctx, "the day of the report") or times.undated(ctx)


def _wave_name(ctx: Context, words: str) -> str:
    kind = {"combined_missile_drone_strike": "Missile and drone attack",
            "air_drone_strike": "Drone attack", "missile_attack": "Missile attack"}.get(
        category(words), "Attack")  # fmt: skip
    on = " on Ukraine" if "Ukrain" in words else ""
    return kind + on + (" overnight" if times.OVERNIGHT.search(words) else "")


def _wave_places(ctx: Context, span: Span) -> list[str]:
    """The country struck: one named after "on", "in", "across" or "against" in the sentence,
    else the country most of the report's regions lie in, else any country it names."""
    named = [m for m in ctx.mentions_in(span, "Location") if m.id in ctx.countries]
    for m in named:
        if STRUCK_IN.search(ctx.text[max(0, m.start - 14) : m.start]):
            return [m.id]
    codes = Counter(code[:2] for code in ctx.region_codes.values())
    if codes:
        top = codes.most_common(1)[0][0]
        known = ctx.graph.by_code(top, "Location")
        if known is not None:
            ctx.in_graph.add(known.id)
            return [known.id]
        drafted = [i for i, f in ctx.facts["locations"].items() if f.get("iso3166_1") == top]
        if drafted:
            return drafted[:1]
    return [m.id for m in named][:1]


def _incident_name(targets: list[Any], place: str, words: str) -> str:
    what = targets[0].quote if targets else "targets"
    return f"Strike on {what} in {place}"[:200]


def _clause(ctx: Context, span: Span, targets: list[Any], found: list[figures.Found]) -> str:
    return " ".join(span.of(ctx.text).split()) if "\n" not in span.of(ctx.text) else (
        span.of(ctx.text).split("\n")[0])  # fmt: skip


def _targets(ctx: Context, attack: Fact, span: Span, targets: list[Any]) -> None:
    words = span.of(ctx.text)
    for t in targets:
        status = "targeted" if TARGETED.search(words[max(0, t.start - 30) : t.start]) else "hit"
        cats = {x["category"] for x in attack.setdefault("targets", [])}
        if t.category in cats:
            continue
        q = ctx.words_around(span.start + t.start, span.start + t.end, 4) or t.quote
        attack["targets"].append(
            {
                "name": t.quote[0].upper() + t.quote[1:],
                "category": t.category,
                "status": status,
                "quotes": [q],
                "drafted": ctx.drafted(f"attacks.target:{t.phrase}", 0.7),
            }
        )


def _figures(ctx: Context, attack: Fact, found: list[figures.Found], places: list[str]) -> None:
    for f in found:
        fig = dict(f.figure)
        sentence = ctx.sentence_at(f.start)
        fig["quotes"] = [ctx.text[f.start : f.end]]
        statement = ctx.statement_at(sentence)
        if statement is not None:
            fig["reported_by"] = statement["speaker"]
            fig["statement"] = statement["id"]
        if places and fig["metric"] not in ("launched",):
            fig["locations"] = list(dict.fromkeys(places))
            if "including" in sentence.of(ctx.text):
                fig["locations_partial"] = True
        fig["drafted"] = ctx.drafted("figures." + fig["metric"], 0.75 if "value" in fig else 0.5)
        same = [
            x
            for x in attack.setdefault("figures", [])
            if (x["metric"], x.get("weapon"), x.get("value"))
            == (fig["metric"], fig.get("weapon"), fig.get("value"))
        ]  # the same figure told twice (a teaser repeats the lead)
        if same:
            if "reported_by" in fig and "reported_by" not in same[0]:
                same[0]["reported_by"] = fig["reported_by"]  # told again, now with its source
                same[0]["statement"] = fig["statement"]
            continue
        kin = [x for x in attack["figures"]
               if (x["metric"], x.get("weapon")) == (fig["metric"], fig.get("weapon"))]  # fmt: skip
        if kin:  # the default id '<attack>/<metric>[-<weapon>]' is taken: number this one
            base = f"{attack['id']}/{fig['metric']}" + (
                f"-{fig['weapon']}" if fig.get("weapon") else ""
            )
            fig["id"] = f"{base}-{len(kin) + 1}"
        attack["figures"].append(fig)
