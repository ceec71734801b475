"""Which documents are compiled, and one request's compiled answer.

A query document is considered for compiling when it is a trusted document
(DEEDGRAPH_TRUSTED_DOCUMENTS), or once it has been asked DEEDGRAPH_COMPILE_AFTER times (by
its sha256 and operation name). It is then parsed and validated here with the standard
path's own limits (tokens, depth, aliases, graphql-core's rules): an invalid document is
left to the standard path, which answers its errors. A valid query is compiled once; the
plan, or the reason there is none, is kept under the document's hash and operation name.

Each request then coerces its variables and the root fields' ids as graphql-core does (an
error there: the standard path answers it), runs the one query, and shapes its record.
What the standard path would answer with an error (a null in a non-null field) is answered
by the standard path. `outcome` says which happened, for the answer's extensions and the
metric deedgraph_compiled_requests."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import strawberry
from graphql import (
    GraphQLError,
    OperationType,
    get_operation_ast,
    parse,
    specified_rules,
    validate,
)
from graphql.execution.values import get_argument_values, get_variable_values
from strawberry.extensions import DisableIntrospection, MaxAliasesLimiter, QueryDepthLimiter

from api.compile.analyses import QUESTIONS, AnalysisPlan, compile_analysis
from api.compile.catalogue import Catalogue
from api.compile.compiler import Plan, Unsupported, asks, compile_operation
from api.compile.cypher import PARAMETERS
from api.compile.explore import EXPLORED, ExplorePlan, compile_explore, explore_answer
from api.compile.lists import ListPlan, compile_list
from api.compile.pages import list_answer
from api.compile.rows import analysis_answer
from api.compile.shape import Violation, answer_of
from api.fields.listing import LISTS
from graph.errors import DeedgraphError
from graph.queries.compiled import compiled_answer
from graph.settings import Settings
from graph.store.database import Database, query_counter

log = logging.getLogger("deedgraph.compile")

# By id (compiler.py), analyses.py, lists.py, explore.py.
AnyPlan = Plan | AnalysisPlan | ListPlan | ExplorePlan
FromRows = AnalysisPlan | ListPlan | ExplorePlan  # answered from their resolver's rows

# Documents whose plan (or reason) is kept, and documents counted towards compiling.
KEPT = 512
# A document that is not a query, or not valid: the standard path answers, unremarked.
NOT_COMPILED = object()


@dataclass(frozen=True)
class Compiled:
    """A compiled answer: the data, and how many Cypher queries it took."""

    data: dict[str, Any]
    queries: int
    operation: str  # the operation's name ("" if none)
    truncated: list[dict[str, Any]] = field(default_factory=list)  # as extensions.truncated


class CompiledDocuments:
    def __init__(
        self, schema: strawberry.Schema, settings: Settings, trusted: frozenset[str] = frozenset()
    ) -> None:
        self.schema = schema._schema
        self.strawberry = schema
        self.catalogue = Catalogue(schema)
        self.settings = settings
        self.after = settings.compile_after
        self.trusted = trusted
        self.rules = (
            *specified_rules,
            *QueryDepthLimiter(max_depth=settings.max_depth).validation_rules,
            *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules,
            # As api/schema.py: no introspection in production.
            *(() if settings.introspection else DisableIntrospection().validation_rules),
        )
        self.plans: dict[tuple[str, str | None], AnyPlan | Unsupported | object] = {}
        self.uses: dict[tuple[str, str | None], int] = {}

    def plan(
        self, document: str, operation_name: str | None, digest: str
    ) -> AnyPlan | Unsupported | None:
        """The document's plan or the reason it has none; None while it is not (yet)
        considered, or when the standard path answers it unremarked."""
        key = (digest, operation_name)
        known = self.plans.get(key)
        if known is None:
            if digest not in self.trusted:
                uses = self.uses.get(key, 0) + 1
                if uses < self.after:
                    if len(self.uses) >= KEPT:
                        self.uses.clear()
                    self.uses[key] = uses
                    return None
                self.uses.pop(key, None)
            known = self.compiled(document, operation_name)
            if len(self.plans) >= KEPT:
                self.plans.clear()
            self.plans[key] = known
        return None if known is NOT_COMPILED else known  # type: ignore[return-value]

    def compiled(self, document: str, operation_name: str | None) -> AnyPlan | Unsupported | object:
        try:
            parsed = parse(document, max_tokens=self.settings.max_tokens)
        except GraphQLError:
            return NOT_COMPILED
        operation = get_operation_ast(parsed, operation_name)
        if operation is None or operation.operation is not OperationType.QUERY:
            return NOT_COMPILED
        if validate(self.schema, parsed, self.rules):
            return NOT_COMPILED
        try:
            if asks(operation, QUESTIONS):
                return compile_analysis(self.schema, operation)
            if asks(operation, LISTS):
                return compile_list(self.schema, self.catalogue, operation)
            if asks(operation, EXPLORED):
                return compile_explore(self.schema, self.catalogue, operation)
            return compile_operation(self.schema, self.catalogue, operation)
        except Unsupported as reason:
            reason.__traceback__ = None  # kept: not with the compiler's frames
            return reason

    async def answer(
        self,
        database: Database,
        document: str,
        operation_name: str | None,
        variables: dict[str, Any] | None,
        digest: str,
    ) -> Compiled | Unsupported | None:
        """The compiled answer; or why the standard path answers (None: unremarked)."""
        plan = self.plan(document, operation_name, digest)
        if isinstance(plan, FromRows):
            return await self.from_rows(plan, database, variables)
        if not isinstance(plan, Plan):
            return plan
        parameters = self.parameters(plan, variables)
        if parameters is None:  # the standard path answers with the error
            return Unsupported("arguments", "its variables or arguments do not hold")
        counter = [0]
        token = query_counter.set(counter)
        try:
            record = await compiled_answer(database, plan.cypher, parameters)
        except DeedgraphError:  # a timeout, say: the standard path answers in its words
            return Unsupported("database", "the compiled query failed")
        except Exception:  # a compiler's mistake must not cost the client its answer
            log.exception("a compiled query failed; the standard path answers")
            return Unsupported("database", "the compiled query failed")
        finally:
            query_counter.reset(token)
        try:
            data = answer_of(tuple((r.response_name, r.shape) for r in plan.roots), record)
        except Violation:
            return Unsupported("error", "the answer has an error")
        return Compiled(data, counter[0], plan.operation)

    async def from_rows(
        self, plan: FromRows, database: Database, variables: dict[str, Any] | None
    ) -> Compiled | Unsupported:
        """An analysis's, a list's or an exploring field's answer, shaped from the rows of
        the resolver's query."""
        coerced = get_variable_values(self.schema, plan.root.variables, variables or {})
        if isinstance(coerced, list):
            return Unsupported("arguments", "its variables or arguments do not hold")
        counter = [0]
        token = query_counter.set(counter)
        try:
            if isinstance(plan, ListPlan):
                rows = await list_answer(
                    plan, self.strawberry, database, coerced, self.settings.max_page_size
                )
            elif isinstance(plan, ExplorePlan):
                rows = await explore_answer(
                    plan, self.strawberry, database, coerced, self.settings.max_page_size
                )
            else:
                rows = await analysis_answer(plan, self.strawberry, database, coerced)
        except Unsupported as reason:
            return reason
        except DeedgraphError:  # a timeout, say: the standard path answers in its words
            return Unsupported("database", "the compiled query failed")
        except Exception:  # as in `answer`: the standard path answers, in its words
            log.exception("a compiled answer failed; the standard path answers")
            return Unsupported("database", "the compiled query failed")
        finally:
            query_counter.reset(token)
        return Compiled(rows.data, counter[0], plan.root.operation, rows.truncated)

    def parameters(self, plan: Plan, variables: dict[str, Any] | None) -> dict[str, object] | None:
        """The root fields' ids, coerced as graphql-core coerces them; None on an error."""
        coerced = get_variable_values(self.schema, plan.variables, variables or {})
        if isinstance(coerced, list):
            return None
        parameters: dict[str, object] = {}
        for index, root in enumerate(r for r in plan.roots if r.field is not None):
            assert root.field is not None
            try:
                arguments = get_argument_values(root.field, root.node, coerced)
            except GraphQLError:
                return None
            if arguments.get("id") is None:
                return None
            parameters[PARAMETERS[index]] = arguments["id"]
        return parameters
