"""Each fact kind drafted from sentences written for the test, without a graph and against a
`Snapshot` of one: actors with whom they speak for, places with what they lie within,
statements with their speaker and kind, agreements with their parties' roles, attacks with
their places and attacker."""

from __future__ import annotations

import sys

import pytest

from draft import Snapshot
from draft.lookup import Known
from tests.unit.draft.support import by_id, facts


def test_a_person_with_a_title_speaks_for_the_state_of_the_adjective() -> None:
    actors = by_id(facts("Polish President Andrzej Duda said the talks would go on."), "actors")
    duda = actors["actor:andrzej-duda"]
    assert duda["kind"] == "person"
    assert duda["speaks_for"] == ["actor:poland"]
    assert actors["actor:poland"]["kind"] == "state"


def test_armed_forces_and_units_are_part_of_their_state() -> None:
    actors = by_id(
        facts("Russian forces attacked Ukraine overnight, Ukraine's Air Force reported."), "actors"
    )
    assert actors["actor:russian-armed-forces"]["part_of"] == ["actor:russia"]
    assert actors["actor:ukrainian-air-force"]["kind"] == "military_unit"


def test_a_capital_that_acts_is_its_state() -> None:
    actors = by_id(facts("Moscow rejected the proposal, while Kyiv agreed to it."), "actors")
    assert {"actor:russia", "actor:ukraine"} <= set(actors)
    assert "actor:kyiv" not in actors and "actor:moscow" not in actors


def test_a_region_is_drafted_once_as_a_region_not_as_its_country() -> None:
    locations = by_id(facts("Drones struck the Poltava region overnight."), "locations")
    poltava = locations["location:poltava-oblast"]
    assert (poltava["kind"], poltava["within"], poltava["iso3166_2"]) == (
        "region",
        "location:ukraine",
        "UA-53",
    )


def test_a_city_named_as_such_lies_within_its_region() -> None:
    locations = by_id(facts("A drone hit a school in the city of Zaporizhzhia."), "locations")
    city = locations["location:zaporizhzhia-city"]
    assert city["kind"] == "settlement"
    assert city["within"] == "location:zaporizhzhia-oblast"


def test_the_speaker_is_the_subject_of_the_reporting_verb_after_the_quote() -> None:
    statements = facts(
        "“We will respond,” Ukrainian Foreign Minister Andrii Sybiha said on Tuesday."
    )["statements"]
    assert [s["speaker"] for s in statements] == ["actor:andrii-sybiha"]
    assert statements[0]["kind"] == "claim"


def test_according_to_names_the_speaker_of_a_report() -> None:
    statement = facts("Russian drones damaged 12 homes, according to the Kharkiv regional police.")[
        "statements"
    ][0]
    assert (statement["speaker"], statement["kind"]) == ("actor:kharkiv-regional-police", "report")


def test_the_verb_gives_the_statement_kind() -> None:
    kinds = {
        s["kind"]
        for s in facts(
            "Ukrainian President Volodymyr Zelenskyy urged allies to send air defence. "
            "The Kremlin denied targeting civilians. "
            "Russian President Vladimir Putin accused Kyiv of sabotage."
        )["statements"]
    }
    assert kinds == {"appeal", "denial", "accusation"}


def test_an_agreement_gets_its_parties_roles_from_the_verbs() -> None:
    agreement = facts(
        "Ukraine accepted a US-proposed 30-day ceasefire. Russia declined the proposal."
    )["agreements"][0]
    roles = {(p["actor"], p["role"]) for p in agreement["parties"]}
    assert roles == {
        ("actor:united-states", "proposer"),
        ("actor:ukraine", "accepted"),
        ("actor:russia", "rejected"),
    }
    assert (agreement["duration"], agreement["status"]) == ("P30D", "rejected")


def test_a_person_agreeing_makes_their_state_the_party() -> None:
    agreement = facts(
        "Russian President Vladimir Putin agreed to a 30-day pause on strikes on energy "
        "infrastructure."
    )["agreements"][0]
    assert agreement["parties"][0]["actor"] == "actor:russia"
    assert agreement["scope"] == ["energy_infrastructure"]


def test_talks_on_a_ceasefire_are_a_talks_track_in_their_area() -> None:
    agreement = facts(
        "The White House announced technical discussions on a potential ceasefire in the Black Sea."
    )["agreements"][0]
    assert agreement["kind"] == "talks_track"
    assert agreement["area"] == ["location:black-sea"]
    assert agreement["parties"] == [
        {
            "actor": "actor:united-states",
            "role": "announced",
            "quotes": agreement["parties"][0]["quotes"],
        }
    ]


