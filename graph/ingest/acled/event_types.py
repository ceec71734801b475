"""ACLED's event types before its 2019 recoding, as today's: the table is
seeds/resolution/event_types.yaml (docs/resolution.md, "Event types")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "seeds" / "resolution" / "event_types.yaml"
TODAY = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
FIELDS = ("old", "event_type", "sub_event_type", "note", "by_actor1")


@dataclass(frozen=True)
class Today:
    event_type: str
    sub_event_type: str  # "" when the old type does not say


@dataclass(frozen=True)
class OldType:
    old: str
    today: Today
    by_actor1: dict[str, Today]  # actor1's inter category -> today's type
    note: str


class EventTypes:
    def __init__(self, types: list[OldType]) -> None:
        self.by_name = {entry.old.casefold(): entry for entry in types}

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> EventTypes:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise ValueError(f"{path}: not valid YAML: {error}") from error
        raw = data.get("types") if isinstance(data, dict) else None
        if not isinstance(raw, list):
            raise ValueError(f"{path}: field 'types': expected a list of old types")
        return cls([parse_entry(entry, path, index) for index, entry in enumerate(raw)])

    def today(self, event_type: str, actor1_inter: str | None) -> Today | None:
        """Today's type for an old one; None for a type that is not old."""
        entry = self.by_name.get(event_type.casefold())
        if entry is None:
            return None
        return entry.by_actor1.get(actor1_inter or "", entry.today)


def parse_today(entry: dict[object, object], fail: type[ValueError], where: str) -> Today:
    event_type, sub_event_type = entry.get("event_type"), entry.get("sub_event_type")
    if event_type not in TODAY:
        raise fail(f"{where}event_type: {event_type!r} is not one of {', '.join(TODAY)}")
    if sub_event_type is not None and not isinstance(sub_event_type, str):
        raise fail(f"{where}sub_event_type: expected text or null")
    assert isinstance(event_type, str)
    return Today(event_type, sub_event_type or "")


def parse_entry(entry: object, path: Path, index: int) -> OldType:
    class EntryError(ValueError):
        def __init__(self, problem: str) -> None:
            super().__init__(f"{path}: type {index}: field {problem}")

    if not isinstance(entry, dict):
        raise EntryError("type: expected a mapping with old, event_type, sub_event_type, note")
    for key in entry:
        if key not in FIELDS:
            raise EntryError(f"{key}: unknown; expected {', '.join(FIELDS)}")
    old, note = entry.get("old"), entry.get("note")
    if not isinstance(old, str) or not old.strip():
        raise EntryError("old: expected the old event type")
    if not isinstance(note, str) or not note.strip():
        raise EntryError("note: an entry says why it holds")
    by_actor1: dict[str, Today] = {}
    raw = entry.get("by_actor1") or {}
    if not isinstance(raw, dict):
        raise EntryError("by_actor1: expected a mapping of inter categories")
    for inter, mapped in raw.items():
        if not isinstance(mapped, dict):
            raise EntryError(f"by_actor1.{inter}: expected event_type and sub_event_type")
        by_actor1[str(inter)] = parse_today(mapped, EntryError, f"by_actor1.{inter}.")
    return OldType(old.strip(), parse_today(entry, EntryError, ""), by_actor1, note.strip())


@lru_cache(maxsize=1)
def default_event_types() -> EventTypes:
    return EventTypes.load()
