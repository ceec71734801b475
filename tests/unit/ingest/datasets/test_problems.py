"""Bad rows told once per problem, with a count, an example and the first lines; and written
back out (--rejects) to fix and import again."""

from __future__ import annotations

import csv
from pathlib import Path

from graph.ingest.acled.records import header_of, read
from graph.ingest.acled.rows import BadRow, Event, refusal
from graph.ingest.datasets.problems import groups, lines_text, write_rejects
from tests.acled_files import old_2016, today_row, write_rows


def test_line_numbers_read_as_ranges_and_stop_after_five() -> None:
    assert lines_text([8]) == "line 8"
    assert lines_text(list(range(2, 5727))) == "lines 2-5,726"
    assert lines_text([9, 8, 12, 13, 14]) == "lines 8-9, 12-14"
    many = [2, 4, 6, 8, 10, 12, 14, 15]
    assert lines_text(many) == "lines 2, 4, 6, 8, 10, ... and 3 more"


def test_one_problem_on_every_row_is_told_once_with_its_count_and_example() -> None:
    path = Path("export.csv")
    bad = [
        (path, BadRow(n, "event_date", "is ambiguous", f"0{n % 9 + 1}-02-19"))
        for n in range(2, 5727)
    ]
    bad.append((path, BadRow(9000, "latitude", "is not a number", "north")))
    told = [str(group) for group in groups(bad)]
    assert told == [
        "export.csv: 5,725 rows: event_date '03-02-19' is ambiguous (lines 2-5,726)",
        "export.csv: 1 row: latitude 'north' is not a number (line 9,000)",
    ]


def test_a_problem_without_a_value_and_a_refused_file_read_plainly() -> None:
    bad = [
        (Path("a.csv"), BadRow(3, "actor1", "missing")),
        (Path("b.csv"), refusal("not an ACLED export: no column actor1")),
    ]
    assert [str(group) for group in groups(bad)] == [
        "a.csv: 1 row: actor1 missing (line 3)",
        "b.csv: refused: not an ACLED export: no column actor1",
    ]


def bad_rows(path: Path) -> list[tuple[Path, BadRow]]:
    return [(path, item) for item in read(path) if isinstance(item, BadRow)]


def test_rejects_keep_the_original_columns_then_line_and_reason(tmp_path: Path) -> None:
    source = old_2016(tmp_path / "nigeria.csv")
    text = source.read_text(encoding="utf-8").replace("14/01/2016", "14/13/2016")
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "rejects.csv"
    assert write_rejects(target, bad_rows(source), header_of) == 1
    with target.open(newline="", encoding="utf-8") as handle:
        [header, *rows] = list(csv.reader(handle))
    original = source.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == [*original, "line", "reason"]
    [rejected] = rows
    record = dict(zip(header, rejected, strict=True))
    assert record["event_id_cnty"] == "NGA2" and record["ally_actor_1"] == ""
    assert record["line"] == "4"
    assert record["reason"] == "event_date: '14/13/2016' is not a date of the calendar"


def test_a_fixed_rejects_file_imports_again(tmp_path: Path) -> None:
    source = write_rows(
        tmp_path / "export.csv", [today_row(1), today_row(2, latitude="north"), today_row(3)]
    )
    target = tmp_path / "rejects.csv"
    write_rejects(target, bad_rows(source), header_of)
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(target.read_text(encoding="utf-8").replace("north", "50.9"), "utf-8")
    [again] = list(read(fixed))
    assert isinstance(again, Event) and again.acled_id == "UKR2"


def test_rejects_of_several_files_say_which_file(tmp_path: Path) -> None:
    one = write_rows(tmp_path / "one.csv", [today_row(1, actor1="")])
    two = write_rows(tmp_path / "two.csv", [today_row(2, fatalities="many")])
    target = tmp_path / "rejects.csv"
    assert write_rejects(target, bad_rows(one) + bad_rows(two), header_of) == 2
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["file"], r["event_id_cnty"], r["line"]) for r in rows] == [
        (str(one), "UKR1", "2"),
        (str(two), "UKR2", "2"),
    ]
