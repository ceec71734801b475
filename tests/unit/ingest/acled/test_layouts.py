"""ACLED files as they are found: every layout since 2015 read by header name, missing-value
markers, compression, separators, byte-order marks and line ends."""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import pytest

from graph.ingest.acled.layout import Layout
from graph.ingest.acled.records import read
from graph.ingest.acled.rows import BadRow, Event
from tests.acled_files import old_2016, today_row, write_rows


def events(path: Path) -> list[Event]:
    found = list(read(path))
    bad = [item for item in found if isinstance(item, BadRow)]
    assert bad == []
    return [item for item in found if isinstance(item, Event)]


def only_bad(path: Path) -> list[BadRow]:
    return [item for item in read(path) if isinstance(item, BadRow)]


def test_old_column_names_map_to_todays_by_name_not_position() -> None:
    layout = Layout.of(["", "Ally_Actor_1", "ACTOR1", "EVENT_ID_CNTY", "gwno", "ISO3"])
    assert layout.positions == {"assoc_actor_1": 1, "actor1": 2, "event_id_cnty": 3, "iso": 5}
    row = layout.row(["0", "Allies", "Army", "NGA1", "475", "NGA"])
    assert row == {
        "assoc_actor_1": "Allies",
        "actor1": "Army",
        "event_id_cnty": "NGA1",
        "iso": "NGA",
    }


def test_the_numeric_iso_column_wins_over_iso3_when_both_are_there() -> None:
    assert Layout.of(["iso3", "iso"]).positions["iso"] == 1


def test_a_file_without_ids_or_actors_is_told_what_is_missing() -> None:
    layout = Layout.of(["event_date", "event_type", "country", "ally_actor_1"])
    assert layout.missing() == ["event_id_cnty", "actor1"]


def test_a_2016_export_reads_with_old_names_old_types_and_an_index_column(
    tmp_path: Path,
) -> None:
    found = events(old_2016(tmp_path / "nigeria_2016.csv"))
    assert [e.acled_id for e in found] == ["NGA1", "NGA2", "NGA3", "NGA4", "NGA5"]
    battle, protest, riot, remote, base = found
    assert battle.props["eventType"] == "Battles"
    assert battle.props["subEventType"] == "Armed clash"
    assert battle.props["originalEventType"] == "Battle-No change of territory"
    assert [a.name for a in battle.associated] == ["Civilian JTF"]  # from ally_actor_1
    assert (protest.label, protest.category) == ("Event", "protest")
    assert (riot.label, riot.category) == ("Event", "riot")  # inter1 5: rioters
    assert (remote.label, remote.category, remote.props["subEventType"]) == (
        "Attack",
        "attack",
        None,
    )
    assert remote.props["name"] == "Explosions/Remote violence in Maiduguri"
    assert base.props["subEventType"] == "Headquarters or base established"
    assert battle.day.isoformat() == "2016-01-13"  # 13/01/2016: day first
    assert battle.line == 2 and protest.line == 4  # the first note spans two lines


def test_a_file_without_actor2_columns_reads(tmp_path: Path) -> None:
    row = today_row(1)
    del row["actor2"], row["inter2"], row["assoc_actor_2"]
    [found] = events(write_rows(tmp_path / "export.csv", [row]))
    assert found.opposing == []


def test_extra_columns_are_ignored(tmp_path: Path) -> None:
    rows = [{**today_row(1), "county_code": "X12", "data_id": "9", "event_id_no_cnty": "1"}]
    [found] = events(write_rows(tmp_path / "export.csv", rows))
    assert found.acled_id == "UKR1"


@pytest.mark.parametrize("marker", ["NA", "N/A", "n/a", "null", "NULL", "-", "", "  NA "])
def test_missing_value_markers_are_missing_in_every_column(tmp_path: Path, marker: str) -> None:
    row = today_row(1, actor2=marker, inter2=marker, admin3=marker, location=marker)
    row.update(tags=marker, notes=marker, fatalities=marker, latitude=marker, longitude=marker)
    row.update(assoc_actor_1=marker, source=marker, timestamp=marker, geo_precision=marker)
    [found] = events(write_rows(tmp_path / "export.csv", [row]))
    assert found.opposing == [] and found.associated == [] and found.sources == []
    assert found.where.location == "" and found.where.admin3 == ""
    assert found.where.latitude is None and found.fatalities is None and found.notes == ""
    assert found.props["name"] == "Air/drone strike in Sumskyi"


