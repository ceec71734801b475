"""Relay connections: opaque offset cursors that round-trip, refuse what the API did not give
out, and page information that says where a page sits."""

from __future__ import annotations

import base64

import pytest

from api.types.connections import Connection, connection, decode_cursor, encode_cursor
from graph.errors import BadInputError


def raw(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


@pytest.mark.parametrize("offset", [0, 1, 49, 10_000])
def test_a_cursor_continues_after_the_item_it_marks(offset: int) -> None:
    assert decode_cursor(encode_cursor(offset)) == offset + 1


def test_no_cursor_starts_at_the_beginning() -> None:
    assert decode_cursor(None) == 0


def test_cursors_are_opaque_text() -> None:
    cursor = encode_cursor(7)
    assert "7" not in cursor and cursor.isascii()


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage!",
        "",
        raw("offset:"),
        raw("offset:seven"),
        raw("page:3"),
        raw("3"),
        base64.urlsafe_b64encode(b"\xff\xfe:1").decode(),
    ],
)
def test_a_cursor_the_api_did_not_give_out_is_bad_input(cursor: str) -> None:
    with pytest.raises(BadInputError, match="is not a cursor this API gave out") as caught:
        decode_cursor(cursor)
    assert caught.value.code == "BAD_USER_INPUT"


def test_a_negative_offset_is_bad_input() -> None:
    with pytest.raises(BadInputError):
        decode_cursor(encode_cursor(-1))


def test_an_offset_beyond_what_neo4j_can_skip_is_bad_input() -> None:
    with pytest.raises(BadInputError):
        decode_cursor(encode_cursor(2**63))


def test_a_first_page_has_no_previous_page() -> None:
    page = connection(["a", "b"], 0, True, None)
    assert page.page_info.has_previous_page is False
    assert page.page_info.has_next_page is True
    assert page.page_info.start_cursor == encode_cursor(0)
    assert page.page_info.end_cursor == encode_cursor(1)
    assert page.total_count is None


def test_a_later_page_numbers_its_edges_from_its_offset() -> None:
    page = connection(["c", "d"], 2, False, 4)
    assert [edge.cursor for edge in page.edges] == [encode_cursor(2), encode_cursor(3)]
    assert [edge.node for edge in page.edges] == ["c", "d"]
    assert page.nodes() == ["c", "d"]
    assert page.page_info.has_previous_page is True and page.page_info.has_next_page is False
    assert page.total_count == 4


def test_the_end_cursor_continues_with_the_next_page() -> None:
    page = connection(["a", "b", "c"], 0, True, None)
    assert page.page_info.end_cursor is not None
    assert decode_cursor(page.page_info.end_cursor) == 3


def test_an_empty_page_has_no_cursors() -> None:
    page: Connection[str] = connection([], 5, False, 5)
    assert page.edges == []
    assert page.page_info.start_cursor is None and page.page_info.end_cursor is None