def test_a_bare_ceasefire_in_passing_is_not_an_agreement() -> None:
    assert not facts("Strikes go on despite calls for ceasefire.").get("agreements")


def test_an_incident_names_its_place_and_is_part_of_the_wave() -> None:
    attacks = by_id(
        facts(
            "Russian forces launched a massive drone attack on Ukraine overnight. "
            "In the Sumy region, a drone hit an energy facility."
        ),
        "attacks",
    )
    wave = next(a for a in attacks.values() if a["kind"] == "wave")
    incident = next(a for a in attacks.values() if a["kind"] == "incident")
    assert wave["by"] == ["actor:russian-armed-forces"]
    assert incident["locations"] == ["location:sumy-oblast"]
    assert incident["part_of"] == wave["id"]
    assert incident["targets"][0]["category"] == "energy_infrastructure"


def test_names_the_graph_holds_resolve_to_its_ids() -> None:
    graph = Snapshot(
        [
            Known("actor:volodymyr-zelenskyy", "Actor", "Volodymyr Zelenskyy", ("Zelenskyy",)),
            Known("location:sumy-oblast", "Location", "Sumy region", ("Sumy",), "region", "UA-59"),
        ]
    )
    found = facts("Ukrainian President Volodymyr Zelenskyy said drones hit the Sumy region.", graph)
    assert found["statements"][0]["speaker"] == "actor:volodymyr-zelenskyy"
    assert "actor:volodymyr-zelenskyy" not in by_id(found, "actors")
    assert "location:sumy-oblast" not in by_id(found, "locations")


def test_without_spacy_drafting_says_to_install_the_nlp_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from draft import nlp

    monkeypatch.setitem(sys.modules, "spacy", None)
    with pytest.raises(nlp.NlpMissingError, match="nlp"):
        nlp.pipeline.__wrapped__("not-a-model")


def test_without_a_trained_pipeline_the_rules_still_draft_and_say_so() -> None:
    from draft import draft_report, nlp, read_report
    from tests.unit.draft.support import PUBLISHED

    blank = nlp.pipeline.__wrapped__("not-a-model")
    assert blank.fallback is not None and "blank" in blank.fallback
    report = read_report(
        "Russian forces launched 40 drones at Ukraine overnight, the Ukrainian Air Force said.",
        "t",
        published=PUBLISHED,
    )
    drafted = draft_report(report, None, blank)
    assert drafted.facts.attacks and drafted.fallback == blank.fallback


def test_the_attacker_is_whoever_the_words_give_not_always_the_same_side() -> None:
    attack = facts("On the night of March 10, over 330 Ukrainian drones targeted Moscow.")[
        "attacks"
    ][0]
    assert attack["by"] == ["actor:ukraine"]
    assert attack["locations"] == ["location:moscow"]
    # "the night of March 10": the night before that day or after it
    assert attack["time"]["start"]["earliest"] == "2025-03-09T18:00:00"
    assert attack["time"]["end"]["latest"] == "2025-03-11T09:00:00"
    assert attack["figures"][0]["value"] == 330


def test_two_sides_delegations_speak_together_for_both_states() -> None:
    found = facts(
        "The talks will continue, says a joint statement following the meeting of the Polish "
        "and British delegations in Geneva."
    )
    group = by_id(found, "actors")["actor:polish-and-british-delegations-in-geneva"]
    assert group["kind"] == "group"
    assert group["speaks_for"] == ["actor:poland", "actor:united-kingdom"]
    assert [s["speaker"] for s in found["statements"]] == [group["id"]]


def test_the_platform_a_statement_was_posted_on_is_not_an_actor() -> None:
    found = facts("There were no casualties, the company Naftogaz said via the Telegram app.")
    assert "actor:telegram" not in by_id(found, "actors")


def test_he_added_goes_on_with_the_last_person_not_a_name_inside_the_quote() -> None:
    statements = facts(
        "“The grid is under fire again,” Energy Minister German Galushchenko wrote on Facebook. "
        "“Russia is trying to hurt ordinary people,” he added."
    )["statements"]
    assert [s["speaker"] for s in statements] == ["actor:german-galushchenko"]
    assert len(statements[0]["quotes"]) == 2


def test_a_subject_no_rule_names_is_not_replaced_by_a_guess() -> None:
    found = facts("Russia's military launched drones at Ukraine overnight, local officials said.")
    assert not found.get("statements")
