"""neo4j-admin CSV files: every value encoded so the importer reads back what the online
import stores (quotes, commas and line breaks inside strings, lists, nulls, datetimes,
points), and lines of replaced events dropped before the import."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from neo4j.spatial import WGS84Point

from graph.errors import BadInputError, BulkValueError, DeedgraphError
from graph.ingest.datasets.offline.tables import (
    ARRAY_DELIMITER,
    GENERATION,
    Table,
    column_key,
    point,
    records,
    utc_millis,
)


def fields(table: Table) -> list[list[str]]:
    """The data file as RFC 4180 reads it (neo4j-admin's quoting rules)."""
    table.close()
    with table.data.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def raw(table: Table) -> str:
    table.close()
    return table.data.read_text(encoding="utf-8")


def test_header_file_names_every_column_with_its_type(tmp_path: Path) -> None:
    table = Table(tmp_path, "things", ["id:ID", ":LABEL", "name", "tags:string[]"])
    assert table.header.read_text() == "id:ID,:LABEL,name,tags:string[]\n"
    assert column_key("id:ID") == ("id", "ID")
    assert column_key(":START_ID") == (":START_ID", "START_ID")
    assert column_key("name") == ("name", "string")
    assert column_key("tags:string[]") == ("tags", "string[]")


def test_quotes_commas_and_line_breaks_stay_inside_one_string(tmp_path: Path) -> None:
    table = Table(tmp_path, "notes", ["id:ID", "description"])
    tricky = 'He said "hit, twice"\nthen left;\r\nend'
    table.write({"id": "a", "description": tricky})
    table.write({"id": "b", "description": "plain"})
    assert fields(table) == [["a", tricky], ["b", "plain"]]
    assert table.multiline and table.lines == 2


def test_a_file_without_line_breaks_in_values_is_not_multiline(tmp_path: Path) -> None:
    table = Table(tmp_path, "notes", ["id:ID", "description"])
    table.write({"id": "a", "description": 'one "line", only'})
    assert not table.multiline


def test_a_missing_value_is_an_empty_field_and_an_empty_string_is_quoted(tmp_path: Path) -> None:
    table = Table(tmp_path, "things", ["id:ID", "name", "description", "value:long"])
    table.write({"id": "a", "name": "", "description": None})
    # Unquoted empty: no property; quoted empty: the empty string.
    assert raw(table) == '"a","",,\n'


def test_list_items_are_joined_by_the_unit_separator_keeping_semicolons(tmp_path: Path) -> None:
    table = Table(tmp_path, "things", ["id:ID", "quotes:string[]"])
    table.write({"id": "a", "quotes": ["one; two", 'say "x", y']})
    [[_, joined]] = fields(table)
    assert joined.split(ARRAY_DELIMITER) == ["one; two", 'say "x", y']


def test_labels_are_a_list_like_any_other(tmp_path: Path) -> None:
    table = Table(tmp_path, "things", ["id:ID", ":LABEL"])
    table.write({"id": "a", ":LABEL": ["Entity", "Attack"]})
    assert fields(table) == [["a", f"Entity{ARRAY_DELIMITER}Attack"]]


def test_an_item_holding_the_list_delimiter_is_refused_clearly(tmp_path: Path) -> None:
    table = Table(tmp_path, "things", ["id:ID", "quotes:string[]"])
    with pytest.raises(BulkValueError, match=r"U\+001F.*without --bulk") as raised:
        table.write({"id": "a", "quotes": [f"odd{ARRAY_DELIMITER}text"]})
    # The user's value, not a bug: answered as bad input, never as INTERNAL.
    assert isinstance(raised.value, BadInputError) and raised.value.code == "BAD_USER_INPUT"


def test_empty_lists_are_left_out_and_noted_for_the_import_to_set(tmp_path: Path) -> None:
    table = Table(tmp_path, "things", ["id:ID", "tags:string[]", "quotes:string[]"])
    table.write({"id": "a", "tags": [], "quotes": []})
    table.write({"id": "b", "tags": [], "quotes": ["q"]})
    assert raw(table) == '"a",,\n"b",,"q"\n'
    assert table.empty_lists == {"tags", "quotes"}


def test_epoch_millis_become_utc_datetimes_to_the_millisecond() -> None:
    assert utc_millis(0) == "1970-01-01T00:00:00.000Z"
    assert utc_millis(1742335200123) == "2025-03-18T22:00:00.123Z"
    assert utc_millis(-1) == "1969-12-31T23:59:59.999Z"


def test_points_are_wgs84_maps_that_keep_every_digit() -> None:
    assert point(WGS84Point((34.7981, 50.9077))) == '"{longitude:34.7981,latitude:50.9077}"'
    assert point((1e-05, -0.0)) == '"{longitude:1e-05,latitude:-0.0}"'


def test_booleans_and_whole_numbers_are_written_bare(tmp_path: Path) -> None:
    table = Table(tmp_path, "things", ["id:ID", "inferred:boolean", "value:long"])
    table.write({"id": "a", "inferred": True, "value": 3})
    table.write({"id": "b", "inferred": False, "value": 0})
    assert raw(table) == '"a",true,3\n"b",false,0\n'


def test_a_value_of_the_wrong_type_is_refused(tmp_path: Path) -> None:
    table = Table(tmp_path, "things", ["id:ID", "value:long", "name"])
    with pytest.raises(DeedgraphError, match=r"cannot write value: .* in its things file"):
        table.write({"id": "a", "value": True})  # a boolean is no count
    with pytest.raises(DeedgraphError, match=r"cannot write name: .* in its things file"):
        table.write({"id": "a", "name": 5})


def test_a_property_without_a_column_is_refused_by_name(tmp_path: Path) -> None:
    table = Table(tmp_path, "events", ["id:ID", "name"])
    with pytest.raises(DeedgraphError, match="no column for colour in its events file"):
        table.write({"id": "a", "colour": "red"})


def test_dropping_generations_keeps_every_other_line_whole(tmp_path: Path) -> None:
    table = Table(tmp_path, "links", [GENERATION, ":START_ID", ":END_ID", "note"])
    table.write({GENERATION: 1, ":START_ID": "a", ":END_ID": "x", "note": 'old\n,"1"'})
    table.write({GENERATION: 2, ":START_ID": "b", ":END_ID": "x", "note": "keep\nme"})
    table.write({GENERATION: 3, ":START_ID": "a", ":END_ID": "y", "note": "new"})
    table.write({":START_ID": "p", ":END_ID": "q"})  # shared: no generation
    table.close()
    assert table.drop({1}) == 1
    assert table.lines == 3
    with table.data.open(encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle)) == [
            ["2", "b", "x", "keep\nme"],
            ["3", "a", "y", "new"],
            ["", "p", "q", ""],
        ]


def test_records_join_the_lines_of_a_quoted_line_break() -> None:
    lines = ['1,"a\n', 'b ""quoted"" c"\n', "2,plain\n"]
    assert list(records(lines)) == ['1,"a\nb ""quoted"" c"\n', "2,plain\n"]
