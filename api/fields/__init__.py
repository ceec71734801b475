"""Root fields, one module per family of questions. Each root field calls the one function of
its own name (snake_case) in graph/queries, or for a mutation in graph/ingest/writes.py:
`Query.agreementViolations` calls agreements.agreement_violations
(tests/unit/api/test_schema.py checks it)."""

from typing import Annotated, TypeVar

import strawberry

from api.context import Info
from graph.errors import BadInputError

# The most rows an analysis (attacks after, violations, a timeline...) answers with.
RESULT_CAP = 500

FIRST = Annotated[
    int | None,
    strawberry.argument(description="At most this many, in order (default and most: 500)."),
]

SINGLE_SOURCE = Annotated[
    bool,
    strawberry.argument(
        description="Only attacks that rest on one source alone (no second document or "
        "dataset tells them, nor a record confirmed as the same incident)."
    ),
]

MIN_CONFIDENCE = Annotated[
    float,
    strawberry.argument(
        description="Leave out machine-coded facts (GDELT) with a lower confidence (0-1); "
        "facts a source states have none and always count."
    ),
]

REVIEWED_ONLY = Annotated[
    bool,
    strawberry.argument(
        description="Only facts a person has reviewed: leave out those still marked as "
        "drafted by a program (`drafted`, from deedgraph draft or draftFacts)."
    ),
]


def result_size(first: int | None) -> int:
    """How many rows an analysis answers with: `first` when given, else the cap."""
    if first is None:
        return RESULT_CAP
    if not 0 <= first <= RESULT_CAP:
        raise BadInputError(f"first: must be between 0 and {RESULT_CAP}, got {first}")
    return first


T = TypeVar("T")


def kept(info: Info, rows: list[T], size: int) -> list[T]:
    """An analysis's rows (asked for one more than `size`): the first `size`, and a note in
    extensions.truncated when there were more."""
    if len(rows) <= size:
        return rows
    info.context.cut(info.path.as_list(), size, None, rest_of(size))
    return rows[:size]


def rest_of(size: int) -> str:
    """How to get the rest of an analysis cut at `size`, for extensions.truncated."""
    if size < RESULT_CAP:
        return "ask with a larger first (up to 500), or narrow the question"
    return "narrow the question (a window, a shorter period)"
