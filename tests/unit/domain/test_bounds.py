"""Spans stored beside time bounds (graph/domain/bounds.py)."""

from __future__ import annotations

import datetime as dt

from graph.domain.bounds import span_seconds

START = dt.datetime(2025, 3, 18, 21, 0, tzinfo=dt.UTC)


def test_a_moment_spans_no_seconds() -> None:
    assert span_seconds(START, START) == 0


def test_a_local_day_spans_its_seconds() -> None:
    assert span_seconds(START, START + dt.timedelta(days=1)) == 86_400


def test_a_part_second_counts_as_a_whole_one_so_the_longest_span_is_never_short() -> None:
    assert span_seconds(START, START + dt.timedelta(seconds=59, microseconds=1)) == 60
