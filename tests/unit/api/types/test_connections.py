"""Relay connections: opaque keyset cursors that round-trip, refuse what the API did not give
out or gave out for another order, and page information that says where a page sits."""

from __future__ import annotations

import base64

import orjson
import pytest

from api.types.connections import Connection, Edge, connection, decode_cursor, encode_cursor
from graph.errors import BadInputError
from graph.queries.keyset import Position


def raw(data: object) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(data)).decode()


@pytest.mark.parametrize(
    ("key", "id"),
    [("2025-03-18T21:00:00Z", "attack:a"), (None, "attack:b"), ("kyiv", "location:kyiv")],
)
def test_a_cursor_names_the_row_it_marks(key: str | None, id: str) -> None:
    assert decode_cursor("after", encode_cursor("time_asc", key, id), "time_asc") == Position(
        key, id
    )


def test_no_cursor_starts_at_the_beginning() -> None:
    assert decode_cursor("after", None, "name") is None


def test_cursors_are_opaque_text() -> None:
    cursor = encode_cursor("time_asc", "2025-03-18T21:00:00Z", "attack:a")
    assert "attack" not in cursor and cursor.isascii()


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage!",
        "",
        base64.urlsafe_b64encode(b"offset:3").decode(),
        raw({"o": "time_asc", "k": 3, "i": "a"}),
        raw({"o": "time_asc", "k": None, "i": 7}),
        raw({"o": "time_asc", "k": None}),
        raw(["time_asc", None, "a"]),
        base64.urlsafe_b64encode(b"\xff\xfe:1").decode(),
    ],
)
def test_a_cursor_the_api_did_not_give_out_is_bad_input(cursor: str) -> None:
    with pytest.raises(BadInputError, match=r"after: .* is not a cursor this API gave out") as e:
        decode_cursor("after", cursor, "time_asc")
    assert e.value.code == "BAD_USER_INPUT"


def test_a_cursor_from_another_order_is_refused_by_name() -> None:
    cursor = encode_cursor("time_desc", None, "a")
    with pytest.raises(BadInputError, match="before: the cursor is for order time_desc"):
        decode_cursor("before", cursor, "time_asc")


def edges(*ids: str) -> list[Edge[str]]:
    return [Edge(cursor=encode_cursor("name", id, id), node=id) for id in ids]


def test_a_first_page_has_no_previous_page() -> None:
    page = connection(edges("a", "b"), has_next=True, has_previous=False, total=None)
    assert page.page_info.has_previous_page is False
    assert page.page_info.has_next_page is True
    assert page.page_info.start_cursor == encode_cursor("name", "a", "a")
    assert page.page_info.end_cursor == encode_cursor("name", "b", "b")
    assert page.total_count is None
    assert page.nodes() == ["a", "b"]


def test_an_empty_page_has_no_cursors() -> None:
    page: Connection[str] = connection([], has_next=False, has_previous=True, total=5)
    assert page.edges == []
    assert page.page_info.start_cursor is None and page.page_info.end_cursor is None
    assert page.total_count == 5
