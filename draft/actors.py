"""Actors: states, people with their titles, armed forces and their units, police, officials'
bodies and companies. Each is resolved to the graph's node when the graph holds its name (or,
for a state, its ISO code), else drafted with an id made from its name."""

from __future__ import annotations

import re
from typing import Any

from draft import offices
from draft.context import Context
from draft.text import key, slug
from graph.ingest.resolve.actors import country_code, state_name

# Adjectives and possessives naming a state.
ADJECTIVES = {
    "Russian": "RU", "Russia's": "RU", "Russia\u2019s": "RU", "Ukrainian": "UA", "Ukraine's": "UA",
    "Ukraine\u2019s": "UA", "US": "US", "U.S.": "US", "American": "US", "Belarusian": "BY",
    "Polish": "PL", "British": "GB", "French": "FR", "German": "DE", "Saudi": "SA",
}  # fmt: skip
ADJ = "|".join(re.escape(a) for a in sorted(ADJECTIVES, key=len, reverse=True))
NAME = r"[A-Z][a-zA-Z\u2019'-]+(?: [A-Z][a-zA-Z\u2019'-]+){1,2}"
TITLE = (
    r"(?:President|Prime Minister|(?:Foreign|Defen[cs]e|Energy) Minister|Minister|"
    r"Governor|Secretary of State|Secretary|Chancellor|spokesperson|spokesman|Mayor)"
)
PERSON = re.compile(r"(?:(?P<adj>" + ADJ + r") )?(?P<title>" + TITLE + r") (?P<name>" + NAME + r")")
FORCES = re.compile(r"\b(?P<adj>" + ADJ + r") (?:armed )?(?P<w>forces|military|troops|army)\b")
ARMED = re.compile(
    r"\b(?P<adj>"
    + ADJ
    + r") (?:attack |kamikaze |combat )?(?:drones?|missiles?|strikes?|shelling)\b"
)
AIR_FORCE = re.compile(r"\b(?P<adj>" + ADJ + r") Air Force\b")
POLICE = re.compile(r"\b(?:the )?(?P<place>[A-Z][a-z]+) (?P<w>regional|city|national) police\b")
RAILWAY = re.compile(
    r"\b(?P<adj>" + ADJ + r") (?:national|state) railway(?: service| company| operator)?\b"
    r"|\bUkrzaliznytsia\b"
)
# Bodies and companies reporting on the war (NOTES §8), with the state they belong to.
BODIES: dict[str, tuple[str, str, str, bool]] = {
    # name: (kind, state, relation to it, speaks for it)
    "White House": ("government_body", "US", "part_of", True),
    "Kremlin": ("government_body", "RU", "part_of", True),
    "Pentagon": ("government_body", "US", "part_of", False),
    "Naftogaz": ("organisation", "UA", "part_of", False),
    "Ukrenergo": ("organisation", "UA", "part_of", False),
    "Ukrzaliznytsia": ("organisation", "UA", "part_of", False),
}
BODY = re.compile(r"\b(?:the )?(?P<name>" + "|".join(BODIES) + r")\b")
GROUP = re.compile(r"\b(?:the )?(?P<name>international community)\b")
DELEGATIONS = re.compile(
    r"\b(?P<a>" + ADJ + r") and (?P<b>" + ADJ + r") delegations(?: in (?P<where>[A-Z][a-z]+))?"
)
# Where officials post, not who speaks: "said via the Telegram messaging app".
PLATFORMS = {"telegram", "facebook", "twitter", "x", "whatsapp", "youtube", "instagram", "tiktok"}
POSSESSIVE = re.compile(r"[\u2019']s?$")
CAPITALS = {
    "Kyiv": "UA", "Kiev": "UA", "Moscow": "RU", "Washington": "US", "Minsk": "BY",
    "Warsaw": "PL", "London": "GB", "Paris": "FR", "Berlin": "DE", "Beijing": "CN",
    "Tehran": "IR", "Ankara": "TR", "Riyadh": "SA", "Brussels": "BE",
}  # fmt: skip
CAPITAL = re.compile(r"\b(?P<name>" + "|".join(CAPITALS) + r")\b")
# A state acts when its name is followed by a verb of acting or saying.
ACTS = re.compile(
    r"^\s*(?:has |have |had |also |is |was |will |would |then |later )*"
    r"(?:agreed|agrees|declined|rejected|launched|deployed|proposed|accepted|said|says|"
    r"attacked|struck|fired|denied|refused|responded|announced|demanded|offered|"
    r"accused|has been|is trying|continues|wants|will|expressed|welcomed|responded|backed|"
    r"supported|endorsed|signed|dismissed|offered|suggested|pledged|warned|urged|called)\b"
)


