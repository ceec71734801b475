"""The GraphQL schema: root types plus the extensions that keep it fast and safe."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.metadata import version
from typing import Any

import strawberry
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from api.analysis import AnalysisQuery
from api.errors import ErrorCodes
from api.mutation import Mutation
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
    # Rule classes are built once: a new class per request would miss the validation cache.
    rules = (
        QueryDepthLimiter(max_depth=settings.max_depth).validation_rules
        + MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules
    )
    extensions: list[Any] = [
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: ParserCache(maxsize=256),
        lambda: AddValidationRules(rules),
        lambda: ValidationCache(maxsize=256),
        CypherQueryCount,
        ErrorCodes,
    ]
    if not settings.introspection:
        extensions.append(DisableIntrospection)
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=ENTITY_TYPES,
        extensions=extensions,
        config=StrawberryConfig(disable_field_suggestions=settings.production),
    )
