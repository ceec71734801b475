"""CSV files as neo4j-admin's offline importer reads them: a header file naming each column
with its type (`id:ID`, `:LABEL`, `tags:string[]`, `point:point`, ...) beside a data file,
written a line at a time from dicts keyed by the header's names.

Values are encoded so that the importer reads back exactly what the online import stores:
every string quoted (so "" is an empty string and an unquoted empty field is no property),
datetimes in UTC from epoch milliseconds, points as WGS-84 maps, lists joined by a control
character that ACLED's text does not use (its own ';' separates tags and sources inside
values). The importer cannot store an empty list (it drops the property): each table notes the
columns where it left one out, for the import to set them afterwards.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from graph.errors import BulkValueError, DeedgraphError

ARRAY_DELIMITER = "\x1f"  # the unit separator
ARRAY_DELIMITER_OPTION = "--array-delimiter=U+001F"
GENERATION = ":IGNORE"  # a column the importer skips: which written row a line belongs to
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def text(value: object) -> str:
    if type(value) is not str:
        raise TypeError(f"expected a string, got {value!r}")
    return '"' + value.replace('"', '""') + '"'


def text_list(value: object) -> str:
    if type(value) is not list:
        raise TypeError(f"expected a list of strings, got {value!r}")
    for item in value:
        if type(item) is not str:
            raise TypeError(f"expected a list of strings, got {value!r}")
        if ARRAY_DELIMITER in item:
            raise BulkValueError(
                "a value holds the control character U+001F, which the bulk import puts "
                f"between list items: {item[:80]!r}; import this file without --bulk"
            )
    return '"' + ARRAY_DELIMITER.join(value).replace('"', '""') + '"'


def whole(value: object) -> str:
    if type(value) is not int:
        raise TypeError(f"expected a whole number, got {value!r}")
    return str(value)


def boolean(value: object) -> str:
    if type(value) is not bool:
        raise TypeError(f"expected true or false, got {value!r}")
    return "true" if value else "false"


def point(value: object) -> str:
    """A WGS-84 point: the driver's WGS84Point, or any (longitude, latitude) pair."""
    if not isinstance(value, tuple) or len(value) != 2:
        raise TypeError(f"expected a (longitude, latitude) point, got {value!r}")
    longitude, latitude = (float(part) for part in value)
    return f'"{{longitude:{longitude!r},latitude:{latitude!r}}}"'


@functools.lru_cache(maxsize=65536)  # events share their days' bounds
def utc_millis(value: object) -> str:
    """Epoch milliseconds as the UTC datetime Cypher's datetime({epochMillis: ...}) makes."""
    if type(value) is not int:
        raise TypeError(f"expected epoch milliseconds, got {value!r}")
    moment = EPOCH + dt.timedelta(milliseconds=value)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def generation(value: object) -> str:
    return whole(value)


ENCODERS: dict[str, Callable[[object], str]] = {
    "string": text,
    "ID": text,
    "START_ID": text,
    "END_ID": text,
    "TYPE": text,
    "LABEL": text_list,
    "IGNORE": generation,
    "string[]": text_list,
    "long": whole,
    "boolean": boolean,
    "point": point,
    "datetime": utc_millis,
}
Field = Callable[[object], str]  # a value (None: no property) to its CSV field


def field_encoder(key: str, kind: str, empty_lists: set[str]) -> Field:
    """One column's encoder, None included; a wrong type is a TypeError naming the column.
    Each line calls one of these per column: strings, most of the values, are encoded inline."""
    encode = ENCODERS[kind]
    if kind == "string":

        def string_field(value: object) -> str:
            if value is None:
                return ""
            if type(value) is str:
                return '"' + value.replace('"', '""') + '"'
            raise TypeError(f"{key}: expected a string, got {value!r}")

        return string_field
    if kind == "string[]":

        def list_field(value: object) -> str:
            if value is None:
                return ""
            if value == []:
                empty_lists.add(key)
                return ""
            return encode(value)

        return list_field

    def other_field(value: object) -> str:
        if value is None:
            return ""
        try:
            return encode(value)
        except TypeError as error:
            raise TypeError(f"{key}: {error}") from None

    return other_field


