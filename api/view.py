"""Strawberry's ASGI view, given deedgraph's context and the GraphQL-over-HTTP spec's answers:
both media types (api/media.py), its status codes, and a JSON body with coded errors for
every refusal (Strawberry's own are plain text). A query is answered from the response cache
(api/response_cache.py), else by its compiled document (api/compile/), else by the standard
path; keys, body limits and trusted documents are checked before any of them."""

from __future__ import annotations

from collections.abc import Awaitable, Mapping
from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter, GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.schema import BaseSchema
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from api import metrics
from api.auth import ApiKey, authenticate, presented_key
from api.compile.documents import Compiled, CompiledDocuments
from api.context import Context
from api.media import JSON, coded, failed_before_execution, negotiate, request_error
from api.middleware.request_log import note_outcome, request_record
from api.response_cache import ResponseCache, cache_key, digest_of, query_name
from api.trusted_documents import TrustedDocuments
from graph.settings import Settings

# Strawberry refuses some requests with 400 where the spec names a sharper status.
SHARPER = {"Unsupported content type": 415, "mutations are not allowed when using GET": 405}


class TextFrames(ASGIWebSocketAdapter):
    """graphql-transport-ws messages go in text frames: the view's orjson encoder makes
    bytes, which Strawberry would send as binary frames that browsers' clients reject."""

    async def send_json(self, message: Mapping[str, object]) -> None:
        try:
            await self.ws.send_text(orjson.dumps(message).decode())
        except WebSocketDisconnect as error:
            raise WebSocketDisconnected from error


