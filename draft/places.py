"""Places: countries, first-level regions and cities, districts and seas, resolved through
graph/ingest/resolve (ISO codes) and to the graph's nodes when it holds them."""

from __future__ import annotations

import re

from draft import gazetteer, officials
from draft.context import Context
from graph.ingest.resolve.actors import state_name
from graph.ingest.resolve.places import resolve_country, resolve_region

CAP = r"[A-Z][a-zA-Z\u2019'-]+"
REGION = re.compile(
    r"\b(?P<name>" + CAP + r"(?: " + CAP + r")?) (?P<word>region|Region|oblast|Oblast|province)s?\b"
)
DISTRICTS = re.compile(
    r"\b(?P<a>" + CAP + r")(?: and (?P<b>" + CAP + r"))? (?:district|raion|District|Raion)s?\b"
)
# "regions, including Kyiv, Kharkiv, Sumy, and Odessa": names in a list after "regions".
REGION_LIST = re.compile(
    r"\bregions?(?:,)? (?:including|such as|of|namely) (?P<list>"
    + CAP
    + r"(?:(?:,| and|, and) "
    + CAP
    + r")*)"
)
# "the northeastern city of Kharkiv", "the western region of Ivano-Frankivsk"
OF_NAME = re.compile(
    r"\b(?P<word>city|town|village|region|oblast|province) of (?P<name>"
    + CAP
    + r"(?: "
    + CAP
    + r")?)"
)
SEA = re.compile(r"\b(?:the )?(?P<name>(?:Black|Azov|Baltic|Caspian|Mediterranean) Sea)\b")
COUNTRY_WORDS = re.compile(r"\b(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?|U\.S\.|US|USA|UK)\b")
NOT_COUNTRY = {"Air", "President", "March", "May", "Energy"}


def region_slug(name: str) -> str:
    from draft.text import slug

    return slug(name) + "-oblast"


def country(ctx: Context, code: str, start: int, end: int, rule: str, sure: float) -> str:
    """The country's location id (the graph's, or a new one), with this mention."""
    name = state_name(code)
    known = ctx.graph.by_code(code, "Location") or ctx.graph.named(name, "Location")
    if known is not None:
        ctx.in_graph.add(known.id)
        ctx.countries.add(known.id)
        ctx.mention(start, end, known.id, "Location")
        return known.id
    from draft.text import slug

    id = "location:" + slug(name)
    ctx.countries.add(id)
    q = ctx.words_around(start, end, 3)
    ctx.add(
        "locations",
        {
            "id": id,
            "name": name,
            "kind": "country",
            "iso3166_1": code,
            "quotes": [q] if q else [],
            "drafted": ctx.drafted(rule, sure),
        },
    )
    ctx.mention(start, end, id, "Location")
    return id


def region(ctx: Context, code: str, stem: str, start: int, end: int, rule: str) -> str:
    known = ctx.graph.by_code(code, "Location")
    if known is not None:
        ctx.region_codes[known.id] = code
        ctx.in_graph.add(known.id)
        ctx.mention(start, end, known.id, "Location")
        return known.id
    within = country(ctx, code[:2], start, end, "places.country-of-region", 0.5)
    from draft.text import slug

    match = resolve_region(code[:2], stem)
    kind = match.kind if match else "region"
    id = "location:" + (slug(stem) if kind == "city" else region_slug(stem))
    ctx.region_codes[id] = code
    q = ctx.words_around(start, end, 2)
    fact = ctx.add(
        "locations",
        {
            "id": id,
            "name": stem if kind == "city" else f"{stem} region",
            "kind": kind,
            "within": within,
            "iso3166_2": code,
            "aliases": [],
            "quotes": [q] if q else [],
            "drafted": ctx.drafted(rule, 0.8),
        },
    )
    if kind != "city" and stem not in fact["aliases"]:
        fact["aliases"].append(stem)
    ctx.mention(start, end, id, "Location")
    return id


