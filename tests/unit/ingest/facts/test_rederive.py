"""Times anchored on another source's fact, derived again from the anchor's present time."""

from __future__ import annotations

import datetime as dt

from graph.ingest.facts.plan.time_properties import time_spec_json
from graph.ingest.facts.rederive import DependentRow, derived
from graph.ingest.facts.time_spec import TimeSpec

UTC = dt.UTC
DAY_AFTER = TimeSpec(text="a day after the call", anchor="event:call", offset=dt.timedelta(days=1))


def row(start: dt.datetime | None, **more: object) -> DependentRow:
    end = start + dt.timedelta(days=1) if start else None
    return DependentRow(
        id="statement:later",
        evidence=None,
        spec=time_spec_json(DAY_AFTER, "Europe/Kyiv", None),
        anchor="event:call",
        present=bool(more.get("present", True)),
        startEarliest=start,
        startLatest=end,
        endEarliest=start,
        endLatest=end,
        precision="day",
        because=more.get("because"),  # type: ignore[typeddict-item]
        retracted=bool(more.get("retracted", False)),
    )


def test_a_moved_anchor_moves_the_time_by_the_same_offset_on_the_local_clock() -> None:
    first = derived(row(dt.datetime(2025, 3, 17, 22, tzinfo=UTC)))
    moved = derived(row(dt.datetime(2025, 3, 16, 22, tzinfo=UTC)))
    assert first["startEarliest"] == dt.datetime(2025, 3, 18, 22, tzinfo=UTC)
    assert first["startEarliest"] - moved["startEarliest"] == dt.timedelta(days=1)
    assert first["timeExternal"] is False


def test_an_external_anchor_makes_the_derived_time_external_and_says_why() -> None:
    found = derived(row(dt.datetime(2025, 3, 17, 22, tzinfo=UTC), because="comes from x"))
    assert found["timeExternal"] is True
    assert found["timeExternalBecause"] == "it is relative to event:call, whose time comes from x"


def test_a_retracted_anchor_is_named_in_the_derived_time() -> None:
    found = derived(row(dt.datetime(2025, 3, 17, 22, tzinfo=UTC), retracted=True))
    assert found["timeExternalBecause"] == "it is relative to event:call, whose time was retracted"


def test_a_gone_anchor_keeps_the_bounds_and_marks_them() -> None:
    found = derived(row(None, present=False))
    assert "startEarliest" not in found
    assert found["timeExternal"] is True
    assert "no longer in the graph" in found["timeExternalBecause"]
