"""A document's compiled plan without a server or a database, for the compiler's unit tests."""

from __future__ import annotations

from typing import TypeVar

from api.compile.compiler import Unsupported
from api.compile.documents import CompiledDocuments
from api.schema import build_schema
from graph.settings import Settings

SETTINGS = Settings.from_env({"DEEDGRAPH_COMPILE_AFTER": "1"})
SCHEMA = build_schema(SETTINGS)

P = TypeVar("P")


def planned(document: str, kind: type[P]) -> P | str | None:
    """The document's plan, of this kind; or the reason it has none (None: the standard path
    answers it unremarked, being invalid or no query)."""
    found = CompiledDocuments(SCHEMA, SETTINGS).plan(document, None, "h")
    if isinstance(found, Unsupported):
        return found.message
    assert found is None or isinstance(found, kind), found
    return found
