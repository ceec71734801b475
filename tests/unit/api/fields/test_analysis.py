"""The opening every analysis shares: one row more than asked, the subject checked only when
nothing came, the rows kept to size, and what they name loaded in one batch."""

from __future__ import annotations

from typing import Any, cast

import pytest

from api.context import Info
from api.fields import analysis
from api.fields.analysis import Subject, opened
from api.types.entity import Entity
from api.types.kinds import Agreement

SUBJECT = Subject("agreementId", "agreement:halt", Agreement)


class Calls:
    def __init__(self) -> None:
        self.required: list[tuple[str, str]] = []
        self.loaded: list[list[str]] = []
        self.cut: list[int] = []


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    found = Calls()

    async def require(info: Info, argument: str, id: str, kind: type) -> None:
        found.required.append((argument, id))

    async def by_id(
        info: Info, ids: list[str], kind: type, needed: str, known: Any
    ) -> dict[str, str]:
        found.loaded.append(ids)
        return {id: id for id in ids}

    def kept(info: Info, rows: list[Any], size: int) -> list[Any]:
        found.cut.append(size)
        return rows[:size]

    monkeypatch.setattr(analysis, "require", require)
    monkeypatch.setattr(analysis, "by_id", by_id)
    monkeypatch.setattr(analysis, "kept", kept)
    monkeypatch.setattr(analysis, "fields_detail", lambda info, *names: "identity")
    return found


def rows(count: int) -> list[dict[str, object]]:
    return [{"id": f"attack:{i}", "known": []} for i in range(count)]


async def test_one_row_more_is_asked_and_the_rows_kept_to_size(calls: Calls) -> None:
    asked: list[int] = []

    async def fetch(limit: int) -> list[dict[str, object]]:
        asked.append(limit)
        return rows(limit)

    answer = await opened(
        cast(Info, None), 2, SUBJECT, fetch, lambda r: [str(x["id"]) for x in r], Entity, ("a",)
    )
    assert asked == [3] and calls.cut == [2] and calls.required == []
    assert [r["id"] for r in answer.rows] == ["attack:0", "attack:1"]
    assert calls.loaded == [["attack:0", "attack:1"]] and list(answer.entities) == calls.loaded[0]


async def test_the_subject_is_checked_only_when_nothing_came(calls: Calls) -> None:
    async def fetch(limit: int) -> list[dict[str, object]]:
        return []

    answer = await opened(cast(Info, None), None, SUBJECT, fetch, lambda r: [], Entity, ("a",))
    assert calls.required == [("agreementId", "agreement:halt")] and answer.rows == []
