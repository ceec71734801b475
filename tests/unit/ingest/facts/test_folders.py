"""Which files `deedgraph load DIR` loads from a folder, and in what order."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import LoadError
from graph.ingest.facts.folders import facts_files


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("document: x\n")
    return path


def test_a_folder_gives_its_facts_files_and_its_subfolders_in_path_order(tmp_path: Path) -> None:
    b = touch(tmp_path / "b.facts.yaml")
    a = touch(tmp_path / "a.facts.json")
    deeper = touch(tmp_path / "a" / "z.facts.yml")
    touch(tmp_path / "rules.yaml")  # YAML that is not facts: left alone
    touch(tmp_path / "notes.txt")
    touch(tmp_path / ".hidden" / "c.facts.yaml")
    assert facts_files([tmp_path]) == [deeper, a, b]


def test_files_are_kept_as_given_beside_folders(tmp_path: Path) -> None:
    one = touch(tmp_path / "one" / "x.facts.yaml")
    other = touch(tmp_path / "other.yaml")  # named by hand: loaded whatever its name
    assert facts_files([other, tmp_path / "one"]) == [other, one]


def test_a_folder_without_facts_files_is_a_problem_naming_it(tmp_path: Path) -> None:
    touch(tmp_path / "rules.yaml")
    with pytest.raises(LoadError) as caught:
        facts_files([tmp_path])
    [problem] = caught.value.problems
    assert problem.file == str(tmp_path)
    assert "holds no *.facts.yaml, *.facts.yml, *.facts.json file" in problem.message


def test_a_file_given_twice_is_a_problem_not_a_double_load(tmp_path: Path) -> None:
    path = touch(tmp_path / "x.facts.yaml")
    with pytest.raises(LoadError) as caught:
        facts_files([tmp_path, path])
    [problem] = caught.value.problems
    assert problem.file == str(path) and "more than once" in problem.message
