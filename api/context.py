"""What every resolver gets: the database, the request and the settings."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from strawberry.types import Info as StrawberryInfo

from api.settings import ApiSettings
from graph.database import Database


@dataclass
class Context:
    request: Request
    database: Database
    settings: ApiSettings


Info = StrawberryInfo[Context, None]
