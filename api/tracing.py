"""Optional OpenTelemetry tracing: only when OTEL_EXPORTER_OTLP_ENDPOINT is set, and only then
is OpenTelemetry imported (it is the `otel` extra, not a dependency). Each GraphQL request
becomes a trace (Strawberry's extension: parse, validate, each resolver) sent over OTLP/HTTP;
the SDK reads its other OTEL_* variables (service name, headers, sampling) itself."""

from __future__ import annotations

import os
import threading
from typing import Any

from graph.errors import ConfigError
from graph.settings import Settings

_lock = threading.Lock()
_installed = False  # one tracer provider a process, however many apps it builds


def extensions(settings: Settings) -> list[Any]:
    """The schema extensions that trace requests: none unless an endpoint is set."""
    if not settings.otlp_endpoint:
        return []
    try:
        from opentelemetry import trace
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
        from strawberry.extensions.tracing import OpenTelemetryExtension
    except ImportError as error:
        raise ConfigError(
            "OTEL_EXPORTER_OTLP_ENDPOINT is set but OpenTelemetry is not installed "
            f"({error.name}): pip install -c constraints.txt '.[otel]', or unset it"
        ) from None
    global _installed
    with _lock:
        if not _installed:
            defaults = {} if os.environ.get("OTEL_SERVICE_NAME") else {"service.name": "deedgraph"}
            provider = TracerProvider(resource=Resource.create(defaults))
            # The endpoint given to the settings (from the environment or .env) wins.
            endpoint = settings.otlp_endpoint.rstrip("/") + "/v1/traces"
            provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint)))
            trace.set_tracer_provider(provider)
            _installed = True
    return [OpenTelemetryExtension]
