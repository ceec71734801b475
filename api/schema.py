"""The GraphQL schema: root types plus the extensions that keep it fast and safe."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.metadata import version

import strawberry
from strawberry.extensions import ParserCache, SchemaExtension, ValidationCache
from strawberry.tools import merge_types

from api.analysis import AnalysisQuery
from api.errors import ErrorCodes
from api.query import EntityQuery
from api.settings import ApiSettings
from api.types.entities import ENTITY_TYPES
from graph.database import query_counter


@strawberry.type
class ServiceQuery:
    @strawberry.field(description="The version of the deedgraph service answering.")
    def version(self) -> str:
        return version("deedgraph")


class CypherQueryCount(SchemaExtension):
    """Counts the Cypher queries a request sends; reported in extensions.cypherQueries."""

    def on_operation(self) -> Iterator[None]:
        counter = [0]
        token = query_counter.set(counter)
        try:
            yield
        finally:
            query_counter.reset(token)
        self.count = counter[0]

    def get_results(self) -> dict[str, int]:
        return {"cypherQueries": getattr(self, "count", 0)}


Query = merge_types("Query", (EntityQuery, AnalysisQuery, ServiceQuery))


def build_schema(settings: ApiSettings) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        types=ENTITY_TYPES,
        extensions=[
            lambda: ParserCache(maxsize=256),
            lambda: ValidationCache(maxsize=256),
            CypherQueryCount,
            ErrorCodes,
        ],
    )
