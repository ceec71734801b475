"""Planning a facts file: the nodes and relationships it writes, and every check against
itself and its source text (quotes, ids, references, categories, time anchors)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.domain.vocabulary import TARGET_CATEGORIES
from graph.errors import Problem
from graph.ingest.facts.parse import parse_facts, parse_text
from graph.ingest.facts.plan import Plan, plan_facts

ROOT = Path(__file__).resolve().parents[4]
SEED = ROOT / "seeds" / "000_28cd22a57464658d.facts.yaml"
FILE = Path("t.facts.yaml")
TEXT = (
    "On Tuesday the White House announced talks in Jeddah. "
    "Russia launched 145 drones overnight and hit the power grid."
)
QUOTED_TIME = {"text": "on Tuesday", "date": "2025-03-18", "quotes": ["On Tuesday"]}


def frame(**groups: Any) -> dict[str, Any]:
    source = {"id": "source:doc", "title": "A report", "text": TEXT}
    return {"document": "source:doc", "sources": [source], **groups}


def actor(id: str, quote: str = "Russia launched") -> dict[str, Any]:
    return {"id": id, "name": id, "kind": "state", "quotes": [quote]}


def event(id: str, **time: Any) -> dict[str, Any]:
    when = {"text": "then", "quotes": ["On Tuesday"], **time}
    return {"id": id, "name": id, "kind": "talks", "quotes": ["announced talks"], "time": when}


def statement(id: str, speaker: str, **more: Any) -> dict[str, Any]:
    return {
        "id": id,
        "kind": "announcement",
        "speaker": speaker,
        "text": "Talks.",
        "quotes": ["announced talks"],
        "time": QUOTED_TIME,
        **more,
    }


def attack(**more: Any) -> dict[str, Any]:
    return {
        "id": "attack:night",
        "name": "The night",
        "kind": "wave",
        "category": "air_drone_strike",
        "quotes": ["Russia launched 145 drones"],
        "time": {"text": "overnight", "date": "2025-03-19", "quotes": ["overnight"]},
        **more,
    }


def planned(data: dict[str, Any]) -> tuple[Plan, list[Problem]]:
    plan, problems = plan_facts(parse_text(FILE, json.dumps(data, indent=2)))
    assert plan is not None
    return plan, problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


@pytest.fixture(scope="module")
def seed() -> tuple[Plan, list[Problem]]:
    plan, problems = plan_facts(parse_facts(SEED))
    assert plan is not None
    return plan, problems


def test_the_seed_file_plans_without_problems(seed: tuple[Plan, list[Problem]]) -> None:
    assert seed[1] == []


def test_the_seed_file_plans_the_expected_nodes(seed: tuple[Plan, list[Problem]]) -> None:
    counts = {label: len(rows) for label, rows in seed[0].nodes.items()}
    assert counts == {
        "Source": 3,
        "Actor": 13,
        "Location": 11,
        "Event": 2,
        "Statement": 7,
        "Agreement": 4,
        "Attack": 5,
        "Target": 9,
        "Figure": 12,
    }


def test_the_seed_file_refers_to_nothing_outside_it(seed: tuple[Plan, list[Problem]]) -> None:
    assert seed[0].outside == {}


def test_every_seed_fact_is_supported_by_a_source(seed: tuple[Plan, list[Problem]]) -> None:
    plan = seed[0]
    supported = {row["start"] for row in plan.relationships["SUPPORTED_BY"]}
    facts = {id for id, label in plan.labels.items() if label != "Source"}
    assert facts <= supported


def test_seed_sources_carry_their_text_and_its_hash(seed: tuple[Plan, list[Problem]]) -> None:
    [document] = [r for r in seed[0].nodes["Source"] if r["props"]["kind"] == "document"]
    raw = SEED.with_name("000_28cd22a57464658d.txt").read_bytes()
    assert document["props"]["text"] == raw.decode("utf-8")
    assert document["props"]["contentHash"] == "sha256:" + hashlib.sha256(raw).hexdigest()


def test_a_quote_not_in_the_source_is_reported_with_its_path() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert '"145 drones of various types"' in text
    changed = text.replace('"145 drones of various types"', '"150 drones of various types"')
    # The same path as the seed, so that its text_file is found beside it.
    _, problems = plan_facts(parse_text(SEED, changed))
    problem = only(problems)
    assert problem.path == "attacks[0].figures[3].quotes[0]"
    assert "quote not found in source:report-000" in problem.message
    assert "150 drones of various types" in problem.message
    lines = changed.splitlines()
    assert problem.line is not None and "150 drones" in lines[problem.line - 1]


def test_quotes_match_despite_typographic_marks_and_white_space() -> None:
    data = frame(actors=[actor("actor:wh", "the  White\nHouse announced")])
    data["sources"][0]["text"] = (
        "On Tuesday the White House\u2019s aide said the White House announced"
    )
    data["actors"][0]["quotes"].append("White House's aide")
    assert planned(data)[1] == []


def test_a_fact_without_quotes_from_the_document_is_reported() -> None:
    data = frame(actors=[{"id": "actor:x", "name": "X", "kind": "state"}])
    problem = only(planned(data)[1])
    assert problem.path == "actors[0]"
    assert "needs quotes" in problem.message


def test_an_outside_fact_needs_no_quotes_and_is_marked_external() -> None:
    data = frame(actors=[{"id": "actor:x", "name": "X", "kind": "state", "source": "source:ext"}])
    data["sources"].append({"id": "source:ext", "kind": "external", "title": "Record"})
    plan, problems = planned(data)
    assert problems == []
    [support] = [r for r in plan.relationships["SUPPORTED_BY"] if r["start"] == "actor:x"]
    assert support["end"] == "source:ext" and support["props"]["external"] is True


def test_an_unknown_source_is_reported() -> None:
    data = frame(actors=[{**actor("actor:x"), "source": "source:nowhere"}])
    problem = only(planned(data)[1])
    assert problem.path == "actors[0].source"
    assert "unknown source 'source:nowhere'" in problem.message


def test_a_document_that_is_not_a_source_is_reported() -> None:
    data = {**frame(), "document": "source:other"}
    problem = only(plan_facts(parse_text(FILE, json.dumps(data)))[1])
    assert problem.path == "document"
    assert problem.message == "'source:other' is not one of the sources"


def test_a_duplicate_id_is_reported_at_the_second() -> None:
    problem = only(planned(frame(actors=[actor("actor:x"), actor("actor:x")]))[1])
    assert problem.path == "actors[1].id"
    assert "duplicate id 'actor:x'" in problem.message


def test_a_duplicate_id_across_groups_is_reported() -> None:
    data = frame(actors=[actor("actor:x")], events=[event("actor:x", date="2025-03-18")])
    problem = only(planned(data)[1])
    assert problem.path == "events[0].id"


def test_an_anchor_cycle_is_reported() -> None:
    events = [event("event:a", anchor="event:b", offset="P1D"), event("event:b", anchor="event:a")]
    problems = planned(frame(events=events))[1]
    assert problems, "a cycle must be reported"
    assert all("time anchors form a cycle" in p.message for p in problems)
    assert {p.path for p in problems} <= {"events[0].time.anchor", "events[1].time.anchor"}
    assert "event:a -> event:b" in problems[0].message


def test_an_anchor_to_itself_is_a_cycle() -> None:
    problem = only(planned(frame(events=[event("event:a", anchor="event:a")]))[1])
    assert "cycle" in problem.message


def test_a_relative_time_resolves_through_its_anchor() -> None:
    events = [event("event:b", anchor="event:a", offset="P2D"), event("event:a", date="2025-03-18")]
    plan, problems = planned(frame(events=events))
    assert problems == []
    props = {row["id"]: row["props"] for row in plan.nodes["Event"]}
    shift = props["event:b"]["startEarliest"] - props["event:a"]["startEarliest"]
    assert shift.days == 2
    assert props["event:b"]["timeAnchor"] == "event:a"


def test_an_anchor_that_is_not_timed_is_reported() -> None:
    data = frame(actors=[actor("actor:x")], events=[event("event:a", anchor="actor:x")])
    problems = planned(data)[1]
    assert any("'actor:x' is not a timed fact here" in p.message for p in problems)
    assert {p.path for p in problems} == {"events[0].time.anchor"}


def test_an_unknown_target_category_lists_the_known_ones() -> None:
    targets = [{"name": "Grid", "category": "rail_energy", "quotes": ["the power grid"]}]
    problem = only(planned(frame(attacks=[attack(targets=targets)]))[1])
    assert problem.path == "attacks[0].targets[0].category"
    assert "unknown target category 'rail_energy'" in problem.message
    assert all(name in problem.message for name in TARGET_CATEGORIES)


def test_an_unknown_scope_category_is_reported() -> None:
    agreement = {
        "id": "agreement:pause",
        "name": "Pause",
        "kind": "moratorium",
        "status": "proposed",
        "quotes": ["announced talks"],
        "time": QUOTED_TIME,
        "scope": ["energy_infrastructure", "bridges"],
    }
    problem = only(planned(frame(agreements=[agreement]))[1])
    assert problem.path == "agreements[0].scope[1]"


def test_a_reference_to_an_id_of_the_wrong_kind_is_reported() -> None:
    place = {"id": "location:jeddah", "name": "Jeddah", "kind": "settlement"}
    data = frame(
        locations=[{**place, "quotes": ["Jeddah"]}],
        statements=[statement("statement:s", "location:jeddah")],
    )
    problem = only(planned(data)[1])
    assert problem.path == "statements[0].speaker"
    assert "'location:jeddah' is a Location, expected an Actor" in problem.message


def test_ids_outside_the_file_land_in_outside_with_their_place() -> None:
    data = frame(statements=[statement("statement:s", "actor:elsewhere", about=["attack:z"])])
    plan, problems = planned(data)
    assert problems == []
    assert plan.outside["actor:elsewhere"] == ({"Actor"}, ("statements", 0, "speaker"))
    labels, location = plan.outside["attack:z"]
    assert "Attack" in labels and location == ("statements", 0, "about", 0)
    assert "actor:elsewhere" not in plan.labels


def test_targets_and_figures_get_default_ids() -> None:
    targets = [{"name": "Grid", "category": "power_grid", "quotes": ["the power grid"]}]
    figures = [{"metric": "lost_as_decoys", "weapon": "drone", "value": 145, "quotes": ["145"]}]
    plan, problems = planned(frame(attacks=[attack(targets=targets, figures=figures)]))
    assert problems == []
    assert plan.labels["attack:night/target/power_grid"] == "Target"
    assert plan.labels["attack:night/lost-as-decoys-drone"] == "Figure"
    [figure] = plan.nodes["Figure"]
    assert figure["props"]["attribution"] == "unattributed"
    assert {"start": "attack:night/target/power_grid", "end": "category:power_grid"} in [
        {"start": r["start"], "end": r["end"]} for r in plan.relationships["IN_CATEGORY"]
    ]


def test_two_figures_with_the_same_default_id_need_an_explicit_one() -> None:
    figures = [
        {"metric": "launched", "weapon": "drone", "value": n, "quotes": ["145"]} for n in (1, 2)
    ]
    problem = only(planned(frame(attacks=[attack(figures=figures)]))[1])
    assert problem.path == "attacks[0].figures[1]"
    assert "give this figure an explicit id" in problem.message


def test_a_text_file_is_refused_where_files_are_not_allowed() -> None:
    data = {
        "document": "source:doc",
        "sources": [{"id": "source:doc", "title": "D", "text_file": "x.txt"}],
    }
    _, problems = plan_facts(parse_text(FILE, json.dumps(data), files_allowed=False))
    assert only(problems).path == "sources[0].text_file"
    assert "not accepted here" in problems[0].message


def test_a_text_file_that_cannot_be_read_is_reported(tmp_path: Path) -> None:
    data = {
        "document": "source:doc",
        "sources": [{"id": "source:doc", "title": "D", "text_file": "x.txt"}],
    }
    problems = plan_facts(parse_text(tmp_path / "t.facts.yaml", json.dumps(data)))[1]
    assert only(problems).message.startswith("cannot read")


def test_an_unreadable_frame_has_no_plan() -> None:
    plan, problems = plan_facts(parse_text(FILE, "- not a mapping\n"))
    assert plan is None and len(problems) == 1


def test_plan_counts_nodes_and_relationships() -> None:
    plan, _ = planned(
        frame(actors=[actor("actor:a"), {**actor("actor:b"), "part_of": ["actor:a"]}])
    )
    # source + 2 actors; 2 SUPPORTED_BY + 1 PART_OF
    assert plan.count() == (3, 3)


# Honest time, roles and names.


def props_of(plan: Plan, label: str, id: str) -> dict[str, Any]:
    [row] = [row for row in plan.nodes[label] if row["id"] == id]
    props: dict[str, Any] = row["props"]
    return props


def test_a_time_anchored_on_an_external_one_is_external_through_every_anchor() -> None:
    outside = {"id": "source:calendar", "kind": "external", "title": "A calendar"}
    data = frame(
        events=[
            event("event:call", date="2025-03-18", source="source:calendar", quotes=[]),
            event("event:talks", anchor="event:call", offset="P1D"),
            event("event:later", anchor="event:talks", offset="P1D"),
        ]
    )
    data["sources"].append(outside)
    plan, problems = planned(data)
    assert problems == []
    later = props_of(plan, "Event", "event:later")
    assert later["timeExternal"] is True
    assert "event:talks" in later["timeExternalBecause"]
    assert "source:calendar" in later["timeExternalBecause"]


def test_a_supplied_year_makes_the_time_external_and_needs_an_external_source() -> None:
    outside = {"id": "source:calendar", "kind": "external", "title": "A calendar"}
    supplied = {"parts": ["year"], "source": "source:calendar"}
    data = frame(events=[event("event:talks", date="2025-03-11", supplied=supplied)])
    data["sources"].append(outside)
    plan, problems = planned(data)
    assert problems == []
    talks = props_of(plan, "Event", "event:talks")
    assert talks["timeExternal"] is True and "year" in talks["timeExternalBecause"]
    wrong = frame(
        events=[
            event(
                "event:talks",
                date="2025-03-11",
                supplied={"parts": ["year"], "source": "source:doc"},
            )
        ]
    )
    _, problems = planned(wrong)
    assert [p.message for p in problems] == ["must be a source of kind 'external'"]


def test_an_actor_has_one_role_per_agreement() -> None:
    party = {"actor": "actor:russia", "role": "rejected", "quotes": ["Russia launched"]}
    agreement = {
        "id": "agreement:talks",
        "name": "Talks",
        "kind": "talks_track",
        "status": "announced",
        "quotes": ["announced talks"],
        "time": QUOTED_TIME,
        "parties": [party, {**party, "role": "accepted"}],
    }
    _, problems = planned(frame(actors=[actor("actor:russia")], agreements=[agreement]))
    [problem] = problems
    assert problem.path == "agreements[0].parties[1].actor"
    assert "one role per actor" in problem.message


def test_a_name_two_entities_share_is_reported_and_loading_goes_on() -> None:
    place = {
        "id": "location:jeddah",
        "name": "Jeddah",
        "kind": "settlement",
        "aliases": ["Russia"],
        "quotes": ["talks in Jeddah"],
    }
    russia = {**actor("actor:russia"), "name": "Russia"}
    plan, problems = planned(frame(actors=[russia], locations=[place]))
    assert problems == []
    assert any("'Russia' names actor:russia and location:jeddah" in w for w in plan.warnings)


def test_an_alias_iso_gives_to_another_region_is_reported() -> None:
    country = {"id": "location:ua", "name": "Ukraine", "kind": "country", "quotes": ["Russia"]}
    region = {
        "id": "location:kyiv-region",
        "name": "Kyiv region",
        "kind": "region",
        "within": "location:ua",
        "aliases": ["Kyiv"],
        "quotes": ["Russia"],
    }
    plan, _ = planned(frame(locations=[country, region]))
    assert props_of(plan, "Location", "location:kyiv-region")["iso3166_2"] == "UA-32"
    assert any("'Kyiv'" in w and "UA-30" in w for w in plan.warnings)


def test_a_figure_without_a_number_and_a_partial_list_of_places_stay_so() -> None:
    figures = [
        {"metric": "injured", "quotes": ["Russia launched"]},
        {
            "metric": "launched",
            "value": 145,
            "weapon": "drone",
            "locations_partial": True,
            "quotes": ["145 drones"],
        },
    ]
    plan, problems = planned(frame(attacks=[attack(figures=figures)]))
    assert problems == []
    injured = props_of(plan, "Figure", "attack:night/injured")
    assert injured["value"] is None and injured["attribution"] == "unattributed"
    assert props_of(plan, "Figure", "attack:night/launched-drone")["locationsPartial"] is True


def test_a_claim_about_conduct_names_real_categories() -> None:
    conduct = {"by": "actor:russia", "denies": ["energy"]}
    data = frame(
        actors=[actor("actor:russia")],
        statements=[statement("statement:denial", "actor:russia", conduct=conduct)],
    )
    _, problems = planned(data)
    assert any("unknown target category 'energy'" in p.message for p in problems)


def test_a_drafted_fact_carries_its_mark_on_its_node_and_its_evidence() -> None:
    data = yaml.safe_load(SEED.read_text())
    data["actors"][0]["drafted"] = {"rule": "ner:gpe", "confidence": 0.8}
    parsed = parse_text(SEED, json.dumps(data, default=str))
    plan, problems = plan_facts(parsed)
    assert problems == [] and plan is not None
    actor = data["actors"][0]["id"]
    assert plan.rows[actor]["props"]["draftedRule"] == "ner:gpe"
    evidence = [
        r["props"]
        for r in plan.relationships["SUPPORTED_BY"]
        if r["start"] == actor and r["props"]["aspect"] == "existence"
    ]
    assert evidence and evidence[0]["draftedConfidence"] == 0.8
