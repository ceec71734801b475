"""Unit tests run the same whoever runs them: the caller's own settings (a NEO4J_URI pointing
at their Neo4j, a DEEDGRAPH_* left exported, a .env in the working directory) are hidden."""

from __future__ import annotations

import os

import pytest

PREFIXES = ("NEO4J_", "DEEDGRAPH_", "OTEL_")


@pytest.fixture(autouse=True)
def no_callers_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith(PREFIXES):
            monkeypatch.delenv(name)
