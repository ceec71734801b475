"""Read ACLED exports (2023 layout and the older one) into checked event records."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "country")
PRECISION = {"1": "day", "2": "week", "3": "month"}
# Older files code actor types as numbers; the 2023 layout spells them out.
INTER_CODES = {
    "1": "State forces",
    "2": "Rebel group",
    "3": "Political militia",
    "4": "Identity militia",
    "5": "Rioters",
    "6": "Protesters",
    "7": "Civilians",
    "8": "External/Other forces",
}
ATTACK_CATEGORY = {
    "Air/drone strike": "air_drone_strike",
    "Shelling/artillery/missile attack": "shelling_artillery",
    "Remote explosive/landmine/IED": "remote_explosive",
    "Grenade": "remote_explosive",
    "Chemical weapon": "attack",
    "Suicide bomb": "remote_explosive",
    "Attack": "attack",
    "Abduction/forced disappearance": "attack",
    "Sexual violence": "attack",
}
ATTACK_TYPES = ("Explosions/Remote violence", "Violence against civilians")
EVENT_KINDS = {"Protests": "protest", "Riots": "riot"}


class RowError(ValueError):
    pass


@dataclass(frozen=True)
class PlaceNames:
    """Where a row says it happened, as ACLED names it: resolved to the graph's places later
    (graph/ingest/acled/gazetteer.py). Coordinates belong to the most precise level named."""

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
    """An actor as ACLED names it, with its inter category spelled out."""

    name: str
    inter: str | None
    column: str  # actor1, assoc_actor_1, actor2, ...


@dataclass
class Event:
    line: int
    id: str
    acled_id: str
    label: str  # Attack, Interception, Agreement or Event
    category: str  # the attack category or the event kind
    timestamp: int
    day: dt.date  # the local calendar date where it happened
    precision: str
    date_text: str
    props: dict[str, object]
    where: PlaceNames
    primary: list[ActorName] = field(default_factory=list)
    associated: list[ActorName] = field(default_factory=list)
    opposing: list[ActorName] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    fatalities: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class BadRow:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@functools.lru_cache(maxsize=65536)  # names repeat across rows: actors, places, sources
def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "unnamed"


def parse_date(text: str) -> dt.date:
    text = text.strip()
    if len(text) == 10 and text[4] == "-":  # the 2023 layout's YYYY-MM-DD, without strptime
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    for pattern in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise RowError(f"event_date: {text!r} is not a date (YYYY-MM-DD or '18 March 2022')")


def number(row: dict[str, str], name: str, low: float, high: float) -> float | None:
    text = (row.get(name) or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise RowError(f"{name}: {text!r} is not a number") from None
    if not low <= value <= high:
        raise RowError(f"{name}: {value} is outside {low}..{high}")
    return value


def split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def actor(name: str, inter: str | None, column: str) -> ActorName:
    category = INTER_CODES.get(inter or "", inter or "")
    return ActorName(name=name, inter=category or None, column=column)


def label_of(event_type: str, sub_event_type: str) -> tuple[str, str]:
    """The node label and category (or event kind) of a row: no event type is dropped."""
    if event_type == "Strategic developments":
        if sub_event_type == "Agreement":
            return "Agreement", "agreement"
        if sub_event_type == "Disrupted weapons use":
            return "Interception", "interception"
        return "Event", "strategic_development"
    if event_type in ATTACK_TYPES:
        return "Attack", ATTACK_CATEGORY.get(sub_event_type, "attack")
    if event_type == "Battles":
        return "Attack", "armed_clash"
    return "Event", EVENT_KINDS.get(event_type, "other")


def event(line: int, row: dict[str, str]) -> Event:
    """The event a row describes; RowError when the row is broken."""
    for name in REQUIRED:
        if not (row.get(name) or "").strip():
            raise RowError(f"{name}: missing")
    event_type, sub_event_type = row["event_type"].strip(), row["sub_event_type"].strip()
    label, category = label_of(event_type, sub_event_type)
    day = parse_date(row["event_date"])
    precision = PRECISION.get((row.get("time_precision") or "1").strip())
    if precision is None:
        raise RowError(f"time_precision: {row.get('time_precision')!r} is not 1, 2 or 3")
    latitude = number(row, "latitude", -90, 90)
    longitude = number(row, "longitude", -180, 180)
    if (latitude is None) != (longitude is None):
        raise RowError("latitude and longitude: give both or neither")
    fatalities = number(row, "fatalities", 0, 1e6)
    timestamp = number(row, "timestamp", 0, 1e11)
    acled_id = row["event_id_cnty"].strip()
    admin1, admin2, admin3, location = (
        (row.get(k) or "").strip() for k in ("admin1", "admin2", "admin3", "location")
    )
    where = PlaceNames(
        country=row["country"].strip(),
        iso=(row.get("iso") or "").strip(),
        admin1=admin1,
        admin2=admin2,
        admin3=admin3,
        location=location,
        latitude=latitude,
        longitude=longitude,
    )
    notes = (row.get("notes") or "").strip()
    inter1, inter2 = (row.get("inter1") or "").strip(), (row.get("inter2") or "").strip()
    actor2 = (row.get("actor2") or "").strip()
    place_name = location or admin3 or admin2 or admin1 or where.country
    return Event(
        line=line,
        id="acled:" + acled_id,
        acled_id=acled_id,
        label=label,
        category=category,
        timestamp=int(timestamp or 0),
        day=day,
        precision=precision,
        date_text=row["event_date"].strip(),
        props={
            "name": f"{sub_event_type} in {place_name}",
            "description": notes or None,
            "eventType": event_type,
            "subEventType": sub_event_type,
            "disorderType": (row.get("disorder_type") or "").strip() or None,
            "civilianTargeting": (row.get("civilian_targeting") or "").strip() or None,
            "tags": split(row.get("tags")),
            "geoPrecision": int(number(row, "geo_precision", 1, 3) or 0) or None,
            "interaction": (row.get("interaction") or "").strip() or None,
        },
        where=where,
        primary=[actor(row["actor1"].strip(), inter1, "actor1")],
        associated=[actor(name, None, "assoc_actor_1") for name in split(row.get("assoc_actor_1"))],
        opposing=[actor(actor2, inter2, "actor2")] if actor2 else [],
        sources=split(row.get("source")),
        fatalities=int(fatalities) if fatalities is not None else None,
        notes=notes,
    )


def read(path: Path) -> Iterator[Event | BadRow]:
    """Every data row of an export in order: an event, or a bad row."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in REQUIRED if name not in (reader.fieldnames or [])]
        if missing:
            yield BadRow(1, f"not an ACLED export: no column {', '.join(missing)}")
            return
        ended = reader.line_num  # the header's last line
        for row in reader:
            # A row starts on the line after the one before it ended: a quoted note can span
            # lines, and line_num is where the row ends.
            line, ended = ended + 1, reader.line_num
            try:
                yield event(line, row)
            except RowError as error:
                yield BadRow(line, str(error))