def state(ctx: Context, code: str, start: int, end: int, rule: str, sure: float) -> str:
    name = state_name(code)
    known = ctx.graph.by_code(code, "Actor") or ctx.graph.named(name, "Actor")
    if known is not None:
        ctx.in_graph.add(known.id)
        ctx.mention(start, end, known.id, "Actor")
        return known.id
    id = "actor:" + slug(name)
    q = ctx.words_around(start, end, 4)
    fact = ctx.add(
        "actors",
        {
            "id": id,
            "name": name,
            "kind": "state",
            "aliases": [],
            "quotes": [q] if q else [],
            "drafted": ctx.drafted(rule, sure),
        },
    )
    surface = ctx.text[start:end]
    if surface in ("US", "U.S.", "UK") and surface not in fact["aliases"]:
        fact["aliases"].append(surface)
    place = ctx.graph.by_code(code, "Location")
    fact.setdefault("country", place.id if place else "location:" + slug(name))
    ctx.mention(start, end, id, "Actor")
    return id


def actor(
    ctx: Context,
    name: str,
    kind: str,
    start: int,
    end: int,
    rule: str,
    sure: float,
    id: str | None = None,
    links: dict[str, list[str]] | None = None,
) -> str:
    known = ctx.graph.named(name, "Actor")
    if known is not None:
        ctx.in_graph.add(known.id)
        ctx.mention(start, end, known.id, "Actor")
        for state_id in (links or {}).get("speaks_for", []):  # the title's state, for roles
            ctx.speaks_for.setdefault(known.id, state_id)
        return known.id
    new_id = id or "actor:" + slug(name)
    id = new_id
    q = ctx.words_around(start, end, 4)
    fact = ctx.add(
        "actors",
        {
            "id": id,
            "name": name,
            "kind": kind,
            "quotes": [q] if q else [],
            "drafted": ctx.drafted(rule, sure),
        },
    )
    for field, ids in (links or {}).items():
        for linked in ids:
            if linked not in fact.setdefault(field, []) and linked != id:
                fact[field].append(linked)
    ctx.mention(start, end, id, "Actor")
    return id


