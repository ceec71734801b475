"""The places officials speak for: "Ternopil Governor Viacheslav Nehoda", "the governor of the
western region of Ivano-Frankivsk", "Kharkiv Mayor Ihor Terekhov". A report names such a
region because its official tells what happened there ("the attack struck a facility in the
region"), so it is a place of the report even when no sentence names it as a strike's."""

from __future__ import annotations

import re

from draft.context import Context

NAME = r"[A-Z][a-zA-Z\u2019'-]+"
# "Ternopil Governor", "Kharkiv regional governor", "Kharkiv Mayor"
TITLE_AFTER = re.compile(
    r"\b(?P<name>" + NAME + r")(?: [Rr]egional| [Oo]blast| [Cc]ity)? (?P<title>Governor|governor|"
    r"Mayor|mayor|[Mm]ilitary [Aa]dministration|[Rr]egional [Aa]dministration)\b"
)
# "the governor of the western region of Ivano-Frankivsk", "mayor of Kharkiv"
TITLE_OF = re.compile(
    r"\b(?P<title>[Gg]overnor|[Mm]ayor|[Hh]ead) of (?:the )?(?:(?:\w+ )?(?:region|oblast|city) "
    r"of )?(?P<name>" + NAME + r")"
)


def find(ctx: Context) -> None:
    from draft.places import _resolve, region, settlement

    for pattern in (TITLE_AFTER, TITLE_OF):
        for m in pattern.finditer(ctx.text):
            name = m["name"]
            code = _resolve(name)
            if code is None:
                continue
            if m["title"].lower() == "mayor":
                id = settlement(ctx, code, name, m.start("name"), m.end("name"))
            else:
                id = region(ctx, code, name, m.start("name"), m.end("name"), "places.official")
            ctx.jurisdictions.add(id)
