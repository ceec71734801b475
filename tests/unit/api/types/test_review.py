"""A source review's items are declared once, as graph/queries/review.py's rows: each GraphQL
type shows a row field for key, and is built from it without a copy."""

from __future__ import annotations

import dataclasses
from typing import get_type_hints

import strawberry

from api.types.review import ROW_OF, ReviewQuote, UnreportedFigure, from_row, source_review
from graph.queries.review import PlacedQuote, Review


def test_each_item_type_has_a_field_for_each_key_of_its_row_and_no_other() -> None:
    assert len(ROW_OF) == 5
    for kind, row in ROW_OF.items():
        fields = {f.name.removesuffix("_id") for f in dataclasses.fields(kind)}
        assert fields == set(get_type_hints(row)), kind.__name__


def test_a_row_becomes_its_type_with_ids_for_the_nodes_it_names() -> None:
    quote: PlacedQuote = {
        "fact": "attack:wave",
        "kind": "Attack",
        "aspect": "party (accepted)",
        "quote": "struck",
        "related": "",
        "position": None,
    }
    shown = from_row(ReviewQuote, quote)
    assert shown.fact_id == strawberry.ID("attack:wave") and shown.related_id is None
    assert shown.position is None and shown.aspect == "party (accepted)"


def test_a_review_shows_every_list() -> None:
    review = Review(
        source="source:report",
        title="A report",
        kind="document",
        has_text=True,
        outside=[],
        inferred=[],
        unreported_figures=[
            {
                "fact": "f:1",
                "attack": "attack:wave",
                "metric": "injured",
                "weapon": None,
                "value": None,
                "qualifier": None,
                "attribution": "unattributed",
                "note": None,
                "quotes": ["two hurt"],
                "reasons": ["unattributed", "no number"],
            }
        ],
        quotes=[],
        drafted=[],
        truncated=["quotes"],
    )
    shown = source_review(review)
    [figure] = shown.unreported_figures
    assert isinstance(figure, UnreportedFigure) and figure.attack_id == "attack:wave"
    assert figure.reasons == ["unattributed", "no number"] and shown.truncated == ["quotes"]
