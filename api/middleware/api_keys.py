"""Before GraphQL runs: a presented API key must be valid, and reads may need one."""

from __future__ import annotations

from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from api.auth import ApiKey, authenticate, presented_key
from api.middleware.request_log import note_outcome


class KeyCheck:
    """Refuses an unknown key (401), or no key when reads need one; otherwise puts the
    matched key (or None) in the request's state for the resolvers."""

    def __init__(self, app: ASGIApp, keys: tuple[ApiKey, ...], *, reads_need_key: bool) -> None:
        self.app = app
        self.keys = keys
        self.reads_need_key = reads_need_key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        presented = presented_key(connection)
        key = authenticate(self.keys, presented)
        if presented is not None and key is None:
            await self.refuse("the API key is not valid", scope, receive, send)
        elif key is None and self.reads_need_key and scope["method"] != "OPTIONS":
            await self.refuse("an API key is required", scope, receive, send)
        else:
            scope.setdefault("state", {})["api_key"] = key
            await self.app(scope, receive, send)

    async def refuse(self, message: str, scope: Scope, receive: Receive, send: Send) -> None:
        note_outcome(scope, "UNAUTHENTICATED")
        body = {"errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]}
        headers = {"WWW-Authenticate": "Bearer"}
        await JSONResponse(body, status_code=401, headers=headers)(scope, receive, send)
