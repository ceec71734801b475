"""Comparing a quote with the text it is taken from: modulo white space and typographic
quote marks and dashes, as the loader checks quotes and as a review places them."""

from __future__ import annotations

import re


def normalise(text: str) -> str:
    """Compare quotes modulo white space and typographic quote marks."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u2014", "-").replace("\u2013", "-")
    return re.sub(r"\s+", " ", text).strip()
