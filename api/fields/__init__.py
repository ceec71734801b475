"""Root fields, one module per family of questions, each named like the graph/queries module
it calls."""

from typing import Annotated

import strawberry

from graph.errors import BadInputError

# The most rows an analysis (attacks after, violations, a timeline...) answers with.
RESULT_CAP = 500

FIRST = Annotated[
    int | None,
    strawberry.argument(description="At most this many, in order (default and most: 500)."),
]


def result_size(first: int | None) -> int:
    """How many rows an analysis answers with: `first` when given, else the cap."""
    if first is None:
        return RESULT_CAP
    if not 0 <= first <= RESULT_CAP:
        raise BadInputError(f"first: must be between 0 and {RESULT_CAP}, got {first}")
    return first
