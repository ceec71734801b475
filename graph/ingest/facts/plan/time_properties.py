"""A resolved time as a node's properties, and as a source's version of it kept on its
evidence: written by the planner, derived again by graph/ingest/facts/rederive.py."""

from __future__ import annotations

import json
from typing import Any

from graph.domain.bounds import Bounds, span_seconds
from graph.ingest.facts.time_spec import TimeSpec


def time_spec_json(spec: TimeSpec, timezone: str | None, own: str | None) -> str:
    """How a time was said, in full, with the zone its file reads it in and why it is external
    whatever its anchor says."""
    said = spec.model_dump(mode="json", exclude_none=True)
    return json.dumps({"spec": said, "timezone": timezone, "own": own}, sort_keys=True)


def time_properties(
    spec: TimeSpec,
    bounds: Bounds,
    precision: str,
    where: tuple[str, ...],
    because: str | None,
    prefix: str = "",
) -> dict[str, Any]:
    """A time as node properties (prefixed for a fact's second time)."""

    def key(name: str) -> str:
        return prefix + name[0].upper() + name[1:] if prefix else name

    return {
        key("timeText"): spec.text,
        key("startEarliest"): bounds.start_earliest,
        key("startLatest"): bounds.start_latest,
        key("endEarliest"): bounds.end_earliest,
        key("endLatest"): bounds.end_latest,
        key("timePrecision"): precision,
        key("timeAnchor"): spec.anchor,
        key("timeOffset"): spec.offset,
        key("timeZone"): " ".join(where),
        key("timeExternal"): because is not None,
        key("timeExternalBecause"): because,
        # Indexed: the longest span bounds index seeks on startEarliest for "overlaps
        # a moment" (graph/store/constraints.py).
        key("spanSeconds"): span_seconds(bounds.start_earliest, bounds.end_latest),
    }


def time_said(props: dict[str, Any]) -> str | None:
    """A source's version of a time, as kept on its evidence (instants as ISO text)."""
    kept = {k: v for k, v in props.items() if k not in ("timeOffset", "timeSpec")}
    return json.dumps(kept, default=str, sort_keys=True) if kept else None
