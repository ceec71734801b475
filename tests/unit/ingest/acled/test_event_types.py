"""ACLED's pre-2019 event types as today's, from seeds/resolution/event_types.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.acled.event_types import EventTypes, Today, default_event_types
from graph.ingest.acled.rows import event
from tests.unit.ingest.acled.test_rows import row

SD = "Strategic developments"
OLD_TYPES = [
    ("Battle-No change of territory", "Battles", "Armed clash"),
    ("Battle-Government regains territory", "Battles", "Government regains territory"),
    (
        "Battle-Non-state actor overtakes territory",
        "Battles",
        "Non-state actor overtakes territory",
    ),
    ("Remote violence", "Explosions/Remote violence", ""),
    ("Riots/Protests", "Protests", ""),
    ("Violence against civilians", "Violence against civilians", ""),
    ("Strategic development", "Strategic developments", ""),
    ("Non-violent transfer of territory", SD, "Non-violent transfer of territory"),
    ("Headquarters or base established", SD, "Headquarters or base established"),
]


@pytest.mark.parametrize(("old", "event_type", "sub_event_type"), OLD_TYPES)
def test_each_old_type_has_todays_type_in_the_shipped_table(
    old: str, event_type: str, sub_event_type: str
) -> None:
    assert default_event_types().today(old, None) == Today(event_type, sub_event_type)
    assert default_event_types().today(old.upper(), None) == Today(event_type, sub_event_type)


def test_todays_types_are_not_old_ones() -> None:
    assert default_event_types().today("Battles", None) is None
    assert default_event_types().today("Protests", "Protesters") is None


def test_riots_and_protests_are_told_apart_by_actor1s_inter_code() -> None:
    rioters = event(2, row(event_type="Riots/Protests", sub_event_type="", inter1="5"))
    protesters = event(2, row(event_type="Riots/Protests", sub_event_type="", inter1="6"))
    assert (rioters.props["eventType"], rioters.category) == ("Riots", "riot")
    assert (protesters.props["eventType"], protesters.category) == ("Protests", "protest")
    assert rioters.props["originalEventType"] == "Riots/Protests"


def test_a_rows_own_sub_event_type_wins_over_the_tables() -> None:
    found = event(2, row(event_type="Remote violence", sub_event_type="Air/drone strike"))
    assert (found.label, found.category) == ("Attack", "air_drone_strike")
    assert found.props["originalEventType"] == "Remote violence"


def test_a_current_row_has_no_original_type() -> None:
    assert event(2, row()).props["originalEventType"] is None


def test_a_malformed_entry_fails_naming_the_file_entry_and_field(tmp_path: Path) -> None:
    path = tmp_path / "types.yaml"
    path.write_text(
        "types:\n  - {old: Fights, event_type: Fighting, sub_event_type: null, note: x}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"types.yaml: type 0: field event_type: 'Fighting'"):
        EventTypes.load(path)
    path.write_text("types:\n  - {old: Fights, event_type: Battles, note: ''}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="type 0: field note: an entry says why"):
        EventTypes.load(path)
