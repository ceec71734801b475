"""Metric labels stay bounded whatever clients send."""

from __future__ import annotations

from api import metrics


def test_paths_outside_the_api_share_one_label() -> None:
    assert metrics.path_label("/graphql") == "/graphql"
    assert metrics.path_label("/assets/explorer.js") == "(other)"


def test_operations_without_a_name_or_with_a_bad_one_get_fixed_labels() -> None:
    assert metrics.operation_label(None) == ""
    assert metrics.operation_label("") == "(anonymous)"
    assert metrics.operation_label("not a name; DROP") == "(other)"
    assert metrics.operation_label("Attacks") == "Attacks"
