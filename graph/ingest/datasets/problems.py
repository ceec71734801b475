"""Bad rows told so a person can act on them: each distinct problem once, with its count, an
example value and its first lines; and every bad row written back out as CSV (--rejects) with
its original columns, its line and its reason, to fix and import again.

One problem repeated on every row (a day-first file read month-first) was 5,727 lines of
output, one per row; grouped, it is one.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import LoadError, Problem
from graph.ingest.datasets.rows import BadRow

SHOWN = 5  # line numbers or ranges shown for one problem
ADDED = ("line", "reason")  # the columns a rejects file adds after the original ones


@dataclass
class Group:
    """Rows of one file with the same problem in the same column."""

    path: Path
    first: BadRow
    lines: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        first = self.first
        if first.refused:
            return f"{self.path}: refused: {first.problem}"
        what = f"{first.column} {first.value!r}" if first.value is not None else first.column
        rows = f"{len(self.lines):,} row{'s' if len(self.lines) > 1 else ''}"
        return f"{self.path}: {rows}: {what} {first.problem} ({lines_text(self.lines)})"


def groups(bad: list[tuple[Path, BadRow]]) -> list[Group]:
    """The distinct problems, in the order they were first met."""
    found: dict[tuple[Path, str, str, bool], Group] = {}
    for path, row in bad:
        key = (path, row.column, row.problem, row.refused)
        group = found.get(key)
        if group is None:
            group = found[key] = Group(path, row)
        group.lines.append(row.line)
    return list(found.values())


def lines_text(lines: list[int]) -> str:
    """'line 8', 'lines 2-5,726', or 'lines 8, 9, 12-14, ... and 40 more'."""
    ranges: list[tuple[int, int]] = []
    for line in sorted(lines):
        if ranges and line == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], line)
        else:
            ranges.append((line, line))
    shown = [f"{a:,}" if a == b else f"{a:,}-{b:,}" for a, b in ranges[:SHOWN]]
    more = sum(b - a + 1 for a, b in ranges[SHOWN:])
    text = ", ".join(shown) + (f", ... and {more:,} more" if more else "")
    return ("line " if len(lines) == 1 else "lines ") + text


def write_rejects(
    target: Path, bad: list[tuple[Path, BadRow]], header_of: Callable[[Path], list[str]]
) -> int:
    """Every bad row (not refused files) as CSV: the union of the files' original columns in
    their order (`header_of` names them: a file's header, or a dataset's fixed columns), then
    line and reason; with several files, a first column `file`. The count."""
    rows = [(path, row) for path, row in bad if not row.refused]
    paths = list(dict.fromkeys(path for path, _ in rows))
    headers = {path: header_of(path) for path in paths}
    # A rejects file imported and rejected again has line and reason already: they are new.
    original = [name for path in paths for name in headers[path] if name not in (*ADDED, "file")]
    columns = list(dict.fromkeys(original))
    several = len(paths) > 1
    with target.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow((["file"] if several else []) + columns + list(ADDED))
        for path, row in rows:
            cells = dict(zip(headers[path], row.cells, strict=False))
            values = [cells.get(name, "") for name in columns] + [str(row.line), row.reason]
            out.writerow(([str(path)] if several else []) + values)
    return len(rows)


class RowsRejected(LoadError):
    """--strict and some rows bad: nothing was imported. `bad` is every bad row."""

    def __init__(self, bad: list[tuple[Path, BadRow]]) -> None:
        self.bad = bad
        rows = sum(1 for _, row in bad if not row.refused)
        super().__init__(
            [Problem(str(path), row.line, row.column or "file", row.reason) for path, row in bad],
            f"{rows:,} bad row(s); nothing was imported (--strict)",
        )
