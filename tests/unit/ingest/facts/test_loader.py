"""The loader's checks before anything is written: every file planned, every problem of every
file reported in file and line order; and the Cypher it writes with."""

from __future__ import annotations

import json
from pathlib import Path

from graph.errors import Problem
from graph.ingest.facts.contributions import merge_relationships
from graph.ingest.facts.json_schema import facts_json_schema
from graph.ingest.facts.loader import (
    NODE_LABELS,
    RELATIONSHIP_TYPES,
    by_place,
    check,
    create_relationships,
    merge_nodes,
    plan_all,
)
from graph.ingest.facts.parse import parse_text

ROOT = Path(__file__).resolve().parents[4]
SEED = ROOT / "seeds" / "000_28cd22a57464658d.facts.yaml"
BROKEN = ROOT / "tests" / "data" / "broken.facts.yaml"


def test_check_plans_every_file_and_reports_the_problems_of_all() -> None:
    planned, problems = check([SEED, BROKEN])
    assert [parsed.path for parsed, _ in planned] == [SEED, BROKEN]
    assert problems and {p.file for p in problems} == {str(BROKEN)}


def test_a_file_whose_frame_is_unreadable_is_not_planned() -> None:
    bad = parse_text(Path("bad.yaml"), "document: [")
    planned, problems = plan_all([bad])
    assert planned == []
    assert len(problems) == 1 and problems[0].file == "bad.yaml"


def test_problems_are_sorted_by_file_then_line() -> None:
    problems = [
        Problem("b.yaml", 2, "", "x"),
        Problem("a.yaml", 9, "", "x"),
        Problem("a.yaml", None, "", "x"),
        Problem("a.yaml", 3, "", "x"),
    ]
    assert [(p.file, p.line) for p in by_place(problems)] == [
        ("a.yaml", None),
        ("a.yaml", 3),
        ("a.yaml", 9),
        ("b.yaml", 2),
    ]


def test_every_label_and_type_the_seed_plans_can_be_written() -> None:
    [(_, plan)], _ = check([SEED])
    assert set(plan.nodes) <= set(NODE_LABELS)
    assert set(plan.relationships) <= set(RELATIONSHIP_TYPES)


def test_writes_take_rows_as_parameters() -> None:
    assert merge_nodes("Actor").startswith("UNWIND $rows AS row MERGE (n:Entity {id: row.id})")
    assert "SET n:Actor" in merge_nodes("Actor")
    assert "CREATE (a)-[r:PART_OF]->(b) SET r = row.props" in create_relationships("PART_OF")


def test_a_second_document_stating_a_relationship_joins_its_contributors() -> None:
    cypher = merge_relationships("PART_OF")
    assert "MERGE (a)-[r:PART_OF]->(b)" in cypher
    assert "ON MATCH SET r.contributors" in cypher
    assert "CREATE (a)-[r:SUPPORTED_BY]->(b)" in merge_relationships("SUPPORTED_BY")


def test_the_json_schema_describes_the_file_frame() -> None:
    schema = json.loads(facts_json_schema())
    assert schema["title"] == "deedgraph facts file"
    assert {"document", "sources"} <= set(schema["required"])
    assert schema["additionalProperties"] is False
    assert "railway_energy_infrastructure" in schema["description"]
