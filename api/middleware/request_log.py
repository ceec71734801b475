"""One log line per HTTP request, and its metrics: request id, operation, status, outcome
code, duration, Cypher queries and the API key's name (never the key).

What a request did is gathered on its way through in a `RequestRecord` (request.state.record):
the key check names the key, the Cypher counter counts queries, the view notes the outcome.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import metrics

logger = logging.getLogger("deedgraph.request")

# A request id a client or proxy sends along is kept when it is plainly an id.
CLIENT_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")


@dataclass
class RequestRecord:
    request_id: str
    operation: str | None = None  # the GraphQL operation's name; "" when it has none
    code: str | None = None  # the first error's extensions.code; None: no error
    cypher_queries: int = 0


def request_record(scope: Scope) -> RequestRecord | None:
    """The record of a request (None for one that did not pass through RequestLog)."""
    record = scope.get("state", {}).get("record")
    return record if isinstance(record, RequestRecord) else None


def note_outcome(scope: Scope, code: str) -> None:
    """The request's outcome for its log line and metrics: its first error's code."""
    record = request_record(scope)
    if record is not None and record.code is None:
        record.code = code


def request_id(scope: Scope) -> str:
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            text: str = value.decode("latin-1")
            if CLIENT_ID.fullmatch(text):
                return text
    return uuid.uuid4().hex


def outcome(record: RequestRecord, status: int) -> str:
    if record.code is not None:
        return record.code
    return "OK" if status < 400 else f"HTTP_{status}"


class RequestLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        record = RequestRecord(request_id(scope))
        scope.setdefault("state", {})["record"] = record
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", record.request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            code = outcome(record, status)
            key = scope["state"].get("api_key")
            metrics.observe(scope["path"], record.operation, code, record.cypher_queries, seconds)
            database = getattr(scope["app"].state, "database", None)
            if database is not None:
                metrics.observe_pool(database)
            logger.info(
                "%s %s %d",
                scope["method"],
                scope["path"],
                status,
                extra={
                    "request_id": record.request_id,
                    "method": scope["method"],
                    "path": scope["path"],
                    "operation": record.operation,
                    "status": status,
                    "code": code,
                    "duration_ms": round(seconds * 1000, 2),
                    "cypher_queries": record.cypher_queries,
                    "api_key": key.name if key is not None else None,
                },
            )
