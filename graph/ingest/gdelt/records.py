"""Every line of a GDELT event file as an event record or a bad row: GDELT 2.0 exports (61
tab-separated columns), GDELT 1.0 daily files (58) and back-files (57, no SOURCEURL); no
header; plain, `.zip` (one file inside, as GDELT publishes them) or `.gz`.

The columns of each layout are in layouts.py; a line's layout is told by its number of
columns, the only thing that tells them apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.ingest.datasets.pipeline import Reader
from graph.ingest.datasets.rows import BadRow, PlaceNames, RowError, refusal
from graph.ingest.datasets.source_file import FileRefused, open_bytes, open_text
from graph.ingest.gdelt.layouts import LAYOUTS, POSITIONS
from graph.ingest.gdelt.tables import Coding, Tables, default_tables

CITY_TYPES = {3, 4}  # US city, world city
REGION_TYPES = {2, 5}  # US state, world state (first-level division)
# ActionGeo_Type on ACLED's geo_precision scale: 1 a town, 3 a larger region; a country has none.
PRECISION = {3: 1, 4: 1, 2: 3, 5: 3}


@dataclass(frozen=True)
class CameoActor:
    """An actor as GDELT codes it: a CAMEO code (RUSMIL), its parts, and GDELT's name."""

    code: str
    name: str
    country: str  # CAMEO country code: RUS
    role: str  # Type1Code: MIL
    column: str  # Actor1Code or Actor2Code


@dataclass
class GdeltEvent:
    line: int
    id: str
    label: str  # from the CAMEO table
    coding: Coding
    timestamp: int  # DATEADDED as YYYYMMDDHHMMSS: a newer one replaces an older row
    day: dt.date
    date_text: str
    actor1: CameoActor | None
    actor2: CameoActor | None
    where: PlaceNames | None
    country: str | None  # ISO alpha-2 of ActionGeo's country, for time zones
    source: str  # the article's URL, the outlet's name (some 1.0 rows), or ""
    props: dict[str, object]
    mentions: int
    sources: int


def whole(cells: list[str], at: dict[str, int], name: str, low: int = 0) -> int:
    text = cells[at[name]].strip()
    try:
        value = int(text)
    except ValueError:
        raise RowError(name, "is not a whole number", text) from None
    if value < low:
        raise RowError(name, f"is below {low}", text)
    return value


def real(cells: list[str], at: dict[str, int], name: str) -> float | None:
    text = cells[at[name]].strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise RowError(name, "is not a number", text) from None


