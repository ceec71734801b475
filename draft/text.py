"""Spans of the report's text: every quote a draft writes is cut from the text itself."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    folded = folded.replace("'s ", " ").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def key(text: str) -> str:
    """A name's comparison key: case, diacritics, apostrophes and 'the' ignored."""
    folded = slug(text).replace("-", " ")
    return re.sub(r"^the ", "", folded)


def sentences(text: str, doc: object) -> list[Span]:
    """Sentences as spans of the text (spaCy's, split again at line breaks)."""
    found: list[Span] = []
    for sent in doc.sents:  # type: ignore[attr-defined]
        start = sent.start_char
        for part in re.split(r"(\n+)", text[sent.start_char : sent.end_char]):
            if part.strip() and not part.startswith("\n"):
                lead = len(part) - len(part.lstrip())
                found.append(Span(start + lead, start + len(part.rstrip())))
            start += len(part)
    return found


def clause(text: str, span: Span) -> str:
    """The words of a span, white space collapsed (a quote may not cross a line break)."""
    return " ".join(span.of(text).split())


def quote(text: str, start: int, end: int) -> str | None:
    """The exact text between two offsets, trimmed to whole words, if it is a usable quote."""
    words = text[start:end].strip(" ,;:")
    if len(words) < 3 or "\n" in words:
        return None
    return words
