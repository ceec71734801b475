"""Keyset paging (graph/queries/keyset.py): the rows after a cursor, in each direction, with
missing keys sorting as the greatest, and the page every list reads."""

from __future__ import annotations

from typing import LiteralString

import pytest

from graph.queries.keyset import Position, Sort, read_page, sort_of
from tests.unit.queries.fake import Fake, database


def test_actors_and_places_sort_by_name_whatever_the_order() -> None:
    assert sort_of("Actor", "time_asc", backward=False) == Sort("name", False)
    assert sort_of("Location", "time_desc", backward=True) == Sort("name", True)


@pytest.mark.parametrize(
    ("order", "backward", "descending"),
    [
        ("time_asc", False, False),
        ("time_asc", True, True),
        ("time_desc", False, True),
        ("time_desc", True, False),
    ],
)
def test_paging_backwards_reverses_the_order(order: str, backward: bool, descending: bool) -> None:
    assert sort_of("Attack", order, backward=backward) == Sort("time", descending)  # type: ignore[arg-type]


def test_the_order_ends_with_the_id_in_the_same_direction() -> None:
    assert Sort("time", True).order_by == "n.startEarliest DESC, n.id DESC"
    assert Sort("name", False).order_by == "toLower(n.name) ASC, n.id ASC"


def test_after_a_keyed_row_upwards_come_greater_missing_and_equal_keys_greater_ids() -> None:
    tests, params = Sort("time", False).after(Position("2025-03-18T21:00:00Z", "attack:b"))
    assert params == {"afterKey": "2025-03-18T21:00:00Z", "afterId": "attack:b"}
    assert "n.startEarliest IS NULL" in " ".join(tests)
    assert "n.id > $afterId" in tests[-1]


def test_after_a_row_with_no_key_downwards_come_every_keyed_row() -> None:
    tests, _ = Sort("time", True).after(Position(None, "attack:b"))
    assert tests == ["(n.startEarliest IS NOT NULL OR n.id < $afterId)"]


def test_a_seek_starts_at_the_cursor_only_when_it_has_a_key() -> None:
    assert Sort("time", False).seek_bound(Position(None, "a")) is None
    assert (
        Sort("time", True).seek_bound(Position("x", "a"))
        == "n.startEarliest <= datetime($afterKey)"
    )
    assert Sort("time", False).seek_bound(None) is None


async def test_a_page_reads_one_more_than_its_size_and_pages_backwards_reversed() -> None:
    rows = [[{"id": f"actor:{i}", "labels": ["Actor"]}, f"n{i}"] for i in range(3)]
    fake = Fake(rows)  # one answer: the three rows
    own: list[LiteralString] = []
    params: dict[str, object] = {}

    def query(sort: Sort) -> LiteralString:
        return "MATCH (n) WHERE " + " AND ".join(own) + " ORDER BY " + sort.order_by

    after = Position("b", "actor:b")
    page, raw = await read_page(
        database(fake), "Actor", "name", after, 2, own, params, query, backward=True
    )
    assert [r["id"] for r in page.rows] == ["actor:1", "actor:0"] and page.more
    assert page.keys == ["n1", "n0"] and len(raw) == 2
    cypher, sent = fake.sent[0]
    assert sent["limit"] == 3 and own and own[0] in cypher  # the seek past `after`
