"""A stand-in for graph.store.database.Database that answers every read with given rows and
keeps the Cypher and parameters it was sent."""

from __future__ import annotations

from typing import Any, LiteralString, cast

from graph.store.database import Database


class Fake:
    def __init__(self, *answers: list[Any]) -> None:
        self.answers = list(answers)
        self.sent: list[tuple[LiteralString, dict[str, Any]]] = []

    async def read_list(self, cypher: LiteralString, **params: Any) -> list[Any]:
        self.sent.append((cypher, params))
        return self.answers.pop(0) if self.answers else []


def database(fake: Fake) -> Database:
    return cast(Database, fake)
