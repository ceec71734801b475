"""The Starlette application: /graphql, /export/..., /health, /ready and /metrics."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute, request_response

from api import explorer, metrics
from api.auth import configured_keys
from api.exports import export
from api.logs import configure
from api.middleware.api_keys import KeyCheck
from api.middleware.body_size import BodySizeLimit
from api.middleware.request_log import RequestLog
from api.schema import build_schema
from api.view import DeedgraphGraphQL
from graph.queries.warm_up import warm_up
from graph.settings import Connection, Settings
from graph.store.database import Database
from graph.store.follow import ChangeFeed

logger = logging.getLogger("deedgraph.app")
# A cold analysis plan took 6.8 s on the seed (graph/queries/warm_up.py): the warm-up gets
# a time limit of its own, not the API's.
WARM_UP_TIMEOUT = 120.0


async def warm(connection: Connection) -> None:
    """Ask each analysis once, in the background; requests are served meanwhile."""
    database = Database.connect(connection, timeout=WARM_UP_TIMEOUT)
    try:
        seconds = await warm_up(database)
        logger.info("analyses warmed up in %.1f s", seconds)
    except Exception as error:  # best effort: the first request pays instead
        logger.warning("warming up the analyses failed: %s", error)
    finally:
        await database.close()


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def ready(request: Request) -> JSONResponse:
    database: Database = request.app.state.database
    if await database.ping():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable", "reason": "Neo4j is not reachable"}, 503)


def create_app(connection: Connection | None = None, settings: Settings | None = None) -> Starlette:
    settings = settings or Settings.from_env()
    connection = connection or settings.connection
    # A worker process starts with no logging of its own.
    configure(settings.log_level, settings.log_format)
    keys = configured_keys(settings.api_keys_text, settings.api_keys_file)
    graphql = DeedgraphGraphQL(build_schema(settings), settings, keys)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        database = Database.connect(connection, timeout=settings.query_timeout)
        app.state.database = database
        # One follower of the change log for the process's subscriptions (idle until one).
        app.state.feed = ChangeFeed(database, settings.changes_poll)
        # The schema, the driver and the imports are ~78,000 objects that live as long as the
        # process; the cyclic collector rescanned them in every full collection, which showed
        # in request profiles (bench/README.md). Frozen, they are skipped.
        gc.collect()
        gc.freeze()
        warming = asyncio.create_task(warm(connection)) if settings.warm_up else None
        try:
            yield
        finally:
            if warming is not None:
                warming.cancel()
            await database.close()

    middleware = [
        Middleware(RequestLog),
        Middleware(BodySizeLimit, max_bytes=settings.max_body_bytes),
    ]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type", "Authorization", "X-API-Key"],
            )
        )
    app = Starlette(
        routes=[
            Route("/health", health),
            Route("/ready", ready),
            Route("/metrics", metrics.metrics),
            Route(
                "/graphql",
                KeyCheck(graphql, keys, reads_need_key=settings.reads_need_key),
                methods=["GET", "POST"],
            ),
            # Subscriptions (graphql-transport-ws): the key is checked at connection_init.
            WebSocketRoute("/graphql", graphql),
            Route(
                "/export/{what}",
                KeyCheck(request_response(export), keys, reads_need_key=settings.reads_need_key),
                methods=["GET"],
            ),
            *explorer.routes(settings.explorer_dir),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )
    app.state.settings = settings
    return app
