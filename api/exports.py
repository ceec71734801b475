"""GET /export/{what}: a neighbourhood, a path or a filtered attack list as a file for the
tools investigators already use (GraphML, Cytoscape.js elements, CSV; graph/export/).
Reads, like /graphql's: the same keys, the same query time limit; a refusal is a JSON body
with a coded error and the error's own status."""

from __future__ import annotations

import logging
import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graph.errors import DeedgraphError
from graph.export.ask import gather, parse
from graph.export.render import render
from graph.settings import Settings
from graph.store.database import Database

logger = logging.getLogger("deedgraph.exports")
UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def refusal(error: DeedgraphError) -> JSONResponse:
    body = {"errors": [{"message": str(error), "extensions": {"code": error.code}}]}
    return JSONResponse(body, status_code=error.http_status)


def file_name(what: str, root: str, extension: str) -> str:
    about = UNSAFE.sub("_", root)[:80].strip("_")
    return f"deedgraph-{what}{'-' + about if about else ''}.{extension}"


async def export(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    database: Database = request.app.state.database
    what = request.path_params["what"]
    params = dict(request.query_params)
    try:
        ask = parse(what, params, settings.max_page_size, settings.max_export_rows)
        subgraph = await gather(database, ask, params)
    except DeedgraphError as error:
        if error.http_status >= 500:
            logger.warning("export %s failed: %s", what, error)
        return refusal(error)
    rendered = render(subgraph, ask)
    root = subgraph.roots[0] if what != "attacks" and subgraph.roots else ""
    name = file_name(what, root, rendered.extension)
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "X-Deedgraph-Truncated": "true" if subgraph.truncated else "false",
        "X-Deedgraph-Nodes": str(len(subgraph.nodes)),
        "X-Deedgraph-Edges": str(len(subgraph.edges)),
    }
    return Response(rendered.body, media_type=rendered.media_type, headers=headers)
