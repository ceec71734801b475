"""Opening a dataset's export as it was saved: plain, `.gz` or a `.zip` holding one CSV; UTF-8
with or without a byte-order mark, or Windows-1252 (what a spreadsheet on Windows saves as
"CSV"); CRLF or LF; commas, or the semicolons (or tabs) a spreadsheet writes where the decimal
separator is a comma."""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

DELIMITERS = (",", ";", "\t")
# Bytes that are not UTF-8 are read as Windows-1252: an export opened and saved again in a
# spreadsheet on Windows turns "Côte d'Ivoire" into b"C\xf4te", which UTF-8 refuses. The
# five bytes Windows-1252 leaves undefined are read as Latin-1, so nothing is refused for
# its encoding. UTF-8 is tried first at every byte: a file of either reads as written.
WINDOWS_1252 = "deedgraph-windows-1252"


def _windows_1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    text = "".join(
        bytes([byte]).decode("cp1252", errors="strict")
        if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
        else bytes([byte]).decode("latin-1")
        for byte in bad
    )
    return text, error.end


codecs.register_error(WINDOWS_1252, _windows_1252)


def open_text(raw: IO[bytes]) -> io.TextIOWrapper:
    """The bytes as text (see WINDOWS_1252); a leading byte-order mark dropped, line ends kept
    for the csv reader."""
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors=WINDOWS_1252, newline="")


class FileRefused(ValueError):
    """The file cannot be read as an export at all: the message says why."""


def csv_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The CSV files in an archive, without folders and macOS's resource-fork copies."""
    return [
        info
        for info in archive.infolist()
        if not info.is_dir()
        and not info.filename.startswith("__MACOSX/")
        and info.filename.lower().endswith((".csv", ".txt"))
    ]


@contextmanager
def open_bytes(path: Path) -> Iterator[IO[bytes]]:
    """The export's bytes, decompressed."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        with gzip.open(path, "rb") as handle:
            yield cast(IO[bytes], handle)  # a GzipFile reads as any binary file
    elif suffix == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise FileRefused("not a zip archive, though its name ends in .zip") from None
        with archive:
            members = csv_members(archive)
            if len(members) != 1:
                names = ", ".join(info.filename for info in members) or "none"
                raise FileRefused(f"a zip must hold exactly one CSV file; this one holds {names}")
            with archive.open(members[0]) as handle:
                yield handle
    else:
        with path.open("rb") as handle:
            yield handle


def sniff_delimiter(first_line: str) -> str:
    """The header's most frequent separator: ACLED's column names hold none of them."""
    counts = {delimiter: first_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


@dataclass
class CsvFile:
    """An open export: its header as written, its separator, and its records (each a list of
    cells) with the physical line each starts on."""

    header: list[str]
    delimiter: str
    reader: Iterator[list[str]]
    lines_read: Callable[[], int]  # the csv reader's line_num: lines after the header

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """Each record with the line it starts on: a quoted line break makes one record span
        several lines, and line_num is where a record ends."""
        ended = 1  # the header
        for cells in self.reader:
            line, ended = ended + 1, 1 + self.lines_read()
            if not "".join(cells).strip():
                continue  # a blank line, often the last one a spreadsheet writes
            yield line, cells


@contextmanager
def open_csv(path: Path) -> Iterator[CsvFile]:
    """The export, ready to read; FileRefused when it is empty or not a file we can open.
    Text is UTF-8 or Windows-1252 (open_text)."""
    with open_bytes(path) as raw:
        text = open_text(raw)
        try:
            first = text.readline()
            if not first.strip():
                raise FileRefused("empty: no header line")
            delimiter = sniff_delimiter(first)
            # The header line is parsed on its own (ACLED's names hold no quotes or breaks);
            # the rest of the file goes through one reader that counts its own lines.
            [header] = list(csv.reader([first], delimiter=delimiter))
            reader = csv.reader(text, delimiter=delimiter)
            yield CsvFile(header, delimiter, reader, lambda: reader.line_num)
        finally:
            text.detach()


def count_lines(path: Path, header: bool = True) -> int:
    """Lines (after the header, if the file has one), for progress: an upper bound on rows (a
    quoted note can span lines). 0 for a file that cannot be opened; reading it says why."""
    try:
        with open_bytes(path) as handle:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    except (FileRefused, OSError, EOFError, zipfile.BadZipFile):
        return 0
    return max(lines - header, 0)
