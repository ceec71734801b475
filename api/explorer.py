"""The explorer page at /: static files built from explorer/ (make explorer)."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

BUILT = Path(__file__).resolve().parent.parent / "explorer" / "dist"
NOT_BUILT = """<!doctype html><meta charset="utf-8"><title>deedgraph</title>
<p>The explorer page is not built here: run <code>make explorer</code> (or <code>make
serve</code>). The API is at <a href="/graphql">/graphql</a>.</p>"""


def routes(folder: Path | None = None) -> list[BaseRoute]:
    """The page and its files, from `folder` (DEEDGRAPH_EXPLORER_DIR) or the built one."""
    folder = folder or BUILT

    async def page(request: Request) -> Response:
        index = folder / "index.html"
        if index.exists():
            return FileResponse(index, headers={"Cache-Control": "no-cache"})
        return HTMLResponse(NOT_BUILT)

    found: list[BaseRoute] = [Route("/", page)]
    if folder.is_dir():
        found.append(Mount("/explorer", StaticFiles(directory=folder), name="explorer"))
    return found
