"""The response cache's rules, without a server: what is a query, what a key holds, and
when an entry stops being served (a later change, its TTL, its place in the LRU)."""

from __future__ import annotations

import pytest

from api.response_cache import ResponseCache, cache_key, query_name


def test_only_queries_are_cached() -> None:
    assert query_name("{ version }", None) is not None
    assert query_name("query A { version } mutation B { x }", "A") is not None
    assert query_name("query A { version } mutation B { x }", "B") is None
    assert query_name("query A { version } query B { version }", None) is None  # which one?
    assert query_name("mutation { x }", None) is None
    assert query_name("subscription { x }", None) is None
    assert query_name("{ version", None) is None  # left to the standard path's error


def test_a_query_is_named_as_the_request_log_names_it() -> None:
    assert query_name("query Dashboard { version }", None) == "Dashboard"
    assert query_name("{ version }", None) == ""
    assert query_name("query A { version } mutation B { x }", "A") == "A"
    assert query_name("query A { version } mutation B { x }", "B") is None


def test_the_key_holds_document_operation_variables_and_role() -> None:
    key = cache_key("{ version }", None, {"b": 1, "a": 2}, "reader")
    assert key == cache_key("{ version }", None, {"a": 2, "b": 1}, "reader")
    assert key != cache_key("{ version }", None, {"a": 2, "b": 1}, "editor")
    assert key != cache_key("{ version }", "V", {"a": 2, "b": 1}, "reader")
    assert key != cache_key("{ version }", None, {"a": 3, "b": 1}, "reader")
    assert key != cache_key("{version}", None, {"a": 2, "b": 1}, "reader")


def test_an_entry_older_than_the_latest_change_is_not_served() -> None:
    cache = ResponseCache(ttl=60, size=10)
    key = cache_key("{ version }", None, None, "anonymous")
    cache.put(key, 7, {"version": "1"}, {})
    found = cache.get(key, 7)
    assert found is not None and found.data == {"version": "1"}
    assert cache.get(key, 8) is None
    assert cache.get(key, 7) is None  # dropped, not kept for later


def test_entries_expire_and_the_least_recently_used_go_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [1000.0]
    monkeypatch.setattr("api.response_cache.time.monotonic", lambda: now[0])
    cache = ResponseCache(ttl=5, size=2)
    a, b, c = (cache_key(d, None, None, "anonymous") for d in ("{a}", "{b}", "{c}"))
    cache.put(a, 1, "A", {})
    cache.put(b, 1, "B", {})
    assert cache.get(a, 1) is not None  # a is now the most recently used
    cache.put(c, 1, "C", {})
    assert cache.get(b, 1) is None and cache.get(a, 1) is not None
    now[0] += 6
    assert cache.get(a, 1) is None and cache.get(c, 1) is None


def test_a_change_log_that_goes_back_empties_the_cache() -> None:
    cache = ResponseCache(ttl=60, size=10)
    a, b = (cache_key(d, None, None, "anonymous") for d in ("{a}", "{b}"))
    cache.put(a, 9, "A", {})
    cache.put(b, 9, "B", {})
    assert cache.get(a, 9) is not None
    assert cache.get(a, 2) is None  # restored from a backup taken at change 2
    assert cache.get(b, 9) is None  # the log has since climbed back to 9: b is not trusted


def test_another_change_log_at_the_same_number_is_not_answered_from_the_old_one() -> None:
    # The graph emptied and written again: its new log numbers from 1 in a new epoch.
    cache = ResponseCache(ttl=60, size=10)
    key = cache_key("{ attacks { totalCount } }", None, None, "anonymous")
    cache.put(key, 1, {"attacks": {"totalCount": 120}}, {}, "first-log")
    assert cache.get(key, 1, "first-log") is not None
    assert cache.get(key, 1, "second-log") is None
    cache.put(key, 1, {"attacks": {"totalCount": 20}}, {}, "second-log")
    found = cache.get(key, 1, "second-log")
    assert found is not None and found.data == {"attacks": {"totalCount": 20}}
