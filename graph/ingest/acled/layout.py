"""ACLED's column layouts, 2015 to today, read by header name and never by position.

A header name is compared trimmed, in lower case, with spaces as underscores (2015-2016
exports wrote EVENT_ID_CNTY). Older names map to today's; columns the importer does not use
(gwno, data_id, event_id_no_cnty, region, a county code, a spreadsheet's unnamed index
column) are ignored; columns a file lacks are missing values, except the few without which
rows cannot become events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Today's name -> the older names that mean the same column.
ALIASES = {
    "assoc_actor_1": ("ally_actor_1",),
    "assoc_actor_2": ("ally_actor_2",),
}
# Read when today's column is absent: ISO 3166-1 alpha-3 resolves a country as the numeric
# code does (graph/ingest/resolve/places.py).
FALLBACKS = {"iso": ("iso3",)}
COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
    "tags", "timestamp",
)  # fmt: skip
# Without these a file is refused by name: no ids, no dates, no types, no actors, no place.
ESSENTIAL = ("event_id_cnty", "event_date", "event_type", "actor1", "country")
# How exports write a missing value: R writes NA, spreadsheets N/A or -, databases NULL.
MISSING = frozenset({"", "NA", "N/A", "n/a", "null", "NULL", "Null", "-"})


def normal(name: str) -> str:
    return re.sub(r"\s+", "_", name.strip().lower())


def present(text: str) -> str:
    """The cell trimmed, or "" when it is a missing-value marker."""
    text = text.strip()
    return "" if text in MISSING else text


@dataclass(frozen=True)
class Layout:
    """Where each of today's columns is in a file's records."""

    positions: dict[str, int]
    decimal_comma: bool  # a semicolon-separated spreadsheet export: 50,45 is 50.45
    items: tuple[tuple[str, int], ...]  # positions, for the loop over every record
    width: int  # cells a record needs to hold every column read

    @classmethod
    def of(cls, header: list[str], delimiter: str = ",") -> Layout:
        found = {normal(name): index for index, name in reversed(list(enumerate(header)))}
        positions: dict[str, int] = {}
        for column in COLUMNS:
            names = (column, *ALIASES.get(column, ()), *FALLBACKS.get(column, ()))
            index = next((found[name] for name in names if name in found), None)
            if index is not None:
                positions[column] = index
        width = max(positions.values(), default=-1) + 1
        return cls(positions, delimiter == ";", tuple(positions.items()), width)

    def missing(self) -> list[str]:
        """Essential columns the file lacks, each with the older names looked for."""
        return [
            " or ".join((column, *ALIASES.get(column, ())))
            for column in ESSENTIAL
            if column not in self.positions
        ]

    def row(self, cells: list[str]) -> dict[str, str]:
        """Today's columns from one record, missing markers as "". A short record (a
        spreadsheet drops trailing empty cells) lacks the rest; extra cells are ignored.
        Inlined rather than a call per cell: this runs for every cell of a million-row file
        (a call per cell cost 20 µs a row, a fifth of the parse)."""
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        row = {
            column: "" if (text := cells[index].strip()) in MISSING else text
            for column, index in self.items
        }
        if self.decimal_comma:
            for column in ("latitude", "longitude"):
                row[column] = row.get(column, "").replace(",", ".")
        return row