def column_key(spec: str) -> tuple[str, str]:
    """The dict key a header column reads, and its type: `tags:string[]` reads "tags",
    `id:ID` reads "id", `:LABEL` reads ":LABEL", a bare name is a string."""
    name, _, kind = spec.partition(":")
    if not kind:
        return name, "string"
    return (name or ":" + kind), kind


class Table:
    """One header file and one data file: write(row) appends a line, raw(line) a line the
    caller encoded (the hot paths: an event's links)."""

    FLUSH = 4096  # lines kept before one write: a write call per line cost a tenth of the time

    def __init__(self, folder: Path, name: str, columns: list[str]) -> None:
        self.name = name
        self.header = folder / f"{name}.header.csv"
        self.data = folder / f"{name}.csv"
        self.columns = columns
        parsed = [column_key(spec) for spec in columns]
        for _, kind in parsed:
            if kind not in ENCODERS:
                raise ValueError(f"{name}: no encoder for column type {kind!r}")
        self.keys = [key for key, _ in parsed]
        self.known = frozenset(self.keys)
        self.lines = 0
        self.multiline = False  # a quoted value holds a line break
        self.empty_lists: set[str] = set()  # columns where a line left an empty list out
        self.fields = [(key, field_encoder(key, kind, self.empty_lists)) for key, kind in parsed]
        self.header.write_text(",".join(columns) + "\n", encoding="utf-8")
        self.handle = self.data.open("w", encoding="utf-8", newline="")
        self.buffer: list[str] = []

    def write(self, row: Mapping[str, object]) -> None:
        self.raw(self.line(row))

    def line(self, row: Mapping[str, object], skip: int = 0) -> str:
        """The row's fields for the columns after the first `skip`, encoded and joined."""
        if not self.known.issuperset(row):
            unknown = ", ".join(sorted(row.keys() - self.known))
            raise DeedgraphError(
                f"the bulk import has no column for {unknown} in its {self.name} file; "
                "import without --bulk"
            )
        get = row.get
        try:
            return ",".join([encode(get(key)) for key, encode in self.fields[skip:]])
        except TypeError as error:
            raise DeedgraphError(
                f"the bulk import cannot write {error} in its {self.name} file; "
                "import without --bulk"
            ) from None

    def raw(self, line: str) -> None:
        """A line of fields already encoded, in the header's order, without its newline."""
        if not self.multiline and ("\n" in line or "\r" in line):
            self.multiline = True
        self.buffer.append(line)
        self.lines += 1
        if len(self.buffer) >= self.FLUSH:
            self.flush()

    def empty(self, key: str) -> None:
        """A raw line left an empty list out of this column: the import sets it afterwards."""
        self.empty_lists.add(key)

    def flush(self) -> None:
        if self.buffer:
            self.handle.write("\n".join(self.buffer) + "\n")
            self.buffer.clear()

    def close(self) -> None:
        if not self.handle.closed:
            self.flush()
            self.handle.close()

    def drop(self, generations: set[int]) -> int:
        """Rewrite the data without the lines of these generations (rows a newer row of
        the same event replaced); the number of lines dropped. The table must be closed."""
        if GENERATION not in self.known or not generations:
            return 0
        dropped = 0
        kept = self.data.with_suffix(".kept")
        with (
            self.data.open(encoding="utf-8", newline="") as old,
            kept.open("w", encoding="utf-8", newline="") as new,
        ):
            for record in records(old):
                number = record.split(",", 1)[0]
                if number and int(number) in generations:
                    dropped += 1
                else:
                    new.write(record)
        kept.replace(self.data)
        self.lines -= dropped
        return dropped


def records(lines: Iterable[str]) -> Iterable[str]:
    """Whole CSV records from lines: a record goes on while a quote is open (a doubled
    quote inside a value leaves the count even)."""
    pending = ""
    for line in lines:
        pending += line
        if pending.count('"') % 2 == 0:
            yield pending
            pending = ""
    if pending:
        yield pending
