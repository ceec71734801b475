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

from graph.domain.bounds import period

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
ACTOR_KIND = {"State forces": "armed_forces", "External/Other forces": "armed_forces"}
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


class RowError(ValueError):
    pass


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    kind: str
    within: str | None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class ActorRef:
    id: str
    name: str
    kind: str
    inter: str | None


@dataclass
class Event:
    line: int
    id: str
    acled_id: str
    label: str  # Attack, Interception or Agreement
    category: str
    timestamp: int
    start: dt.datetime
    end: dt.datetime
    precision: str
    date_text: str
    props: dict[str, object]
    places: list[Place]
    place: str
    primary: list[ActorRef] = field(default_factory=list)
    associated: list[ActorRef] = field(default_factory=list)
    opposing: list[ActorRef] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    fatalities: int | None = None


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


def actor(name: str, inter: str | None) -> ActorRef:
    kind_name = INTER_CODES.get(inter or "", inter or "")
    return ActorRef(
        id="acled-actor:" + slug(name),
        name=name,
        kind=ACTOR_KIND.get(kind_name, "group"),
        inter=kind_name or None,
    )


def places(row: dict[str, str], latitude: float | None, longitude: float | None) -> list[Place]:
    """country > admin1 > admin2 > admin3 > location, each inside the one before."""
    found: list[Place] = []
    path = ""
    kinds = ("country", "region", "district", "district", "settlement")
    names = [row.get(k, "").strip() for k in ("country", "admin1", "admin2", "admin3", "location")]
    for name, kind in zip(names, kinds, strict=True):
        if not name:
            continue
        path = f"{path}/{slug(name)}" if path else slug(name)
        last = kind == "settlement"
        found.append(
            Place(
                id="acled-place:" + path,
                name=name,
                kind=kind,
                within=found[-1].id if found else None,
                latitude=latitude if last else None,
                longitude=longitude if last else None,
            )
        )
    return found


def label_of(event_type: str, sub_event_type: str) -> tuple[str, str] | None:
    if event_type == "Strategic developments" and sub_event_type == "Agreement":
        return "Agreement", "agreement"
    if event_type == "Strategic developments" and sub_event_type == "Disrupted weapons use":
        return "Interception", "interception"
    if event_type in ATTACK_TYPES:
        return "Attack", ATTACK_CATEGORY.get(sub_event_type, "attack")
    return None


def event(line: int, row: dict[str, str]) -> Event | None:
    """The event a row describes, None when its type is not modelled; RowError when broken."""
    for name in REQUIRED:
        if not (row.get(name) or "").strip():
            raise RowError(f"{name}: missing")
    kind = label_of(row["event_type"].strip(), row["sub_event_type"].strip())
    if kind is None:
        return None
    day = parse_date(row["event_date"])
    precision = PRECISION.get((row.get("time_precision") or "1").strip())
    if precision is None:
        raise RowError(f"time_precision: {row.get('time_precision')!r} is not 1, 2 or 3")
    start, end = period(day, precision)
    latitude = number(row, "latitude", -90, 90)
    longitude = number(row, "longitude", -180, 180)
    if (latitude is None) != (longitude is None):
        raise RowError("latitude and longitude: give both or neither")
    fatalities = number(row, "fatalities", 0, 1e6)
    timestamp = number(row, "timestamp", 0, 1e11)
    acled_id = row["event_id_cnty"].strip()
    where = places(row, latitude, longitude)
    notes = (row.get("notes") or "").strip()
    inter1, inter2 = (row.get("inter1") or "").strip(), (row.get("inter2") or "").strip()
    return Event(
        line=line,
        id="acled:" + acled_id,
        acled_id=acled_id,
        label=kind[0],
        category=kind[1],
        timestamp=int(timestamp or 0),
        start=start,
        end=end,
        precision=precision,
        date_text=row["event_date"].strip(),
        props={
            "name": f"{row['sub_event_type'].strip()} in {where[-1].name}",
            "description": notes or None,
            "eventType": row["event_type"].strip(),
            "subEventType": row["sub_event_type"].strip(),
            "disorderType": (row.get("disorder_type") or "").strip() or None,
            "civilianTargeting": (row.get("civilian_targeting") or "").strip() or None,
            "tags": split(row.get("tags")),
            "geoPrecision": int(number(row, "geo_precision", 1, 3) or 0) or None,
            "interaction": (row.get("interaction") or "").strip() or None,
        },
        places=where,
        place=where[-1].id,
        primary=[actor(row["actor1"].strip(), inter1)],
        associated=[actor(name, None) for name in split(row.get("assoc_actor_1"))],
        opposing=[actor(row["actor2"].strip(), inter2)]
        if (row.get("actor2") or "").strip()
        else [],
        sources=split(row.get("source")),
        fatalities=int(fatalities) if fatalities is not None else None,
    )


def read(path: Path) -> Iterator[Event | BadRow | None]:
    """Every data row of an export in order: an event, a bad row, or None (not modelled)."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in REQUIRED if name not in (reader.fieldnames or [])]
        if missing:
            yield BadRow(1, f"not an ACLED export: no column {', '.join(missing)}")
            return
        for row in reader:
            line = reader.line_num
            try:
                yield event(line, row)
            except RowError as error:
                yield BadRow(line, str(error))
