"""Where sources agree and differ, read from accounts rows as the accounts query returns them."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from graph.queries.accounts import AccountRow, FigureAccount, Member, Related, SourceEvidence
from graph.queries.disagreements import combined, corroboration, differences, versions

UTC = dt.UTC


def evidence(
    source: str, aspect: str = "existence", said: Any = None, **more: Any
) -> SourceEvidence:
    return SourceEvidence(
        source=source,
        kind=more.get("kind", "document"),
        publisher=more.get("publisher"),
        title=source,
        aspect=aspect,
        said=json.dumps(said, default=str) if said is not None else None,
        quotes=more.get("quotes", ["words"]),
        document=more.get("document", source),
    )


def time(start: dt.datetime, end: dt.datetime, text: str) -> dict[str, Any]:
    return {
        "timeText": text,
        "startEarliest": start,
        "startLatest": end,
        "endEarliest": start,
        "endLatest": end,
    }


def member(id: str, evidence: list[SourceEvidence], **more: Any) -> Member:
    return Member(
        id=id,
        labels=more.get("labels", ["Entity", "Attack"]),
        definedBy=more.get("definedBy"),
        name=more.get("name"),
        kind=None,
        category=None,
        timeText=None,
        startEarliest=None,
        startLatest=None,
        endEarliest=None,
        endLatest=None,
        speaker=more.get("speaker"),
        evidence=evidence,
        by=more.get("by", []),
        places=more.get("places", []),
        figures=more.get("figures", []),
        confirmed=[],
    )


def figure(id: str, value: int, source: str, reporter: str | None) -> FigureAccount:
    return FigureAccount(
        id=id,
        metric="launched",
        weapon="drone",
        category=None,
        value=value,
        qualifier="exact",
        definedBy=source,
        reporter=reporter,
        evidence=[evidence(source, quotes=[f"{value} drones"])],
    )


def test_two_counts_of_one_weapon_are_a_figure_disagreement_with_each_sources_words() -> None:
    row = AccountRow(
        id="attack:wave",
        members=[
            member(
                "attack:wave",
                [evidence("source:a", said={"name": "Wave"}), evidence("source:b", said={})],
                figures=[
                    figure("attack:wave/launched-drone", 145, "source:a", "actor:air-force"),
                    figure("attack:wave/launched-drone/b", 150, "source:b", "actor:president"),
                ],
            )
        ],
    )
    [found] = differences(row)
    assert (found.kind, found.about) == ("figure", "launched (drone)")
    assert {(c.value, c.source["source"], c.reporter) for c in found.claims} == {
        ("145", "source:a", "actor:air-force"),
        ("150", "source:b", "actor:president"),
    }
    assert {c.quotes for c in found.claims} == {("145 drones",), ("150 drones",)}


def test_one_count_told_by_two_sources_is_no_disagreement() -> None:
    row = AccountRow(
        id="attack:wave",
        members=[
            member(
                "attack:wave",
                [evidence("source:a")],
                figures=[
                    figure("f1", 145, "source:a", "actor:air-force"),
                    figure("f2", 145, "source:b", "actor:air-force"),
                ],
            )
        ],
    )
    assert differences(row) == []


def test_times_that_cannot_both_hold_conflict_and_overlapping_ones_narrow() -> None:
    night = time(
        dt.datetime(2025, 3, 18, 21, tzinfo=UTC),
        dt.datetime(2025, 3, 19, 4, tzinfo=UTC),
        "overnight",
    )
    morning = time(
        dt.datetime(2025, 3, 19, 2, tzinfo=UTC),
        dt.datetime(2025, 3, 19, 9, tzinfo=UTC),
        "by morning",
    )
    week_later = time(
        dt.datetime(2025, 3, 26, tzinfo=UTC), dt.datetime(2025, 3, 27, tzinfo=UTC), "on the 26th"
    )

    def row(second: dict[str, Any]) -> AccountRow:
        return AccountRow(
            id="attack:wave",
            members=[
                member(
                    "attack:wave",
                    [
                        evidence("source:a", said={"name": "Wave"}),
                        evidence("source:a", "time", said=night),
                        evidence("source:b", said={}),
                        evidence("source:b", "time", said=second),
                    ],
                )
            ],
        )

    agreeing = combined(versions(row(morning)))
    assert not agreeing.conflicting and agreeing.span is not None
    assert agreeing.span.start_earliest == dt.datetime(2025, 3, 19, 2, tzinfo=UTC)
    assert agreeing.span.end_latest == dt.datetime(2025, 3, 19, 4, tzinfo=UTC)
    assert differences(row(morning)) == []
    assert combined(versions(row(week_later))).conflicting
    [found] = differences(row(week_later))
    assert found.kind == "time"
    assert {c.value for c in found.claims} == {"overnight", "on the 26th"}


def test_places_that_nest_agree_and_places_apart_disagree() -> None:
    def place(id: str, broader: list[str], documents: list[str]) -> Related:
        return Related(id=id, name=id.split(":")[1], broader=broader, documents=documents)

    def row(second: Related) -> AccountRow:
        return AccountRow(
            id="attack:strike",
            members=[
                member(
                    "attack:strike",
                    [evidence("source:a", said={}), evidence("source:b", said={})],
                    places=[
                        place("location:dnipro", ["location:dnipropetrovsk"], ["source:a"]),
                        second,
                    ],
                )
            ],
        )

    nested = place("location:dnipropetrovsk", ["location:ukraine"], ["source:b"])
    assert differences(row(nested)) == []
    apart = place("location:sumy", ["location:ukraine"], ["source:b"])
    [found] = differences(row(apart))
    assert found.kind == "place"
    assert {c.value for c in found.claims} == {"dnipro", "sumy"}


def test_two_outlets_quoting_one_official_are_one_originator_of_a_statement() -> None:
    row = AccountRow(
        id="statement:s",
        members=[
            member(
                "statement:s",
                [
                    evidence("source:a", publisher="Outlet A"),
                    evidence("source:b", publisher="Outlet B"),
                ],
                labels=["Entity", "Statement"],
                speaker="actor:minister",
            )
        ],
    )
    found = corroboration(row)
    assert found.sources == ("source:a", "source:b")
    assert found.independent == ("actor:minister",)


def test_an_attack_told_by_two_outlets_is_independently_corroborated_but_not_by_outside_notes() -> (
    None
):
    row = AccountRow(
        id="attack:a",
        members=[
            member(
                "attack:a",
                [
                    evidence("source:a", publisher="Outlet A"),
                    evidence("source:b", publisher="Outlet B"),
                    evidence("source:calendar", kind="external"),
                ],
            )
        ],
    )
    found = corroboration(row)
    assert found.sources == ("source:a", "source:b")
    assert found.independent == ("Outlet A", "Outlet B")


def test_a_source_that_adds_only_words_and_a_time_has_its_own_version_not_the_definers() -> None:
    night = time(
        dt.datetime(2025, 3, 18, 21, tzinfo=UTC), dt.datetime(2025, 3, 19, 4, tzinfo=UTC), "night"
    )
    later = time(
        dt.datetime(2025, 3, 19, 1, tzinfo=UTC), dt.datetime(2025, 3, 19, 3, tzinfo=UTC), "1-3 am"
    )
    row = AccountRow(
        id="attack:wave",
        members=[
            member(
                "attack:wave",
                [
                    evidence("source:a", said={"name": "Wave"}),
                    evidence("source:a", "time", said=night),
                    evidence("source:b", said={}),
                    evidence("source:b", "time", said=later),
                ],
                name="Wave",
            )
        ],
    )
    found = {v.document: v for v in versions(row)}
    assert found["source:b"].fields == {}
    assert found["source:b"].time is not None and found["source:b"].time.text == "1-3 am"
    both = combined(list(found.values()))
    assert both.span is not None and both.span.start_earliest.hour == 1