class DeedgraphGraphQL(GraphQL[Context, None]):
    websocket_adapter_class = TextFrames

    def __init__(
        self, schema: BaseSchema, settings: Settings, keys: tuple[ApiKey, ...] = ()
    ) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphiql else None,
            allow_queries_via_get=True,
            # Subscriptions over WebSocket with graphql-transport-ws only: the legacy
            # graphql-ws protocol had an authorisation bypass (NOTES §2).
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            max_subscriptions_per_connection=settings.max_subscriptions,
            allowed_origins=settings.cors_origins,
        )
        self.settings = settings
        self.keys = keys
        self.connections = 0  # WebSocket connections open now
        self.trusted = (
            TrustedDocuments.load(settings.trusted_documents)
            if settings.trusted_documents is not None
            else None
        )
        self.compiled = (
            CompiledDocuments(
                schema,  # type: ignore[arg-type]
                settings,
                self.trusted.hashes if self.trusted is not None else frozenset(),
            )
            if settings.compile
            else None
        )
        self.cache = (
            ResponseCache(settings.response_cache_ttl, settings.response_cache_size)
            if settings.response_cache
            else None
        )

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        if isinstance(request, WebSocket):  # its key is checked at connection_init
            return Context(
                request=request,
                database=request.app.state.database,
                settings=self.settings,
                feed=request.app.state.feed,
            )
        return Context(
            request=request,
            database=request.app.state.database,
            settings=self.settings,
            api_key=getattr(request.state, "api_key", None),
        )

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """Authorised like a read over HTTP: the key in connection_init's payload
        (`Authorization: Bearer KEY` or `apiKey`; a browser cannot set a WebSocket's
        headers) or the handshake's own headers. An unknown key, or none when reads need
        one, closes the connection with 4403."""
        params = context.connection_params or {}
        presented = wanted_key(params) or presented_key(context.request)
        key = authenticate(self.keys, presented)
        if presented is not None and key is None:
            raise ConnectionRejectionError({"message": "the API key is not valid"})
        if key is None and self.settings.reads_need_key:
            raise ConnectionRejectionError({"message": "an API key is required"})
        context.api_key = key
        return UNSET  # type: ignore[no-any-return]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await self.serve_websocket(scope, receive, send)
            return
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        media = negotiate(request.headers.get("accept"))
        request.state.media = media or JSON
        if media is None and request.method != "GET":  # a browser's GET gets GraphiQL
            response = self.refusal(
                request,
                406,
                "Accept names neither application/json nor application/graphql-response+json",
                JSON,
            )
        else:
            try:
                response = await self.run(request)
            except HTTPException as error:
                status = SHARPER.get(error.reason, error.status_code)
                response = self.refusal(request, status, error.reason, request.state.media)
            else:
                if getattr(request.state, "status", None):
                    response.status_code = request.state.status
                if response.media_type == "application/json":
                    response.headers["content-type"] = request.state.media
        await response(scope, receive, send)

    async def serve_websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        """At most DEEDGRAPH_MAX_WS_CONNECTIONS at once: one more is accepted and closed at
        once with 4429, so a client can tell a full server from a broken one."""
        if self.connections >= self.settings.max_connections:
            websocket = WebSocket(scope, receive, send)
            offered = websocket.scope.get("subprotocols", [])
            if GRAPHQL_TRANSPORT_WS_PROTOCOL not in offered:
                await websocket.close(code=4406, reason="Subprotocol not acceptable")
                return
            await websocket.accept(subprotocol=GRAPHQL_TRANSPORT_WS_PROTOCOL)
            reason = f"Too many connections (at most {self.settings.max_connections})"
            await websocket.close(code=4429, reason=reason)
            return
        self.connections += 1
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.connections -= 1

    def refusal(self, request: Request, status: int, message: str, media: str) -> Response:
        status, body = request_error(status, message)
        note_outcome(request.scope, body["errors"][0]["extensions"]["code"])
        headers = {"allow": "POST"} if status == 405 else None
        return Response(
            self.encode_json(body), status_code=status, media_type=media, headers=headers
        )

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        data = await super().parse_http_body(request)
        if self.trusted is None or isinstance(data, list):  # a batch is refused later
            return data
        return self.trusted.resolve(data)

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """Queries go through the response cache (api/response_cache.py) when it is on."""
        query = request_data.query

        def answer(digest: str | None = None) -> Awaitable[ExecutionResult]:
            return self.answer(
                request, request_adapter, sub_response, context, root_value, request_data, digest
            )

        if self.cache is None or query is None:
            return await answer()
        digest = digest_of(query)
        operation = query_name(query, request_data.operation_name, digest)
        if operation is None:
            return await answer()
        record = request_record(request.scope)
        if record is not None:  # a hit runs no operation to name it (api/extensions/query_count.py)
            record.operation = operation
        role = context.api_key.role if context.api_key is not None else "anonymous"
        key = cache_key(query, request_data.operation_name, request_data.variables, role, digest)
        return await self.cache.through(key, context.database, lambda: answer(digest))

    async def answer(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
        digest: str | None = None,
    ) -> ExecutionResult:
        """A compiled document's answer (api/compile/), or the standard path's; a query the
        compiler considered and could not answer says why in its extensions."""
        compiled = self.compiled
        query = request_data.query
        if compiled is None or query is None:
            return await super().execute_single(
                request, request_adapter, sub_response, context, root_value, request_data
            )
        outcome = await compiled.answer(
            context.database,
            query,
            request_data.operation_name,
            request_data.variables,
            digest or digest_of(query),
        )
        if isinstance(outcome, Compiled):
            metrics.compiled_outcome(True)
            record = request_record(request.scope)
            if record is not None:  # as CypherQueryCount notes the standard path's
                record.cypher_queries += outcome.queries
                record.operation = outcome.operation  # the document's, as the standard path's
            extensions: dict[str, Any] = {"cypherQueries": outcome.queries, "compiled": True}
            if outcome.truncated:  # as api/extensions/truncation.py notes the standard path's
                extensions["truncated"] = outcome.truncated
            return ExecutionResult(data=outcome.data, errors=None, extensions=extensions)
        result = await super().execute_single(
            request, request_adapter, sub_response, context, root_value, request_data
        )
        if outcome is not None:
            metrics.compiled_outcome(False, outcome.code)
            result.extensions = {
                **(result.extensions or {}),
                "compiled": False,
                "compiledReason": outcome.message,
            }
        return result

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        answer = await super().process_result(request, result)
        if "errors" in answer:
            errors = coded(answer["errors"])  # type: ignore[arg-type]
            note_outcome(request.scope, errors[0]["extensions"]["code"])
        if request.state.media != JSON and failed_before_execution(result):
            answer.pop("data", None)
            request.state.status = 400
        return answer

    async def get_root_value(self, request: Any) -> None:
        return None

    def encode_json(self, data: object) -> bytes:
        # orjson: a 50-attack page's answer is encoded several times faster than by json.
        return orjson.dumps(data)


def wanted_key(params: dict[str, object]) -> str | None:
    """The API key in a connection_init payload: {"Authorization": "Bearer KEY"} (any case)
    or {"apiKey": KEY}."""
    for name, value in params.items():
        if not isinstance(value, str):
            continue
        if name.lower() == "authorization" and value.lower().startswith("bearer "):
            return value[7:].strip() or None
        if name.lower() in ("apikey", "x-api-key"):
            return value.strip() or None
    return None
