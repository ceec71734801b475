"""An export's parameters are read once for HTTP and the CLI, each problem named."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.errors import BadInputError
from graph.export.ask import parse


def test_each_export_has_its_own_default_format_and_table() -> None:
    around = parse("neighborhood", {"id": "actor:x"}, 500, 10_000)
    assert (around.format, around.table) == ("cytoscape", "nodes")
    assert (around.depth, around.limit) == (1, 100)
    listed = parse("attacks", {"format": "csv"}, 500, 10_000)
    assert (listed.table, listed.limit) == ("attacks", 1000)
    assert parse("attacks", {}, 500, 300).limit == 300  # never past the server's cap


def test_a_date_is_the_whole_day_in_utc() -> None:
    listed = parse("attacks", {"start": "2025-03-19", "end": "2025-03-19"}, 500, 10_000)
    assert listed.filter.start == dt.datetime(2025, 3, 19, tzinfo=dt.UTC)
    assert listed.filter.end == dt.datetime(2025, 3, 19, 23, 59, 59, 999999, tzinfo=dt.UTC)
    moment = parse("attacks", {"start": "2025-03-19T02:00:00+02:00"}, 500, 10_000).filter.start
    assert moment == dt.datetime(2025, 3, 19, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("what", "params", "said"),
    [
        ("neighborhood", {"id": "actor:x", "depth": "4"}, "depth: must be between 1 and 3"),
        ("neighborhood", {"id": "actor:x", "limit": "many"}, "limit: must be a whole number"),
        ("neighborhood", {"id": "actor:x", "limit": "501"}, "limit: must be between 1 and 500"),
        ("path", {"from": "actor:x"}, "to: is required"),
        ("path", {"from": "a:b", "to": "c:d", "maxHops": "7"}, "maxHops: must be between 1 and 6"),
        ("attacks", {"limit": "10001"}, "limit: must be between 1 and 10000"),
        ("attacks", {"end": "2025-03-01", "start": "2025-03-02"}, "end: is before start"),
        ("attacks", {"start": "yesterday"}, "start: not an ISO 8601 date or moment"),
        ("attacks", {"timeMode": "maybe"}, "timeMode: must be one of definitely, possibly"),
        ("attacks", {"table": "edges", "format": "csv", "id": "x"}, "id: not a parameter"),
        ("path", {"from": "a:b", "to": "c:d", "table": "attacks"}, "table: must be one of"),
        ("graph", {}, "export: can be neighborhood, path, attacks"),
    ],
)
def test_a_bad_parameter_is_named(what: str, params: dict[str, str], said: str) -> None:
    with pytest.raises(BadInputError, match=said):
        parse(what, params, 500, 10_000)
