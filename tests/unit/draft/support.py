"""Drafting a text written for a test: the facts as the loader would read them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from draft import Draft, GraphLookup, draft_report, read_report

PUBLISHED = dt.date(2025, 3, 19)  # a Wednesday


def draft(
    text: str, graph: GraphLookup | None = None, published: dt.date | None = PUBLISHED
) -> Draft:
    report = read_report(text, "test-report", published=published, timezone="Europe/Kyiv")
    return draft_report(report, graph)


def facts(
    text: str, graph: GraphLookup | None = None, published: dt.date | None = PUBLISHED
) -> dict[str, Any]:
    dumped: dict[str, Any] = draft(text, graph, published).facts.model_dump(
        mode="json", exclude_none=True
    )
    return dumped


def by_id(found: dict[str, Any], group: str) -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in found.get(group) or []}


def figures(found: dict[str, Any]) -> list[dict[str, Any]]:
    return [x for a in found.get("attacks") or [] for x in a.get("figures") or []]
