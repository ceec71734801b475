"""Quotes compare with their text modulo white space, quote marks and dashes."""

from graph.domain.quotes import normalise


def test_white_space_typographic_quotes_and_dashes_do_not_count() -> None:
    assert normalise("  Ukraine\u2019s  Air\nForce \u2014 \u201cyes\u201d ") == (
        'Ukraine\'s Air Force - "yes"'
    )
