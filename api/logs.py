"""Log lines an operator can use: one JSON object a line (what log shippers read; the default
when stderr is not a terminal) or `key=value` text (the default on a terminal).
DEEDGRAPH_LOG_FORMAT=json|text chooses.

Fields given with `logger.info(..., extra={"status": 200})` become fields of the line, in both
formats; every line has time, level, logger and message.
"""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from typing import Literal

import orjson

LogFormat = Literal["json", "text"]

# The attributes every LogRecord has: anything else on a record came from `extra`.
STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "color_message",  # uvicorn's coloured copy of the message
    "taskName",
}


def extras(record: logging.LogRecord) -> dict[str, object]:
    return {key: value for key, value in vars(record).items() if key not in STANDARD}


def timestamp(record: logging.LogRecord) -> str:
    return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": timestamp(record),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "pid": record.process,  # which worker, with DEEDGRAPH_WORKERS > 1
            **extras(record),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


def text_value(value: object) -> str:
    text = "" if value is None else str(value)
    return orjson.dumps(text).decode() if not text or any(c in text for c in ' ="\n') else text


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = {
            "time": timestamp(record),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            **extras(record),
        }
        line = " ".join(f"{key}={text_value(value)}" for key, value in fields.items())
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def resolve(chosen: LogFormat | None) -> LogFormat:
    if chosen is not None:
        return chosen
    return "text" if sys.stderr.isatty() else "json"


def configure(level: str, chosen: LogFormat | None = None) -> None:
    """Send every logger's lines to stderr in the chosen format (None: by the terminal)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "deedgraph", False)]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.deedgraph = True  # type: ignore[attr-defined]
    handler.setFormatter(JsonFormatter() if resolve(chosen) == "json" else TextFormatter())
    root.addHandler(handler)
    root.setLevel(level)
    # Each request is logged once, by api/middleware/request_log.py; uvicorn's own access
    # line (another format, no operation or request id) stays off.
    logging.getLogger("uvicorn.access").disabled = True
