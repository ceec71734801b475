"""Reading ACLED exports (the 2023 layout and the older one): dates, precision, numbers,
required fields, and bad rows reported with their line and reason."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from graph.ingest.acled.dates import DateError, parse_date
from graph.ingest.acled.layout import present
from graph.ingest.acled.records import read
from graph.ingest.acled.rows import BadRow, Event, RowError, event, refusal

ROOT = Path(__file__).resolve().parents[4]
NEW = ROOT / "tests" / "data" / "acled_2023.csv"
OLD = ROOT / "tests" / "data" / "acled_old.csv"
UTC = dt.UTC


def row(**changes: str) -> dict[str, str]:
    """A modelled 2023-layout row as layout.py gives it (trimmed, missing markers as "");
    keyword arguments replace its fields."""
    base = {
        "event_id_cnty": "UKR9001",
        "event_date": "2025-03-19",
        "time_precision": "1",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Russia (2000-)",
        "assoc_actor_1": "",
        "inter1": "State forces",
        "actor2": "",
        "inter2": "",
        "country": "Ukraine",
        "admin1": "Sumy",
        "admin2": "Sumskyi",
        "admin3": "",
        "location": "Sumy",
        "latitude": "50.9",
        "longitude": "34.8",
        "geo_precision": "1",
        "source": "Ukrinform",
        "notes": "Drones hit Sumy.",
        "fatalities": "0",
        "tags": "",
        "timestamp": "1742500000",
    }
    return {name: present(value) for name, value in {**base, **changes}.items()}


def parsed(**changes: str) -> Event:
    return event(2, row(**changes))


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_the_2023_layout_reads_every_row_as_an_event_or_a_bad_row() -> None:
    found = list(read(NEW))
    assert len(found) == 9
    events = [item for item in found if isinstance(item, Event)]
    assert [e.acled_id for e in events] == [f"UKR100{n}" for n in range(1, 7)]
    assert [e.label for e in events[:5]] == [
        "Attack",
        "Attack",
        "Attack",
        "Interception",
        "Agreement",
    ]


def test_the_2023_layouts_broken_rows_carry_their_line_and_reason() -> None:
    bad = {item.line: item.reason for item in read(NEW) if isinstance(item, BadRow)}
    assert set(bad) == {8, 9, 10}
    assert bad[8].startswith("event_date: '2025-13-45' is not a date")
    assert bad[9] == "latitude: 'north' is not a number"
    assert bad[10] == "event_id_cnty: missing"


def test_events_carry_the_line_of_their_row() -> None:
    lines = [item.line for item in read(NEW) if isinstance(item, Event)]
    assert lines == [2, 3, 4, 5, 6, 7]


def test_the_2023_layout_keeps_dates_precision_and_figures() -> None:
    events = {e.acled_id: e for e in read(NEW) if isinstance(e, Event)}
    sumy = events["UKR1001"]
    assert (sumy.day, sumy.precision, sumy.date_text) == (dt.date(2025, 3, 19), "day", "2025-03-19")
    assert sumy.category == "air_drone_strike"
    assert sumy.sources == ["Ukrinform", "Suspilne"]
    assert sumy.timestamp == 1742500000 and sumy.fatalities == 0
    assert events["UKR1003"].precision == "week" and events["UKR1003"].fatalities == 2
    assert events["UKR1005"].fatalities is None


def test_the_older_layout_reads_with_its_spelled_out_dates() -> None:
    found = list(read(OLD))
    assert all(isinstance(item, Event) for item in found)
    events = [item for item in found if isinstance(item, Event)]
    assert [e.acled_id for e in events] == ["UKR0901", "UKR1001", "UKR1002"]
    assert [e.day for e in events] == [
        dt.date(2022, 3, 18),
        dt.date(2025, 3, 19),
        dt.date(2025, 3, 19),
    ]
    assert all(e.label == "Attack" for e in events)
    assert [e.timestamp for e in events] == [1650000000, 1742400000, 1742600000]
    assert events[0].precision == "month" and events[0].date_text == "18 March 2022"


@pytest.mark.parametrize(("code", "precision"), [("1", "day"), ("2", "week"), ("3", "month")])
def test_time_precision_codes_are_named(code: str, precision: str) -> None:
    assert parsed(time_precision=code).precision == precision


def test_a_missing_precision_means_a_day() -> None:
    assert parsed(time_precision="").precision == "day"


def test_an_unknown_precision_is_a_row_error() -> None:
    with pytest.raises(RowError, match="time_precision: '4' is not 1, 2 or 3"):
        event(2, row(time_precision="4"))


def test_numeric_inter_codes_are_spelled_out() -> None:
    kharkiv = next(e for e in read(OLD) if isinstance(e, Event) and e.acled_id == "UKR0901")
    assert kharkiv.primary[0].inter == "External/Other forces"  # inter1 = 8
    assert kharkiv.opposing[0].inter == "Civilians"  # inter2 = 7
    assert parsed(inter1="1").primary[0].inter == "State forces"


def test_a_spelled_out_or_missing_inter_is_kept_as_it_is() -> None:
    assert parsed(inter1="Rebel group").primary[0].inter == "Rebel group"
    assert parsed(inter1="").primary[0].inter is None


@pytest.mark.parametrize(
    "text", ["2022-03-18", "18 March 2022", "18-March-2022", "18/03/2022", " 2022-03-18 "]
)
def test_acled_date_spellings_parse(text: str) -> None:
    assert parse_date(text) == dt.date(2022, 3, 18)


@pytest.mark.parametrize("text", ["2025-13-45", "March 18 2022", "", "yesterday", "2022-02-30"])
def test_anything_else_is_not_a_date(text: str) -> None:
    with pytest.raises(DateError, match=r"^is not a date"):
        parse_date(text)
    with pytest.raises(RowError, match=r"^event_date: .* is not a date"):
        event(2, row(event_date=text or "?"))


@pytest.mark.parametrize(
    "missing", ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "country"]
)
def test_each_required_field_must_be_filled(missing: str) -> None:
    with pytest.raises(RowError, match=f"^{missing}: missing$"):
        event(2, row(**{missing: "  "}))


def test_attack_types_map_to_attack_categories() -> None:
    shelling = parsed(sub_event_type="Shelling/artillery/missile attack")
    assert (shelling.label, shelling.category) == ("Attack", "shelling_artillery")
    violence = parsed(event_type="Violence against civilians", sub_event_type="Attack")
    assert (violence.label, violence.category) == ("Attack", "attack")
    unknown = parsed(sub_event_type="Something new")
    assert (unknown.label, unknown.category) == ("Attack", "attack")


def test_strategic_developments_are_agreements_or_interceptions() -> None:
    agreement = parsed(event_type="Strategic developments", sub_event_type="Agreement")
    assert (agreement.label, agreement.category) == ("Agreement", "agreement")
    shot_down = parsed(event_type="Strategic developments", sub_event_type="Disrupted weapons use")
    assert (shot_down.label, shot_down.category) == ("Interception", "interception")


def test_numbers_are_checked_against_their_range() -> None:
    with pytest.raises(RowError, match=re.escape("latitude: '91' is outside -90..90")):
        event(2, row(latitude="91"))
    with pytest.raises(RowError, match=re.escape("fatalities: '-1' is outside 0..1000000")):
        event(2, row(fatalities="-1"))
    with pytest.raises(RowError, match="longitude: 'east' is not a number"):
        event(2, row(longitude="east"))
    with pytest.raises(RowError, match=re.escape("geo_precision: '4' is outside 1..3")):
        event(2, row(geo_precision="4"))


def test_coordinates_come_in_pairs() -> None:
    with pytest.raises(RowError, match="latitude and longitude: give both or neither"):
        event(2, row(longitude=""))
    assert parsed(latitude="", longitude="").acled_id == "UKR9001"


def test_fatalities_and_timestamp_become_whole_numbers() -> None:
    found = parsed(fatalities="3", timestamp="1742500000.0")
    assert found.fatalities == 3 and found.timestamp == 1742500000
    assert parsed(fatalities="").fatalities is None
    assert parsed(timestamp="").timestamp == 0


def test_lists_split_on_semicolons() -> None:
    found = parsed(
        source="Ukrinform; Suspilne;", tags="crowd size=no report; ", assoc_actor_1="A; B"
    )
    assert found.sources == ["Ukrinform", "Suspilne"]
    assert found.props["tags"] == ["crowd size=no report"]
    assert [ref.name for ref in found.associated] == ["A", "B"]


def test_properties_keep_the_rows_words() -> None:
    found = parsed(notes="  ", geo_precision="2", event_id_cnty=" UKR9001 ")
    assert found.props["description"] is None
    assert found.props["geoPrecision"] == 2
    assert found.props["name"] == "Air/drone strike in Sumy"
    assert found.props["eventType"] == "Explosions/Remote violence"
    assert (found.id, found.acled_id) == ("acled:UKR9001", "UKR9001")


def test_an_event_is_named_after_its_most_precise_place() -> None:
    assert parsed(location="", admin3="").props["name"] == "Air/drone strike in Sumskyi"
    assert parsed(location="", admin2="", admin1="").props["name"] == "Air/drone strike in Ukraine"


def test_an_opposing_actor_only_when_there_is_one() -> None:
    assert parsed().opposing == []
    assert [ref.name for ref in parsed(actor2="Civilians (Ukraine)").opposing] == [
        "Civilians (Ukraine)"
    ]


def test_a_file_without_a_required_column_is_one_bad_row(tmp_path: Path) -> None:
    data = row()
    del data["actor1"]
    found = list(read(write_csv(tmp_path / "export.csv", [data])))
    assert found == [refusal("not an ACLED export: no column actor1")]
    assert isinstance(found[0], BadRow) and found[0].refused


def test_an_empty_file_is_one_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    [bad] = list(read(path))
    assert isinstance(bad, BadRow) and bad.line == 1


def test_a_byte_order_mark_does_not_hide_the_first_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.csv", [row()])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    [found] = list(read(path))
    assert isinstance(found, Event) and found.acled_id == "UKR9001"


def test_a_bad_row_reads_as_its_line_and_reason() -> None:
    assert str(BadRow(9, "latitude", "is not a number", "north")) == (
        "line 9: latitude: 'north' is not a number"
    )


def test_a_row_with_a_multiline_note_is_reported_at_its_first_line(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.csv", [row(notes="Drones hit\nSumy."), row()])
    lines = [item.line for item in read(path) if isinstance(item, Event)]
    assert lines == [2, 4]
