"""The GraphQL schema: root types plus the extensions that keep it fast and safe."""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext
from strawberry.types.graphql import OperationType

from api import tracing
from api.execution import FastExecutionContext
from api.extensions.error_codes import ErrorCodes, coded_error
from api.extensions.query_count import CypherQueryCount
from api.extensions.truncation import TruncationNotice
from api.fields.agreements import AgreementQuery
from api.fields.density import DensityQuery
from api.fields.disagreements import DisagreementQuery
from api.fields.drafting import DraftQuery
from api.fields.entities import EntityQuery
from api.fields.explore import ExploreQuery, SearchQuery
from api.fields.listing import ListingQuery
from api.fields.live import Subscription
from api.fields.review import ReviewQuery
from api.fields.writes import Mutation
from api.types import inputs
from api.types.build import entity_types
from graph.settings import Settings


@strawberry.type
class ServiceQuery:
    @strawberry.field(description="The version of the deedgraph service answering.")
    def version(self) -> str:
        return version("deedgraph")


# The order of the root fields in the schema: by id, lists, search, agreements, exploring,
# reviewing a source, drafting one.
Query = merge_types(
    "Query",
    (
        EntityQuery,
        ListingQuery,
        DensityQuery,
        SearchQuery,
        AgreementQuery,
        ExploreQuery,
        ReviewQuery,
        DisagreementQuery,
        DraftQuery,
        ServiceQuery,
    ),
)


class Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Strawberry logs every error with its traceback: a client's mistake or a timeout
        became a multi-kilobyte log line. ErrorCodes (api/extensions/error_codes.py) logs
        the unexpected ones, with theirs; the request's log line has every outcome's code.

        A subscription's results do not pass through ErrorCodes' on_operation (it runs once,
        around the whole stream): their errors are coded here, in place, as each result
        is made."""
        if (
            execution_context is not None
            and execution_context.graphql_document is not None  # none: a syntax error
            and execution_context.operation_type is OperationType.SUBSCRIPTION
        ):
            errors[:] = [coded_error(error) for error in errors]


def build_schema(settings: Settings) -> strawberry.Schema:
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
        TruncationNotice,
        ErrorCodes,
    ]
    if not settings.introspection:
        extensions.append(DisableIntrospection)
    extensions += tracing.extensions(settings)
    return Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=entity_types(),
        extensions=extensions,
        execution_context_class=FastExecutionContext if settings.fast_path else None,
        config=StrawberryConfig(
            disable_field_suggestions=settings.production, scalar_map=inputs.SCALARS
        ),
    )
