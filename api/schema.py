"""The GraphQL schema: root types plus the extensions that keep it fast and safe."""

from __future__ import annotations

from importlib.metadata import version

import strawberry
from strawberry.extensions import ParserCache, ValidationCache

from api.settings import ApiSettings


@strawberry.type
class Query:
    @strawberry.field(description="The version of the deedgraph service answering.")
    def version(self) -> str:
        return version("deedgraph")


def build_schema(settings: ApiSettings) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        extensions=[lambda: ParserCache(maxsize=256), lambda: ValidationCache(maxsize=256)],
    )
