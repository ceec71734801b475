"""The Cypher a compiled document is made of. Every piece is a literal here or comes from an
allow-list (relationship types: catalogue.RELATIONS; properties: the schema's plain fields);
a request's values travel only as parameters ($p0, $p1, ...), and its aliases never reach
Cypher (the answer is a nested list, named in Python by shape.py).

The query: one CALL {} per root field matching the entity by id, each collecting the entity
as an item; an item is a list [labels, retracted, is an Entity, field, field, ...] where a
relationship field is a pattern comprehension of items (under head() for a single one)."""

from __future__ import annotations

from typing import LiteralString

# Node variables by depth, parameters and results by root field: literals, so no text of a
# request can become one. The depth limit (DEEDGRAPH_MAX_DEPTH) keeps documents well inside.
VARIABLES: tuple[LiteralString, ...] = (
    "n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9",
    "n10", "n11", "n12", "n13", "n14", "n15", "n16", "n17", "n18", "n19",
)  # fmt: skip
PARAMETERS: tuple[LiteralString, ...] = (
    "p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9",
    "p10", "p11", "p12", "p13", "p14", "p15", "p16", "p17", "p18", "p19",
)  # fmt: skip
RESULTS: tuple[LiteralString, ...] = (
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9",
    "r10", "r11", "r12", "r13", "r14", "r15", "r16", "r17", "r18", "r19",
)  # fmt: skip

# Where an item's fields start: before them, what the standard path checks of every node.
FIELDS_FROM = 3


def item(var: LiteralString, fields: list[LiteralString]) -> LiteralString:
    """A node as an item: its labels (its kind, api/types/build.py kind_of), its retraction,
    whether it is an Entity (what the entity loader matches), then its fields in order."""
    head: LiteralString = "[labels(" + var + "), " + var + ".retracted, " + var + ":Entity"
    return head + "".join(", " + field for field in fields) + "]"


def name(var: LiteralString) -> LiteralString:
    """A name with what a figure's name is made of when it has none (build.figure_name)."""
    return "[" + var + ".name, " + var + ".metric, " + var + ".value]"


def related(
    var: LiteralString, far: LiteralString, type: LiteralString, far_item: LiteralString
) -> LiteralString:
    """The far ends of the node's outgoing relationships of one type, in the order the
    standard path's projection lists them (graph/queries/projections.py LINKS)."""
    return "[(" + var + ")-[:" + type + "]->(" + far + ") | " + far_item + "]"


def first(
    var: LiteralString, far: LiteralString, type: LiteralString, far_item: LiteralString
) -> LiteralString:
    """The first relationship's far end only (api/types/reach.py first), checked in Python."""
    return "head(" + related(var, far, type, far_item) + ")"


def by_id(index: int, var: LiteralString, node_item: LiteralString) -> LiteralString:
    """A root field's entity, matched as the entity loader matches it (entities.BY_IDS)."""
    return (
        "CALL { MATCH ("
        + var
        + ":Entity) WHERE "
        + var
        + ".id = $"
        + PARAMETERS[index]
        + " RETURN collect("
        + node_item
        + ") AS "
        + RESULTS[index]
        + " }"
    )


def query(roots: list[LiteralString]) -> LiteralString:
    results = ", ".join(RESULTS[: len(roots)])
    return "\n".join(roots) + "\nRETURN [" + results + "] AS answer"