def day_of(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        raise RowError("SQLDATE", "is not a date YYYYMMDD", text) from None


def added(text: str) -> int:
    """DATEADDED as YYYYMMDDHHMMSS (1.0 writes YYYYMMDD: midnight)."""
    text = text.strip()
    if not (text.isdigit() and len(text) in (8, 14)):
        raise RowError("DATEADDED", "is not YYYYMMDD or YYYYMMDDHHMMSS", text)
    return int(text.ljust(14, "0"))


def actor(cells: list[str], at: dict[str, int], n: int) -> CameoActor | None:
    code = cells[at[f"Actor{n}Code"]].strip()
    if not code:
        return None
    return CameoActor(
        code=code,
        name=cells[at[f"Actor{n}Name"]].strip(),
        country=cells[at[f"Actor{n}CountryCode"]].strip(),
        role=cells[at[f"Actor{n}Type1Code"]].strip(),
        column=f"Actor{n}Code",
    )


def place(
    cells: list[str], at: dict[str, int], tables: Tables
) -> tuple[PlaceNames | None, str | None, int]:
    """ActionGeo as the shared gazetteer's levels: the country (FIPS, through the table to ISO
    3166-1), the first-level division by the name GDELT gives it in FullName (ISO 3166-2 by
    name), and a city; with GDELT's geo type."""
    text = cells[at["ActionGeo_Type"]].strip()
    kind = int(text) if text.isdigit() else 0
    full = cells[at["ActionGeo_FullName"]].strip()
    fips = cells[at["ActionGeo_CountryCode"]].strip()
    if not kind or not (full or fips):
        return None, None, 0
    parts = [part.strip() for part in full.split(",")] if full else []
    alpha2 = tables.fips.get(fips)
    country_name = parts[-1] if parts else fips
    admin1 = location = ""
    if kind in CITY_TYPES and len(parts) >= 2:
        location = parts[0]
        admin1 = ", ".join(parts[1:-1])
    elif kind in REGION_TYPES and len(parts) >= 2:
        admin1 = ", ".join(parts[:-1])
    latitude = longitude = None
    if kind in CITY_TYPES:
        latitude, longitude = real(cells, at, "ActionGeo_Lat"), real(cells, at, "ActionGeo_Long")
        if (
            latitude is None
            or longitude is None
            or not (-90 <= latitude <= 90 and -180 <= longitude <= 180)
        ):
            latitude = longitude = None
    where = PlaceNames(
        country=fips if alpha2 else country_name,
        iso=alpha2 or "",
        admin1=admin1,
        admin2="",
        admin3="",
        location=location,
        latitude=latitude,
        longitude=longitude,
    )
    return where, alpha2, kind


def event(line: int, cells: list[str], tables: Tables) -> GdeltEvent:
    at = POSITIONS[len(cells)]
    global_id = whole(cells, at, "GLOBALEVENTID")
    date_text = cells[at["SQLDATE"]].strip()
    day = day_of(date_text)
    code = cells[at["EventCode"]].strip()
    if not code.isdigit():
        raise RowError("EventCode", "is not a CAMEO code", code)
    coding = tables.coding(code)
    mentions = whole(cells, at, "NumMentions")
    sources = whole(cells, at, "NumSources")
    articles = whole(cells, at, "NumArticles")
    quad = whole(cells, at, "QuadClass")
    if not 1 <= quad <= 4:
        raise RowError("QuadClass", "is not 1, 2, 3 or 4", str(quad))
    where, alpha2, geo_type = place(cells, at, tables)
    source = cells[at["SOURCEURL"]].strip() if "SOURCEURL" in at else ""
    actor1, actor2 = actor(cells, at, 1), actor(cells, at, 2)
    return GdeltEvent(
        line=line,
        id=f"gdelt:{global_id}",
        label=coding.label,
        coding=coding,
        timestamp=added(cells[at["DATEADDED"]]),
        day=day,
        date_text=date_text,
        actor1=actor1,
        actor2=actor2,
        where=where,
        country=alpha2,
        source=source,
        props={
            "gdeltId": global_id,
            "cameoCode": code,
            "cameoName": coding.cameo if coding.code == code else f"{coding.cameo} ({code})",
            "cameoRootCode": cells[at["EventRootCode"]].strip() or code[:2],
            "quadClass": quad,
            "goldsteinScale": real(cells, at, "GoldsteinScale"),
            "avgTone": real(cells, at, "AvgTone"),
            "numMentions": mentions,
            "numSources": sources,
            "numArticles": articles,
            "isRootEvent": cells[at["IsRootEvent"]].strip() == "1",
            "gdeltGeoType": geo_type or None,
            "geoPrecision": 1
            if geo_type in CITY_TYPES
            else 3
            if geo_type in REGION_TYPES
            else None,
            "gdeltLayout": LAYOUTS[len(cells)][0],
        },
        mentions=mentions,
        sources=sources,
    )


def lines(path: Path) -> Iterator[tuple[int, str]]:
    with open_bytes(path) as raw:
        text = open_text(raw)
        try:
            for number, line in enumerate(text, 1):
                yield number, line.rstrip("\r\n")
        finally:
            text.detach()


def read(path: Path, tables: Tables | None = None) -> Iterator[GdeltEvent | BadRow]:
    """Every line of a GDELT event file in order: an event or a bad row. A file whose first
    line is not a GDELT event line is one refused BadRow."""
    tables = tables or default_tables()
    number = 0
    first = True
    try:
        for number, line in lines(path):
            if not line.strip():
                continue
            cells = line.split("\t")
            if len(cells) not in LAYOUTS:
                problem = (
                    f"has {len(cells)} tab-separated columns; GDELT event files have 61 "
                    "(2.0), 58 (1.0 daily) or 57 (1.0 back-file)"
                )
                if first:
                    yield refusal(f"not a GDELT event file: line {number} {problem}", number)
                    return
                yield BadRow(number, "line", problem, None, tuple(cells))
                continue
            first = False
            try:
                yield event(number, cells, tables)
            except RowError as error:
                yield BadRow(number, error.column, error.problem, error.value, tuple(cells))
        if first:
            yield refusal("empty: no GDELT event lines")
    except FileRefused as error:
        yield refusal(str(error), number or 1)
    except UnicodeDecodeError:
        yield refusal(f"not UTF-8 text (after line {number})", number or 1)
    except OSError as error:
        yield refusal(f"cannot be read: {error.strerror or error}", number or 1)


def columns_of(path: Path) -> list[str]:
    """The column names of the file's layout (by its first line), for --rejects."""
    try:
        for _, line in lines(path):
            if line.strip():
                return LAYOUTS.get(line.count("\t") + 1, ("", []))[1]
    except (FileRefused, OSError, UnicodeDecodeError):
        pass
    return []


GDELT_READER: Reader[GdeltEvent] = Reader(read, header=False, columns=columns_of)