def find(ctx: Context) -> None:
    text = ctx.text
    people: dict[str, str] = {}  # last name -> actor id
    for m in PERSON.finditer(text):
        links: dict[str, list[str]] = {}
        if m["adj"]:
            links["speaks_for"] = [
                state(ctx, ADJECTIVES[m["adj"]], m.start("adj"), m.end("adj"), "actors.title", 0.8)
            ]
        name = m["name"]
        id = actor(
            ctx, name, "person", m.start("name"), m.end("name"), "actors.title", 0.9, links=links
        )
        people[name.split()[-1]] = id
    for ent in getattr(ctx.doc, "ents", ()):
        name = POSSESSIVE.sub("", ent.text.strip())  # "Donald Trump's idea": Donald Trump
        if ent.label_ == "PERSON" and " " in name and name.split()[-1] not in people:
            start, end = ent.start_char, ent.start_char + len(name)
            id = actor(ctx, name, "person", start, end, "actors.ner-person", 0.6)
            people[name.split()[-1]] = id
    # Last names alone ("Putin") are the person named in full.
    for last, id in people.items():
        for m in re.finditer(r"\b" + re.escape(last) + r"\b", text):
            ctx.mention(m.start(), m.end(), id, "Actor")
            fact = ctx.facts["actors"].get(id)
            if (
                fact is not None
                and last != fact["name"]
                and last not in fact.setdefault("aliases", [])
            ):
                fact["aliases"].append(last)
    for m in ARMED.finditer(text):  # "Ukrainian drones targeted Moscow": the state attacks
        state(ctx, ADJECTIVES[m["adj"]], m.start("adj"), m.end("adj"), "actors.weapon-of", 0.6)
    forces: dict[str, str] = {}
    for m in FORCES.finditer(text):
        code = ADJECTIVES[m["adj"]]
        parent = state(ctx, code, m.start("adj"), m.end("adj"), "actors.forces", 0.7)
        adjective = {"RU": "Russian", "UA": "Ukrainian", "US": "US"}.get(code, m["adj"])
        id = f"actor:{slug(adjective)}-armed-forces"
        forces[code] = actor(
            ctx, f"{adjective} forces", "armed_forces", m.start(), m.end(), "actors.forces", 0.8,
            id=id, links={"part_of": [parent]},
        )  # fmt: skip
    for m in AIR_FORCE.finditer(text):
        code = ADJECTIVES[m["adj"]]
        parent = forces.get(code) or state(
            ctx, code, m.start("adj"), m.end("adj"), "actors.air-force", 0.7
        )
        adjective = {"RU": "Russian", "UA": "Ukrainian"}.get(code, m["adj"])
        actor(
            ctx, m.group(0), "military_unit", m.start(), m.end(), "actors.air-force", 0.85,
            id=f"actor:{slug(adjective)}-air-force", links={"part_of": [parent]},
        )  # fmt: skip
    for m in POLICE.finditer(text):
        parent = state(ctx, "UA", m.start(), m.end(), "actors.police", 0.5)
        name = f"{m['place']} {m['w']} police"
        links = {"part_of": [parent]}
        actor(ctx, name, "police", m.start(), m.end(), "actors.police", 0.8, links=links)
    for m in RAILWAY.finditer(text):
        code = ADJECTIVES.get(m["adj"] or "", "UA")
        parent = state(ctx, code, m.start(), m.end(), "actors.railway", 0.5)
        actor(
            ctx, m.group(0), "organisation", m.start(), m.end(), "actors.railway", 0.8,
            id=f"actor:{slug(state_name(code))}-railways" if code != "UA" else
            "actor:ukrainian-railways", links={"part_of": [parent]},
        )  # fmt: skip
    for m in BODY.finditer(text):
        kind, code, _, speaks = BODIES[m["name"]]
        parent = state(ctx, code, m.start("name"), m.end("name"), "actors.body", 0.5)
        links = {"part_of": [parent]} | ({"speaks_for": [parent]} if speaks else {})
        actor(ctx, m["name"], kind, m.start("name"), m.end("name"), "actors.body", 0.9, links=links)
    for m in GROUP.finditer(text):
        actor(ctx, "International community", "group", m.start(), m.end(), "actors.group", 0.7)
    # Two sides' delegations speaking together: "the Ukrainian and US delegations in Jeddah".
    for m in DELEGATIONS.finditer(text):
        sides = [ADJECTIVES[m["a"]], ADJECTIVES[m["b"]]]
        states = [state(ctx, c, m.start(), m.end(), "actors.delegations", 0.5) for c in sides]
        names = " and ".join(m[x] for x in ("a", "b"))
        where = f" in {m['where']}" if m["where"] else ""
        actor(
            ctx, f"{names} delegations{where}", "group", m.start(), m.end(), "actors.delegations",
            0.7, links={"speaks_for": states},
        )  # fmt: skip
    # A capital that acts is its state's government: "Kyiv agreed", "Moscow rejected".
    for m in CAPITAL.finditer(text):
        if ACTS.match(text[m.end() : m.end() + 40]):
            state(ctx, CAPITALS[m["name"]], m.start(), m.end(), "actors.capital-acts", 0.6)
    # States that act: "Russia declined", "Russia deployed".
    for m in re.finditer(r"\b(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?|US|U\.S\.)\b", text):
        acting = country_code("US" if m["name"] == "U.S." else m["name"])
        if acting is None or key(m["name"]) in ("energy", "march"):
            continue
        if ACTS.match(text[m.end() : m.end() + 40]) or text[m.end() : m.end() + 10].startswith(
            (
                "-proposed",
                "-brokered",
                "-led",
                " and Ukrainian officials",
                " and Russian",
                " proposal",
                "'s proposal",
                "\u2019s proposal",
            )
        ):
            state(ctx, acting, m.start(), m.end(), "actors.state-acts", 0.75)
    offices.find(ctx)
    # Organisations spaCy names that no rule found.
    for ent in getattr(ctx.doc, "ents", ()):
        if (
            ent.label_ == "ORG"
            and not ctx.mentions_in(_span(ent))
            and not any(m.start < ent.end_char and ent.start_char < m.end for m in ctx.mentions)
        ):
            name = ent.text.removeprefix("the ")
            outlet = key(ctx.report.publisher or "")
            if outlet and key(name) in outlet:
                continue  # the outlet is the report's source, not an actor in it
            if key(name) in PLATFORMS:
                continue
            if len(name) > 2 and country_code(name) is None and key(name) not in people:
                actor(
                    ctx, name, "organisation", ent.start_char, ent.end_char, "actors.ner-org", 0.4
                )


def _span(ent: Any) -> Any:
    from draft.text import Span

    return Span(ent.start_char, ent.end_char)
