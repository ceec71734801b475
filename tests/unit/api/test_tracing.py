"""OpenTelemetry stays out unless an OTLP endpoint is configured."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from api import tracing
from graph.errors import ConfigError
from graph.settings import Settings

BUILD_APP = """
import sys
from api.app import create_app
from graph.settings import Settings
create_app(settings=Settings.from_env({}))
print(sorted(name for name in sys.modules if name.startswith("opentelemetry")))
"""


def test_without_an_endpoint_nothing_of_opentelemetry_is_imported() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BUILD_APP], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
    assert tracing.extensions(Settings.from_env({})) == []


def otel_installed() -> bool:
    try:
        return importlib.util.find_spec("opentelemetry.sdk") is not None
    except ModuleNotFoundError:
        return False


def test_an_endpoint_without_the_extra_installed_is_a_clear_error() -> None:
    settings = Settings.from_env({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"})
    if otel_installed():
        # The `otel` extra is installed here: the endpoint turns tracing on instead.
        [extension] = tracing.extensions(settings)
        assert extension.__name__ == "OpenTelemetryExtension"
        return
    with pytest.raises(ConfigError, match=r"OpenTelemetry is not installed.*\[otel\]"):
        tracing.extensions(settings)
