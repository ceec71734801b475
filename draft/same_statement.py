"""One statement told in several places: a report quotes a speaker's post or readout sentence
by sentence, with other words between ("he added", a second paragraph, a teaser repeating the
lead). Two statements of the same speaker are one when they are in the same paragraph, or
when the later one says so ("The Kremlin also said"); a demand, denial or accusation stays a
statement of its own, as its kind is not the saying of the first."""

from __future__ import annotations

import re

from draft.context import Context, Fact

SAYING = {"claim", "report", "announcement", "readout"}
ALSO = re.compile(r"\balso (?:said|says|told|wrote|added|stated|noted|reported)\b")


def merge(ctx: Context) -> None:
    statements = ctx.facts["statements"]
    order = list(statements.values())
    for i, later in enumerate(order):
        for earlier in order[:i]:
            if earlier["id"] not in statements or later["id"] not in statements:
                continue
            if earlier["speaker"] == later["speaker"] and _same(ctx, earlier, later):
                _fold(earlier, later)
                del statements[later["id"]]
                break


def _spans(fact: Fact) -> list[tuple[int, int]]:
    return [fact["_span"], *fact.get("_also", [])]


def _same(ctx: Context, earlier: Fact, later: Fact) -> bool:
    if earlier["kind"] not in SAYING or later["kind"] not in SAYING:
        return False
    start, end = later["_span"]
    if ALSO.search(ctx.text[start:end]):
        return True
    for a in _spans(earlier):
        for b in _spans(later):
            first, second = sorted((a, b))
            if "\n" not in ctx.text[first[0] : second[0]]:  # one paragraph
                return True
    return False


def _fold(earlier: Fact, later: Fact) -> None:
    for q in later["quotes"]:
        if q not in earlier["quotes"]:
            earlier["quotes"].append(q)
    earlier["text"] = f"{earlier['text']} {later['text']}"
    earlier["about"] = list(dict.fromkeys([*earlier["about"], *later["about"]]))
    earlier.setdefault("_also", []).extend(_spans(later))
    sure = min(earlier["drafted"]["confidence"], later["drafted"]["confidence"])
    earlier["drafted"] = {**earlier["drafted"], "confidence": sure}
