"""Log lines: JSON objects or key=value text, with the fields given through `extra`."""

from __future__ import annotations

import json
import logging

from api.logs import JsonFormatter, TextFormatter, resolve


def record(**extra: object) -> logging.LogRecord:
    made = logging.LogRecord(
        "deedgraph.request", logging.INFO, __file__, 1, "POST %s", ("/x",), None
    )
    for key, value in extra.items():
        setattr(made, key, value)
    return made


def test_a_json_line_holds_the_standard_fields_and_the_extra_ones() -> None:
    line = json.loads(JsonFormatter().format(record(status=200, api_key=None)))
    assert line["logger"] == "deedgraph.request" and line["level"] == "info"
    assert line["message"] == "POST /x"
    assert line["status"] == 200 and line["api_key"] is None
    assert line["time"].endswith("+00:00") and isinstance(line["pid"], int)
    assert "args" not in line and "msg" not in line


def test_a_text_line_quotes_values_with_spaces_only() -> None:
    line = TextFormatter().format(record(operation="Attacks", note="two words"))
    assert line.startswith("time=")
    assert " level=info logger=deedgraph.request " in line
    assert 'message="POST /x"' in line and "operation=Attacks" in line
    assert 'note="two words"' in line


def test_the_format_follows_the_setting_and_else_the_terminal() -> None:
    assert resolve("text") == "text" and resolve("json") == "json"
    assert resolve(None) == "json"  # pytest's stderr is captured, not a terminal
