"""The error hierarchy: every class carries a code the README documents, and only an
unavailable database is worth retrying."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from graph import errors
from graph.errors import (
    BadInputError,
    DeedgraphError,
    LoadError,
    Problem,
    UnavailableError,
)

README = Path(__file__).resolve().parents[2] / "README.md"

ERROR_CLASSES = sorted(
    (
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, DeedgraphError)
    ),
    key=lambda cls: cls.__name__,
)


def documented_codes() -> set[str]:
    text = README.read_text(encoding="utf-8")
    start = text.index("Every error carries `extensions.code`")
    paragraph = text[start : text.index("\n\n", start)]
    return set(re.findall(r"`([A-Z][A-Z_]+)`", paragraph))


def test_the_readme_documents_the_codes_clients_see() -> None:
    assert {"BAD_USER_INPUT", "NOT_FOUND", "INTERNAL", "UNAVAILABLE"} <= documented_codes()


def test_the_module_defines_the_whole_hierarchy() -> None:
    names = {cls.__name__ for cls in ERROR_CLASSES}
    assert {"ConfigError", "LoadError", "UnauthenticatedError", "ForbiddenError"} <= names


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda cls: cls.__name__)
def test_every_error_class_has_a_documented_code(cls: type[DeedgraphError]) -> None:
    assert cls.code in documented_codes()


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda cls: cls.__name__)
def test_only_unavailable_errors_are_retryable(cls: type[DeedgraphError]) -> None:
    error = cls([]) if cls is LoadError else cls("message")
    assert error.is_retryable() is issubclass(cls, UnavailableError)


def test_a_load_error_is_bad_user_input() -> None:
    assert issubclass(LoadError, BadInputError)
    assert LoadError.code == "BAD_USER_INPUT"


def test_a_load_error_lists_each_problem_on_its_own_line() -> None:
    error = LoadError(
        [Problem("a.yaml", 3, "actors[0].kind", "bad kind"), Problem("a.yaml", None, "", "x")]
    )
    assert str(error) == "a.yaml:3: actors[0].kind: bad kind\na.yaml: (file): x"
    assert error.summary == "2 problem(s) in the input; nothing was written"


def test_a_load_error_keeps_a_summary_it_is_given() -> None:
    assert LoadError([], "nothing to load").summary == "nothing to load"


def test_a_problem_without_a_line_names_only_the_file() -> None:
    assert str(Problem("f.csv", None, "rows", "empty")) == "f.csv: rows: empty"


def test_each_coded_error_answers_with_its_own_http_status() -> None:
    from graph import errors

    statuses = {
        cls.code: cls.http_status
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.DeedgraphError)
    }
    assert statuses == {
        "INTERNAL": 500,
        "UNAVAILABLE": 503,
        "TIMEOUT": 504,
        "NOT_FOUND": 404,
        "BAD_USER_INPUT": 400,
        "UNAUTHENTICATED": 401,
        "FORBIDDEN": 403,
    }
