"""Actors a report names by their office or role rather than a proper name: a state's officials
("Ukrainian officials said": the state), the leaders or ministers of a union or alliance ("EU
leaders": a group), a person named after their office ("the governor of the region of X,
Jane Doe"), and a state that is the agent of a passive ("implemented by the Russian
Federation")."""

from __future__ import annotations

import re

from draft.context import Context
from draft.text import Span
from graph.ingest.resolve.actors import country_code

NAME = r"[A-Z][a-zA-Z\u2019'-]+(?: [A-Z][a-zA-Z\u2019'-]+){1,2}"
# "Ukrainian officials said", "Polish authorities reported": the state speaks
OFFICIALS = r"(?:officials|authorities|government)"
# "EU leaders", "NATO allies", "G7 foreign ministers"
UNIONS = re.compile(
    r"\b(?P<org>EU|European Union|NATO|G7|G20|BRICS|OSCE) (?P<who>(?:foreign |defen[cs]e )?"
    r"(?:leaders|ministers|members|allies|member states|countries))\b"
)
# "The governor of the western region of Ivano-Frankivsk, Svitlana Onys"
OFFICE_THEN_NAME = re.compile(
    r"\b(?:[Gg]overnor|[Mm]ayor|[Hh]ead|[Mm]inister|[Ss]pokes(?:person|man|woman)|[Cc]ommander)"
    r"(?: of [^,.;:\n]{3,60})?, (?P<name>" + NAME + r")(?=,|\.|;|$| said| told| wrote| added)",
    re.M,
)
# "implemented by the Russian Federation", "proposed by Ukraine"
PASSIVE_BY = re.compile(
    r"\b\w+(?:ed|en) (?:by|between) (?:the )?(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
    r"(?: and (?:the )?(?P<other>[A-Z][a-z]+(?: [A-Z][a-z]+)?))?\b"
)


def find(ctx: Context) -> None:
    from draft.actors import ADJ, ADJECTIVES, actor, state

    for m in re.finditer(r"\b(?P<adj>" + ADJ + r") " + OFFICIALS + r"\b", ctx.text):
        state(ctx, ADJECTIVES[m["adj"]], m.start(), m.end(), "actors.officials", 0.6)
    for m in UNIONS.finditer(ctx.text):
        org = "EU" if m["org"] == "European Union" else m["org"]
        actor(ctx, f"{org} {m['who']}", "group", m.start(), m.end(), "actors.union", 0.7)
    for m in OFFICE_THEN_NAME.finditer(ctx.text):
        if not ctx.mentions_in(Span(m.start("name"), m.end("name")), "Actor"):
            actor(ctx, m["name"], "person", m.start("name"), m.end("name"), "actors.office", 0.7)
    for m in PASSIVE_BY.finditer(ctx.text):
        for group in ("name", "other"):
            code = country_code(m[group]) if m[group] else None
            if code is not None:
                state(ctx, code, m.start(group), m.end(group), "actors.passive-agent", 0.6)
