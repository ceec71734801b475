"""One ACLED row (today's column names, missing markers as "") into a checked event record.

Reading a file is records.py's job, its columns layout.py's, its dates dates.py's, old event
types event_types.py's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from graph.ingest.acled.dates import DateError, Order, parse_date
from graph.ingest.acled.event_types import default_event_types
from graph.ingest.datasets.rows import ActorName, BadRow, PlaceNames, RowError, refusal, slug

__all__ = ["ActorName", "BadRow", "Event", "PlaceNames", "RowError", "event", "refusal", "slug"]

REQUIRED = ("event_id_cnty", "event_date", "event_type", "actor1", "country")
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


def date_of(row: dict[str, str], order: Order | None) -> dt.date:
    text = row["event_date"]
    try:
        return parse_date(text, order, row.get("year", ""))
    except DateError as error:
        raise RowError("event_date", str(error), text) from None


def number(row: dict[str, str], name: str, low: float, high: float) -> float | None:
    text = (row.get(name) or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise RowError(name, "is not a number", text) from None
    if not low <= value <= high:
        raise RowError(name, f"is outside {low:.10g}..{high:.10g}", text)
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


def types_of(row: dict[str, str], inter1: str | None) -> tuple[str, str, str | None]:
    """Today's event type and sub-event type, and the row's own type when it was an old one."""
    written, sub_event_type = row["event_type"], row.get("sub_event_type", "")
    today = default_event_types().today(written, inter1)
    if today is None:
        if not sub_event_type:
            raise RowError("sub_event_type", "missing")
        return written, sub_event_type, None
    return today.event_type, sub_event_type or today.sub_event_type, written


def event(line: int, row: dict[str, str], order: Order | None = None) -> Event:
    """The event a row describes; RowError when the row is broken. The row is layout.py's:
    today's column names, cells trimmed, missing markers as "". `order` is the file's
    day/month order (dates.py)."""
    for name in REQUIRED:
        if not row.get(name):
            raise RowError(name, "missing")
    inter1 = actor("", row.get("inter1"), "actor1").inter
    event_type, sub_event_type, original = types_of(row, inter1)
    label, category = label_of(event_type, sub_event_type)
    day = date_of(row, order)
    precision = PRECISION.get(row.get("time_precision") or "1")
    if precision is None:
        raise RowError("time_precision", "is not 1, 2 or 3", row.get("time_precision"))
    latitude = number(row, "latitude", -90, 90)
    longitude = number(row, "longitude", -180, 180)
    if (latitude is None) != (longitude is None):
        raise RowError("latitude and longitude", "give both or neither")
    fatalities = number(row, "fatalities", 0, 1e6)
    timestamp = number(row, "timestamp", 0, 1e11)
    acled_id = row["event_id_cnty"]
    admin1, admin2, admin3, location = (
        row.get(k, "") for k in ("admin1", "admin2", "admin3", "location")
    )
    where = PlaceNames(
        country=row["country"],
        iso=row.get("iso", ""),
        admin1=admin1,
        admin2=admin2,
        admin3=admin3,
        location=location,
        latitude=latitude,
        longitude=longitude,
    )
    notes = row.get("notes", "")
    actor2 = row.get("actor2", "")
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
        date_text=row["event_date"],
        props={
            "name": f"{sub_event_type or event_type} in {place_name}",
            "description": notes or None,
            "eventType": event_type,
            "subEventType": sub_event_type or None,
            "originalEventType": original,
            "disorderType": row.get("disorder_type") or None,
            "civilianTargeting": row.get("civilian_targeting") or None,
            "tags": split(row.get("tags")),
            "geoPrecision": int(number(row, "geo_precision", 1, 3) or 0) or None,
            "interaction": row.get("interaction") or None,
        },
        where=where,
        primary=[actor(row["actor1"], row.get("inter1"), "actor1")],
        associated=[actor(name, None, "assoc_actor_1") for name in split(row.get("assoc_actor_1"))],
        opposing=[actor(actor2, row.get("inter2"), "actor2")] if actor2 else [],
        sources=split(row.get("source")),
        fatalities=int(fatalities) if fatalities is not None else None,
        notes=notes,
    )
