"""What every resolver gets: the database, a per-request entity loader, and the settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypedDict

from starlette.requests import Request
from starlette.websockets import WebSocket
from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from api.auth import ApiKey
from graph.queries import by_id
from graph.queries.accounts import AccountRow, accounts
from graph.queries.entities import (
    EntityRow,
    IncomingRow,
    incoming_by_ids,
    source_texts,
)
from graph.queries.incidents import Candidate, candidates
from graph.settings import Settings
from graph.store.database import Database
from graph.store.follow import ChangeFeed


class Truncated(TypedDict):
    path: list[str | int]  # the field, as in errors[].path
    shown: int
    total: int | None  # None: more than shown, not counted
    rest: str  # how to get the rest


def entity_loader(database: Database) -> DataLoader[str, EntityRow | None]:
    async def load(ids: list[str]) -> list[EntityRow | None]:
        return await by_id.nodes(database, ids)

    return DataLoader(load_fn=load)


def incidents_loader(database: Database) -> DataLoader[str, list[Candidate]]:
    async def load(ids: list[str]) -> list[list[Candidate]]:
        found = await candidates(database, list(dict.fromkeys(ids)))
        return [found.get(id, []) for id in ids]

    return DataLoader(load_fn=load)


def incoming_loader(database: Database) -> DataLoader[str, IncomingRow | None]:
    async def load(ids: list[str]) -> list[IncomingRow | None]:
        found = await incoming_by_ids(database, list(dict.fromkeys(ids)))
        return [found.get(id) for id in ids]

    return DataLoader(load_fn=load)


def texts_loader(database: Database) -> DataLoader[str, str | None]:
    async def load(ids: list[str]) -> list[str | None]:
        found = await source_texts(database, list(dict.fromkeys(ids)))
        return [found.get(id) for id in ids]

    return DataLoader(load_fn=load)


def accounts_loader(database: Database) -> DataLoader[str, AccountRow | None]:
    async def load(ids: list[str]) -> list[AccountRow | None]:
        found = await accounts(database, list(dict.fromkeys(ids)))
        return [found.get(id) for id in ids]

    return DataLoader(load_fn=load)


@dataclass
class Context:
    request: Request | WebSocket
    database: Database
    settings: Settings
    api_key: ApiKey | None = None
    # The process's change feed (subscriptions), and what a WebSocket's connection_init said.
    feed: ChangeFeed | None = None
    connection_params: dict[str, Any] | None = None
    loader: DataLoader[str, EntityRow | None] = field(init=False)
    incoming: DataLoader[str, IncomingRow | None] = field(init=False)
    incidents: DataLoader[str, list[Candidate]] = field(init=False)
    texts: DataLoader[str, str | None] = field(init=False)
    accounts: DataLoader[str, AccountRow | None] = field(init=False)

    def __post_init__(self) -> None:
        self.loader = entity_loader(self.database)
        self.incoming = incoming_loader(self.database)
        self.incidents = incidents_loader(self.database)
        self.texts = texts_loader(self.database)
        self.accounts = accounts_loader(self.database)

    # Work several fields of one answer share, asked once per request.
    memo: dict[str, Any] = field(default_factory=dict)

    # Lists this request answered short of what the graph holds (api/extensions/truncation.py).
    truncated: list[Truncated] = field(default_factory=list)

    def cut(self, path: list[str | int], shown: int, total: int | None, rest: str) -> None:
        """Note that a list shows `shown` of `total` (None: of more), and how to get the rest."""
        self.truncated.append({"path": path, "shown": shown, "total": total, "rest": rest})

    def remember(self, rows: list[EntityRow]) -> None:
        """Rows fetched by a list query need no second trip through the loader."""
        for row in rows:
            self.loader.prime(row["id"], row)


Info = StrawberryInfo[Context, None]
