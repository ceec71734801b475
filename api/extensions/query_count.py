"""The per-request query counter: how many Cypher queries a request sent, reported in
extensions.cypherQueries (the N+1 guard the tests read), and to the request's log line and
metrics with the operation's name."""

from __future__ import annotations

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from api.middleware.request_log import request_record
from graph.store.database import query_counter


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
        request = getattr(self.execution_context.context, "request", None)
        record = request_record(request.scope) if request is not None else None
        if record is not None:
            record.cypher_queries += self.count
            record.operation = self.execution_context.operation_name or ""

    def get_results(self) -> dict[str, int]:
        return {"cypherQueries": getattr(self, "count", 0)}
