"""Read a facts file: YAML with the line of every field, then the model's validation."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from graph.errors import Problem
from graph.ingest.facts.models import FactsFile

Location = tuple[str | int, ...]


def kinds(labels: set[str]) -> str:
    """'an Actor', 'an Event or a Statement': kinds of entity as a sentence says them."""
    return " or ".join(("an " if label[0] in "AEIOU" else "a ") + label for label in sorted(labels))


def dotted(location: Location) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _lines(node: yaml.Node, at: Location, found: dict[Location, int]) -> None:
    found.setdefault(at, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            here = (*at, key.value)
            found[here] = key.start_mark.line + 1
            _lines(value, here, found)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, (*at, index), found)


class LineMap:
    def __init__(self, lines: dict[Location, int]) -> None:
        self.lines = lines

    def line(self, location: Location) -> int | None:
        """The line of a field, or of the nearest enclosing field that has one."""
        for end in range(len(location), -1, -1):
            if location[:end] in self.lines:
                return self.lines[location[:end]]
        return None


GROUPS = ("sources", "actors", "locations", "events", "statements", "agreements", "attacks")


@dataclass
class Parsed:
    path: Path
    text: str
    lines: LineMap
    facts: FactsFile | None
    problems: list[Problem]
    # When some items are invalid, `facts` holds the valid ones so that the rest can still be
    # checked: positions[group][i] is the item's index in the file, broken the invalid ids.
    positions: dict[str, list[int]] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)
    # Sources may name a text_file only when a local file was loaded (never over the API).
    files_allowed: bool = True

    def problem(self, location: Location, message: str) -> Problem:
        if location and location[0] in self.positions and len(location) > 1:
            index = location[1]
            assert isinstance(index, int)
            location = (location[0], self.positions[str(location[0])][index], *location[2:])
        return Problem(str(self.path), self.lines.line(location), dotted(location), message)


def _clean_location(location: tuple[str | int, ...]) -> Location:
    # pydantic inserts tags such as 'function-after[...]' for validators: not field names.
    return tuple(part for part in location if not (isinstance(part, str) and "[" in part))


def parse_facts(path: Path) -> Parsed:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problem = Problem(str(path), None, "", f"cannot read the file: {error}")
        return Parsed(path, "", LineMap({}), None, [problem])
    return parse_text(path, text)


def parse_text(path: Path, text: str, *, files_allowed: bool = True) -> Parsed:
    """Parse facts given as YAML (or JSON, which is YAML) text; `path` names it in problems."""
    try:
        # One parse: the node tree gives the lines, and the data is built from the same tree.
        loader = yaml.SafeLoader(text)  # refuses control characters already
        node = loader.get_single_node()
        data: Any = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or str(error)
        problem = Problem(str(path), line, "", f"not valid YAML: {reason}")
        return Parsed(path, text, LineMap({}), None, [problem], files_allowed=files_allowed)
    found: dict[Location, int] = {}
    if node is not None:
        _lines(node, (), found)
    parsed = Parsed(path, text, LineMap(found), None, [], files_allowed=files_allowed)
    return validate(parsed, data)


def validate(parsed: Parsed, data: Any) -> Parsed:
    """Check data against the model, keeping every problem and the items that are valid."""
    if not isinstance(data, dict):
        parsed.problems.append(
            parsed.problem((), "expected a mapping with 'document' and 'sources'")
        )
        return parsed
    try:
        parsed.facts = FactsFile.model_validate(data)
    except ValidationError as error:
        invalid: dict[str, set[int]] = {}
        for item in error.errors(include_url=False):
            location = _clean_location(item["loc"])
            parsed.problems.append(parsed.problem(location, _message(item)))
            if len(location) > 1 and location[0] in GROUPS and isinstance(location[1], int):
                invalid.setdefault(str(location[0]), set()).add(location[1])
        _keep_valid_items(parsed, data, invalid)
    return parsed


def _message(item: Any) -> str:
    if item["type"] == "extra_forbidden":
        return "unknown field (check its spelling against docs/facts-format.md)"
    if item["type"] == "literal_error":
        return f"{item['msg']}, got {item['input']!r}"
    return str(item["msg"])


def _keep_valid_items(parsed: Parsed, data: dict[str, Any], invalid: dict[str, set[int]]) -> None:
    """Drop the invalid items so that the valid ones still get every other check."""
    cleaned = dict(data)
    for group, indices in invalid.items():
        items = data.get(group)
        if not isinstance(items, list):
            return
        kept = [i for i in range(len(items)) if i not in indices]
        parsed.positions[group] = kept
        cleaned[group] = [items[i] for i in kept]
        for i in indices:
            if isinstance(items[i], dict) and isinstance(items[i].get("id"), str):
                parsed.broken.add(items[i]["id"])
    try:
        parsed.facts = FactsFile.model_validate(cleaned)
    except ValidationError:
        parsed.facts = None  # the file's frame itself is wrong: its problems are reported
