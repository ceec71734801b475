"""The schema logs nothing of a client's mistake: ErrorCodes logs what is unexpected."""

from __future__ import annotations

import logging

import pytest

from api.schema import build_schema
from graph.settings import Settings


async def test_a_clients_mistake_leaves_no_error_in_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    schema = build_schema(Settings.from_env({}))
    with caplog.at_level(logging.DEBUG):
        result = await schema.execute("{ nope }")
    assert result.errors and "nope" in result.errors[0].message
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
