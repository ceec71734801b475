"""What every resolver gets: the database, a per-request entity loader, and the settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request
from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from api.auth import ApiKey
from graph.queries.entities import EntityRow, RelationRow, entities_by_ids, incoming_by_ids
from graph.queries.incidents import Candidate, candidates
from graph.settings import Settings
from graph.store.database import Database


def entity_loader(database: Database) -> DataLoader[str, EntityRow | None]:
    async def load(ids: list[str]) -> list[EntityRow | None]:
        found = await entities_by_ids(database, list(dict.fromkeys(ids)))
        return [found.get(id) for id in ids]

    return DataLoader(load_fn=load)


def incidents_loader(database: Database) -> DataLoader[str, list[Candidate]]:
    async def load(ids: list[str]) -> list[list[Candidate]]:
        found = await candidates(database, list(dict.fromkeys(ids)))
        return [found.get(id, []) for id in ids]

    return DataLoader(load_fn=load)


def incoming_loader(database: Database) -> DataLoader[str, list[RelationRow]]:
    async def load(ids: list[str]) -> list[list[RelationRow]]:
        found = await incoming_by_ids(database, list(dict.fromkeys(ids)))
        return [found.get(id, []) for id in ids]

    return DataLoader(load_fn=load)


@dataclass
class Context:
    request: Request
    database: Database
    settings: Settings
    api_key: ApiKey | None = None
    loader: DataLoader[str, EntityRow | None] = field(init=False)
    incoming: DataLoader[str, list[RelationRow]] = field(init=False)
    incidents: DataLoader[str, list[Candidate]] = field(init=False)

    def __post_init__(self) -> None:
        self.loader = entity_loader(self.database)
        self.incoming = incoming_loader(self.database)
        self.incidents = incidents_loader(self.database)

    def remember(self, rows: list[EntityRow]) -> None:
        """Rows fetched by a list query need no second trip through the loader."""
        for row in rows:
            self.loader.prime(row["id"], row)


Info = StrawberryInfo[Context, None]
