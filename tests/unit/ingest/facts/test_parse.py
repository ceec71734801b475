"""Reading a facts file: YAML (or JSON) with the line of every field, each problem said with
its line and field path, and invalid items dropped so that the rest is still checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graph.errors import Problem
from graph.ingest.facts.loader import check
from graph.ingest.facts.parse import LineMap, dotted, parse_facts, parse_text

ROOT = Path(__file__).resolve().parents[4]
BROKEN = ROOT / "tests" / "data" / "broken.facts.yaml"
FILE = Path("t.facts.yaml")

VALID = """\
document: source:doc
sources:
  - id: source:doc
    title: A report
    text: Russia launched drones overnight.
actors:
  - id: actor:russia
    name: Russia
    kind: state
    quotes: ["Russia launched"]
"""


def frame(**groups: Any) -> dict[str, Any]:
    source = {"id": "source:doc", "title": "A report", "text": "Russia launched drones."}
    return {"document": "source:doc", "sources": [source], **groups}


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def test_a_valid_file_has_facts_and_no_problems() -> None:
    parsed = parse_text(FILE, VALID)
    assert parsed.problems == []
    assert parsed.facts is not None
    assert [actor.id for actor in parsed.facts.actors] == ["actor:russia"]


def test_json_text_parses_like_yaml() -> None:
    data = frame(actors=[{"id": "actor:russia", "name": "Russia", "kind": "state"}])
    parsed = parse_text(Path("t.facts.json"), json.dumps(data, indent=2))
    assert parsed.problems == []
    assert parsed.facts is not None and parsed.facts.actors[0].kind == "state"


def test_a_yaml_error_reports_its_line() -> None:
    problem = only(parse_text(FILE, "document: x\nsources: [\n  - oops").problems)
    assert problem.message.startswith("not valid YAML")
    assert problem.line == 3
    assert problem.file == "t.facts.yaml"


def test_control_characters_are_not_valid_yaml() -> None:
    parsed = parse_text(FILE, "document: x\x00\x1b\n")
    assert only(parsed.problems).message.startswith("not valid YAML")
    assert parsed.facts is None


def test_a_list_at_the_top_asks_for_a_mapping() -> None:
    problem = only(parse_text(FILE, "- a\n- b\n").problems)
    assert "expected a mapping" in problem.message
    assert problem.line == 1


def test_an_empty_file_asks_for_a_mapping() -> None:
    assert "expected a mapping" in only(parse_text(FILE, "").problems).message


def test_a_file_that_cannot_be_read_is_one_problem(tmp_path: Path) -> None:
    parsed = parse_facts(tmp_path / "missing.facts.yaml")
    problem = only(parsed.problems)
    assert problem.message.startswith("cannot read the file")
    assert problem.line is None and parsed.facts is None


def test_an_unknown_field_names_its_path_and_line() -> None:
    text = VALID.replace("    kind: state\n", "    kind: state\n    colour: red\n")
    problem = only(parse_text(FILE, text).problems)
    assert problem.path == "actors[0].colour"
    assert problem.line == 10
    assert problem.message.startswith("unknown field")


def test_a_literal_error_says_what_was_given() -> None:
    problem = only(parse_text(FILE, VALID.replace("kind: state", "kind: empire")).problems)
    assert problem.path == "actors[0].kind"
    assert problem.line == 9
    assert "got 'empire'" in problem.message and "'state'" in problem.message


def test_a_fact_without_a_field_a_new_one_needs_adds_to_the_graphs_fact() -> None:
    from graph.ingest.facts.plan import plan_facts

    parsed = parse_text(FILE, VALID.replace("    name: Russia\n", ""))
    assert parsed.problems == []
    plan, _ = plan_facts(parsed)
    assert plan is not None
    assert plan.additions == {"actor:russia": "Actor"}
    assert "actor:russia" not in plan.labels
    assert plan.outside["actor:russia"][0] == {"Actor"}  # checked against the graph on load


def test_a_bad_id_is_reported_with_its_path() -> None:
    problem = only(parse_text(FILE, VALID.replace("id: actor:russia", "id: Russia")).problems)
    assert problem.path == "actors[0].id"
    assert problem.line == 7


def test_a_time_with_two_ways_of_saying_when_is_refused() -> None:
    time = {"text": "then", "date": "2025-03-18", "anchor": "event:b"}
    data = frame(events=[{"id": "event:a", "name": "A", "kind": "talks", "time": time}])
    problem = only(parse_text(FILE, json.dumps(data)).problems)
    assert problem.path == "events[0].time"
    assert "only one of date, at and anchor" in problem.message


def test_an_offset_without_an_anchor_is_refused() -> None:
    time = {"text": "then", "date": "2025-03-18", "offset": "P1D"}
    data = frame(events=[{"id": "event:a", "name": "A", "kind": "talks", "time": time}])
    assert "offset needs an anchor" in only(parse_text(FILE, json.dumps(data)).problems).message


def test_a_document_source_needs_its_text() -> None:
    data = {"document": "source:doc", "sources": [{"id": "source:doc", "title": "A report"}]}
    problem = only(parse_text(FILE, json.dumps(data)).problems)
    assert problem.path == "sources[0]"
    assert "needs text_file or text" in problem.message


def test_invalid_items_are_dropped_and_the_rest_kept() -> None:
    actors = [
        {"id": "actor:a", "name": "A", "kind": "state"},
        {"id": "actor:b", "name": "B", "kind": "empire"},
        {"id": "actor:c", "name": "C", "kind": "person"},
    ]
    parsed = parse_text(FILE, json.dumps(frame(actors=actors)))
    assert parsed.facts is not None
    assert [actor.id for actor in parsed.facts.actors] == ["actor:a", "actor:c"]
    assert parsed.positions["actors"] == [0, 2]
    assert parsed.broken == {"actor:b"}


def test_a_problem_about_a_kept_item_names_its_place_in_the_file() -> None:
    text = VALID + "  - id: actor:bad\n    name: B\n    kind: empire\n  - id: actor:ok\n"
    text += "    name: OK\n    kind: person\n"
    parsed = parse_text(FILE, text)
    # actor:ok is the second kept item but the third in the file.
    problem = parsed.problem(("actors", 1, "name"), "example")
    assert problem.path == "actors[2].name"
    assert problem.line == 15


def test_a_broken_frame_keeps_no_facts() -> None:
    parsed = parse_text(FILE, json.dumps({"document": "Not an id", "sources": []}))
    assert parsed.facts is None
    assert {p.path for p in parsed.problems} == {"document", "sources"}


def test_every_mistake_in_the_broken_file_is_reported_with_its_line() -> None:
    planned, problems = check([BROKEN])
    found = {(p.line, p.path) for p in problems}
    assert found == {
        (14, "actors[1].kind"),
        (19, "actors[2].quotes[0]"),
        (29, "statements[0].time.colour"),
        (45, "attacks[0].time"),
        (50, "attacks[0].targets[0].category"),
    }
    assert [p.line for p in problems] == sorted(p.line or 0 for p in problems)
    assert all(p.file == str(BROKEN) for p in problems)
    # The undefined speaker is left for the graph to answer, at the statement's place.
    [(parsed, plan)] = planned
    labels, location = plan.outside["actor:nobody-defined-this"]
    assert labels == {"Actor"}
    where = parsed.problem(location, "is neither in this file nor in the graph")
    assert (where.line, where.path) == (32, "statements[1].speaker")


def test_dotted_paths_index_lists_and_join_fields() -> None:
    assert dotted(("attacks", 0, "targets", 1, "category")) == "attacks[0].targets[1].category"
    assert dotted(()) == ""


def test_a_line_map_falls_back_to_the_enclosing_field() -> None:
    lines = LineMap({("actors",): 6, ("actors", 0): 7})
    assert lines.line(("actors", 0, "name")) == 7
    assert lines.line(("events", 0)) is None
