"""What every dataset's reader gives the shared pipeline beside its events: names of places and
actors as the dataset writes them (resolved later by gazetteer.py and roster.py), and bad rows
with the column and problem that make them bad (told once per problem by problems.py)."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass


class RowError(ValueError):
    """What is wrong with a row: the column, the problem, and the value when it has one."""

    def __init__(self, column: str, problem: str, value: str | None = None) -> None:
        self.column, self.problem, self.value = column, problem, value
        super().__init__(describe(column, problem, value))


def describe(column: str, problem: str, value: str | None) -> str:
    if not column:
        return problem
    return f"{column}: {value!r} {problem}" if value is not None else f"{column}: {problem}"


@dataclass(frozen=True)
class PlaceNames:
    """Where a row says it happened, as its dataset names it: resolved to the graph's places
    later (graph/ingest/datasets/gazetteer.py). Coordinates belong to the most precise level
    named. Column names are ACLED's; other datasets fill the levels they have."""

    country: str
    iso: str
    admin1: str
    admin2: str
    admin3: str
    location: str
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class ActorName:
    """An actor as a dataset names it, with its ACLED inter category spelled out when it has one."""

    name: str
    inter: str | None
    column: str  # actor1, assoc_actor_1, actor2, ...


@dataclass(frozen=True)
class BadRow:
    """A row that is not an event, or (`refused`) a file that is not an export. Rows with the
    same column and problem are one problem told once (graph/ingest/datasets/problems.py)."""

    line: int
    column: str
    problem: str
    value: str | None = None
    cells: tuple[str, ...] = ()  # the record as written, for --rejects
    refused: bool = False

    @property
    def reason(self) -> str:
        return describe(self.column, self.problem, self.value)

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


def refusal(problem: str, line: int = 1) -> BadRow:
    return BadRow(line, "", problem, refused=True)


@functools.lru_cache(maxsize=65536)  # names repeat across rows: actors, places, sources
def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "unnamed"