def test_a_required_value_written_as_na_is_missing(tmp_path: Path) -> None:
    [bad] = only_bad(write_rows(tmp_path / "export.csv", [today_row(1, actor1="NA")]))
    assert bad.reason == "actor1: missing"


@pytest.mark.parametrize("name", ["export.csv.gz", "export.zip"])
def test_compressed_exports_read_as_plain_ones(tmp_path: Path, name: str) -> None:
    path = write_rows(tmp_path / name, [today_row(1), today_row(2)])
    assert path.name == name
    assert [e.acled_id for e in events(path)] == ["UKR1", "UKR2"]


def test_a_zip_with_two_csv_files_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "two.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.csv", "x\n")
        archive.writestr("b.csv", "x\n")
    [bad] = only_bad(path)
    assert bad.refused and "exactly one CSV file; this one holds a.csv, b.csv" in bad.problem


def test_a_gz_that_is_not_gzip_is_refused_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "export.csv.gz"
    path.write_bytes(b"event_id_cnty,actor1\n")
    [bad] = only_bad(path)
    assert bad.refused and "cannot be read" in bad.problem


def test_semicolon_exports_with_decimal_commas_read(tmp_path: Path) -> None:
    row = today_row(1, latitude="50,9077", longitude="34,7981", source="A; B")
    [found] = events(write_rows(tmp_path / "export.csv", [row], delimiter=";"))
    assert (found.where.latitude, found.where.longitude) == (50.9077, 34.7981)
    assert found.sources == ["A", "B"]


def test_tab_separated_exports_read(tmp_path: Path) -> None:
    [found] = events(write_rows(tmp_path / "export.tsv", [today_row(1)], delimiter="\t"))
    assert found.acled_id == "UKR1"


def test_crlf_a_byte_order_mark_and_quoted_line_breaks_read_with_true_lines(
    tmp_path: Path,
) -> None:
    rows = [today_row(1, notes="first\r\nsecond"), today_row(2), today_row(3, event_date="x")]
    path = write_rows(tmp_path / "export.csv", rows, line_end="\r\n", bom=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfevent_id_cnty,")
    found = list(read(path))
    assert [(type(item).__name__, item.line) for item in found] == [
        ("Event", 2),
        ("Event", 4),
        ("BadRow", 5),
    ]
    first = found[0]
    assert isinstance(first, Event) and first.notes == "first\r\nsecond"


def test_blank_lines_are_skipped_not_bad_rows(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "export.csv", [today_row(1)])
    path.write_text(path.read_text() + "\n,,,\n", encoding="utf-8")
    assert len(events(path)) == 1


def test_a_file_a_spreadsheet_saved_in_windows_1252_reads_as_written(tmp_path: Path) -> None:
    notes = "Shelling near the caf\xe9 \u2013 \u201cC\xf4te\u201d street"
    path = write_rows(tmp_path / "export.csv", [today_row(1), today_row(2, notes=notes)])
    path.write_bytes(path.read_bytes().replace(notes.encode(), notes.encode("cp1252")))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    found = events(path)
    assert len(found) == 2 and found[1].notes == notes


def test_a_file_mixing_utf8_and_windows_1252_reads_each_as_written(tmp_path: Path) -> None:
    rows = [today_row(1, notes="Kyiv \u2013 UTF-8"), today_row(2, notes="Kyiv \u2013 1252")]
    path = write_rows(tmp_path / "export.csv", rows)
    path.write_bytes(
        path.read_bytes().replace("\u2013 1252".encode(), "\u2013 1252".encode("cp1252"))
    )
    assert [e.notes for e in events(path)] == ["Kyiv \u2013 UTF-8", "Kyiv \u2013 1252"]


def test_gzip_helper_writes_real_gzip(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "export.csv.gz", [today_row(1)])
    assert gzip.decompress(path.read_bytes()).startswith(b"event_id_cnty,")
