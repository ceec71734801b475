"""Every row of an ACLED export, any layout from 2015 on, as an event or a bad row: the one
reader both the online import and --bulk go through (graph/ingest/datasets/pipeline.py)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from graph.ingest.acled.dates import Order, needs_order, order_of
from graph.ingest.acled.layout import Layout
from graph.ingest.acled.rows import Event, event
from graph.ingest.datasets.pipeline import Reader
from graph.ingest.datasets.rows import BadRow, RowError, refusal
from graph.ingest.datasets.source_file import FileRefused, open_csv


class FileDates:
    """The file's day/month order, looked for only when a date needs it: one pass over the
    date column, so a decision holds for the whole file (ISO files never pay for it)."""

    def __init__(self, path: Path, layout: Layout) -> None:
        self.path, self.layout = path, layout
        self.order: Order | None = None
        self.settled = False

    def order_for(self, text: str) -> Order | None:
        if not self.settled and needs_order(text):
            self.settled = True
            index = self.layout.positions["event_date"]
            with open_csv(self.path) as source:
                self.order = order_of(
                    cells[index] for _, cells in source.records() if index < len(cells)
                )
        return self.order


def read(path: Path) -> Iterator[Event | BadRow]:
    """Every data row of an export in order: an event, or a bad row; a file that cannot be
    read as an export is one refused BadRow, naming what is missing or wrong."""
    line = 1
    try:
        with open_csv(path) as source:
            layout = Layout.of(source.header, source.delimiter)
            if missing := layout.missing():
                yield refusal(f"not an ACLED export: no column {', '.join(missing)}")
                return
            dates = FileDates(path, layout)
            for line, cells in source.records():
                row = layout.row(cells)
                try:
                    yield event(line, row, dates.order_for(row["event_date"]))
                except RowError as error:
                    yield BadRow(line, error.column, error.problem, error.value, tuple(cells))
    except FileRefused as error:
        yield refusal(str(error), line)
    except UnicodeDecodeError:
        problem = f"not UTF-8 text (after line {line}): save it as UTF-8 and import it again"
        yield refusal(problem, line)
    except csv.Error as error:
        yield refusal(f"not CSV after line {line}: {error}", line)
    except OSError as error:
        yield refusal(f"cannot be read: {error.strerror or error}", line)


def header_of(path: Path) -> list[str]:
    """The file's column names as written, for --rejects."""
    try:
        with open_csv(path) as source:
            return source.header
    except (FileRefused, OSError, UnicodeDecodeError):
        return []


ACLED_READER: Reader[Event] = Reader(read, header=True, columns=header_of)
