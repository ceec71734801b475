"""`reviewedOnly`: an analysis over the facts a person has reviewed, leaving out those still
marked as drafted by a program (a facts file's `drafted` marks, which the loader writes on
the fact's existence evidence). The same query with one more test wherever it leaves out
retracted nodes, so the plain queries (which the benchmark's peer runs too) stay byte for byte
as they are."""

from __future__ import annotations

import functools
import re
from typing import LiteralString

RETRACTED = re.compile(r"\b([a-z]\w*)\.retracted IS NULL")
# A fact a person has reviewed: no source gives it as drafted, or one gives it unmarked. The
# marks are read from its existence evidence (SUPPORTED_BY), where the loader writes them.
UNMARKED: LiteralString = (
    "(NOT EXISTS { ($node)-[reviewMark:SUPPORTED_BY {aspect: 'existence'}]->() "
    "WHERE reviewMark.draftedRule IS NOT NULL } "
    "OR EXISTS { ($node)-[reviewMark:SUPPORTED_BY {aspect: 'existence'}]->() "
    "WHERE reviewMark.draftedRule IS NULL })"
)


@functools.cache
def reviewed_only(cypher: LiteralString, keep: tuple[str, ...] = ()) -> LiteralString:
    """The query with every node it keeps unretracted also kept only when not drafted, except
    the nodes named in `keep` (the entity a question is about). The added text is constant:
    no value enters the query."""

    def narrowed(match: re.Match[str]) -> str:
        node = match[1]
        if node in keep:
            return match[0]
        return f"{node}.retracted IS NULL AND " + UNMARKED.replace("$node", node)

    return RETRACTED.sub(narrowed, cypher)  # a literal with constant text added


def chosen(cypher: LiteralString, *, reviewed: bool, keep: tuple[str, ...] = ()) -> LiteralString:
    return reviewed_only(cypher, keep) if reviewed else cypher