def find(ctx: Context) -> None:
    text = ctx.text
    # Countries: any capitalised name ISO knows.
    for m in COUNTRY_WORDS.finditer(text):
        name = m["name"]
        if name in NOT_COUNTRY:
            continue
        found = resolve_country("US" if name in ("U.S.", "USA") else name)
        if found is None and " " in name:  # "Saudi Arabia" yes; "Russian President" no
            continue
        if found is not None and (found.how != "iso-code" or name in ("US", "UK")):
            code = "GB" if name == "UK" else found.alpha2
            country(ctx, code, m.start(), m.end(), "places.country-name", 0.7)
    # Regions written as such: "the Sumy region", "Kyiv Oblast".
    for m in REGION.finditer(text):
        stem = m["name"].split()[-1] if m["name"].split()[0] in ("The", "In") else m["name"]
        match = resolve_region("UA", stem + " region") or resolve_region("RU", stem + " region")
        if match is not None:
            region(ctx, match.code, stem, m.start(), m.end(), "places.region-word")
    # Regions in a list after "regions": a bare "Kyiv" there is the region.
    for m in REGION_LIST.finditer(text):
        for part in re.finditer(CAP, m["list"]):
            stem = part.group(0)
            match = resolve_region("UA", stem + " region")
            if match is not None:
                at = m.start("list") + part.start()
                region(ctx, match.code, stem, at, at + len(stem), "places.region-list")
    # Districts, within the region their sentence names (or the country).
    for m in DISTRICTS.finditer(text):
        sentence = ctx.sentence_at(m.start())
        regions = [
            x
            for x in ctx.mentions_in(sentence, "Location")
            if ctx.facts["locations"].get(x.id, {}).get("kind") in ("region", "city")
            or (x.id in ctx.in_graph and x.id != "location:ukraine")
        ]
        for which in ("a", "b"):
            if m[which] is None:
                continue
            from draft.text import slug

            name = m[which]
            id = f"location:{slug(name)}-raion"
            q = ctx.words_around(m.start(), m.end(), 0)
            known = ctx.graph.named(name + " district", "Location") or ctx.graph.named(
                name, "Location"
            )
            if known is not None:
                ctx.in_graph.add(known.id)
                ctx.mention(m.start(which), m.end(which), known.id, "Location")
                continue
            fact: dict[str, object] = {
                "id": id,
                "name": f"{name} district",
                "kind": "district",
                "aliases": [name],
                "quotes": [q] if q else [],
                "drafted": ctx.drafted("places.district-word", 0.75),
            }
            if regions:
                fact["within"] = regions[0].id
            ctx.add("locations", fact)
            ctx.mention(m.start(which), m.end(which), id, "Location")
    for m in OF_NAME.finditer(text):
        name = m["name"]
        where = _resolve(name)
        if where is None:
            continue
        if m["word"] in ("city", "town", "village"):
            settlement(ctx, where, name, m.start(), m.end())
        else:
            region(ctx, where, name, m.start(), m.end(), "places.region-of")
    # Places the language model names that no rule found: a region's or city's name.
    for ent in getattr(ctx.doc, "ents", ()):
        if ent.label_ not in ("GPE", "LOC") or any(
            x.start < ent.end_char and ent.start_char < x.end for x in ctx.mentions
        ):
            continue
        named = _resolve(ent.text)
        if named is not None:
            region(ctx, named, ent.text, ent.start_char, ent.end_char, "places.ner")
        elif (city := gazetteer.city(ent.text)) is not None and city.name == ent.text:
            foreign_city(ctx, city, ent.start_char, ent.end_char)
    officials.find(ctx)
    for m in SEA.finditer(text):
        from draft.text import slug

        known = ctx.graph.named(m["name"], "Location")
        id = known.id if known else "location:" + slug(m["name"])
        if known:
            ctx.in_graph.add(id)
        else:
            q = ctx.words_around(m.start("name"), m.end("name"), 0)
            ctx.add(
                "locations",
                {
                    "id": id,
                    "name": m["name"],
                    "kind": "region",
                    "quotes": [q] if q else [],
                    "drafted": ctx.drafted("places.sea", 0.8),
                },
            )
        ctx.mention(m.start("name"), m.end("name"), id, "Location")


def _resolve(name: str) -> str | None:
    """The ISO 3166-2 code of a Ukrainian or Russian region (or city) of this name."""
    match = resolve_region("UA", name) or resolve_region("RU", name)
    return match.code if match is not None else None


def settlement(ctx: Context, code: str, name: str, start: int, end: int) -> str:
    """A city named as such ("the city of Kharkiv"), within the region of its name."""
    from draft.text import slug

    known = ctx.graph.named(name, "Location")
    if known is not None and known.kind in ("settlement", "city"):
        ctx.in_graph.add(known.id)
        ctx.mention(start, end, known.id, "Location")
        return known.id
    within = region(ctx, code, name, start, end, "places.region-of-city")
    if ctx.facts["locations"].get(within, {}).get("kind") == "city":  # Kyiv: a city of its own
        return within
    id = "location:" + slug(name) + "-city"
    q = ctx.words_around(start, end, 0)
    ctx.add(
        "locations",
        {
            "id": id,
            "name": name,
            "kind": "settlement",
            "within": within,
            "quotes": [q] if q else [],
            "drafted": ctx.drafted("places.city-of", 0.8),
        },
    )
    ctx.mention(start, end, id, "Location")
    return id


def foreign_city(ctx: Context, city: gazetteer.City, start: int, end: int) -> str:
    """A city the ISO tables do not know, found in the gazetteer: a settlement within its
    country (the graph's node when it holds one of that name)."""
    from draft.text import slug

    known = ctx.graph.named(city.name, "Location")
    if known is not None:
        ctx.in_graph.add(known.id)
        ctx.mention(start, end, known.id, "Location")
        return known.id
    within = country(ctx, city.country, start, end, "places.country-of-city", 0.5)
    id = "location:" + slug(city.name)
    q = ctx.words_around(start, end, 0)
    ctx.add(
        "locations",
        {
            "id": id,
            "name": city.name,
            "kind": "settlement",
            "within": within,
            "quotes": [q] if q else [],
            "drafted": ctx.drafted("places.gazetteer", 0.7),
        },
    )
    ctx.mention(start, end, id, "Location")
    return id
