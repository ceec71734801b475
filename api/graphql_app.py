"""Strawberry's ASGI view, given deedgraph's context."""

from __future__ import annotations

from typing import Any

from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.schema import BaseSchema

from api.auth import authenticate, presented_key
from api.context import Context
from api.settings import ApiSettings


class KeyCheck:
    """Before GraphQL runs: a presented key must be valid, and reads may need one."""

    def __init__(self, app: ASGIApp, settings: ApiSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        presented = presented_key(connection)
        key = authenticate(self.settings.api_keys, presented)
        if presented is not None and key is None:
            await self.refuse("the API key is not valid", scope, receive, send)
        elif key is None and self.settings.reads_need_key and scope["method"] != "OPTIONS":
            await self.refuse("an API key is required", scope, receive, send)
        else:
            scope.setdefault("state", {})["api_key"] = key
            await self.app(scope, receive, send)

    async def refuse(self, message: str, scope: Scope, receive: Receive, send: Send) -> None:
        body = {"errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]}
        headers = {"WWW-Authenticate": "Bearer"}
        await JSONResponse(body, status_code=401, headers=headers)(scope, receive, send)


class DeedgraphGraphQL(GraphQL[Context, None]):
    def __init__(self, schema: BaseSchema, settings: ApiSettings) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphiql else None,
            allow_queries_via_get=True,
            subscription_protocols=(),
        )
        self.settings = settings

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        assert isinstance(request, Request)
        return Context(
            request=request,
            database=request.app.state.database,
            settings=self.settings,
            api_key=getattr(request.state, "api_key", None),
        )

    async def get_root_value(self, request: Any) -> None:
        return None
